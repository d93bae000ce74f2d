"""The core's sections of the yearly summary: targets, monitoring, self-evaluations, evaluations.

Seeds 001 and 004 are such reports.  Targets and monitoring concern the projects of the report's
year; self-evaluations and evaluations concern the year before (self-evaluations are due by 3/20,
key evaluations by 7/20 of the following year).  Only approved, current records count (a record
replaced by a newer version, 重新填报, is left out); every query is limited to the bureau's units.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from sqlalchemy import select

from portal.accounts.models import Organisation, OrgKind
from portal.extensions import db
from portal.hooktypes import ReportSection
from portal.projects.models import Project, execution_rate
from portal.submissions.models import CHECKPOINTS, MonitoringFlag, Submission
from portal.targets.models import TargetVersion
from portal.ui import money, percent
from portal.workcal.dates import calendar_for

GRADES = ("优", "良", "中", "差")
ZERO = Decimal("0.00")
#: What an empty section prints where its table would be (its intro already says what is missing).
NO_TABLE = "（无相关数据，不附表。）"


def bureau_units(bureau) -> list[Organisation]:
    """The budget units reporting to ``bureau``, by name."""
    return list(db.session.scalars(select(Organisation).where(
        Organisation.parent_id == bureau.id, Organisation.kind == OrgKind.UNIT).order_by(Organisation.name)))


def bureau_projects(bureau, year: int) -> list[Project]:
    """Projects (and department-wide expenditures) of ``year`` of the bureau's units, by unit and code."""
    units = select(Organisation.id).where(Organisation.parent_id == bureau.id)
    return list(db.session.scalars(select(Project).join(Organisation, Project.unit_id == Organisation.id)
                                   .where(Project.unit_id.in_(units), Project.fiscal_year == year)
                                   .order_by(Organisation.name, Project.code)))


def approved(bureau, year: int, kind: str, object_kind: str | None = None) -> list[Submission]:
    """Approved, current submissions of ``kind`` on the bureau's projects of ``year``.

    ``object_kind`` keeps only 项目支出 (``project``) or 部门整体支出 (``department``) records."""
    units = select(Organisation.id).where(Organisation.parent_id == bureau.id)
    query = (select(Submission).join(Project, Submission.project_id == Project.id)
             .where(Project.unit_id.in_(units), Project.fiscal_year == year, Submission.kind == kind,
                    Submission.state == "approved", Submission.superseded_at.is_(None))
             .order_by(Project.code, Submission.checkpoint, Submission.id))
    if object_kind is not None:
        query = query.where(Project.kind == object_kind)
    return list(db.session.scalars(query))


def pending_count(bureau, year: int, kind: str, object_kind: str | None = None) -> int:
    """Handed in but not yet decided (待初审 / 待审核 / 已退回)."""
    units = select(Organisation.id).where(Organisation.parent_id == bureau.id)
    query = (select(Submission.id).join(Project, Submission.project_id == Project.id)
             .where(Project.unit_id.in_(units), Project.fiscal_year == year, Submission.kind == kind,
                    Submission.state.in_(("submitted", "review", "returned"))))
    if object_kind is not None:
        query = query.where(Project.kind == object_kind)
    return len(db.session.scalars(query).all())


def total(values) -> Decimal:
    return sum(values, ZERO)


def rate(spent: Decimal, budget: Decimal) -> str:
    return percent(execution_rate(spent, budget))


def targets_section(bureau, year: int) -> ReportSection:
    projects = bureau_projects(bureau, year)
    frozen = set(db.session.scalars(select(TargetVersion.project_id).where(
        TargetVersion.project_id.in_([p.id for p in projects] or [0]), TargetVersion.is_frozen.is_(True))))
    rows = []
    by_unit: dict[str, list[Project]] = defaultdict(list)
    for project in projects:
        by_unit[project.unit.name].append(project)
    for unit, items in by_unit.items():
        plain = [p for p in items if p.kind == "project"]
        covered = [p for p in plain if p.id in frozen]
        departments = [p for p in items if p.kind == "department"]
        dept = "—" if not departments else ("已批复" if all(p.id in frozen for p in departments) else "未批复")
        rows.append((unit, str(len(plain)), money(total(p.budget for p in plain)), str(len(covered)),
                     money(total(p.budget for p in covered)),
                     percent(execution_rate(total(p.budget for p in covered), total(p.budget for p in plain))), dept))
    plain = [p for p in projects if p.kind == "project"]
    covered = [p for p in plain if p.id in frozen]
    departments = [p for p in projects if p.kind == "department"]
    if rows:
        rows.append(("合计", str(len(plain)), money(total(p.budget for p in plain)), str(len(covered)),
                     money(total(p.budget for p in covered)),
                     percent(execution_rate(total(p.budget for p in covered), total(p.budget for p in plain))),
                     f"{sum(1 for p in departments if p.id in frozen)} / {len(departments)}"))
    intro = f"{year} 年尚无纳入绩效目标管理的项目。" if not projects else (f"{year} 年，{len(by_unit)} 个预算单位的 {len(plain)} 个项目纳入绩效目标管理，预算资金共计 "
             f"{money(total(p.budget for p in plain))} 万元；绩效目标已审核批复 {len(covered)} 个，涉及资金 "
             f"{money(total(p.budget for p in covered))} 万元；部门整体支出绩效目标已批复 "
             f"{sum(1 for p in departments if p.id in frozen)} 个（共 {len(departments)} 个）。")
    return ReportSection(
        "预算绩效目标管理", intro,
        ("预算单位", "项目数（个）", "预算数（万元）", "目标已批复（个）", "已批复预算数（万元）", "覆盖率",
         "部门整体支出目标"), rows, order=10,
        empty_text=NO_TABLE,
        note="覆盖率 = 目标已批复项目的预算数 ÷ 全部项目预算数；部门整体支出目标一列合计为已批复数 / 总数。")


def monitoring_section(bureau, year: int) -> ReportSection:
    reports = approved(bureau, year, "monitoring")
    projects = [p for p in bureau_projects(bureau, year) if p.kind == "project"]
    flags = _flags(bureau, year)
    counts = Counter((f.checkpoint, f.color) for f in flags)
    rows = []
    planned = calendar_for(bureau.id, year).checkpoints_of("project")  # the bureau's work calendar
    for checkpoint in sorted(set(planned) | {r.checkpoint for r in reports if r.checkpoint}):
        filed = [r for r in reports if r.checkpoint == checkpoint]
        budget = total(r.project.budget for r in filed)
        spent = total(Decimal(str(r.data.get("spent"))) for r in filed if (r.data or {}).get("spent") not in (None, ""))
        rows.append((CHECKPOINTS.get(checkpoint, f"{checkpoint}月"), str(len(projects)), str(len(filed)),
                     money(budget), money(spent), rate(spent, budget),
                     str(counts[(checkpoint, "yellow")]), str(counts[(checkpoint, "red")])))
    yellow, red = sum(1 for f in flags if f.color == "yellow"), sum(1 for f in flags if f.color == "red")
    intro = f"{year} 年尚无审核通过的绩效监控报告，也未发出监控预警。" if not (reports or flags) else (
             f"{year} 年共开展项目支出绩效监控 {sum(1 for r in rows if r[2] != '0')} 次，审核通过监控报告 "
             f"{len(reports)} 份，发出黄标 {yellow} 个、红标 {red} 个。")
    return ReportSection(
        "预算绩效运行监控", intro,
        ("监控节点", "应监控项目（个）", "已通过监控报告（份）", "监控预算数（万元）", "截至节点执行数（万元）",
         "执行率", "黄标（个）", "红标（个）"), rows if reports or flags else [], order=20,
        empty_text=NO_TABLE,
        note="执行率 = 各单位监控报告所填截至节点的执行数 ÷ 对应项目的预算数。")


def _flags(bureau, year: int) -> list[MonitoringFlag]:
    units = select(Organisation.id).where(Organisation.parent_id == bureau.id)
    return list(db.session.scalars(
        select(MonitoringFlag).join(Project, MonitoringFlag.project_id == Project.id)
        .where(Project.unit_id.in_(units), Project.fiscal_year == year)
        .order_by(MonitoringFlag.checkpoint, MonitoringFlag.color.desc(), Project.code, MonitoringFlag.id)))


def flags_section(bureau, year: int) -> ReportSection:
    flags = _flags(bureau, year)
    rows = [(f.project.code, f.project.name, f.project.unit.name, CHECKPOINTS.get(f.checkpoint, f"{f.checkpoint}月"),
             f.label, f.reason, "已解决" if f.resolved_at else "未解决") for f in flags]
    open_count = sum(1 for f in flags if f.resolved_at is None)
    intro = f"{year} 年监控未发出黄标或红标。" if not flags else (f"{year} 年监控发现偏差并预警 {len(flags)} 个（黄标 {sum(1 for f in flags if f.color == 'yellow')} 个、"
             f"红标 {sum(1 for f in flags if f.color == 'red')} 个），其中尚未解决 {open_count} 个。")
    return ReportSection("监控预警（黄标 / 红标）", intro,
                         ("项目编码", "项目名称", "预算单位", "监控节点", "预警", "原因", "状态"), rows, order=25,
                         empty_text=NO_TABLE)


def self_evaluation_section(bureau, year: int) -> ReportSection:
    evaluated = year - 1
    reports = approved(bureau, evaluated, "self_evaluation", "project")
    by_unit: dict[str, list[Submission]] = defaultdict(list)
    for report in reports:
        by_unit[report.project.unit.name].append(report)

    def row(label: str, items: list[Submission]) -> tuple[str, ...]:
        budget, spent = total(s.project.budget for s in items), total(s.project.spent for s in items)
        grades = Counter(s.grade for s in items)
        return (label, str(len(items)), money(budget), money(spent), rate(spent, budget),
                *(str(grades[g]) for g in GRADES))

    rows = [row(unit, items) for unit, items in sorted(by_unit.items())]
    if rows:
        rows.append(row("合计", reports))
    budget, spent = total(s.project.budget for s in reports), total(s.project.spent for s in reports)
    pending = pending_count(bureau, evaluated, "self_evaluation", "project")
    intro = f"{evaluated} 年度项目尚无审核通过的绩效自评。" if not reports else (
             f"对 {evaluated} 年度项目开展绩效自评，审核通过 {len(reports)} 个项目，全年预算数 {money(budget)} 万元，"
             f"全年执行金额 {money(spent)} 万元，预算执行率 {rate(spent, budget)}"
             + (f"；另有 {pending} 份自评尚在审核或退回修改中。" if pending else "。"))
    return ReportSection("项目支出绩效自评", intro,
                         ("预算单位", "自评项目（个）", "预算数（万元）", "执行数（万元）", "执行率", *GRADES),
                         rows, order=30, empty_text=NO_TABLE,
                         note="等级：优 ≥ 90 分，良 80–90 分，中 60–80 分，差 < 60 分。")


def department_self_evaluation_section(bureau, year: int) -> ReportSection:
    """部门整体支出绩效自评 of the year before (seed 002's table: declared weights plus 预算执行率)."""
    evaluated = year - 1
    reports = approved(bureau, evaluated, "self_evaluation", "department")
    rows = [(s.project.unit.name, money(s.project.budget), money(s.project.spent),
             rate(s.project.spent, s.project.budget), "—" if s.total_score is None else f"{s.total_score:.2f}",
             s.grade or "—") for s in reports]
    pending = pending_count(bureau, evaluated, "self_evaluation", "department")
    intro = f"{evaluated} 年度尚无审核通过的部门整体支出绩效自评。" if not reports else (
             f"{len(reports)} 个部门单位完成 {evaluated} 年度部门整体支出绩效自评并审核通过"
             + (f"；另有 {pending} 份尚在审核或退回修改中。" if pending else "。"))
    return ReportSection("部门整体支出绩效自评", intro,
                         ("预算单位", "预算数（万元）", "执行数（万元）", "执行率", "自评得分", "等级"),
                         rows, order=35, empty_text=NO_TABLE)


def _evaluation_rows(reports: list[Submission], firm: bool) -> list[tuple[str, ...]]:
    return [(s.project.code, s.project.name, s.project.unit.name, *((s.org.name,) if firm else ()),
             money(s.project.budget), "—" if s.total_score is None else f"{s.total_score:.2f}", s.grade or "—")
            for s in reports]


def _evaluation_intro(reports: list[Submission], evaluated: int, what: str, pending: int) -> str:
    budget = total(s.project.budget for s in reports)
    scores = [s.total_score for s in reports if s.total_score is not None]
    grades = Counter(s.grade for s in reports if s.grade)
    if not reports:
        text = f"{evaluated} 年度项目尚无审核通过的{what}报告"
    else:
        text = f"对 {evaluated} 年度 {len(reports)} 个项目开展{what}，评价资金共计 {money(budget)} 万元"
    if scores:
        spread = (f"得分均为 {scores[0]:.2f} 分" if min(scores) == max(scores)
                  else f"得分 {min(scores):.2f}–{max(scores):.2f} 分")
        text += f"，{spread}，其中" + "、".join(f"{g} {grades[g]} 个" for g in GRADES if grades[g])
    return text + (f"；另有 {pending} 份报告尚在审核或退回修改中。" if pending else "。")


def department_evaluation_section(bureau, year: int) -> ReportSection:
    evaluated = year - 1
    reports = approved(bureau, evaluated, "department_evaluation")
    intro = _evaluation_intro(reports, evaluated, "部门评价", pending_count(bureau, evaluated, "department_evaluation"))
    return ReportSection("部门评价", intro, ("项目编码", "项目名称", "预算单位", "预算数（万元）", "得分", "等级"),
                         _evaluation_rows(reports, firm=False), order=40,
                         empty_text=NO_TABLE)


def third_party_section(bureau, year: int) -> ReportSection:
    evaluated = year - 1
    reports = approved(bureau, evaluated, "third_party")
    intro = _evaluation_intro(reports, evaluated, "重点绩效评价（委托第三方机构）",
                              pending_count(bureau, evaluated, "third_party"))
    return ReportSection("重点绩效评价（第三方机构）", intro,
                         ("项目编码", "项目名称", "预算单位", "评价机构", "预算数（万元）", "得分", "等级"),
                         _evaluation_rows(reports, firm=True), order=50,
                         empty_text=NO_TABLE)


def core_sections(bureau, year: int) -> list[ReportSection]:
    return [targets_section(bureau, year), monitoring_section(bureau, year), flags_section(bureau, year),
            self_evaluation_section(bureau, year), department_self_evaluation_section(bureau, year),
            department_evaluation_section(bureau, year),
            third_party_section(bureau, year)]
