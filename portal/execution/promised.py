"""Promised against achieved: an evaluation result's indicator table and its execution figures, for publishing.

Built from approved records only; the public site de-identifies every string of it (reasons included)
and freezes it in the publication.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from portal.execution.operations import latest
from portal.extensions import db
from portal.scoring.compute import EXECUTION_ITEM, completion_rate
from portal.submissions.models import Submission

#: Title and headers of the self-evaluation's indicator table as published (the public page reads them).
TABLE_TITLE = "绩效指标完成情况"
HEADERS = ["一级指标", "二级指标", "三级指标", "指标值", "中期监控值", "实际完成值", "完成率（%）", "分值", "得分",
           "偏差", "偏差原因"]


def _num(value: Decimal | None) -> str:
    return "" if value is None else f"{Decimal(value).normalize():f}"


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{Decimal(value):.2f}"


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{Decimal(value):.2f}%"


def mid_year_report(submission: Submission) -> Submission | None:
    """The latest approved monitoring report of the same project (the 中期 / 年中 monitored values)."""
    return db.session.scalar(select(Submission).where(
        Submission.project_id == submission.project_id, Submission.kind == "monitoring",
        Submission.state == "approved", Submission.superseded_at.is_(None))
        .order_by(Submission.checkpoint.desc(), Submission.id.desc()).limit(1))


def _results_by_name(report: Submission | None) -> dict:
    if report is None:
        return {}
    return {r.indicator.name: r for r in report.results}


def actual_text(indicator, result) -> str:
    if result is None:
        return ""
    if result.actual_value is not None:
        return f"{_num(result.actual_value)}{indicator.unit}"
    if result.judged_completion is not None:
        return f"{result.actual_text or '完成程度'}（{_num(result.judged_completion)}%）" if result.actual_text \
            else f"完成程度 {_num(result.judged_completion)}%"
    return result.actual_text or ""


def deviation_text(indicator, result) -> str:
    """Actual minus expected, signed, in the indicator's unit (qualitative: the judged shortfall)."""
    if result is None:
        return ""
    if indicator.operator != "定性" and indicator.value is not None and result.actual_value is not None:
        gap = Decimal(result.actual_value) - Decimal(indicator.value)
        return "无偏差" if gap == 0 else f"{'+' if gap > 0 else ''}{_num(gap)}{indicator.unit}"
    if result.judged_completion is not None:
        gap = Decimal(result.judged_completion) - 100
        return "无偏差" if gap >= 0 else f"{_num(gap)}个百分点"
    return ""


def indicator_table(submission: Submission, summary) -> list[list[str]] | None:
    """The self-evaluation's table: each indicator with expected, mid-year, actual value, completion rate,
    points, score, deviation and its stated reason; first the 预算执行率 item. ``None`` for other kinds."""
    from portal.submissions.effects import spent_rate

    if submission.kind != "self_evaluation" or submission.target_version is None or summary is None:
        return None
    mid = mid_year_report(submission)
    mid_results = _results_by_name(mid)
    rows = [list(HEADERS)]
    execution_score, execution_points = summary.by_level1.get(EXECUTION_ITEM, (None, None))
    rate = spent_rate(submission)
    mid_rate = spent_rate(mid) if mid is not None else None
    rows.append([EXECUTION_ITEM, "", EXECUTION_ITEM, "100%", _percent(mid_rate), _percent(rate), _num(rate),
                 _num(execution_points), _num(execution_score), "" if rate is None else deviation_rate(rate), ""])
    scores = {row.indicator_id: row for row in summary.indicator_rows or []}
    for ind in submission.target_version.indicators:
        result = submission.result_for(ind.id)
        score = scores.get(ind.id)
        # completion as the table states it (18.03 against ≥15 is 120.2 %); the score stays capped
        completion = completion_rate(ind.operator, ind.value, result.actual_value, result.judged_completion,
                                     cap=None) if result else None
        rows.append([ind.level1, ind.level2, ind.name, ind.target_text,
                     actual_text(ind, mid_results.get(ind.name)), actual_text(ind, result), _num(completion),
                     _num(score.points) if score else "", _num(score.score) if score else "",
                     deviation_text(ind, result), (result.note if result else "") or ""])
    return rows


def deviation_rate(rate: Decimal) -> str:
    gap = Decimal(rate) - 100
    return "无偏差" if gap >= 0 else f"{_num(gap)}个百分点"


def result_tables(submission: Submission, summary) -> list[tuple[str, list[list[str]]]]:
    """The tables an evaluation result adds to its publication: a self-evaluation's indicator table.

    Departmental and third-party evaluations keep what they published before (scores per level-1): their
    score sheets hold no expected or actual values to set beside the targets."""
    table = indicator_table(submission, summary)
    return [(TABLE_TITLE, table)] if table else []


#: The Chinese names of :func:`execution_figures`' keys (a publisher's ``field_labels``); ``budget`` is
#: a field every publication shares, named by the public site already.
EXECUTION_LABELS = {"allocated": "到位资金", "spent": "已支出", "rate": "执行率", "as_of": "截至日期", "source": "数据来源"}


def execution_figures(project) -> dict:
    """The project's latest approved execution, frozen into the publication (strings, 万元 and %)."""
    record = latest(project)
    return {"budget": _money(project.budget), "allocated": _money(project.allocated), "spent": _money(project.spent),
            "rate": f"{project.execution_rate:.2f}" if project.execution_rate is not None else "",
            "as_of": f"{record.as_of}" if record else "", "source": record.origin_label if record else ""}
