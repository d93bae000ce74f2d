"""报告质量评审: the bureau's review panels on a third-party report — forming one, replacing a member,
each member's scores (a deduction needs a comment) and the panel's result (under the pass score the
report goes back for rework)."""

from __future__ import annotations

from decimal import Decimal

from plugins.evaluator_grading import queries
from plugins.evaluator_grading.models import Panel, PanelMember, PanelScore
from plugins.evaluator_grading.operations import GradingError, ensure_rubric, parse_decimal
from plugins.evaluator_grading.settings import decimal_setting
from portal import db
from portal.audit.operations import record
from portal.submissions import operations as submission_ops
from portal.util import utcnow


def form_panel(submission, members, user) -> Panel:
    """The bureau forms a panel (reviewers and experts) on the report's current hand-in."""
    if not queries.is_rater(user) or submission.project.unit.parent_id != user.bureau_id:
        raise GradingError("只有绩效科可以组建评审组")
    if submission.kind != "third_party" or submission.state not in ("submitted", "review"):
        raise GradingError("只能对已提交的第三方评价报告组建评审组")
    if queries.current_panel(submission) is not None:
        raise GradingError("本轮评审组已组建")
    eligible = {u.id: u for u in queries.eligible_members(user)}
    chosen = [eligible[m.id] for m in members if m.id in eligible]
    if len({m.id for m in chosen}) < 2:
        raise GradingError("评审组至少需要两名成员（绩效科人员或专家）")
    ensure_rubric(user.bureau_id, submission.project.fiscal_year)
    panel = Panel(submission_id=submission.id, round=queries.submit_round(submission), created_by_id=user.id,
                  members=[PanelMember(user_id=m.id) for m in dict.fromkeys(chosen)])
    db.session.add(panel)
    db.session.flush()
    record("evaluator_grading_panel", user=user, target_type="panel", target_id=panel.id,
           submission=submission.id, members=[m.username for m in chosen])
    return panel


def replace_member(panel: Panel, member_id: int, new_user_id: int, reason: str, user) -> PanelMember:
    """更换评审组成员 before they score: the old member stays as a record (who, when, why), the new one scores."""
    if not queries.is_rater(user) or panel.submission.project.unit.parent_id != user.bureau_id:
        raise GradingError("只有绩效科可以更换评审组成员")
    if panel.state != "open":
        raise GradingError("评审已结束，不能更换成员")
    old = next((m for m in panel.members if m.id == member_id), None)
    if old is None:
        raise GradingError("请选择要更换的成员")
    if old.submitted_at is not None:
        raise GradingError(f"{old.user.full_name}已提交评分，不能更换")
    reason = (reason or "").strip()
    if not reason:
        raise GradingError("请填写更换原因（如回避、出差、身体原因）")
    eligible = {u.id: u for u in queries.eligible_members(user)}
    new = eligible.get(new_user_id)
    if new is None:
        raise GradingError("请选择本地区的绩效科、业务科室人员或评审专家")
    if any(m.user_id == new.id for m in panel.members) or any(m.user_id == new.id for m in panel.replaced_members):
        raise GradingError(f"{new.full_name}已是（或曾是）本评审组成员")
    old.replaced_at, old.replaced_by_id, old.replace_reason = utcnow(), user.id, reason[:2000]
    replacement = PanelMember(panel_id=panel.id, user_id=new.id)
    db.session.add(replacement)
    db.session.flush()
    db.session.expire(panel, ["members", "replaced_members"])
    record("evaluator_grading_panel_member_replaced", user=user, target_type="panel", target_id=panel.id,
           replaced=old.user.username, by=new.username, reason=reason[:500])
    return replacement


def check_scores(panel: Panel, user, values: dict[int, tuple[str, str]]) -> tuple[PanelMember, list[PanelScore]]:
    """A member's scores checked, not saved (for the confirmation before 提交评分); ``GradingError`` lists
    every problem at once."""
    member = panel.member_for(user)
    if member is None:
        raise GradingError("您不是本评审组成员")
    if panel.state != "open":
        raise GradingError("本评审组已结束评审")
    if member.submitted_at is not None:
        raise GradingError("您已提交评分，不能修改")
    items = queries.rubric(panel.submission.project.unit.parent_id, panel.submission.project.fiscal_year)
    errors, scores = [], []
    for item in items:
        raw, comment = values.get(item.id, ("", ""))
        comment = (comment or "").strip()
        if not str(raw or "").strip():
            errors.append(f"“{item.name}”：请打分")
            continue
        try:
            score = parse_decimal(raw, f"“{item.name}”")
        except GradingError as exc:
            errors.append(str(exc))
            continue
        if not 0 <= score <= item.points:
            errors.append(f"“{item.name}”：得分应在 0 至 {item.points} 分之间")
        elif score < item.points and not comment:
            errors.append(f"“{item.name}”：扣分须填写评审意见")
        scores.append(PanelScore(rubric_item_id=item.id, score=score.quantize(Decimal("0.01")),
                                 comment=comment[:2000]))
    if errors:
        raise GradingError("；".join(errors))
    return member, scores


def submit_scores(panel: Panel, user, values: dict[int, tuple[str, str]]) -> PanelMember:
    """A member's scores and comments (a deduction needs a comment); the last one closes the panel."""
    member, scores = check_scores(panel, user, values)
    member.scores = scores
    member.total = sum((s.score for s in scores), Decimal(0))
    member.submitted_at = utcnow()
    db.session.flush()
    if all(m.submitted_at for m in panel.members):
        close_panel(panel)
    return member


def _return_comment(panel: Panel, pass_score: Decimal) -> str:
    lines = [f"报告质量评审得分 {panel.score} 分，低于 {pass_score} 分，退回修改。评审意见："]
    for index, member in enumerate(panel.members, start=1):
        for score in member.scores:
            if score.comment:
                lines.append(f"【{score.item.name}】（评审人{index}，{score.score}/{score.item.points} 分）{score.comment}")
    return "\n".join(lines)


def close_panel(panel: Panel) -> None:
    """Panel score = mean of the members' totals; under the pass score the report goes back for rework."""
    totals = [m.total for m in panel.members if m.total is not None]
    panel.score = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01"))
    panel.closed_at = utcnow()
    pass_score = decimal_setting("EVALUATOR_GRADING_PASS_SCORE")
    submission = panel.submission
    if panel.score >= pass_score:
        panel.state = "passed"
        db.session.flush()
        return
    panel.state = "returned"
    db.session.flush()
    if submission.state in ("submitted", "review"):
        submission_ops.apply_transition(submission, "return", panel.created_by,
                                        comment=_return_comment(panel, pass_score))
