"""The yearly summary's sections on issue 16's results: 真实性核查 and 结果应用 (seeds 001 and 004).

Both concern the projects of the year before the report (self-evaluations checked by 6/20, results
applied to the next budget).  Only the bureau's own draws and results-use rows, on its own units'
projects; a results-use action counts once 绩效科 confirmed it (the proposal alone is not a decision).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from sqlalchemy import select

from portal.accounts.models import Organisation
from portal.extensions import db
from portal.hooktypes import ReportSection
from portal.projects.models import Project
from portal.results.models import ResultsUse, TruthCheck, TruthDraw
from portal.submissions.models import Submission
from portal.ui import money, percent
from portal.yearly.sections import GRADES, NO_TABLE, ZERO


def draws_of(bureau, year: int) -> list[TruthDraw]:
    return list(db.session.scalars(select(TruthDraw).where(TruthDraw.bureau_id == bureau.id,
                                                           TruthDraw.fiscal_year == year)
                                   .order_by(TruthDraw.drawn_at, TruthDraw.id)))


def _own(bureau, checks: list[TruthCheck]) -> list[TruthCheck]:
    """Checks on the bureau's own units' projects only (a draw is the bureau's, its checks should be too)."""
    units = set(db.session.scalars(select(Organisation.id).where(Organisation.parent_id == bureau.id)))
    return [c for c in checks if c.submission.project.unit_id in units]


def truthfulness_section(bureau, year: int) -> ReportSection:
    evaluated = year - 1
    draws = draws_of(bureau, evaluated)
    by_submission: dict[int, list[TruthCheck]] = defaultdict(list)
    for draw in draws:
        for check in _own(bureau, draw.checks):
            by_submission[check.submission_id].append(check)
    uses = {r.project_id: r for r in db.session.scalars(select(ResultsUse).where(
        ResultsUse.bureau_id == bureau.id, ResultsUse.fiscal_year == evaluated))}
    rows = []
    vetoed: list[Submission] = []
    for checks in sorted(by_submission.values(), key=lambda cs: (cs[0].submission.project.unit.name,
                                                                 cs[0].submission.project.code)):
        submission = checks[0].submission
        outcomes = Counter(c.outcome for c in checks)
        if outcomes["untrue"]:
            vetoed.append(submission)
            use = uses.get(submission.project_id)
            consequence = "一票否决，评为“差”"
            if use is not None and use.action == "recover":
                consequence += "，收回资金" + (f" {money(use.amount)} 万元" if use.amount is not None else "")
            elif use is not None and use.proposed_action == "recover":
                consequence += "，建议收回资金（待确认）"
        elif outcomes["pending"]:
            consequence = "核查中"
        else:
            consequence = "未发现不实"
        rows.append((submission.project.code, submission.project.name, submission.project.unit.name,
                     str(len(checks)), str(len(checks) - outcomes["pending"]), str(outcomes["verified"]),
                     str(outcomes["unverifiable"]), str(outcomes["untrue"]), consequence))
    if not draws:
        intro = f"{evaluated} 年度绩效自评尚未开展真实性核查抽查。"
    else:
        checks = [c for group in by_submission.values() for c in group]
        outcomes = Counter(c.outcome for c in checks)
        drawn = "；".join(
            f"按 {percent(d.share * 100)} 比例（随机种子 {d.seed}）从 {d.population} 份审核通过的绩效自评中抽取 "
            f"{len(d.submission_ids)} 份" for d in draws)
        intro = (f"对 {evaluated} 年度绩效自评开展真实性核查：{drawn}。核查核心指标 {len(checks)} 个，已核查 "
                 f"{len(checks) - outcomes['pending']} 个，其中属实 {outcomes['verified']} 个、无法核实 "
                 f"{outcomes['unverifiable']} 个、不属实 {outcomes['untrue']} 个")
        if vetoed:
            intro += (f"；{len(vetoed)} 个项目（" + "、".join(s.project.name for s in vetoed)
                      + "）的自评核心指标不属实，一票否决，评价等级为“差”，按规定收回资金并追究项目负责人绩效责任。")
        else:
            intro += "；未发现自评数据不实。"
    return ReportSection(
        "绩效自评真实性核查", intro,
        ("项目编码", "项目名称", "预算单位", "核心指标（个）", "已核查（个）", "属实", "无法核实", "不属实", "核查结论及处理"),
        rows, order=55, empty_text=NO_TABLE,
        note="核心指标不属实的，绩效自评一票否决，评价等级为“差”（收回资金以绩效科确认的结果应用为准）。")


def results_use_rows(bureau, year: int) -> list[ResultsUse]:
    """The bureau's results-use list of ``year`` on its own units' projects, by unit and code."""
    return list(db.session.scalars(
        select(ResultsUse).join(Project, ResultsUse.project_id == Project.id)
        .join(Organisation, Project.unit_id == Organisation.id)
        .where(ResultsUse.bureau_id == bureau.id, ResultsUse.fiscal_year == year,
               Organisation.parent_id == bureau.id)
        .order_by(Organisation.name, Project.code)))


def _amount(rows: list[ResultsUse], action: str) -> Decimal:
    return sum((r.amount or ZERO for r in rows if r.action == action), ZERO)


def _line(label: str, rows: list[ResultsUse]) -> tuple[str, ...]:
    grades = Counter(r.grade for r in rows if r.grade)
    actions = Counter(r.action for r in rows if r.confirmed)
    return (label, str(len(rows)), *(str(grades[g]) for g in GRADES),
            str(actions["cut"]), money(_amount(rows, "cut")), str(actions["recover"]),
            str(actions["notify"]), str(actions["interview"]),
            f"{sum(1 for r in rows if r.confirmed)} / {len(rows)}")


def results_use_section(bureau, year: int) -> ReportSection:
    evaluated = year - 1
    listed = results_use_rows(bureau, evaluated)
    by_unit: dict[str, list[ResultsUse]] = defaultdict(list)
    for row in listed:
        by_unit[row.project.unit.name].append(row)
    rows = [_line(unit, items) for unit, items in by_unit.items()]
    if not listed:
        intro = f"{evaluated} 年度尚未生成绩效评价结果应用清单。"
    else:
        rows.append(_line("合计", listed))
        grades = Counter(r.grade for r in listed if r.grade)
        confirmed = [r for r in listed if r.confirmed]
        actions = Counter(r.action for r in confirmed)
        recovered = _amount(confirmed, "recover")
        intro = (f"{evaluated} 年度 {len(by_unit)} 个预算单位的 {len(listed)} 个项目列入绩效评价结果应用清单，"
                 f"评定最终等级 {sum(grades.values())} 个"
                 + ("（" + "、".join(f"{g} {grades[g]} 个" for g in GRADES if grades[g]) + "）" if grades else "")
                 + f"；绩效科已确认 {len(confirmed)} 个，其中核减下一年度预算 {actions['cut']} 个、共 "
                 f"{money(_amount(confirmed, 'cut'))} 万元，收回资金 {actions['recover']} 个"
                 + (f"（{money(recovered)} 万元）" if recovered else "")
                 + f"，通报 {actions['notify']} 个，约谈 {actions['interview']} 个"
                 + (f"；尚待确认 {len(listed) - len(confirmed)} 个。" if len(listed) > len(confirmed) else "。"))
    return ReportSection(
        "绩效评价结果应用", intro,
        ("预算单位", "项目数（个）", *GRADES, "核减预算（个）", "核减金额（万元）", "收回资金（个）", "通报（个）",
         "约谈（个）", "已确认 / 总数"), rows, order=60, empty_text=NO_TABLE,
        note="最终等级取最独立的审核通过评价（第三方 > 部门评价 > 自评），真实性核查一票否决为“差”；"
             "处理方式以绩效科确认的为准（未确认的建议不计入）。")
