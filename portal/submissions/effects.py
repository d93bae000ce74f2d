"""What follows from a submission's content: its scores, its readiness, and the effects of approval."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import current_app
from sqlalchemy import select

from portal import plugins
from portal.extensions import db
from portal.projects.models import execution_rate
from portal.scoring import compute
from portal.scoring.models import Framework
from portal.submissions.models import MonitoringFlag, Submission
from portal.targets.models import TargetVersion
from portal.util import utcnow


def current_targets(project) -> TargetVersion | None:
    """The newest approved (frozen) target version of a project."""
    return db.session.scalar(select(TargetVersion).where(
        TargetVersion.project_id == project.id, TargetVersion.is_frozen.is_(True))
        .order_by(TargetVersion.version_no.desc()).limit(1))


@dataclass
class ScoreSummary:
    """Totals of a submission: per level-1 (score, weight), total and grade, plus per-indicator rows."""

    by_level1: dict[str, tuple[Decimal, Decimal]]
    total: Decimal
    grade: str
    missing: list[str]
    indicator_rows: list | None = None
    #: The grade of the total alone, before caps (seed 004 §二.3/§二.5), and why it was capped.
    score_grade: str | None = None
    cap_reasons: list[str] | None = None


def indicator_rates(submission: Submission) -> dict[int, Decimal | None]:
    rates = {}
    for ind in submission.target_version.indicators if submission.target_version else []:
        result = submission.result_for(ind.id)
        rates[ind.id] = compute.completion_rate(
            ind.operator, ind.value, result.actual_value if result else None,
            result.judged_completion if result else None) if result else None
    return rates


def spent_rate(submission: Submission) -> Decimal | None:
    """执行率 reported in the submission (spent to date), else the project's own."""
    spent = (submission.data or {}).get("spent")
    if spent not in (None, ""):
        return execution_rate(Decimal(str(spent)), submission.project.budget)
    if submission.kind == "monitoring":
        return None  # spent to the checkpoint not yet reported: no rate (shown as —), not the year's
    return submission.project.execution_rate


def score_summary(submission: Submission) -> ScoreSummary | None:
    """Totals and the grade, capped by the rules of :mod:`portal.results.caps` (the total is never changed)."""
    from portal.results.caps import capped

    summary = _uncapped_summary(submission)
    if summary is not None:
        summary.score_grade = summary.grade
        summary.grade, summary.cap_reasons = capped(submission, summary.grade)
    return summary


def _uncapped_summary(submission: Submission) -> ScoreSummary | None:
    if submission.kind == "self_evaluation" and submission.target_version and submission.project.kind == "department":
        # 部门整体支出: the declared weights are the points (seed 002)
        from portal.department.scoring import department_summary

        return ScoreSummary(*department_summary(submission, spent_rate(submission)))
    if submission.kind == "self_evaluation" and submission.target_version:
        framework = db.session.get(Framework, submission.framework_id) if submission.framework_id else None
        level1 = framework.level1_weights() if framework else None
        rows, totals, total = compute.self_evaluation_scores(
            submission.target_version.indicators, indicator_rates(submission), spent_rate(submission), level1)
        allocation = compute.self_evaluation_allocation({i.level1 for i in submission.target_version.indicators},
                                                        level1)
        weights = {compute.EXECUTION_ITEM: compute.self_evaluation_weights(level1)[0], **allocation}
        by_level1 = {k: (v, compute.q2(weights.get(k, 0))) for k, v in totals.items()}
        return ScoreSummary(by_level1, total, compute.grade_for(total), [], rows)
    if submission.framework_id and submission.kind != "self_evaluation":
        framework = db.session.get(Framework, submission.framework_id)
        sheet = compute.sheet_totals(framework.items, {s.item_id: s.score for s in submission.scores})
        if not submission.scores:
            return None
        return ScoreSummary(sheet.by_level1, sheet.total, sheet.grade, sheet.missing)
    return None


def problems_before_submit(submission: Submission) -> list[str]:
    """Chinese reasons why a submission is not complete enough to hand in."""
    problems = []
    if submission.kind == "target_declaration":
        version = submission.target_version
        if version is None or not version.indicators:
            problems.append("请至少填写一条绩效指标")
        else:
            present = {i.level1 for i in version.indicators}
            for level1 in ("产出", "效益"):
                if level1 not in present:
                    problems.append(f"绩效目标须包含“{level1}”指标")
            if version.version_no > 1 and not version.reason.strip():
                problems.append("调整绩效目标须说明调整原因")
    if submission.kind == "monitoring" and (submission.data or {}).get("spent") in (None, ""):
        problems.append("请填写截至监控节点的执行数")
    if submission.kind in {"monitoring", "self_evaluation"}:
        missing = [i.name for i in submission.target_version.indicators if submission.result_for(i.id) is None
                   or (submission.result_for(i.id).actual_value is None
                       and submission.result_for(i.id).judged_completion is None
                       and not _explained_gap(submission, submission.result_for(i.id)))]
        if missing:
            problems.append("以下指标尚未填写完成值：" + "、".join(missing))
    if submission.kind in {"department_evaluation", "third_party"}:
        summary = score_summary(submission)
        if summary is None or summary.missing:
            hint = ("：已上传的报告未给出这些得分或所写得分超出分值，请在“编辑材料”中逐项填写"
                    if (submission.data or {}).get("report_attachment_id")
                    else "。请在“编辑材料”第一步上传评价报告，系统按报告填入评分表；报告未给出的得分请逐项填写")
            problems.append("评分表尚未填写完整" + (
                "（缺：" + "、".join(summary.missing) + "）" if summary and summary.missing else "") + hint)
    return problems


def _explained_gap(submission: Submission, result) -> bool:
    """部门整体支出's June report may leave an indicator without a mid-year value when it says why (seed 002:
    规上工业增加值 has none — the statistics come out after the checkpoint)."""
    return (submission.kind == "monitoring" and submission.project.kind == "department"
            and bool((result.note or "").strip()))


def on_approved(submission: Submission, user) -> None:
    """Freeze declared targets; evaluate monitoring deviations into flags."""
    if submission.kind == "target_declaration" and submission.target_version:
        version = submission.target_version
        version.is_frozen = True
        version.approved_at = utcnow()
    if submission.kind == "monitoring":
        raise_monitoring_flags(submission)
    if submission.kind in {"monitoring", "self_evaluation"}:
        from portal.execution.operations import record_from_submission

        record_from_submission(submission, user)  # the reported 到位数 / 执行数 become the project's


def monitoring_deviations(submission: Submission) -> list[str]:
    """Reasons this monitoring report deviates: execution lagging time, indicators off track."""
    threshold = Decimal(str(current_app.config["JIXIAO_MONITORING_DEVIATION"]))
    reasons = []
    rate = spent_rate(submission)
    gap = compute.execution_deviation(submission.checkpoint, rate)
    if gap > threshold:
        reasons.append(f"预算执行率 {rate or 0}% 低于时间进度 {compute.time_progress(submission.checkpoint)}%，"
                       f"偏差 {gap} 个百分点（阈值 {threshold}）")
    off_track = [r.indicator.name for r in submission.results if not r.expects_completion]
    if off_track:
        reasons.append("预计年底无法完成的指标：" + "、".join(off_track))
    return reasons


def raise_monitoring_flags(submission: Submission) -> None:
    """黄标 on a deviation; an earlier unresolved 黄标 still deviating becomes 红标; resolved otherwise."""
    reasons = monitoring_deviations(submission)
    open_flags = db.session.scalars(select(MonitoringFlag).where(
        MonitoringFlag.project_id == submission.project_id, MonitoringFlag.resolved_at.is_(None),
        MonitoringFlag.checkpoint < submission.checkpoint)).all()
    now = utcnow()
    if not reasons:
        for flag in open_flags:
            flag.resolved_at = now
        return
    earlier_yellow = next((f for f in open_flags if f.color == "yellow"), None)
    if earlier_yellow is not None:
        flag = MonitoringFlag(project_id=submission.project_id, submission_id=submission.id,
                              checkpoint=submission.checkpoint, color="red", escalates_id=earlier_yellow.id,
                              reason="上一监控节点的黄标未整改到位：" + "；".join(reasons))
        earlier_yellow.resolved_at = now
    else:
        flag = MonitoringFlag(project_id=submission.project_id, submission_id=submission.id,
                              checkpoint=submission.checkpoint, color="yellow", reason="；".join(reasons))
    db.session.add(flag)
    db.session.flush()
    plugins.notify_monitoring_flag(flag)
    from portal.results.caps import reapply_for_project

    reapply_for_project(submission.project_id)


def flags_for(project_ids) -> list[MonitoringFlag]:
    return list(db.session.scalars(select(MonitoringFlag).where(MonitoringFlag.project_id.in_(project_ids))
                                   .order_by(MonitoringFlag.created_at)))


def content_snapshot(submission: Submission) -> dict[str, str]:
    """What the owner wrote, field by field in the reader's words (compared across review rounds)."""
    from portal.files.queries import attachments_of

    data = submission.data or {}
    out: dict[str, str] = {}
    version = submission.target_version
    if submission.kind == "target_declaration" and version is not None:
        out["总体目标"] = version.overall_goal or ""
        out["调整原因"] = version.reason or ""
        for i in version.indicators:
            out[f"指标“{i.name}”"] = f"{i.level1}/{i.level2} {i.target_text} 权重{i.weight_text}"
    if submission.kind in {"monitoring", "self_evaluation"}:
        out["执行数"] = str(data.get("spent") or "")
        for r in submission.results:
            actual = r.actual_text or ("" if r.actual_value is None else f"{r.actual_value.normalize():f}")
            judged = "" if r.judged_completion is None else f" 完成程度{r.judged_completion.normalize():f}%"
            expects = "" if r.expects_completion else " 预计无法完成"
            out[f"指标“{r.indicator.name}”实际值"] = f"{actual}{judged}{expects}".strip()
            if r.note:
                out[f"指标“{r.indicator.name}”说明"] = r.note
    if submission.framework_id and submission.kind != "self_evaluation":
        framework = db.session.get(Framework, submission.framework_id)
        for item in framework.items:
            entry = submission.score_for(item.id)
            if entry is not None:
                out[f"评分“{item.name}”"] = f"{entry.score.normalize():f}"
        out["评价组成员"] = "、".join(data.get("team") or [])
    out["存在问题"] = "；".join(f.text for f in submission.findings if f.kind == "finding")
    out["有关建议"] = "；".join(f.text for f in submission.findings if f.kind == "recommendation")
    out["说明"] = str(data.get("summary") or "")
    out["附件"] = "、".join(a.filename for a in attachments_of("submission", submission.id))
    return {key: value for key, value in out.items() if value}


def changes_between(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Readable differences of two snapshots: “评分“X”：3 → 4”, “新增 指标“Y””, “删除 指标“Z””."""
    changes = []
    for key, value in after.items():
        if key not in before:
            changes.append(f"新增 {key}：{value}")
        elif before[key] != value:
            changes.append(f"{key}：{before[key]} → {value}")
    changes.extend(f"删除 {key}" for key in before if key not in after)
    return changes
