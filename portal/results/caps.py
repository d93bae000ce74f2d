"""Grade caps (评价等级封顶) that seed 004 makes binding; the total stays what the sheet computes.

- §二.3: 连续两次绩效监控审核不合格且拒不整改 → not 优/良.  Here: an unresolved 红标 (a 黄标 at one
  checkpoint still deviating at the next) on the project.
- §二.5: 审计、财会监督等检查发现问题 → not 优/良; 财政资金使用存在重大问题 → 差.
- §二.5: 真实性核查 finds an untrue core indicator → 一票否决, the self-evaluation is 差.

Every page reads ``Submission.grade``, which :func:`apply` keeps capped (``score_grade`` keeps the band of
the total, ``grade_cap`` the reasons), so score sheet, lists, exports and publications agree.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db

ORDER = ("优", "良", "中", "差")
SCORED_KINDS = ("self_evaluation", "department_evaluation", "third_party")


def worse(a: str, b: str) -> str:
    return a if ORDER.index(a) >= ORDER.index(b) else b


def caps_for(submission) -> list[tuple[str, str]]:
    """(highest grade allowed, reason in Chinese) that apply to ``submission``."""
    from portal.results.models import ProjectFinding, TruthCheck
    from portal.submissions.models import MonitoringFlag

    if submission.kind not in SCORED_KINDS or submission.project_id is None:
        return []
    out: list[tuple[str, str]] = []
    red = db.session.scalars(select(MonitoringFlag).where(
        MonitoringFlag.project_id == submission.project_id, MonitoringFlag.color == "red",
        MonitoringFlag.resolved_at.is_(None))).first()
    if red is not None:
        out.append(("中", f"连续两次绩效监控不合格且未整改到位（{red.checkpoint}月红标），不得评为“优”“良”"))
    for finding in db.session.scalars(select(ProjectFinding).where(
            ProjectFinding.project_id == submission.project_id).order_by(ProjectFinding.found_on)):
        where = f"{finding.source_label}发现问题（{finding.document_no or finding.found_on.isoformat()}）"
        if finding.severity == "major_funds":
            out.append(("差", f"{where}：财政资金使用存在重大问题，直接列入“差”"))
        else:
            out.append(("中", f"{where}，不得评为“优”“良”"))
    if submission.kind == "self_evaluation" and submission.id is not None:
        untrue = db.session.scalars(select(TruthCheck).where(
            TruthCheck.submission_id == submission.id, TruthCheck.outcome == "untrue")).first()
        if untrue is not None:
            out.append(("差", f"真实性核查：核心指标“{untrue.indicator.name}”完成情况不属实，一票否决"))
    return out


def capped(submission, score_grade: str | None) -> tuple[str | None, list[str]]:
    """The grade after caps and the reasons of the caps that lowered it (or would have)."""
    if score_grade is None:
        return None, []
    grade, reasons = score_grade, []
    for limit, reason in caps_for(submission):
        if ORDER.index(score_grade) < ORDER.index(limit):
            reasons.append(reason)
        grade = worse(grade, limit)
    return grade, reasons


def apply(submission) -> None:
    """Store the capped grade of a scored submission (its total untouched)."""
    if submission.score_grade is None and submission.grade is not None and not submission.grade_cap:
        submission.score_grade = submission.grade
    grade, reasons = capped(submission, submission.score_grade)
    submission.grade = grade
    submission.grade_cap = "；".join(reasons)


def reapply_for_project(project_id: int) -> None:
    """Re-cap every graded evaluation of a project (after a finding, flag or check changed)."""
    from portal.submissions.models import Submission

    db.session.flush()
    for submission in db.session.scalars(select(Submission).where(
            Submission.project_id == project_id, Submission.kind.in_(SCORED_KINDS),
            Submission.score_grade.is_not(None))):
        apply(submission)
    db.session.flush()
