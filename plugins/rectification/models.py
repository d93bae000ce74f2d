"""整改事项 (rectification items), their transitions (the audit trail) and the 抽查 sample draws."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import db
from portal.accounts.models import Organisation, User
from portal.projects.models import Project
from portal.submissions.models import Finding, MonitoringFlag, Submission
from portal.util import utcnow

STATES = {
    "open": "待整改",
    "in_progress": "整改中",
    "evidence_submitted": "待核验",
    "closed": "已销号",
}
#: CSS badge class of each state (portal.css colours; no plugin stylesheet needed).
STATE_BADGES = {"open": "draft", "in_progress": "submitted", "evidence_submitted": "review", "closed": "approved"}
SEVERITIES = {"major": "重大", "general": "一般", "minor": "轻微"}
SOURCE_KINDS = {"finding": "评价发现问题", "flag": "监控红标", "manual": "抽查发现", "truth": "真实性核查"}


class RectificationItem(db.Model):
    """One thing a unit must fix by a deadline (限期整改); the bureau verifies and closes it (销号)."""

    __tablename__ = "rectification_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The budget unit that must rectify.
    unit_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    #: ``finding`` (an approved evaluation's 问题), ``flag`` (a 红标) or ``manual`` (抽查).
    source_kind: Mapped[str] = mapped_column(String(20), index=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), index=True)
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"), unique=True)
    flag_id: Mapped[int | None] = mapped_column(ForeignKey("monitoring_flags.id"), unique=True)
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(20), default="general")
    #: 整改期限; overdue is derived from it, never stored.
    deadline: Mapped[date] = mapped_column(Date, index=True)
    #: 责任人 (a person's name; offered to de-identification, never published).
    responsible_person: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(30), default="open", index=True)
    #: The unit's latest account of what was done (整改情况说明).
    evidence_text: Mapped[str] = mapped_column(Text, default="")
    evidence_submitted_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    unit: Mapped[Organisation] = relationship(lazy="joined")
    project: Mapped[Project | None] = relationship(lazy="joined")
    submission: Mapped[Submission | None] = relationship()
    finding: Mapped[Finding | None] = relationship()
    flag: Mapped[MonitoringFlag | None] = relationship()
    transitions: Mapped[list[ItemTransition]] = relationship(
        lazy="selectin", order_by="ItemTransition.id", back_populates="item")

    @property
    def state_label(self) -> str:
        return STATES.get(self.state, self.state)

    @property
    def state_badge(self) -> str:
        return STATE_BADGES.get(self.state, "draft")

    @property
    def severity_label(self) -> str:
        return SEVERITIES.get(self.severity, self.severity)

    @property
    def source_label(self) -> str:
        return SOURCE_KINDS.get(self.source_kind, self.source_kind)

    def is_overdue_on(self, today: date) -> bool:
        """Not closed and past the deadline (逾期)."""
        return self.state != "closed" and self.deadline < today

    @property
    def closed_on(self) -> date | None:
        from plugins.rectification.dates import local_date

        return local_date(self.closed_at) if self.closed_at else None

    @property
    def is_closed_on_time(self) -> bool:
        return self.closed_on is not None and self.closed_on <= self.deadline

    @property
    def was_reopened(self) -> bool:
        return any(t.action == "reopen" for t in self.transitions)


class ItemTransition(db.Model):
    """The audit row of one change of an item: who, when, from, to, comment. Never changed."""

    __tablename__ = "rectification_item_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("rectification_items.id"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    #: ``None`` when the system acted (an item created from a 红标).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[RectificationItem] = relationship(back_populates="transitions")
    actor: Mapped[User | None] = relationship(lazy="joined")


class SampleDraw(db.Model):
    """A recorded random verification draw (10 % 随机抽查) of closed items: reproducible from its seed."""

    __tablename__ = "rectification_sample_draws"

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    share: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    seed: Mapped[int] = mapped_column(BigInteger)
    #: How many closed items the draw was made from.
    population: Mapped[int]
    #: The drawn item ids, in draw order.
    item_ids: Mapped[list] = mapped_column(JSON, default=list)
    drawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Who drew it, as a name (the CLI may run without a user account).
    drawn_by_name: Mapped[str] = mapped_column(String(100), default="")
    drawn_at: Mapped[datetime] = mapped_column(default=utcnow)
