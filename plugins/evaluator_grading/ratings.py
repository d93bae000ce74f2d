"""执业质量评价 — the yearly firm rating: its arithmetic and its life (computed → open → final)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from plugins.evaluator_grading import queries
from plugins.evaluator_grading.models import Engagement, FirmRating
from plugins.evaluator_grading.settings import setting
from portal import db, plugins
from portal.accounts.models import Organisation
from portal.audit.operations import record
from portal.projects.models import Project
from portal.ui import local_time
from portal.util import local_date, today, utcnow

COMPONENTS = {"quantity": "数量（按期完成委托）", "quality": "质量（报告评审平均分）",
              "effect": "效果（问题整改销号）", "satisfaction": "满意度（被评价单位）"}
LEVELS = ("A", "B", "C", "D")
HUNDRED = Decimal(100)


class RatingError(ValueError):
    """A rating change that cannot be made; the message is Chinese and shown to the user."""


def q2(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def composite(components: dict[str, Decimal | None], weights: dict[str, float]) -> tuple[Decimal | None, dict]:
    """Weighted mean of the components that have data; returns it and the effective weights (sum 1)."""
    present = {k: Decimal(str(weights.get(k, 0))) for k, v in components.items() if v is not None}
    total_weight = sum(present.values(), Decimal(0))
    if not total_weight:
        return None, {}
    score = sum((components[k] * w for k, w in present.items()), Decimal(0)) / total_weight
    return q2(score), {k: str(q2(w * HUNDRED / total_weight)) for k, w in present.items()}


def level_for(score: Decimal | None) -> str | None:
    """A / B / C / D by the configured floors."""
    if score is None:
        return None
    for level, floor in setting("EVALUATOR_GRADING_LEVELS"):
        if score >= Decimal(str(floor)):
            return level
    return "D"


def _effect(reports) -> tuple[Decimal | None, dict]:
    """Share of the firm's findings (approved reports) accepted and closed through rectification (销号).

    Asks the ``finding_outcomes`` hook; without an answer (no plugin tracks findings), without
    findings, or while none of them has been taken up as a rectification item, the component is
    left out and the others are re-weighted.
    """
    ids = [f.id for report in reports if report.state == "approved" for f in report.findings if f.kind == "finding"]
    outcomes = plugins.finding_outcomes(ids) if ids else None
    if outcomes is None:
        if ids:
            reason = "整改台账未提供问题销号数据"
        elif not any(r.state == "approved" for r in reports):
            reason = "评价报告尚未审核通过"
        else:
            reason = "审核通过的报告未列出问题"
        return None, {"note": f"{reason}，效果指标不参与计算，权重按比例分配给其他指标"}
    closed = sum(1 for i in ids if outcomes.get(i) == "closed")
    accepted = sum(1 for i in ids if outcomes.get(i) in ("closed", "open"))
    if not accepted:
        # Rectification has not taken up any of these findings yet: no basis to judge their effect.
        return None, {"findings": len(ids), "accepted": 0, "closed": 0,
                      "note": "报告所列问题尚未下达整改事项，效果指标不参与计算，权重按比例分配给其他指标"}
    return q2(Decimal(closed) * HUNDRED / len(ids)), {"findings": len(ids), "accepted": accepted, "closed": closed}


def timeliness(deadline, delivered, done: bool, on) -> str:
    """按期完成 as a clerk would read it: 是, handed in on time but not yet approved, how late, or not due yet."""
    if done:
        return "是"
    if delivered is not None and delivered <= deadline:
        return "按期提交，尚待审核通过"
    if delivered is not None:
        return f"否（逾期 {(delivered - deadline).days} 天提交）"
    return "未到期" if deadline >= on else f"否（已逾期 {(on - deadline).days} 天未提交）"


def components_for(bureau_id: int, firm_id: int, year: int) -> tuple[dict[str, Decimal | None], dict]:
    """The four component scores (0–100) and the rows behind them."""
    engagements = db.session.scalars(select(Engagement).join(Project).where(
        Engagement.bureau_id == bureau_id, Engagement.firm_id == firm_id, Project.fiscal_year == year,
        Engagement.cancelled_at.is_(None))  # a cancelled engagement is held neither for nor against the firm
        .order_by(Project.code)).all()
    rows, reports, due, on_time, panel_scores, satisfaction = [], [], 0, 0, [], []
    on = today()
    for engagement in engagements:
        report = queries.delivered_report(engagement)
        if report is not None:
            reports.append(report)
        first = queries.first_handed_in(report) if report else None
        delivered = local_date(first.at) if first else None
        done = bool(report and report.state == "approved" and delivered and delivered <= engagement.deadline)
        # An engagement counts once it is due or done; one still within its deadline is not held against the firm.
        is_due = done or engagement.deadline < on
        due += is_due
        on_time += done
        scores = [p.score for p in (queries.panels_of(report.id) if report else [])
                  if p.state in ("passed", "returned") and p.score is not None]
        panel_scores.extend(scores)
        rating = queries.satisfaction_for(engagement.id)
        sat = q2(Decimal(sum(rating.answers.values())) * 20 / len(rating.answers)) if rating and rating.answers \
            else None
        if sat is not None:
            satisfaction.append(sat)
        rows.append({"project": f"{engagement.project.code} {engagement.project.name}",
                     "deadline": engagement.deadline.isoformat(),
                     "delivered": delivered.isoformat() if delivered else "",
                     "state": report.state_label if report else "未提交",
                     "on_time": done, "timeliness": timeliness(engagement.deadline, delivered, done, on), "is_due": is_due, "panel_scores": [str(s) for s in scores],
                     "report_total": str(report.total_score) if report and report.total_score is not None else "",
                     "satisfaction": str(sat) if sat is not None else ""})
    effect, effect_info = _effect(reports)
    values = {
        "quantity": q2(Decimal(on_time) * HUNDRED / due) if due else None,
        "quality": q2(sum(panel_scores, Decimal(0)) / len(panel_scores)) if panel_scores else None,
        "effect": effect,
        "satisfaction": q2(sum(satisfaction, Decimal(0)) / len(satisfaction)) if satisfaction else None,
    }
    info = {"engagements": len(engagements), "due": due, "on_time": on_time, "panel_count": len(panel_scores),
            "satisfaction_count": len(satisfaction), "effect": effect_info, "rows": rows}
    return values, info


def firms_engaged(bureau_id: int, year: int) -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(Organisation.id.in_(
        select(Engagement.firm_id).join(Project).where(Engagement.bureau_id == bureau_id,
                                                       Project.fiscal_year == year))).order_by(Organisation.name)))


def compute_year(bureau_id: int, year: int, user=None) -> list[FirmRating]:
    """Compute (or refresh) every engaged firm's rating of ``year``; open and final ones stay as they are."""
    out = []
    for firm in firms_engaged(bureau_id, year):
        rating = db.session.scalar(select(FirmRating).where(
            FirmRating.bureau_id == bureau_id, FirmRating.firm_id == firm.id, FirmRating.fiscal_year == year))
        if rating is None:
            rating = FirmRating(bureau_id=bureau_id, firm_id=firm.id, fiscal_year=year, state="computed")
            db.session.add(rating)
        if rating.state == "computed":
            values, info = components_for(bureau_id, firm.id, year)
            score, weights = composite(values, setting("EVALUATOR_GRADING_WEIGHTS"))
            for name, value in values.items():
                setattr(rating, name, value)
            rating.composite, rating.level = score, level_for(score)
            rating.breakdown = {**info, "weights": weights}
            rating.computed_at = utcnow()
        out.append(rating)
    db.session.flush()
    if user is not None:
        record("evaluator_grading_rating", user=user, target_type="rating_year", target_id=year, action="compute")
    return out


class NoDataWarning(RatingError):
    """Opening a draft without any data: the bureau must confirm it explicitly."""


def open_draft(rating: FirmRating, user, now: datetime | None = None, *, confirm_no_data: bool = False) -> None:
    """Show the draft to the firm and start its comment window.

    A draft of only "—" (no component has data) gives the firm nothing to answer: it is refused with
    :class:`NoDataWarning` unless the bureau confirms it knowingly (the confirmation is audited).
    """
    if rating.state != "computed":
        raise RatingError("该评价已开放或已定稿")
    if not rating.has_data and not confirm_no_data:
        raise NoDataWarning("该评价草稿没有任何数据（各项得分均为“—”），机构无从反馈。"
                            "请先核实委托、评审和满意度数据并重新计算；如确需开放，请勾选确认后再开放。")
    now = now or utcnow()
    rating.state, rating.opened_at = "open", now
    rating.window_closes_at = now + timedelta(days=int(setting("EVALUATOR_GRADING_COMMENT_DAYS")))
    db.session.flush()
    record("evaluator_grading_rating", user=user, target_type="firm_rating", target_id=rating.id, action="open",
           without_data=not rating.has_data)


def days_left(rating: FirmRating) -> int | None:
    """Whole Beijing days from today to the window's last day (0 = closes today); None when not open."""
    if rating.state != "open" or rating.window_closes_at is None:
        return None
    return (local_date(rating.window_closes_at) - today()).days


def close_window_early(rating: FirmRating, user, reason: str, now: datetime | None = None) -> None:
    """End the comment window before its date (e.g. the firm said it has nothing to add); needs a reason."""
    now = now or utcnow()
    reason = (reason or "").strip()
    if not rating.window_is_open(now):
        raise RatingError("意见反馈期未在进行中，无需提前结束")
    if not reason:
        raise RatingError("提前结束意见反馈期须说明理由")
    rating.window_closes_at = now
    rating.window_closed_early_reason, rating.window_closed_early_by_id = reason[:2000], user.id
    db.session.flush()
    record("evaluator_grading_rating", user=user, target_type="firm_rating", target_id=rating.id,
           action="close_window_early", reason=reason)


def respond(rating: FirmRating, user, text: str, now: datetime | None = None, uploads=()) -> None:
    """The firm's written answer (with optional files); it may rewrite it until the window closes."""
    from portal.files.operations import UploadRejected, attach

    text = (text or "").strip()
    if rating.firm_id != user.org_id:
        raise RatingError("只有被评价机构可以回复")
    if not rating.window_is_open(now or utcnow()):
        raise RatingError(f"意见反馈期已于 {local_time(rating.window_closes_at)} 结束，不能再提交或修改意见")
    if not text:
        raise RatingError("请填写反馈意见")
    edited = bool(rating.firm_response)
    rating.firm_response, rating.responded_at, rating.responded_by_id = text[:5000], now or utcnow(), user.id
    names = []
    for upload in uploads:
        if upload is None or not (upload.filename or "").strip():
            continue
        try:
            names.append(attach(upload, owner_type="firm_rating", owner_id=rating.id, user=user).filename)
        except UploadRejected as exc:
            raise RatingError(f"附件“{upload.filename}”未能上传：{exc}") from None
    db.session.flush()
    record("evaluator_grading_rating", user=user, target_type="firm_rating", target_id=rating.id,
           action="edit_response" if edited else "respond", files=names or None)


def finalise(rating: FirmRating, user, *, level: str | None = None, reason: str = "",
             now: datetime | None = None) -> None:
    """定稿: only once the comment window has closed (on its date or early, with a reason).

    The final level defaults to the computed one; without a computed level it must be chosen, and a
    changed level needs a reason.
    """
    now = now or utcnow()
    reason = (reason or "").strip()
    if rating.state != "open":
        raise RatingError("只有已开放征求意见的评价可以定稿")
    if rating.window_is_open(now):
        raise RatingError(f"意见反馈期至 {local_time(rating.window_closes_at)}，反馈期结束后方可定稿；"
                          "如需提前定稿，请先填写理由提前结束反馈期")
    level = level or rating.level
    if level is None:
        raise RatingError("本评价没有计算等级，请选择最终等级并说明理由")
    if level not in LEVELS:
        raise RatingError("等级应为 A、B、C 或 D")
    changed = level != rating.level
    if changed and not reason:
        raise RatingError("调整等级须说明理由")
    if changed:
        rating.breakdown = {**rating.breakdown, "computed_level": rating.level}
        rating.level = level
    rating.is_changed, rating.change_reason = changed, reason
    rating.state, rating.finalised_at, rating.finalised_by_id = "final", now, user.id
    db.session.flush()
    record("evaluator_grading_rating", user=user, target_type="firm_rating", target_id=rating.id,
           action="finalise", changed=changed, reason=reason or None)

