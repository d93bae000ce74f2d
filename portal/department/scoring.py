"""The department-wide self-evaluation table (部门整体支出绩效自评表, seed 002).

Each indicator scores its declared weight (分值) × its completion rate, capped at 100 %; 预算执行率 scores
its 10 points × the year's execution rate.  The declared weights total 90, so the table totals 100 and the
grade follows the usual bands.  Seed 002: 10 + 20 + 20 + 20 + 18.65 + 9.31 = 97.96 (优).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from portal.scoring import compute

#: Points of 预算执行率 in a department-wide self-evaluation; the indicators share the rest.
EXECUTION_POINTS = Decimal(10)
INDICATOR_POINTS = Decimal(90)


@dataclass
class DepartmentRow:
    indicator_id: int
    points: Decimal
    #: 指标完成率 as the table shows it (not capped: seed 002 shows 120.2 %, 146.08 %).
    completion: Decimal | None
    score: Decimal
    #: 年中绩效运行监控完成值 (text with its unit), or "" without a June report.
    midyear: str = ""


def department_scores(indicators, actuals: dict[int, tuple[Decimal | None, Decimal | None]],
                      execution_rate: Decimal | None) -> tuple[list[DepartmentRow], dict[str, Decimal], Decimal]:
    """(rows, totals per part, total); ``actuals`` maps indicator id → (actual value, judged completion)."""
    rows, indicator_total = [], Decimal(0)
    for ind in indicators:
        actual, judged = actuals.get(ind.id, (None, None))
        shown = compute.completion_rate(ind.operator, ind.value, actual, judged, cap=None)
        capped = compute.completion_rate(ind.operator, ind.value, actual, judged)
        points = Decimal(ind.weight or 0)
        score = points * (capped or Decimal(0)) / compute.HUNDRED
        indicator_total += score
        rows.append(DepartmentRow(ind.id, compute.q2(points), shown, compute.q2(score)))
    execution = EXECUTION_POINTS * min(Decimal(execution_rate or 0), compute.HUNDRED) / compute.HUNDRED
    totals = {compute.EXECUTION_ITEM: compute.q2(execution), "绩效指标": compute.q2(indicator_total)}
    return rows, totals, compute.q2(execution + indicator_total)


def midyear_values(submission) -> dict[int, str]:
    """年中监控值 per indicator: from the approved (else the latest) June report on the same targets."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.submissions.models import Submission

    reports = list(db.session.scalars(select(Submission).where(
        Submission.project_id == submission.project_id, Submission.kind == "monitoring",
        Submission.state.in_(("approved", "review", "submitted")), Submission.superseded_at.is_(None))
        .order_by(Submission.id.desc())))
    report = next((r for r in reports if r.state == "approved"), reports[0] if reports else None)
    if report is None:
        return {}
    by_name = {}
    for result in report.results:
        ind = result.indicator
        if result.actual_value is not None:
            by_name[ind.name] = f"{result.actual_value.normalize():f}{ind.unit}"
        elif result.actual_text:
            by_name[ind.name] = result.actual_text
    return {i.id: by_name.get(i.name, "") for i in submission.target_version.indicators}


def department_summary(submission, execution_rate: Decimal | None):
    """(by part (score, points), total, grade, missing, rows) of a department-wide self-evaluation."""
    indicators = submission.target_version.indicators
    actuals = {}
    for ind in indicators:
        result = submission.result_for(ind.id)
        if result is not None:
            actuals[ind.id] = (result.actual_value, result.judged_completion)
    rows, totals, total = department_scores(indicators, actuals, execution_rate)
    midyear = midyear_values(submission)
    for row in rows:
        row.midyear = midyear.get(row.indicator_id, "")
    weight_sum = compute.q2(sum((Decimal(i.weight or 0) for i in indicators), Decimal(0)))
    by_part = {compute.EXECUTION_ITEM: (totals[compute.EXECUTION_ITEM], compute.q2(EXECUTION_POINTS)),
               "绩效指标": (totals["绩效指标"], weight_sum)}
    return by_part, total, compute.grade_for(total), [], rows
