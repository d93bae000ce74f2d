"""One submission model for declarations, monitoring, self-evaluation and evaluation reports."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Organisation, User
from portal.extensions import db
from portal.projects.models import Project
from portal.targets.models import Indicator, TargetVersion
from portal.util import utcnow

KINDS = {
    "target_declaration": "绩效目标申报",
    "monitoring": "绩效监控报告",
    "self_evaluation": "绩效自评",
    "department_evaluation": "部门评价",
    "third_party": "第三方评价报告",
    "exante": "事前绩效评估",
}
#: Kinds that carry per-indicator actual values.
INDICATOR_KINDS = {"monitoring", "self_evaluation"}
#: Kinds scored on an evaluation framework's score sheet.
SCORED_KINDS = {"self_evaluation", "department_evaluation", "third_party"}
#: Kinds that list findings and recommendations.
FINDING_KINDS = {"self_evaluation", "department_evaluation", "third_party", "monitoring"}

STATES = {
    "draft": "草稿",
    "submitted": "待初审",
    "review": "待审核",
    "returned": "已退回",
    "approved": "已通过",
    "withdrawn": "已撤回",
}
EDITABLE_STATES = {"draft", "returned"}
#: The default checkpoints only: a bureau's work calendar (portal.workcal.dates) says which apply in a year.
CHECKPOINTS = {5: "5月底", 8: "8月底"}
#: Starts the list of per-field comments copied into a return's transition comment.
FIELD_COMMENTS_MARK = "逐项意见："


class Submission(db.Model):
    """What a unit or firm hands in about a project, with its review state."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    #: The organisation that submits (the unit, or the engaged firm).
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    #: Monitoring checkpoint: 5 (end of May) or 8 (end of August).
    checkpoint: Mapped[int | None]
    #: The target version declared (declarations) or measured against (monitoring, self-evaluation).
    target_version_id: Mapped[int | None] = mapped_column(ForeignKey("target_versions.id"), index=True)
    framework_id: Mapped[int | None] = mapped_column(ForeignKey("frameworks.id"))
    #: Free structured data: summary, team members, report authors, spent-to-date (监控执行数)…
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Computed from the score sheet, never typed.
    total_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    grade: Mapped[str | None] = mapped_column(String(2))
    #: The grade the total alone gives, before a cap (封顶: 审计/财会监督 findings, failed monitoring,
    #: 真实性核查); ``grade`` is the capped one every page shows, ``grade_cap`` says why (empty: no cap).
    score_grade: Mapped[str | None] = mapped_column(String(2))
    grade_cap: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    #: When the 业务科室 first opened it since it was last submitted (cleared on each submission);
    #: until then the unit may take it back (撤回修改).
    section_opened_at: Mapped[datetime | None]
    section_opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: The approved record this one replaces (重新填报); approval of this one supersedes that one.
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), index=True)
    superseded_at: Mapped[datetime | None]
    #: ``kind:project[:checkpoint]`` while this is the active record of its kind (``…:r<id>`` for a pending
    #: replacement of record ``id``); cleared when withdrawn or superseded. Unique: no duplicate records,
    #: even from a form posted twice at once.
    active_key: Mapped[str | None] = mapped_column(String(80), unique=True)

    project: Mapped[Project] = relationship(lazy="joined")
    org: Mapped[Organisation] = relationship(lazy="joined")
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    target_version: Mapped[TargetVersion | None] = relationship()
    results: Mapped[list[IndicatorResult]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    scores: Mapped[list[ScoreEntry]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    findings: Mapped[list[Finding]] = relationship(cascade="all, delete-orphan", lazy="selectin",
                                                   order_by="Finding.position")
    transitions: Mapped[list[Transition]] = relationship(lazy="selectin", order_by="Transition.id",
                                                         back_populates="submission")
    comments: Mapped[list[ReviewComment]] = relationship(lazy="selectin", order_by="ReviewComment.id")
    replaces: Mapped[Submission | None] = relationship(remote_side=[id], foreign_keys=[replaces_id])

    @property
    def version_no(self) -> int:
        """第 N 版 among the records of the same kind, project and checkpoint (replacements count up)."""
        return 1 + (self.replaces.version_no if self.replaces is not None else 0)

    @property
    def root_id(self) -> int:
        """The first version's id: the item key its published result keeps across replacements."""
        return self.replaces.root_id if self.replaces is not None else self.id

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        if self.superseded_at is not None:
            return "已被替代"
        return STATES.get(self.state, self.state)

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        suffix = f"（{CHECKPOINTS.get(self.checkpoint, f'{self.checkpoint}月底')}）" if self.checkpoint else ""
        return f"{self.project.name} · {self.kind_label}{suffix}"

    def result_for(self, indicator_id: int) -> IndicatorResult | None:
        return next((r for r in self.results if r.indicator_id == indicator_id), None)

    def score_for(self, item_id: int) -> ScoreEntry | None:
        return next((s for s in self.scores if s.item_id == item_id), None)

    def field_label(self, key: str) -> str:
        """The reader's name of a commented field (``indicator:3`` → the indicator's name)."""
        kind, _, ref = key.partition(":")
        if kind == "indicator" and self.target_version is not None and ref.isdigit():
            attr = "position" if self.kind == "target_declaration" else "id"
            found = next((i for i in self.target_version.indicators if getattr(i, attr) == int(ref)), None)
            return f"指标“{found.name}”" if found else "指标"
        if kind == "score" and ref.isdigit():
            from portal.scoring.models import FrameworkItem

            item = db.session.get(FrameworkItem, int(ref))
            return f"评分“{item.name}”" if item else "评分"
        return {"general": "总体意见", "findings": "问题与建议", "files": "附件"}.get(key, key)

    @property
    def round(self) -> int:
        """第 N 轮: how many times it has been submitted (0 for a draft never submitted)."""
        return sum(1 for t in self.transitions if t.action == "submit")

    def round_changes(self) -> list[str] | None:
        """What changed since the last return, for a resubmission (``None`` for a first submission)."""
        return (self.data or {}).get("round_changes", {}).get(str(self.round))

    def last_return(self) -> Transition | None:
        return next((t for t in reversed(self.transitions) if t.to_state == "returned"), None)

    def return_comments(self, transition: Transition | None) -> dict[str, list[ReviewComment]]:
        """The comments of one return, by the field they concern (``general``: the overall opinion)."""
        out: dict[str, list[ReviewComment]] = {}
        if transition is None:
            return out
        general = transition.comment.split(FIELD_COMMENTS_MARK)[0].strip()
        if general:
            # The overall opinion, shown at the top like any field's comment (never saved twice).
            out["general"] = [ReviewComment(field="general", text=general)]
        for comment in self.comments:
            if comment.transition_id == transition.id:
                out.setdefault(comment.field, []).append(comment)
        return out

    def open_comments(self) -> dict[str, list[ReviewComment]]:
        """Comments of the latest return while the owner is still working on them (returned, or a draft
        taken back); once resubmitted they are history, shown as the previous round's."""
        if self.state not in EDITABLE_STATES:
            return {}
        return self.return_comments(self.last_return())


class IndicatorResult(db.Model):
    """An indicator's actual value (实际完成值) reported in monitoring or self-evaluation."""

    __tablename__ = "indicator_results"
    __table_args__ = (UniqueConstraint("submission_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    actual_value: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    actual_text: Mapped[str] = mapped_column(String(200), default="")
    #: For qualitative indicators: completion in percent as judged (定性指标完成程度).
    judged_completion: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    #: Monitoring: whether the unit expects to reach the target by year end.
    expects_completion: Mapped[bool] = mapped_column(default=True)
    #: 偏差原因 / explanation.
    note: Mapped[str] = mapped_column(Text, default="")

    indicator: Mapped[Indicator] = relationship(lazy="joined")


class ScoreEntry(db.Model):
    """One level-3 item's score on a score sheet (within the item's weight)."""

    __tablename__ = "score_entries"
    __table_args__ = (UniqueConstraint("submission_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("framework_items.id"))
    score: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    note: Mapped[str] = mapped_column(Text, default="")


class Finding(db.Model):
    """A finding (问题) or recommendation (建议) listed in a report."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="finding")  # finding | recommendation
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)

    submission: Mapped[Submission] = relationship(back_populates="findings")


class Transition(db.Model):
    """The audit row of one state change: who, when, from, to, comment. Never changed."""

    __tablename__ = "submission_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="transitions")
    actor: Mapped[User] = relationship(lazy="joined")


class ReviewComment(db.Model):
    """A reviewer's comment on one field of a returned submission (shown at that field)."""

    __tablename__ = "review_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    transition_id: Mapped[int] = mapped_column(ForeignKey("submission_transitions.id"))
    #: The field concerned: ``general``, ``indicator:<id>``, ``score:<item id>``, ``findings``, ``files``…
    field: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)


class MonitoringFlag(db.Model):
    """黄标 raised at a checkpoint on a deviation; escalated to 红标 when still unresolved later."""

    __tablename__ = "monitoring_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    checkpoint: Mapped[int]
    color: Mapped[str] = mapped_column(String(10))  # yellow | red
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    #: The yellow flag this red flag escalates.
    escalates_id: Mapped[int | None] = mapped_column(ForeignKey("monitoring_flags.id"))

    project: Mapped[Project] = relationship(lazy="joined")

    @property
    def label(self) -> str:
        return "红标" if self.color == "red" else "黄标"
