"""The yearly summary's sections on the cycle's ends: 事前绩效评估 and 全覆盖 against the work calendar.

事前绩效评估 (seed 004 §二.1): the register's year is the *budget* year of a proposal.  Proposals for
next year's budget (新增项目 of year Y+1) and mid-year 追加 of year Y are assessed during year Y, so the
report of year Y covers those; each project counts with its unit's latest assessment still standing
(a conclusion only once 绩效科 approved it).

全覆盖 (seed 004 §二.2–§二.4): the projects of year Y−1 — their self-evaluations (3/20), 部门评价
(4/20, at least the calendar's share of each unit's project budget) and key third-party evaluations
(7/20, at least the calendar's count) are due in year Y, by the bureau's work calendar of year Y.
The figures come from ``portal.workcal.coverage`` (the coverage page's own rules).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import or_, select

from portal.accounts.models import Organisation
from portal.exante import rules as exante_rules
from portal.exante.operations import latest_of
from portal.exante.register import Row, totals
from portal.extensions import db
from portal.hooktypes import ReportSection
from portal.projects.models import Project
from portal.ui import money, percent
from portal.util import today
from portal.workcal.coverage import UnitRow, bureau_coverage
from portal.yearly.sections import NO_TABLE, ZERO

CONCLUSIONS = tuple(exante_rules.CONCLUSIONS.items())  # (key, label): 支持, 部分支持, 不支持


def exante_rows(bureau, year: int) -> list[Row]:
    """The bureau's proposals assessed during ``year``: next year's budget, and this year's 年中追加."""
    units = select(Organisation.id).where(Organisation.parent_id == bureau.id)
    projects = db.session.scalars(
        select(Project).join(Organisation, Project.unit_id == Organisation.id)
        .where(Project.unit_id.in_(units), Project.exante_stage.is_not(None),
               or_((Project.fiscal_year == year + 1) & or_(Project.exante_kind.is_(None),
                                                           Project.exante_kind != "addition"),
                   (Project.fiscal_year == year) & (Project.exante_kind == "addition")))
        .order_by(Organisation.name, Project.code)).all()
    return [Row(p, latest_of(p)) for p in projects]


def exante_section(bureau, year: int) -> ReportSection:
    listed = exante_rows(bureau, year)
    scope = f"{year + 1} 年预算新增项目及 {year} 年年中追加项目"
    by_unit: dict[str, list[Row]] = defaultdict(list)
    for row in listed:
        by_unit[row.project.unit.name].append(row)

    def line(label: str, items: list[Row]) -> tuple[str, ...]:
        sums = totals(items)
        pending = sum(1 for r in items if _filed_assessment(r) and not r.conclusion)
        return (label, str(sums["projects"]), str(sum(1 for r in items if _filed_assessment(r))),
                money(sums["requested"]),
                *(f"{sums[key][0]}（{money(sums[key][1])}）" for key, _ in CONCLUSIONS), str(pending))

    rows = [line(unit, items) for unit, items in by_unit.items()]
    if not listed:
        intro = f"{year} 年尚未对 {scope}开展事前绩效评估。"
    else:
        rows.append(line("合计", listed))
        sums = totals(listed)
        concluded = sum(sums[key][0] for key, _ in CONCLUSIONS)
        parts = "、".join(f"“{label}”{sums[key][0]} 个（{money(sums[key][1])} 万元）" for key, label in CONCLUSIONS)
        filed = sum(1 for r in listed if _filed_assessment(r))
        unassessed = sums["projects"] - filed
        intro = (f"{year} 年对 {scope}开展事前绩效评估：{len(by_unit)} 个预算单位申报 {sums['projects']} 个项目，"
                 f"已报送评估 {filed} 个，申请金额 {money(sums['requested'])} 万元；"
                 f"绩效科审核结论 {concluded} 个，其中{parts}"
                 + (f"；另有 {unassessed} 个项目尚未报送事前评估" if unassessed else "")
                 + "。审核结论为“部分支持”“不支持”或未开展评估的项目原则上不安排预算。")
    return ReportSection(
        "事前绩效评估", intro,
        ("预算单位", "申报项目（个）", "已报送评估（个）", "申请金额（万元）",
         *(f"{label}（个，万元）" for _, label in CONCLUSIONS), "待审核（个）"),
        rows, order=5, empty_text=NO_TABLE,
        note=f"范围：{scope}（事前评估台账的预算年度为项目的预算年度）；申请金额按各单位最新一份评估报告，"
             "审核结论以绩效科审核通过的为准。")


def _filed_assessment(row: Row) -> bool:
    """Handed in to the bureau (a draft the unit still writes is not an assessment yet)."""
    return row.submission is not None and row.submission.state != "draft"


def _filed(row, month: int) -> bool:
    found = row.monitoring.get(month)
    return found is not None and found.state == "approved"


def coverage_section(bureau, year: int) -> ReportSection:
    evaluated = year - 1
    coverage = bureau_coverage(bureau, evaluated, today())
    rows = []
    sums = defaultdict(int)
    budget = evaluated_budget = ZERO
    for unit in coverage.units:
        projects = [r for r in unit.projects if r.project.kind == "project"]
        if not projects:
            continue
        due = sum(len(r.checkpoints) for r in projects)
        filed = sum(1 for r in projects for m in r.checkpoints if _filed(r, m))
        figures = {"projects": len(projects), "targets": sum(1 for r in projects if r.targets_approved),
                   "due": due, "filed": filed,
                   "self": sum(1 for r in projects if r.self_evaluation_approved)}
        for key, value in figures.items():
            sums[key] += value
        budget += unit.budget
        evaluated_budget += unit.evaluated_budget
        rows.append((unit.unit.name, str(figures["projects"]), str(figures["targets"]), f"{filed} / {due}",
                     str(figures["self"]), money(unit.budget), money(unit.evaluated_budget),
                     percent(unit.share) if unit.share is not None else "—", _meets(unit)))
    short = [r[0] for r in rows if r[-1] == "未达到"]
    key_text = (f"财政重点绩效评价（第三方机构）{coverage.key_count} 个项目，"
                f"{'达到' if coverage.key_count >= coverage.key_required else '未达到'}工作日历要求的不少于 "
                f"{coverage.key_required} 个")
    if not rows:
        intro = f"{evaluated} 年度尚无纳入全覆盖管理的项目。"
    else:
        share = (evaluated_budget * 100 / budget).quantize(Decimal("0.01")) if budget else None
        rows.append(("合计", str(sums["projects"]), str(sums["targets"]), f"{sums['filed']} / {sums['due']}",
                     str(sums["self"]), money(budget), money(evaluated_budget),
                     percent(share) if share is not None else "—",
                     f"{len(rows) - len(short)} / {len(rows)} 达到"))
        intro = (f"对照 {year} 年工作日历，{evaluated} 年度 {len(rows) - 1} 个预算单位的 {sums['projects']} 个项目中，"
                 f"绩效目标已批复 {sums['targets']} 个，监控报告审核通过 {sums['filed']} 份（应报 {sums['due']} 份），"
                 f"绩效自评审核通过 {sums['self']} 个；部门评价覆盖各单位项目预算不低于 {percent(coverage.required_share)} 的，"
                 f"{len(rows) - 1 - len(short)} 个单位达到"
                 + (f"、{len(short)} 个未达到（{'、'.join(short)}）" if short else "")
                 + f"；{key_text}。")
    return ReportSection(
        "全覆盖情况（对照工作日历）", intro,
        ("预算单位", "项目数（个）", "目标已批复（个）", "监控已通过 / 应报（份）", "自评已通过（个）",
         "项目预算数（万元）", "部门评价覆盖预算（万元）", "部门评价占比", f"是否达到 {percent(coverage.required_share)}"),
        rows, order=52, empty_text=NO_TABLE,
        note=f"{evaluated} 年度项目支出（不含部门整体支出）；部门评价占比 = 已报送或审核通过部门评价的项目预算 ÷ "
             "单位项目预算数，与全覆盖页面口径一致。")


def _meets(unit: UnitRow) -> str:
    return "达到" if unit.meets_share else "未达到"
