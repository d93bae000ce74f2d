"""Recording findings of 审计/财会监督/检查 and truthfulness checks (真实性核查); each change re-caps grades."""

from __future__ import annotations

import math
import random
import secrets
from datetime import date
from decimal import Decimal, InvalidOperation

from flask import current_app
from sqlalchemy import select

from portal import plugins
from portal.accounts.models import Organisation, Role
from portal.audit.operations import record
from portal.extensions import db
from portal.projects.models import Project
from portal.results import caps
from portal.results.models import (
    CHECK_OUTCOMES,
    FINDING_SEVERITIES,
    FINDING_SOURCES,
    ProjectFinding,
    TruthCheck,
    TruthDraw,
)
from portal.submissions.models import Submission
from portal.util import today, utcnow

#: Indicator groups checked when the unit marked none as core (seed 004 §二.5: 核心指标).
DEFAULT_CORE_LEVEL1 = ("产出", "效益", "成本")


class ResultsError(ValueError):
    """A refused change, with a message in Chinese."""


def may_manage(user) -> bool:
    """绩效科 (bureau_reviewer) records findings, draws and checks, and confirms the results-use list."""
    return user.org.kind == "bureau" and user.has_role(Role.BUREAU_REVIEWER)


def _own_project(user, project: Project) -> None:
    if not may_manage(user) or project.unit.parent_id != user.bureau_id:
        raise ResultsError("只有本地区财政局绩效科可以进行此操作")


# -- findings of 审计 / 财会监督 / 检查 ---------------------------------------------------------------

def add_finding(project: Project, user, *, source: str, found_on: date | None, document_no: str,
                severity: str, description: str) -> ProjectFinding:
    _own_project(user, project)
    if source not in FINDING_SOURCES:
        raise ResultsError("请选择问题来源（审计、财会监督或检查）")
    if severity not in FINDING_SEVERITIES:
        raise ResultsError("请选择问题性质")
    if found_on is None:
        raise ResultsError("请填写发现日期")
    if found_on > today():
        raise ResultsError("发现日期不能晚于今天")
    description, document_no = (description or "").strip(), (document_no or "").strip()
    if not description:
        raise ResultsError("请填写问题描述")
    if len(document_no) > 100:
        raise ResultsError("文号过长（最多 100 字）")
    finding = ProjectFinding(project_id=project.id, source=source, found_on=found_on, document_no=document_no,
                             severity=severity, description=description, created_by_id=user.id)
    db.session.add(finding)
    caps.reapply_for_project(project.id)
    record("results_finding", user=user, target_type="project", target_id=project.id, source=source,
           severity=severity, document_no=document_no)
    return finding


def remove_finding(finding: ProjectFinding, user) -> None:
    _own_project(user, finding.project)
    project_id = finding.project_id
    record("results_finding_delete", user=user, target_type="project", target_id=project_id,
           source=finding.source, severity=finding.severity, document_no=finding.document_no)
    db.session.delete(finding)
    caps.reapply_for_project(project_id)


def findings_of(project_id: int) -> list[ProjectFinding]:
    return list(db.session.scalars(select(ProjectFinding).where(ProjectFinding.project_id == project_id)
                                   .order_by(ProjectFinding.found_on, ProjectFinding.id)))


# -- truthfulness checks (真实性核查) -----------------------------------------------------------------

def parse_share(raw) -> Decimal:
    """A share like ``10``/``10%``/``0.1`` as a fraction, at least the configured minimum (10 %)."""
    text = str(raw if raw is not None else "").strip().rstrip("%％")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ResultsError("抽取比例应为数字，例如 10 表示 10%") from None
    if value > 1:
        value = value / 100
    minimum = Decimal(str(current_app.config.get("JIXIAO_TRUTH_MIN_SHARE", "0.10")))
    if value < minimum or value > 1:
        raise ResultsError(f"抽取比例应在 {minimum * 100:.0f}% 至 100% 之间")
    return value.quantize(Decimal("0.0001"))


#: Which rule chose the indicators a drawn self-evaluation is checked on (shown on the check page).
CORE_RULES = {"marked": "单位标注的核心指标", "default": "未标注核心指标，默认核查全部产出、效益指标（含成本）"}


def core_rule(submission: Submission) -> str:
    """``marked`` when the self-evaluation's target version has indicators marked 核心指标, else ``default``."""
    version = submission.target_version
    return "marked" if version is not None and any(i.is_core for i in version.indicators) else "default"


def core_indicators(submission: Submission) -> list:
    """The indicators checked: those the unit marked 核心指标 in the self-evaluation's target version, or,
    when it marked none, all of 产出/效益 (成本 counts with 产出)."""
    version = submission.target_version
    indicators = version.indicators if version else []
    if core_rule(submission) == "marked":
        return [i for i in indicators if i.is_core]
    return [i for i in indicators if i.level1 in DEFAULT_CORE_LEVEL1]


def draw(*, bureau: Organisation, year: int, share, seed: int | None = None, user=None,
         drawn_by_name: str = "") -> TruthDraw:
    """Draw ``share`` of the year's approved self-evaluations of ``bureau``'s region, reproducibly from ``seed``.

    The population is sorted by id and sampled with ``random.Random(seed)``: the same seed over the same
    population gives the same list.  One check per core indicator of each drawn self-evaluation.
    """
    if user is not None and not may_manage(user):
        raise ResultsError("只有财政局绩效科可以抽取核查项目")
    share = parse_share(share)
    if seed is None:
        seed = secrets.randbelow(10**9)
    if not (0 <= int(seed) < 2**62):
        raise ResultsError("随机种子应为非负整数")
    population = sorted(db.session.scalars(
        select(Submission.id).join(Project, Submission.project_id == Project.id)
        .join(Organisation, Project.unit_id == Organisation.id).where(
            Organisation.parent_id == bureau.id, Project.fiscal_year == year,
            Submission.kind == "self_evaluation", Submission.state == "approved",
            Submission.superseded_at.is_(None))))
    if not population:
        raise ResultsError(f"{year} 年度尚无审核通过的绩效自评，无法抽取")
    size = min(len(population), math.ceil(len(population) * share))
    drawn = sorted(random.Random(int(seed)).sample(population, size))
    drawn_record = TruthDraw(bureau_id=bureau.id, fiscal_year=year, share=share, seed=int(seed),
                       population=len(population), submission_ids=drawn, drawn_by_id=getattr(user, "id", None),
                       drawn_by_name=drawn_by_name or getattr(user, "full_name", "") or "命令行")
    db.session.add(drawn_record)
    db.session.flush()
    for submission_id in drawn:
        submission = db.session.get(Submission, submission_id)
        for indicator in core_indicators(submission):
            db.session.add(TruthCheck(draw_id=drawn_record.id, submission_id=submission_id,
                                      indicator_id=indicator.id))
    db.session.flush()
    if user is not None:
        record("results_truth_draw", user=user, target_type="truth_draw", target_id=drawn_record.id, year=year,
               seed=int(seed), share=str(share))
    return drawn_record


def record_check(check: TruthCheck, user, *, outcome: str, evidence: str, onsite: bool = False,
                 onsite_note: str = "", responsible_person: str = "") -> None:
    """Record what the check found; an untrue core indicator vetoes the self-evaluation (一票否决)."""
    if not may_manage(user) or check.draw.bureau_id != user.bureau_id:
        raise ResultsError("只有本地区财政局绩效科可以录入核查结果")
    if outcome not in CHECK_OUTCOMES or outcome == "pending":
        raise ResultsError("请选择核查结论（属实、无法核实或不属实）")
    evidence = (evidence or "").strip()
    if outcome == "untrue" and not evidence:
        raise ResultsError("认定“不属实”须写明核查依据")
    responsible_person = (responsible_person or "").strip()
    if outcome == "untrue" and not responsible_person:
        raise ResultsError("认定“不属实”须写明项目负责人（追究绩效责任）")
    if len(responsible_person) > 100:
        raise ResultsError("负责人姓名过长")
    was_untrue = check.outcome == "untrue"
    check.outcome, check.evidence, check.onsite = outcome, evidence, bool(onsite)
    check.onsite_note = (onsite_note or "").strip()
    check.responsible_person = responsible_person
    check.checked_by_id, check.checked_at = user.id, utcnow()
    caps.reapply_for_project(check.submission.project_id)
    record("results_truth_check", user=user, target_type="truth_check", target_id=check.id, outcome=outcome)
    if outcome == "untrue" and not was_untrue:
        plugins.notify_truthfulness_veto(check)


def draws_of(user, year: int | None = None) -> list[TruthDraw]:
    query = select(TruthDraw).where(TruthDraw.bureau_id == user.bureau_id)
    if year is not None:
        query = query.where(TruthDraw.fiscal_year == year)
    return list(db.session.scalars(query.order_by(TruthDraw.drawn_at.desc(), TruthDraw.id.desc())))


def vetoed_submission_ids(submission_ids) -> set[int]:
    return set(db.session.scalars(select(TruthCheck.submission_id).where(
        TruthCheck.submission_id.in_(list(submission_ids)), TruthCheck.outcome == "untrue")))
