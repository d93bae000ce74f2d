"""再评估: 绩效科 engages a firm to re-assess a major or 专业性较强 project's ex-ante assessment
(seed 004 §二.1); the firm's report and conclusion join the review on the assessment's page."""

from __future__ import annotations

from datetime import date

from flask import render_template
from markupsafe import Markup
from sqlalchemy import select

from plugins.evaluator_grading import operations, queries
from plugins.evaluator_grading.models import Engagement
from portal import db
from portal.audit.operations import record
from portal.exante import rules
from portal.hooktypes import Section
from portal.util import utcnow

PURPOSE = "reassessment"
OWNER_TYPE = "engagement_reassessment"


def of_submission(submission) -> list[Engagement]:
    """The re-assessments of an ex-ante assessment still standing (not cancelled)."""
    return list(db.session.scalars(select(Engagement).where(
        Engagement.exante_submission_id == submission.id, Engagement.cancelled_at.is_(None))
        .order_by(Engagement.id)))


def may_engage(submission, user) -> bool:
    return (queries.is_rater(user) and submission.kind == rules.KIND
            and submission.state in ("submitted", "review")
            and submission.project.unit.parent_id == user.bureau_id
            and rules.may_reassess(submission.project, rules.amount_of(submission)))


def engage(submission, user, *, firm, deadline: date | None, amount, override_reason: str = "") -> Engagement:
    """Engage ``firm`` for the re-assessment of ``submission`` (a 重大 or 专业性较强 project only)."""
    if not may_engage(submission, user):
        raise operations.GradingError(
            f"只有重大项目（申请金额超过 {rules.major_amount()} 万元）或专业性较强的项目，"
            "在审核期间可以委托第三方机构再评估")
    engagement, = operations.engage(firm=firm, projects=[submission.project], deadline=deadline, amount=amount,
                                    user=user, override_reason=override_reason)
    engagement.purpose = PURPOSE
    engagement.exante_submission_id = submission.id
    db.session.flush()
    return engagement


def file_report(engagement: Engagement, user, *, conclusion: str, opinion: str) -> None:
    """The firm hands in its re-assessment: conclusion and opinion (the report is attached beforehand)."""
    from portal.files.queries import attachments_of

    if engagement.purpose != PURPOSE or engagement.firm_id != user.org_id or not user.has_role("firm_editor"):
        raise operations.GradingError("只有受托的第三方机构可以提交再评估结论")
    if engagement.is_cancelled:
        raise operations.GradingError("委托已撤销，不能提交")
    if engagement.reassessment_at is not None:
        raise operations.GradingError("再评估结论已提交，不能修改")
    if conclusion not in rules.CONCLUSIONS:
        raise operations.GradingError("请选择再评估结论：支持、部分支持或不支持")
    opinion = (opinion or "").strip()
    if not opinion:
        raise operations.GradingError("请填写再评估意见")
    if not attachments_of(OWNER_TYPE, engagement.id):
        raise operations.GradingError("请先上传再评估报告（DOCX 或 PDF）")
    engagement.reassessment_conclusion, engagement.reassessment_opinion = conclusion, opinion[:5000]
    engagement.reassessment_at = utcnow()
    record("evaluator_grading_reassessment", user=user, target_type="engagement", target_id=engagement.id,
           conclusion=rules.CONCLUSIONS[conclusion])


def guard(submission, action: str) -> str | None:
    """绩效科 concludes only once every re-assessment it ordered is in."""
    if submission.kind != rules.KIND or action != "approve":
        return None
    waiting = [e.firm.name for e in of_submission(submission) if e.reassessment_at is None]
    return f"第三方机构（{'、'.join(waiting)}）的再评估结论尚未提交，不能出具审核结论" if waiting else None


def submission_sections(submission, user) -> list[Section]:
    if submission.kind != rules.KIND or not queries.is_bureau(user):
        return []
    engagements = of_submission(submission)
    may = may_engage(submission, user)
    if not engagements and not may:
        return []
    from portal.accounts.queries import organisations_of_kind
    from portal.files.queries import attachments_of

    body = render_template("evaluator_grading/_reassessment_section.html", submission=submission,
                           engagements=[(e, attachments_of(OWNER_TYPE, e.id)) for e in engagements],
                           may_engage=may, conclusions=rules.CONCLUSIONS,
                           firms=organisations_of_kind(user.bureau_id, "firm") if may else [])
    return [Section("第三方再评估", Markup(body), order=20)]


def firm_may_read(engagement_id: int, user) -> bool:
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None:
        return False
    if queries.is_bureau(user):
        return engagement.bureau_id == user.bureau_id
    return engagement.firm_id == user.org_id
