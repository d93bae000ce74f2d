"""A unit's yearly department-wide profile (职能, 内设机构, 编制与实有人数) and budget lines, in 万元."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Organisation
from portal.extensions import db
from portal.util import utcnow

MONEY = Numeric(14, 2)

#: The dimensions of a department-wide budget, in the order seed 000 / 002 present them.
DIMENSIONS = {
    "source": "资金来源",
    "nature": "支出性质",
    "function": "功能分类",
    "sangong": "“三公”经费",
}
#: Fixed names per dimension (功能分类 is open: the bureau's 类 names, e.g. 一般公共服务支出).
SOURCE_NAMES = ("中央", "自治区", "州", "本级")
NATURE_NAMES = ("基本支出", "项目支出")
SANGONG_NAMES = ("因公出国（境）费", "公务接待费", "公务用车购置及运行维护费")
FIXED_NAMES = {"source": SOURCE_NAMES, "nature": NATURE_NAMES, "sangong": SANGONG_NAMES}
#: 资金来源 name → the project funding source key (:data:`portal.projects.models.SOURCES`).
SOURCE_KEYS = {"中央": "central", "自治区": "region", "州": "prefecture", "本级": "local"}


def pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part ÷ whole`` in percent with two places; ``None`` when it cannot be told."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class DepartmentProfile(db.Model):
    """One unit's department-wide record of one fiscal year: profile and budget lines."""

    __tablename__ = "department_profiles"
    __table_args__ = (UniqueConstraint("unit_id", "fiscal_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    #: 部门主要职能.
    functions: Mapped[str] = mapped_column(Text, default="")
    #: 内设机构 (and 下属单位), as written.
    internal_bodies: Mapped[str] = mapped_column(Text, default="")
    #: 编制人数 / 实有人数 (在编).
    staff_authorised: Mapped[int | None] = mapped_column(Integer)
    staff_actual: Mapped[int | None] = mapped_column(Integer)
    #: 年度重点工作, free text.
    key_work: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit: Mapped[Organisation] = relationship(lazy="joined")
    lines: Mapped[list[DepartmentLine]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", lazy="selectin",
        order_by="DepartmentLine.position")

    def lines_of(self, dimension: str) -> list[DepartmentLine]:
        return [line for line in self.lines if line.dimension == dimension]

    def total(self, dimension: str, attr: str) -> Decimal | None:
        values = [getattr(line, attr) for line in self.lines_of(dimension)]
        if not values or all(v is None for v in values):
            return None
        return sum((v for v in values if v is not None), Decimal("0.00"))


class DepartmentLine(db.Model):
    """One line of a department-wide budget: 预算数, 执行数 and 上年执行数 (万元) of a source, a function, …"""

    __tablename__ = "department_lines"
    __table_args__ = (UniqueConstraint("profile_id", "dimension", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("department_profiles.id"), index=True)
    dimension: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(100))
    budget: Mapped[Decimal | None] = mapped_column(MONEY)
    spent: Mapped[Decimal | None] = mapped_column(MONEY)
    #: 上年执行数 (or, for 三公经费, 上年实际支出): the base of the year-on-year change.
    prior_spent: Mapped[Decimal | None] = mapped_column(MONEY)

    profile: Mapped[DepartmentProfile] = relationship(back_populates="lines")

    @property
    def execution_rate(self) -> Decimal | None:
        """执行率 (完成年度预算的 %, or the 三公经费 控制率)."""
        return pct(self.spent, self.budget)

    @property
    def change(self) -> Decimal | None:
        """较上年增减 (万元)."""
        if self.spent is None or self.prior_spent is None:
            return None
        return self.spent - self.prior_spent

    @property
    def change_rate(self) -> Decimal | None:
        """增长率 (%): change ÷ last year's; ``None`` when last year had nothing."""
        return pct(self.change, self.prior_spent)
