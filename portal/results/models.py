"""Findings of 审计 / 财会监督 / 检查 on a project, truthfulness draws and checks, the results-use list."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Organisation, User
from portal.extensions import db
from portal.projects.models import Project
from portal.submissions.models import Submission
from portal.targets.models import Indicator
from portal.util import utcnow

#: Who found the problem (seed 004 §二.5: 审计、财会监督等检查).
FINDING_SOURCES = {"audit": "审计", "fiscal_supervision": "财会监督", "inspection": "检查"}
#: ``general``: the grade cannot be 优/良; ``major_funds``: 财政资金使用存在重大问题, the grade is 差.
FINDING_SEVERITIES = {"general": "发现问题", "major_funds": "资金使用存在重大问题"}

CHECK_OUTCOMES = {"pending": "待核查", "verified": "属实", "unverifiable": "无法核实", "untrue": "不属实"}

ACTIONS = {"cut": "核减预算", "recover": "收回资金", "notify": "通报", "interview": "约谈", "none": "无"}


class ProjectFinding(db.Model):
    """A problem found on a project by audit (审计), 财会监督 or an inspection (检查), recorded by the bureau."""

    __tablename__ = "project_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    source: Mapped[str] = mapped_column(String(30))
    found_on: Mapped[date] = mapped_column(Date)
    #: 文号 of the audit report / decision, e.g. 阿审报〔2023〕12号.
    document_no: Mapped[str] = mapped_column(String(100), default="")
    severity: Mapped[str] = mapped_column(String(20), default="general")
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship(lazy="joined")

    @property
    def source_label(self) -> str:
        return FINDING_SOURCES.get(self.source, self.source)

    @property
    def severity_label(self) -> str:
        return FINDING_SEVERITIES.get(self.severity, self.severity)


class TruthDraw(db.Model):
    """A reproducible random draw of a year's approved self-evaluations for 真实性核查."""

    __tablename__ = "truth_draws"

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    share: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    seed: Mapped[int] = mapped_column(BigInteger)
    population: Mapped[int]
    submission_ids: Mapped[list] = mapped_column(JSON, default=list)
    drawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    drawn_by_name: Mapped[str] = mapped_column(String(100), default="")
    drawn_at: Mapped[datetime] = mapped_column(default=utcnow)

    checks: Mapped[list[TruthCheck]] = relationship(lazy="selectin", order_by="TruthCheck.id",
                                                    back_populates="draw")


class TruthCheck(db.Model):
    """One core indicator of a drawn self-evaluation and what the check found."""

    __tablename__ = "truth_checks"
    __table_args__ = (UniqueConstraint("draw_id", "submission_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(ForeignKey("truth_draws.id"), index=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    outcome: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    evidence: Mapped[str] = mapped_column(Text, default="")
    onsite: Mapped[bool] = mapped_column(Boolean, default=False)
    onsite_note: Mapped[str] = mapped_column(Text, default="")
    #: 项目负责人 held responsible for an untrue indicator (a person's name; never published).
    responsible_person: Mapped[str] = mapped_column(String(100), default="")
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_at: Mapped[datetime | None]

    draw: Mapped[TruthDraw] = relationship(back_populates="checks")
    submission: Mapped[Submission] = relationship(lazy="joined")
    indicator: Mapped[Indicator] = relationship(lazy="joined")
    checked_by: Mapped[User | None] = relationship()

    @property
    def outcome_label(self) -> str:
        return CHECK_OUTCOMES.get(self.outcome, self.outcome)


class ResultsUse(db.Model):
    """A project's row in the year's results-use list: the proposed action and 绩效科's decision."""

    __tablename__ = "results_use"
    __table_args__ = (UniqueConstraint("project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    grade: Mapped[str | None] = mapped_column(String(2))
    grade_note: Mapped[str] = mapped_column(Text, default="")
    proposed_action: Mapped[str] = mapped_column(String(20), default="none")
    proposed_ratio: Mapped[Decimal | None] = mapped_column(Numeric(5, 4))
    proposed_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    proposed_reason: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str | None] = mapped_column(String(20))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    reason: Mapped[str] = mapped_column(Text, default="")
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime | None]
    #: Next year's project carrying the cut, when linked by hand (else: same code, next year).
    next_project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))

    project: Mapped[Project] = relationship(lazy="joined", foreign_keys=[project_id])
    next_project: Mapped[Project | None] = relationship(foreign_keys=[next_project_id])
    confirmed_by: Mapped[User | None] = relationship()
    changes: Mapped[list[ResultsUseChange]] = relationship(lazy="selectin", order_by="ResultsUseChange.id")

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def proposed_label(self) -> str:
        return ACTIONS.get(self.proposed_action, self.proposed_action)

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action or "", "") if self.action else ""


class ResultsUseChange(db.Model):
    """The history of a results-use row: every confirmation or change, by whom, why."""

    __tablename__ = "results_use_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("results_use.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    reason: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)


__all__ = ["Organisation", "ProjectFinding", "ResultsUse", "ResultsUseChange", "TruthCheck", "TruthDraw"]
