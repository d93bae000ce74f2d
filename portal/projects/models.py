"""Project and its funding by source (中央 / 自治区 / 州 / 本级), amounts in 万元."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Organisation
from portal.extensions import db
from portal.util import utcnow

#: 项目支出 / 部门整体支出: both are evaluable objects.
KINDS = {"project": "项目支出", "department": "部门整体支出"}
CATEGORIES = ("一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算", "专项债券")
#: Funding sources in their customary order.
SOURCES = {"central": "中央", "region": "自治区", "prefecture": "州", "local": "本级"}

MONEY = Numeric(14, 2)


class Project(db.Model):
    """A project (or a unit's department-wide expenditure) of one fiscal year."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("code", "fiscal_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The bureau's project code; the same code in several years is the same project over time.
    code: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(20), default="project")
    category: Mapped[str] = mapped_column(String(40), default=CATEGORIES[0])
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: 事前绩效评估: ``None`` for a budgeted project; a proposed one (新增 / 追加) is ``proposed`` until 绩效科
    #: concludes ``approved`` (支持), ``partial`` (部分支持) or ``rejected`` (不支持). See portal/exante.
    exante_stage: Mapped[str | None] = mapped_column(String(20), index=True)
    #: ``new`` (新增项目) or ``addition`` (年中追加) for a proposed project.
    exante_kind: Mapped[str | None] = mapped_column(String(20))
    #: 专业性较强: 绩效科 may have it re-assessed by a firm whatever its amount.
    specialized: Mapped[bool] = mapped_column(default=False)

    unit: Mapped[Organisation] = relationship(lazy="joined")
    funding: Mapped[list[ProjectFunding]] = relationship(
        back_populates="project", cascade="all, delete-orphan", lazy="selectin",
        order_by="ProjectFunding.position")

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def _total(self, attr: str) -> Decimal:
        return sum((getattr(f, attr) for f in self.funding), Decimal("0.00"))

    @property
    def budget(self) -> Decimal:
        """预算数 over all sources."""
        return self._total("budget")

    @property
    def allocated(self) -> Decimal:
        """到位数 over all sources."""
        return self._total("allocated")

    @property
    def spent(self) -> Decimal:
        """执行数 over all sources."""
        return self._total("spent")

    @property
    def execution_rate(self) -> Decimal | None:
        """执行率 = spent ÷ budget, in percent with two places; ``None`` without a budget."""
        return execution_rate(self.spent, self.budget)

    def funding_for(self, source: str) -> ProjectFunding | None:
        return next((f for f in self.funding if f.source == source), None)

    def __repr__(self) -> str:
        return f"<Project {self.code} {self.fiscal_year}>"


def execution_rate(spent: Decimal, budget: Decimal) -> Decimal | None:
    if not budget:
        return None
    return (Decimal(spent) * 100 / Decimal(budget)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class ProjectFunding(db.Model):
    """Budget, allocated and spent amounts of one funding source, in 万元."""

    __tablename__ = "project_funding"
    __table_args__ = (UniqueConstraint("project_id", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)
    budget: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    allocated: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    spent: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))

    project: Mapped[Project] = relationship(back_populates="funding")

    @property
    def source_label(self) -> str:
        return SOURCES.get(self.source, self.source)
