"""Execution records: a project's 到位数 / 执行数 per funding source as of a date, and who said so.

A record holds the full per-source figures as of its date (not a delta).  The newest record by
``as_of`` (then by entry) is the project's current execution: it is written through to
:class:`portal.projects.models.ProjectFunding`, so every list, page, export and dashboard that reads
``project.spent`` / ``project.execution_rate`` shows the latest approved figure.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.projects.models import MONEY, SOURCES, execution_rate
from portal.util import utcnow

#: Where a record came from → Chinese label.
ORIGINS = {
    "creation": "项目建立时",
    "monitoring": "绩效监控报告（已审核）",
    "self_evaluation": "绩效自评（已审核）",
    "form": "财政局更新",
    "final_accounts": "决算导入",
}


class ExecutionRecord(db.Model):
    """到位数 / 执行数 of a project as of one date (an approved figure: records are never edited)."""

    __tablename__ = "execution_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    as_of: Mapped[date] = mapped_column(index=True)
    origin: Mapped[str] = mapped_column(String(20))
    #: The approved monitoring report / self-evaluation the figures come from.
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    lines: Mapped[list[ExecutionLine]] = relationship(
        back_populates="record", cascade="all, delete-orphan", lazy="selectin", order_by="ExecutionLine.position")
    created_by = relationship("User", lazy="joined")

    @property
    def origin_label(self) -> str:
        return ORIGINS.get(self.origin, self.origin)

    @property
    def allocated(self) -> Decimal:
        return sum((line.allocated for line in self.lines), Decimal("0.00"))

    @property
    def spent(self) -> Decimal:
        return sum((line.spent for line in self.lines), Decimal("0.00"))

    def rate(self, budget: Decimal) -> Decimal | None:
        return execution_rate(self.spent, budget)

    def line_for(self, source: str) -> ExecutionLine | None:
        return next((line for line in self.lines if line.source == source), None)


class ExecutionLine(db.Model):
    """One funding source's 到位数 / 执行数 in a record (万元)."""

    __tablename__ = "execution_lines"
    __table_args__ = (UniqueConstraint("record_id", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("execution_records.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)
    allocated: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    spent: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))

    record: Mapped[ExecutionRecord] = relationship(back_populates="lines")

    @property
    def source_label(self) -> str:
        return SOURCES.get(self.source, self.source)
