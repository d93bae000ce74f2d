"""Every change of the plugin's records but ratings and review panels (panels.py): engagements,
relations, rubric, satisfaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from plugins.evaluator_grading import queries
from plugins.evaluator_grading.models import (
    RELATION_KINDS,
    Engagement,
    EngagementChange,
    Panel,
    PanelMember,
    PanelScore,
    RubricItem,
    SatisfactionRating,
    ServiceRelation,
)
from plugins.evaluator_grading.settings import decimal_setting, setting
from portal import db
from portal.accounts.models import Organisation, Role
from portal.audit.operations import record
from portal.projects.models import Project
from portal.submissions import operations as submission_ops
from portal.util import to_money, utcnow

#: The unit's short questionnaire (1–5 each).
QUESTIONS = {
    "communication": "沟通配合：评价前沟通充分，现场工作安排合理",
    "expertise": "专业能力：评价人员熟悉政策和业务，方法得当",
    "timeliness": "工作进度：按约定时间完成评价工作",
    "report": "报告质量：问题找得准，建议可操作",
    "integrity": "廉洁保密：遵守工作纪律，未额外增加单位负担",
}


class GradingError(ValueError):
    """A change that cannot be made; the message is Chinese and shown to the user."""


class ConflictOfInterest(GradingError):
    """Engaging the firm would conflict with its services to the unit; ``reasons`` say why."""

    def __init__(self, reasons: list[str]):
        super().__init__("；".join(reasons))
        self.reasons = reasons


def parse_decimal(raw, label: str) -> Decimal:
    try:
        value = Decimal(str(raw or "").strip().replace(",", ""))
    except InvalidOperation:
        raise GradingError(f"{label}：请填写有效数字") from None
    if not value.is_finite():
        raise GradingError(f"{label}：请填写有效数字")
    return value


# -- engagements (委托) and the conflict-of-interest guard ---------------------------------------------


def engage(*, firm: Organisation, projects: list[Project], deadline: date | None, amount, user,
           override_reason: str = "") -> list[Engagement]:
    """Engage ``firm`` for ``projects``; a conflict refuses unless a written override reason is given."""
    if firm.kind != "firm" or firm.parent_id != user.bureau_id:
        raise GradingError("请选择本地区的第三方机构")
    if not projects:
        raise GradingError("请至少选择一个项目")
    deadline, amount = _terms(deadline, amount)
    override_reason = (override_reason or "").strip()
    reasons = [r for p in projects for r in queries.conflicts(firm, p)]
    if reasons and not override_reason:
        raise ConflictOfInterest(reasons)
    out = []
    for project in projects:
        if project.unit.parent_id != user.bureau_id:
            raise GradingError("项目不在本地区")
        if db.session.scalar(select(Engagement.id).where(Engagement.project_id == project.id,
                                                         Engagement.firm_id == firm.id)):
            raise GradingError(f"已委托{firm.name}评价“{project.name}”")
        conflict = queries.conflicts(firm, project)
        engagement = Engagement(bureau_id=user.bureau_id, firm_id=firm.id, project=project, deadline=deadline,
                                contract_amount=amount, override_reason=override_reason if conflict else "",
                                created_by_id=user.id)
        db.session.add(engagement)
        db.session.flush()
        record("evaluator_grading_engagement", user=user, target_type="engagement", target_id=engagement.id,
               firm=firm.name, project=project.code, deadline=deadline.isoformat(), amount=str(amount))
        if conflict:
            record("evaluator_grading_conflict_override", user=user, target_type="engagement",
                   target_id=engagement.id, firm=firm.name, project=project.code, conflicts=conflict,
                   reason=override_reason)
        out.append(engagement)
    return out


def _terms(deadline: date | None, amount) -> tuple[date, Decimal]:
    """An engagement's 报告提交截止日期 and 合同金额 (万元), checked."""
    if deadline is None:
        raise GradingError("请填写报告提交截止日期")
    try:
        return deadline, to_money(amount)
    except ValueError as exc:
        raise GradingError(f"合同金额：{exc}") from None


def change_engagement(engagement: Engagement, user, *, deadline: date | None, amount, reason: str) -> list:
    """Correct an engagement's 报告提交截止日期 and 合同金额; each changed value is recorded with the reason."""
    _check_rater_of(engagement, user)
    if engagement.is_cancelled:
        raise GradingError("该委托已撤销，不能修改")
    reason = (reason or "").strip()
    if not reason:
        raise GradingError("请填写修改原因")
    deadline, amount = _terms(deadline, amount)
    changes = []
    for field, old, new in (("deadline", engagement.deadline.isoformat(), deadline.isoformat()),
                            ("amount", f"{engagement.contract_amount:.2f}", f"{amount:.2f}")):
        if old != new:
            changes.append(EngagementChange(engagement_id=engagement.id, field=field, old_value=old, new_value=new,
                                            reason=reason[:2000], changed_by_id=user.id))
    if not changes:
        raise GradingError("截止日期和合同金额均未改变")
    engagement.deadline, engagement.contract_amount = deadline, amount
    db.session.add_all(changes)
    db.session.flush()
    record("evaluator_grading_engagement_change", user=user, target_type="engagement", target_id=engagement.id,
           changes={c.field: [c.old_value, c.new_value] for c in changes}, reason=reason[:500])
    return changes


def cancel_engagement(engagement: Engagement, user, reason: str) -> Engagement:
    """撤销委托 with a reason: the firm can no longer hand in a report, and the engagement leaves every count."""
    _check_rater_of(engagement, user)
    if engagement.is_cancelled:
        raise GradingError("该委托已撤销")
    reason = (reason or "").strip()
    if not reason:
        raise GradingError("请填写撤销原因")
    report = queries.delivered_report(engagement)
    if report is not None and report.state == "approved":
        raise GradingError("该委托的评价报告已审核通过，不能撤销")
    engagement.cancelled_at, engagement.cancelled_by_id, engagement.cancel_reason = utcnow(), user.id, reason[:2000]
    db.session.flush()
    record("evaluator_grading_engagement_cancel", user=user, target_type="engagement", target_id=engagement.id,
           firm=engagement.firm.name, project=engagement.project.code, reason=reason[:500])
    return engagement


def _check_rater_of(engagement: Engagement, user) -> None:
    if not queries.is_rater(user) or engagement.bureau_id != user.bureau_id:
        raise GradingError("只有本地区绩效科可以修改或撤销委托")


def firm_refusal(submission) -> str | None:
    """Why the firm of a third-party report may not hand it in on this project (None when it may)."""
    engagements = queries.engagements_of_project(submission.project_id, include_cancelled=True)
    mine = [e for e in engagements if e.firm_id == submission.org_id]
    if mine and all(e.is_cancelled for e in mine):
        return f"本机构对该项目的委托已于{mine[-1].cancelled_at:%Y-%m-%d}撤销（{mine[-1].cancel_reason}），不能提交评价报告"
    active = {e.firm_id for e in engagements if not e.is_cancelled}
    if active and submission.org_id not in active:
        return "该项目已委托其他第三方机构评价，本机构不能提交评价报告"
    return None


def add_relation(*, firm: Organisation, unit: Organisation, kind: str, year, note: str, user) -> ServiceRelation:
    """Record a service the firm rendered to a unit (a conflict of interest for the unit's projects)."""
    if firm.kind != "firm" or unit.kind != "unit" or {firm.parent_id, unit.parent_id} != {user.bureau_id}:
        raise GradingError("请选择本地区的第三方机构和部门单位")
    if kind not in RELATION_KINDS:
        raise GradingError("请选择服务类型")
    try:
        year = int(str(year).strip())
    except ValueError:
        raise GradingError("年度应为四位数字") from None
    if not 2000 <= year <= 2100:
        raise GradingError("年度应为四位数字")
    relation = ServiceRelation(firm_id=firm.id, unit_id=unit.id, kind=kind, year=year,
                               note=(note or "").strip()[:1000], created_by_id=user.id)
    db.session.add(relation)
    db.session.flush()
    record("evaluator_grading_relation", user=user, target_type="service_relation", target_id=relation.id,
           firm=firm.name, unit=unit.name, service=kind, year=year)
    return relation


# -- the rubric -----------------------------------------------------------------------------------------


def ensure_rubric(bureau_id: int, year: int) -> list[RubricItem]:
    """The bureau's rubric for ``year``, created from the default when it has none."""
    items = queries.rubric(bureau_id, year)
    if not items:
        for position, (name, points) in enumerate(setting("EVALUATOR_GRADING_RUBRIC")):
            db.session.add(RubricItem(bureau_id=bureau_id, fiscal_year=year, position=position, name=name,
                                      points=Decimal(str(points))))
        db.session.flush()
        items = queries.rubric(bureau_id, year)
    return items


def save_rubric(bureau_id: int, year: int, rows: list[tuple[str, str]], user) -> list[RubricItem]:
    """Replace the year's rubric (names and points summing to 100) while nobody has scored on it."""
    items = ensure_rubric(bureau_id, year)
    if db.session.scalar(select(PanelScore.id).where(PanelScore.rubric_item_id.in_([i.id for i in items]))
                         .limit(1)):
        raise GradingError(f"{year}年度评审标准已有评分，不能再修改")
    cleaned = []
    for name, raw in rows:
        name = (name or "").strip()
        if not name and not str(raw or "").strip():
            continue
        if not name:
            raise GradingError("评审项目名称不能为空")
        points = parse_decimal(raw, f"“{name}”分值")
        if points <= 0:
            raise GradingError(f"“{name}”分值应大于 0")
        cleaned.append((name[:100], points))
    if not cleaned:
        raise GradingError("请至少填写一个评审项目")
    total = sum((p for _, p in cleaned), Decimal(0))
    if total != 100:
        raise GradingError(f"各项分值合计应为 100 分，现为 {total} 分")
    for item in items:
        db.session.delete(item)
    db.session.flush()
    for position, (name, points) in enumerate(cleaned):
        db.session.add(RubricItem(bureau_id=bureau_id, fiscal_year=year, position=position, name=name,
                                  points=points))
    db.session.flush()
    record("evaluator_grading_rubric", user=user, target_type="rubric", target_id=year,
           items=[f"{n} {p}" for n, p in cleaned])
    return queries.rubric(bureau_id, year)


def on_report_transition(submission, transition) -> None:
    """A reworked report handed in again gets a new round with the same members; a return cancels open panels."""
    if submission.kind != "third_party":
        return
    if transition.action == "create":
        refusal = firm_refusal(submission)
        if refusal:
            raise submission_ops.WorkflowError(refusal)
    if transition.to_state in ("returned", "withdrawn"):
        for panel in queries.panels_of(submission.id):
            if panel.state == "open":
                panel.state, panel.closed_at = "cancelled", utcnow()
    if transition.action == "submit":
        previous = queries.panels_of(submission.id)
        if previous and queries.current_panel(submission) is None:
            last = previous[-1]
            panel = Panel(submission_id=submission.id, round=queries.submit_round(submission),
                          created_by_id=last.created_by_id,
                          members=[PanelMember(user_id=m.user_id) for m in last.members])
            db.session.add(panel)
    db.session.flush()


def guard(submission, action: str, user) -> str | None:
    """Only the engaged firm hands in a report on an engaged project; approval waits for a passing panel."""
    if submission.kind != "third_party":
        return None
    if action == "submit":
        refusal = firm_refusal(submission)
        if refusal:
            return refusal
    if action == "approve":
        panel = queries.current_panel(submission)
        pass_score = decimal_setting("EVALUATOR_GRADING_PASS_SCORE")
        if panel is None or panel.state == "open":
            return "报告质量评审尚未完成，不能审核通过"
        if panel.state != "passed":
            return f"报告质量评审得分 {panel.score} 分，低于 {pass_score} 分，不能审核通过"
    return None


# -- satisfaction (满意度) --------------------------------------------------------------------------------


def rate_satisfaction(engagement: Engagement, user, answers: dict[str, str], comment: str) -> SatisfactionRating:
    """The evaluated unit rates the firm's work once the report is handed in; one rating per engagement."""
    if not user.has_role(Role.UNIT_EDITOR) or engagement.project.unit_id != user.org_id:
        raise GradingError("只有被评价单位可以评价满意度")
    if queries.delivered_report(engagement) is None:
        raise GradingError("机构尚未提交评价报告，暂不能评价")
    if queries.satisfaction_for(engagement.id) is not None:
        raise GradingError("已评价过满意度")
    parsed, missing = {}, []
    for key, label in QUESTIONS.items():
        raw = str(answers.get(key) or "").strip()
        if raw not in {"1", "2", "3", "4", "5"}:
            missing.append(label.split("：")[0])
        else:
            parsed[key] = int(raw)
    if missing:
        raise GradingError("请为以下各项选择 1–5 分：" + "、".join(missing))
    rating = SatisfactionRating(engagement_id=engagement.id, user_id=user.id, answers=parsed,
                                comment=(comment or "").strip()[:2000])
    db.session.add(rating)
    db.session.flush()
    record("evaluator_grading_satisfaction", user=user, target_type="engagement", target_id=engagement.id,
           answers=parsed)
    return rating
