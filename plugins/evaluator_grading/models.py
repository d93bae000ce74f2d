"""Engagements (委托), service relations, review panels (报告质量评审), satisfaction and firm ratings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import db
from portal.accounts.models import Organisation, User
from portal.projects.models import Project
from portal.submissions.models import Submission
from portal.util import utcnow

#: Kinds of service a firm may have rendered to a unit (each a conflict of interest).
RELATION_KINDS = {"audit": "审计", "bookkeeping": "代理记账", "consulting": "咨询",
                  "self_evaluation": "编制单位绩效自评"}


class Engagement(db.Model):
    """委托: the bureau engages a firm to evaluate one project, with a deadline and a contract amount."""

    __tablename__ = "evaluator_grading_engagements"
    __table_args__ = (UniqueConstraint("project_id", "firm_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    #: The report is due on this day (inclusive).
    deadline: Mapped[date] = mapped_column(Date)
    #: 合同金额 in 万元.
    contract_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    #: Written reason when the bureau engaged despite a conflict of interest (audited).
    override_reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: 撤销委托: when, by whom and why (a cancelled engagement stays in the register, out of every count).
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    #: ``evaluation`` (第三方评价) or ``reassessment`` (事前绩效评估的独立再评估, of ``exante_submission_id``).
    purpose: Mapped[str] = mapped_column(String(20), default="evaluation", server_default="evaluation")
    exante_submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), index=True)
    #: The firm's re-assessment: 支持 / 部分支持 / 不支持 (``support`` …), its opinion, when it was handed in.
    reassessment_conclusion: Mapped[str | None] = mapped_column(String(20))
    reassessment_opinion: Mapped[str] = mapped_column(Text, default="", server_default="")
    reassessment_at: Mapped[datetime | None]

    firm: Mapped[Organisation] = relationship(foreign_keys=[firm_id], lazy="joined")
    project: Mapped[Project] = relationship(lazy="joined")
    changes: Mapped[list[EngagementChange]] = relationship(order_by="EngagementChange.id", lazy="selectin")

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class EngagementChange(db.Model):
    """A correction of an engagement (报告截止日期, 合同金额): the old and new value, who, when and why."""

    __tablename__ = "evaluator_grading_engagement_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("evaluator_grading_engagements.id"), index=True)
    field: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[str] = mapped_column(String(40))
    new_value: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    changed_by: Mapped[User] = relationship()

    @property
    def field_label(self) -> str:
        return {"deadline": "报告提交截止日期", "amount": "合同金额（万元）"}.get(self.field, self.field)


class ServiceRelation(db.Model):
    """A service the firm rendered to a unit (audit, bookkeeping, consulting, its self-evaluation)."""

    __tablename__ = "evaluator_grading_service_relations"

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: The (last) year the service was rendered.
    year: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    firm: Mapped[Organisation] = relationship(foreign_keys=[firm_id], lazy="joined")
    unit: Mapped[Organisation] = relationship(foreign_keys=[unit_id], lazy="joined")

    @property
    def kind_label(self) -> str:
        return RELATION_KINDS.get(self.kind, self.kind)


class RubricItem(db.Model):
    """One item of the bureau's report-quality rubric for a year, with its points."""

    __tablename__ = "evaluator_grading_rubric_items"
    __table_args__ = (UniqueConstraint("bureau_id", "fiscal_year", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(100))
    points: Mapped[Decimal] = mapped_column(Numeric(6, 2))


PANEL_STATES = {"open": "评审中", "passed": "评审通过", "returned": "退回修改", "cancelled": "已作废"}


class Panel(db.Model):
    """A review panel on one round of a third-party report; its score is the mean of members' totals."""

    __tablename__ = "evaluator_grading_panels"
    __table_args__ = (UniqueConstraint("submission_id", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    #: Which hand-in of the report this panel scores (1 = first submission, 2 = after rework…).
    round: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(String(20), default="open", index=True)
    #: The bureau reviewer who formed the panel (and acts for it when the report is returned).
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))

    submission: Mapped[Submission] = relationship(lazy="joined")
    created_by: Mapped[User] = relationship()
    #: The members who score: those not replaced (a replaced member stays in ``replaced_members``).
    members: Mapped[list[PanelMember]] = relationship(
        back_populates="panel", cascade="all, delete-orphan", lazy="selectin", order_by="PanelMember.id",
        primaryjoin="and_(Panel.id == PanelMember.panel_id, PanelMember.replaced_at.is_(None))")
    replaced_members: Mapped[list[PanelMember]] = relationship(
        viewonly=True, lazy="selectin", order_by="PanelMember.id",
        primaryjoin="and_(Panel.id == PanelMember.panel_id, PanelMember.replaced_at.is_not(None))")

    @property
    def state_label(self) -> str:
        return PANEL_STATES.get(self.state, self.state)

    def member_for(self, user) -> PanelMember | None:
        return next((m for m in self.members if m.user_id == user.id), None)


class PanelMember(db.Model):
    """A bureau reviewer or expert on a panel; ``submitted_at`` set once their scores are in."""

    __tablename__ = "evaluator_grading_panel_members"
    __table_args__ = (UniqueConstraint("panel_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("evaluator_grading_panels.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    submitted_at: Mapped[datetime | None]
    total: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    #: 更换评审组成员: replaced before scoring, by whom and why (the row stays as the record).
    replaced_at: Mapped[datetime | None]
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    replace_reason: Mapped[str] = mapped_column(Text, default="")

    panel: Mapped[Panel] = relationship(back_populates="members")
    user: Mapped[User] = relationship(lazy="joined", foreign_keys=[user_id])
    scores: Mapped[list[PanelScore]] = relationship(cascade="all, delete-orphan", lazy="selectin",
                                                    order_by="PanelScore.id")


class PanelScore(db.Model):
    """A member's score and comment on one rubric item."""

    __tablename__ = "evaluator_grading_panel_scores"
    __table_args__ = (UniqueConstraint("member_id", "rubric_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("evaluator_grading_panel_members.id"), index=True)
    rubric_item_id: Mapped[int] = mapped_column(ForeignKey("evaluator_grading_rubric_items.id"))
    score: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    comment: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[RubricItem] = relationship(lazy="joined")


class SatisfactionRating(db.Model):
    """The evaluated unit's satisfaction with the firm's work on one engagement (1–5 per question)."""

    __tablename__ = "evaluator_grading_satisfaction"
    __table_args__ = (UniqueConstraint("engagement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("evaluator_grading_engagements.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: Question key → 1..5.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    engagement: Mapped[Engagement] = relationship(lazy="joined")


RATING_STATES = {"computed": "已计算（未开放）", "open": "草稿征求意见中", "final": "已定稿"}


class FirmRating(db.Model):
    """执业质量评价: one firm's yearly rating, from draft through the comment window to final."""

    __tablename__ = "evaluator_grading_ratings"
    __table_args__ = (UniqueConstraint("bureau_id", "firm_id", "fiscal_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    state: Mapped[str] = mapped_column(String(20), default="computed")
    #: Component scores on 0–100; ``None`` when there is no data (the weight is redistributed).
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    quality: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    effect: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    satisfaction: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    composite: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    level: Mapped[str | None] = mapped_column(String(2))
    #: Weights used, counts and per-engagement rows behind each component.
    breakdown: Mapped[dict] = mapped_column(JSON, default=dict)
    computed_at: Mapped[datetime | None]
    opened_at: Mapped[datetime | None]
    #: The firm may answer until this moment (UTC).
    window_closes_at: Mapped[datetime | None]
    #: Why the bureau ended the comment window before its date (empty when it ran its course).
    window_closed_early_reason: Mapped[str] = mapped_column(Text, default="")
    window_closed_early_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: The firm's answer; it may rewrite it (and attach files, owner_type ``firm_rating``) until the window closes.
    firm_response: Mapped[str] = mapped_column(Text, default="")
    responded_at: Mapped[datetime | None]
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    finalised_at: Mapped[datetime | None]
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Whether the bureau changed the draft when finalising, and why.
    is_changed: Mapped[bool] = mapped_column(default=False)
    change_reason: Mapped[str] = mapped_column(Text, default="")

    firm: Mapped[Organisation] = relationship(foreign_keys=[firm_id], lazy="joined")

    @property
    def state_label(self) -> str:
        return RATING_STATES.get(self.state, self.state)

    @property
    def has_data(self) -> bool:
        """Whether any component had data; a draft of only "—" has none."""
        return self.composite is not None

    def window_is_open(self, now: datetime) -> bool:
        return self.state == "open" and self.window_closes_at is not None and now <= self.window_closes_at
