"""Every change to submissions: create, edit structured data, and apply transitions.

``apply_transition`` is the one function that changes a submission's state: it checks
the transition table and the plugins' guards, validates, writes the audit row and the
reviewer's per-field comments, applies the effects of approval, and fires the hook.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal import plugins
from portal.extensions import db
from portal.scoring import compute
from portal.scoring.frameworks import framework_for
from portal.submissions import effects
from portal.submissions.models import (
    FIELD_COMMENTS_MARK,
    FINDING_KINDS,
    INDICATOR_KINDS,
    KINDS,
    SCORED_KINDS,
    Finding,
    IndicatorResult,
    ReviewComment,
    ScoreEntry,
    Submission,
    Transition,
)
from portal.submissions.workflow import CREATE, RULES, allowed
from portal.ui import local_time
from portal.util import utcnow
from portal.workcal.dates import checkpoint_label, checkpoints_for


class WorkflowError(ValueError):
    """A change that cannot be made; the message is Chinese and shown to the user."""


def _record(submission: Submission, action: str, from_state, to_state: str, actor, comment: str = "") -> Transition:
    transition = Transition(submission=submission, action=action, from_state=from_state, to_state=to_state,
                            actor_id=actor.id, comment=comment)
    db.session.add(transition)
    db.session.flush()
    return transition


class DuplicateRecord(WorkflowError):
    """A second active record of the same kind, project and checkpoint; ``existing`` is the first."""

    def __init__(self, message: str, existing: Submission):
        super().__init__(message)
        self.existing = existing


def record_key(kind: str, project_id: int, checkpoint: int | None, org_id: int) -> str:
    """What makes two records duplicates: kind, project (and so year), the monitoring checkpoint, and for a
    third-party report the firm (a stale draft of a firm not engaged must not block the engaged one)."""
    return f"{kind}:{project_id}" + (f":{checkpoint}" if kind == "monitoring" else "") + (
        f":{org_id}" if kind == "third_party" else "")


def active_record(kind: str, project, checkpoint: int | None = None,
                  org_id: int | None = None) -> Submission | None:
    """The record of this kind for the project that counts now: not withdrawn, not superseded, and for a
    target declaration still in progress (an approved one is changed by a new version)."""
    query = select(Submission).where(Submission.kind == kind, Submission.project_id == project.id,
                                     Submission.state != "withdrawn", Submission.superseded_at.is_(None))
    if kind == "monitoring":
        query = query.where(Submission.checkpoint == checkpoint)
    if kind == "third_party":
        query = query.where(Submission.org_id == org_id)
    if kind == "target_declaration":
        query = query.where(Submission.state != "approved")
    return db.session.scalar(query.order_by(Submission.id).limit(1))


def duplicate_message(existing: Submission, where: str = "") -> str:
    """Why a second record is refused, naming the one that counts and what to do instead."""
    return (f"{where}已有{KINDS[existing.kind]}（第 {existing.version_no} 版，{existing.state_label}），不能重复新建；"
            + ("每个项目每年度只能有一份已通过的绩效自评；" if existing.kind == "self_evaluation"
               and existing.state == "approved" else "")
            + ("请继续办理这一份。" if existing.state != "approved"
               else f"如需更正，请在该材料页点击“重新填报（替代第 {existing.version_no} 版）”。"))


def refuse_duplicate(kind: str, project, checkpoint: int | None, replaces: Submission | None,
                     org_id: int) -> str:
    """The active key of the new record, or a Chinese refusal naming the record that already counts."""
    key = record_key(kind, project.id, checkpoint, org_id)
    where = f"该项目{project.fiscal_year}年度" + (checkpoint_label(checkpoint) if kind == "monitoring" else "")
    if replaces is None:
        existing = active_record(kind, project, checkpoint, org_id)
        if existing is not None:
            raise DuplicateRecord(duplicate_message(existing, where), existing)
        return key
    if (replaces.kind, replaces.project_id, replaces.checkpoint if kind == "monitoring" else None) != (
            kind, project.id, checkpoint if kind == "monitoring" else None):
        raise WorkflowError("替代的材料与新填报的类型或项目不符")
    if replaces.state != "approved" or replaces.superseded_at is not None or kind == "target_declaration":
        raise WorkflowError("只能替代已通过且仍有效的材料；未通过的材料请继续办理或撤回")
    pending = db.session.scalar(select(Submission).where(Submission.replaces_id == replaces.id,
                                                         Submission.state != "withdrawn"))
    if pending is not None:
        raise DuplicateRecord(f"第 {replaces.version_no} 版已有重新填报的第 {pending.version_no} 版"
                              f"（{pending.state_label}），请继续办理这一份。", pending)
    return f"{key}:r{replaces.id}"


def create(*, kind: str, project, user, checkpoint: int | None = None, target_version=None,
           title: str = "", replaces: Submission | None = None) -> Submission:
    """A new draft by ``user``'s organisation, recorded and announced like any transition.

    Refuses a second active record of the same kind, project and checkpoint (:class:`DuplicateRecord`);
    ``replaces`` makes it an explicit new version of an approved record (重新填报), which supersedes that
    one when it is approved.
    """
    if kind not in KINDS:
        raise WorkflowError("未知的材料类型")
    if kind == "monitoring" and checkpoint not in (offered := checkpoints_for(project)):
        raise WorkflowError(f"请选择监控节点（{'或'.join(c.label for c in offered.values()) or '本年度工作日历未设监控节点'}）")
    active_key = refuse_duplicate(kind, project, checkpoint, replaces, user.org_id)
    if kind in INDICATOR_KINDS and target_version is None:
        target_version = effects.current_targets(project)
        if target_version is None:
            raise WorkflowError("该项目尚无已批复的绩效目标，不能填报监控或自评")
    framework = framework_for(kind, project.fiscal_year, project.unit.parent_id) if kind in SCORED_KINDS else None
    submission = Submission(kind=kind, project=project, org_id=user.org_id, created_by_id=user.id,
                            checkpoint=checkpoint if kind == "monitoring" else None,
                            target_version=target_version, framework_id=framework.id if framework else None,
                            title=title, data={}, replaces=replaces, active_key=active_key)
    try:
        with db.session.begin_nested():
            db.session.add(submission)
            db.session.flush()
    except IntegrityError:  # the same form posted twice at the same moment: the other one won
        existing = active_record(kind, project, checkpoint, user.org_id)
        raise DuplicateRecord(f"{KINDS[kind]}已由同一操作新建，请勿重复提交", existing) from None
    if replaces is not None:
        _copy_content(replaces, submission)
    transition = _record(submission, CREATE, None, "draft", user)
    plugins.notify_submission_transition(submission, transition)
    return submission


def _copy_content(old: Submission, new: Submission) -> None:
    """A replacement starts as a copy of what it replaces; its first submission lists what was corrected."""
    data = {k: v for k, v in (old.data or {}).items() if k not in {"round_changes", "returned_snapshot"}}
    new.data = {**data, "returned_snapshot": effects.content_snapshot(old)}
    if new.target_version_id == old.target_version_id:
        new.results = [IndicatorResult(indicator_id=r.indicator_id, actual_value=r.actual_value,
                                       actual_text=r.actual_text, judged_completion=r.judged_completion,
                                       expects_completion=r.expects_completion, note=r.note) for r in old.results]
    if new.framework_id == old.framework_id:
        new.scores = [ScoreEntry(item_id=e.item_id, score=e.score, note=e.note) for e in old.scores]
    new.findings = [Finding(kind=f.kind, position=f.position, text=f.text) for f in old.findings]
    db.session.flush()
    refresh_scores(new)


def _supersede(submission: Submission) -> None:
    """The approved replacement takes the place of the record it replaces, everywhere."""
    old = submission.replaces
    old.superseded_at = utcnow()
    old.active_key = None
    db.session.flush()  # the key is free before the replacement takes it
    submission.active_key = record_key(submission.kind, submission.project_id, submission.checkpoint,
                                       submission.org_id)


def mark_opened(submission: Submission, user) -> bool:
    """Note that the 业务科室 has opened a submission awaiting first review (ends 撤回修改)."""
    from portal.submissions.workflow import is_region_bureau

    if (submission.state != "submitted" or submission.section_opened_at is not None
            or not user.has_role("bureau_section") or not is_region_bureau(user, submission)):
        return False
    submission.section_opened_at = utcnow()
    submission.section_opened_by_id = user.id
    db.session.flush()
    return True


def _editable(submission: Submission, user) -> None:
    from portal.submissions.workflow import is_owner

    if not is_owner(user, submission):
        raise WorkflowError("只有填报单位可以修改本材料")
    if not submission.is_editable:
        raise WorkflowError(f"材料当前状态为“{submission.state_label}”，不能修改")


def parse_decimal(raw, label: str, *, required: bool = False) -> Decimal | None:
    text = str(raw or "").strip().replace(",", "").replace("，", "").rstrip("%％")
    if text == "":
        if required:
            raise WorkflowError(f"{label}：请填写数值")
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise WorkflowError(f"{label}：“{raw}”不是有效数字") from None
    if not value.is_finite():
        raise WorkflowError(f"{label}：“{raw}”不是有效数字")
    return value


def save_results(submission: Submission, user, rows: dict[int, dict]) -> None:
    """Actual values per indicator (monitoring, self-evaluation); ``rows`` maps indicator id → fields."""
    _editable(submission, user)
    indicators = {i.id: i for i in submission.target_version.indicators}
    errors = []
    for indicator_id, fields in rows.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        try:
            actual = parse_decimal(fields.get("actual"), f"“{indicator.name}”实际值")
            judged = parse_decimal(fields.get("judged"), f"“{indicator.name}”完成程度")
        except WorkflowError as exc:
            errors.append(str(exc))
            continue
        if judged is not None and not (0 <= judged <= 100):
            errors.append(f"“{indicator.name}”完成程度应在 0 至 100 之间")
            continue
        result = submission.result_for(indicator_id)
        if result is None:
            result = IndicatorResult(indicator_id=indicator_id)
            submission.results.append(result)
        result.actual_value = actual
        result.actual_text = str(fields.get("actual_text") or "")[:200]
        result.judged_completion = judged
        result.expects_completion = bool(fields.get("expects", True))
        result.note = str(fields.get("note") or "")
    if errors:
        raise WorkflowError("；".join(errors))
    refresh_scores(submission)


def save_scores(submission: Submission, user, scores: dict[int, str]) -> None:
    """A score sheet: one score per level-3 item, each within its weight."""
    _editable(submission, user)
    if submission.kind not in SCORED_KINDS or submission.kind == "self_evaluation":
        raise WorkflowError("该材料不使用评分表")
    from portal.scoring.models import Framework

    framework = db.session.get(Framework, submission.framework_id)
    errors = []
    for item in framework.items:
        raw = scores.get(item.id)
        try:
            value = parse_decimal(raw, item.name)
        except WorkflowError as exc:
            errors.append(str(exc))
            continue
        entry = submission.score_for(item.id)
        if value is None:
            if entry is not None:
                submission.scores.remove(entry)
            continue
        if message := compute.check_score(value, item.weight):
            errors.append(f"{item.name}：{message}")
            continue
        if entry is None:
            submission.scores.append(ScoreEntry(item_id=item.id, score=compute.q2(value)))
        else:
            entry.score = compute.q2(value)
    if errors:
        raise WorkflowError("；".join(errors))
    refresh_scores(submission)


def save_findings(submission: Submission, user, findings: list[str], recommendations: list[str]) -> None:
    """Replace the lists of findings (问题) and recommendations (建议); blank lines are dropped."""
    _editable(submission, user)
    if submission.kind not in FINDING_KINDS:
        raise WorkflowError("该材料不含问题与建议")
    submission.findings.clear()
    db.session.flush()
    position = 0
    for kind, texts in (("finding", findings), ("recommendation", recommendations)):
        for text in texts:
            if text.strip():
                submission.findings.append(Finding(kind=kind, position=position, text=text.strip()))
                position += 1


def save_data(submission: Submission, user, **fields) -> None:
    """Free structured fields (summary, team members, spent to date…)."""
    _editable(submission, user)
    data = dict(submission.data or {})
    for key, value in fields.items():
        data[key] = value
    submission.data = data
    refresh_scores(submission)


def refresh_scores(submission: Submission) -> None:
    """Recompute the total and grade from the structured data (never typed in)."""
    totals = effects.score_summary(submission)
    submission.total_score = totals.total if totals else None
    submission.score_grade = totals.score_grade if totals else None
    submission.grade = totals.grade if totals else None
    submission.grade_cap = "；".join(totals.cap_reasons) if totals else ""


def transition_refusal(submission: Submission, action: str, user, *, has_comment: bool = True) -> str | None:
    """Why ``user`` may not apply ``action`` to ``submission`` now (in Chinese), or ``None`` if they may.

    The same checks :func:`apply_transition` makes, so a confirmation page (批量初审) can say per row what
    will be refused before anything changes; ``has_comment=False`` also checks a required opinion.
    """
    rule = RULES.get(action)
    if rule is None:
        return "未知的操作"
    if action == "recall" and submission.state == "submitted" and submission.section_opened_at is not None:
        return (f"业务科室已于{local_time(submission.section_opened_at)}打开本材料，不能再撤回；"
                "如需修改，请联系业务科室退回")
    if not allowed(rule, user, submission):
        return f"您不能对状态为“{submission.state_label}”的材料执行“{rule.label}”"
    if rule.needs_comment and not has_comment:
        return f"“{rule.label}”须填写意见"
    objections = plugins.transition_objections(submission, action, user)
    if objections:
        return "；".join(objections)
    if action == "submit":
        problems = effects.problems_before_submit(submission)
        if problems:
            return "；".join(problems)
    return None


def check_transition(submission: Submission, action: str, user, *, comment: str = "",
                     field_comments: dict[str, str] | None = None):
    """Raise ``WorkflowError`` unless ``user`` may apply ``action`` now; return the rule and cleaned input."""
    field_comments = {k: v.strip() for k, v in (field_comments or {}).items() if v and v.strip()}
    comment = (comment or "").strip()
    refusal = transition_refusal(submission, action, user, has_comment=bool(comment or field_comments))
    if refusal:
        raise WorkflowError(refusal)
    return RULES[action], comment, field_comments


def apply_transition(submission: Submission, action: str, user, *, comment: str = "",
                     field_comments: dict[str, str] | None = None) -> Transition:
    """Apply ``action`` to ``submission`` as ``user``: the only place a state changes."""
    rule, comment, field_comments = check_transition(submission, action, user, comment=comment,
                                                     field_comments=field_comments)
    if field_comments:
        # The 办理记录 says what was asked, even when only fields were commented.
        listed = "；".join(f"{submission.field_label(key)}：{text}" for key, text in field_comments.items())
        comment = f"{comment}\n{FIELD_COMMENTS_MARK}{listed}" if comment else f"{FIELD_COMMENTS_MARK}{listed}"
    from_state = submission.state
    submission.state = rule.to_state
    now = utcnow()
    data = dict(submission.data or {})
    if rule.to_state == "returned":
        data["returned_snapshot"] = effects.content_snapshot(submission)
    if action == "submit":
        submission.submitted_at = now
        submission.section_opened_at = submission.section_opened_by_id = None
        before = data.get("returned_snapshot")
        if before is not None:
            # A resubmission: what changed since the return is kept per round and said in 办理记录.
            changes = effects.changes_between(before, effects.content_snapshot(submission))
            round_no = submission.round + 1
            # A new dict, not the stored one changed in place (the JSON column would see no change).
            data["round_changes"] = {**data.get("round_changes", {}), str(round_no): changes}
            listed = "本轮修改：" + ("；".join(changes) if changes else "无")
            comment = f"{comment}\n{listed}" if comment else listed
    submission.data = data
    if rule.to_state in {"approved", "returned"}:
        submission.decided_at = now
    transition = _record(submission, action, from_state, rule.to_state, user, comment)
    for field, text in field_comments.items():
        db.session.add(ReviewComment(submission_id=submission.id, transition_id=transition.id,
                                     field=field[:60], text=text))
    if rule.to_state == "withdrawn" or (rule.to_state == "approved" and submission.kind == "target_declaration"):
        submission.active_key = None  # no longer blocks a new record (an approved target changes by version)
    if rule.to_state == "approved" and submission.replaces is not None:
        _supersede(submission)
    if rule.to_state == "approved":
        effects.on_approved(submission, user)
    db.session.flush()
    plugins.notify_submission_transition(submission, transition)
    return transition
