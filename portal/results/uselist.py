"""The results-use list (全覆盖绩效管理结果应用清单): every project of a year, its final grade and the action.

Proposals (seed 004 §二.5/§二.6): 一票否决 → 收回资金 of the year's 执行数; 差/中 → 核减预算 by the configured ratio of this
year's budget (default 30 % / 10 %; these projects are also 通报); an unresolved 红标 → 约谈; else none.
绩效科 confirms or changes each with a reason; every decision is kept (``ResultsUseChange``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from flask import current_app
from sqlalchemy import select

from portal import plugins
from portal.accounts.models import Organisation
from portal.extensions import db
from portal.projects.models import Project
from portal.results.models import ACTIONS, ResultsUse, ResultsUseChange
from portal.results.operations import ResultsError, may_manage, vetoed_submission_ids
from portal.scoring.compute import q2
from portal.submissions.models import MonitoringFlag, Submission
from portal.util import utcnow

#: Which approved evaluation decides the final grade: the most independent one present.
DECISIVE_ORDER = ("third_party", "department_evaluation", "self_evaluation")
GRADES = ("优", "良", "中", "差")


def cut_ratios() -> dict[str, Decimal]:
    return {k: Decimal(str(v)) for k, v in current_app.config["JIXIAO_RESULTS_CUT_RATIOS"].items()}


@dataclass
class Verdict:
    grade: str | None
    note: str
    vetoed: bool
    red_flags: int
    yellow_flags: int
    evaluation: Submission | None = None


def verdicts(projects: list[Project]) -> dict[int, Verdict]:
    ids = [p.id for p in projects]
    evaluations: dict[int, list[Submission]] = {}
    for s in db.session.scalars(select(Submission).where(
            Submission.project_id.in_(ids), Submission.kind.in_(DECISIVE_ORDER), Submission.state == "approved",
            Submission.superseded_at.is_(None), Submission.grade.is_not(None))):
        evaluations.setdefault(s.project_id, []).append(s)
    flags: dict[int, list[MonitoringFlag]] = {}
    for f in db.session.scalars(select(MonitoringFlag).where(MonitoringFlag.project_id.in_(ids))):
        flags.setdefault(f.project_id, []).append(f)
    vetoed = vetoed_submission_ids([s.id for group in evaluations.values() for s in group])
    out = {}
    for project in projects:
        subs = sorted(evaluations.get(project.id, []), key=lambda s: DECISIVE_ORDER.index(s.kind))
        decisive = subs[0] if subs else None
        veto = any(s.id in vetoed for s in subs)
        grade = "差" if veto else (decisive.grade if decisive else None)
        note = ""
        if decisive is not None:
            note = f"{decisive.kind_label} {decisive.total_score} 分"
            if decisive.grade_cap:
                note += f"（{decisive.grade_cap}）"
        if veto and "一票否决" not in note:
            note = (note + "；" if note else "") + "真实性核查一票否决"
        project_flags = flags.get(project.id, [])
        out[project.id] = Verdict(grade, note, veto,
                                  sum(1 for f in project_flags if f.color == "red" and f.resolved_at is None),
                                  sum(1 for f in project_flags if f.color == "yellow"), decisive)
    return out


def propose(project: Project, verdict: Verdict) -> tuple[str, Decimal | None, Decimal | None, str]:
    """(action, ratio, amount in 万元, reason) proposed for a project."""
    ratios = cut_ratios()
    if verdict.vetoed:
        return ("recover", None, recover_amount(project) if project.spent else None,
                "真实性核查发现核心指标不属实，一票否决，收回资金" + (
                    f"（按本年度执行数 {q2(project.spent)} 万元）" if project.spent else "（本年度未填报执行数，请核定金额）"))
    if verdict.grade in ratios:
        ratio = ratios[verdict.grade]
        return ("cut", ratio, q2(project.budget * ratio),
                f"评价等级“{verdict.grade}”，按 {q2(ratio * 100)}% 核减下一年度预算，并予通报")
    if verdict.red_flags:
        return "interview", None, None, "监控红标未整改到位，约谈项目单位"
    if verdict.grade is None:
        return "none", None, None, "尚无审核通过的评价结果"
    return "none", None, None, f"评价等级“{verdict.grade}”，无需处理"


def recover_amount(project: Project) -> Decimal:
    """收回资金 proposed for a vetoed project: the year's 执行数 (万元).

    Seed 004 §二.5 gives no formula: 一票否决 voids the whole project's self-evaluation, so the funds spent
    under it are proposed for recovery (not a share by indicator weight); 绩效科 may change the amount.
    """
    return q2(project.spent)


def region_projects(bureau_id: int, year: int) -> list[Project]:
    return list(db.session.scalars(select(Project).join(Organisation, Project.unit_id == Organisation.id).where(
        Organisation.parent_id == bureau_id, Project.fiscal_year == year).order_by(Organisation.name, Project.code)))


def build(*, bureau_id: int, year: int, user=None) -> list[ResultsUse]:
    """Create or refresh the year's rows: proposals of unconfirmed rows follow the current results;
    a confirmed row keeps 绩效科's decision (its grade and proposal are refreshed beside it)."""
    if user is not None and not may_manage(user):
        raise ResultsError("只有财政局绩效科可以生成结果应用清单")
    projects = region_projects(bureau_id, year)
    found = verdicts(projects)
    existing = {r.project_id: r for r in db.session.scalars(select(ResultsUse).where(
        ResultsUse.project_id.in_([p.id for p in projects])))}
    rows = []
    for project in projects:
        verdict = found[project.id]
        row = existing.get(project.id) or ResultsUse(bureau_id=bureau_id, fiscal_year=year, project_id=project.id)
        row.grade, row.grade_note = verdict.grade, verdict.note
        (row.proposed_action, row.proposed_ratio, row.proposed_amount, row.proposed_reason) = propose(project, verdict)
        db.session.add(row)
        rows.append(row)
    db.session.flush()
    return rows


def rows_of(bureau_id: int, year: int) -> list[ResultsUse]:
    return list(db.session.scalars(select(ResultsUse).join(Project, ResultsUse.project_id == Project.id)
                                   .join(Organisation, Project.unit_id == Organisation.id)
                                   .where(ResultsUse.bureau_id == bureau_id, ResultsUse.fiscal_year == year)
                                   .order_by(Organisation.name, Project.code)))


def decide(row: ResultsUse, user, *, action: str, amount, reason: str, next_project_id: int | None = None) -> None:
    """Confirm (same as proposed) or change the action; a change needs a reason."""
    if not may_manage(user) or row.bureau_id != user.bureau_id:
        raise ResultsError("只有本地区财政局绩效科可以确认结果应用")
    if action not in ACTIONS:
        raise ResultsError("请选择处理方式")
    reason = (reason or "").strip()
    if amount in (None, ""):
        value = row.proposed_amount if action == row.proposed_action and action in ("cut", "recover") else None
    else:
        try:
            from portal.util import to_money

            value = to_money(amount)
        except ValueError as exc:
            raise ResultsError(str(exc)) from None
        if value < 0:
            raise ResultsError("金额不能为负数")
    if action == "cut" and value is None:
        raise ResultsError("核减预算须填写核减金额（万元）")
    if action in ("none", "notify", "interview"):
        value = None
    changed = action != row.proposed_action or (value is not None and value != row.proposed_amount)
    if changed and not reason:
        raise ResultsError("改变系统建议须说明理由")
    if next_project_id:
        nxt = db.session.get(Project, next_project_id)
        if nxt is None or nxt.unit_id != row.project.unit_id or nxt.fiscal_year != row.fiscal_year + 1:
            raise ResultsError("关联的下一年度项目应属同一单位、为下一年度项目")
        row.next_project_id = nxt.id
    row.action, row.amount, row.reason = action, value, reason or "确认系统建议"
    row.confirmed_by_id, row.confirmed_at = user.id, utcnow()
    db.session.add(ResultsUseChange(row_id=row.id, action=action, amount=value, reason=row.reason, actor_id=user.id))
    from portal.audit.operations import record

    record("results_use_decision", user=user, target_type="project", target_id=row.project_id, action=action,
           amount=None if value is None else str(value))
    db.session.flush()


def open_rectification(project_ids) -> dict[int, int] | None:
    return plugins.open_rectification_counts(project_ids)


@dataclass
class UnitTotal:
    unit: str
    projects: int = 0
    cut_count: int = 0
    cut_amount: Decimal = Decimal("0.00")
    recover_count: int = 0
    recover_amount: Decimal = Decimal("0.00")
    other_count: int = 0
    grades: dict[str, int] = field(default_factory=dict)


def unit_totals(rows: list[ResultsUse]) -> list[UnitTotal]:
    """Per unit: projects, confirmed cuts (count, 万元), 收回资金 (count, 万元), 通报/约谈, grades."""
    out: dict[str, UnitTotal] = {}
    for row in rows:
        total = out.setdefault(row.project.unit.name, UnitTotal(row.project.unit.name))
        total.projects += 1
        if row.grade:
            total.grades[row.grade] = total.grades.get(row.grade, 0) + 1
        if row.action == "cut":
            total.cut_count += 1
            total.cut_amount += row.amount or Decimal(0)
        elif row.action == "recover":
            total.recover_count += 1
            total.recover_amount += row.amount or Decimal(0)
        elif row.action in ("notify", "interview"):
            total.other_count += 1
    return list(out.values())


def grade_summary(rows: list[ResultsUse]) -> list[tuple[str, int, int, Decimal]]:
    """Per grade: projects, confirmed cuts and their amount (万元) — the public summary, no names."""
    out = []
    for grade in (*GRADES, None):
        chosen = [r for r in rows if r.grade == grade]
        if grade is None and not chosen:
            continue
        cuts = [r for r in chosen if r.action == "cut"]
        out.append((grade or "未评价", len(chosen), len(cuts),
                    q2(sum((r.amount or Decimal(0) for r in cuts), Decimal(0)))))
    return out


def carried_by(project: Project) -> list[ResultsUse]:
    """Confirmed decisions of last year that this project carries: same code (or linked by hand)."""
    query = select(ResultsUse).join(Project, ResultsUse.project_id == Project.id).where(
        ResultsUse.confirmed_at.is_not(None),
        ((Project.code == project.code) & (Project.fiscal_year == project.fiscal_year - 1)
         & (Project.unit_id == project.unit_id) & ResultsUse.next_project_id.is_(None))
        | (ResultsUse.next_project_id == project.id))
    return list(db.session.scalars(query))
