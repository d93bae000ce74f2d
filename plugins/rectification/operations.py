"""Every change to rectification items: create (from findings, a 红标, or by hand), transitions, sample draws.

``apply_transition`` is the one function that changes an item's state: it checks the
transition table, validates, writes the item and its audit row (``ItemTransition``), and
flushes; the caller commits.
"""

from __future__ import annotations

import math
import random
import secrets
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from plugins.rectification.dates import local_date, today
from plugins.rectification.models import SEVERITIES, ItemTransition, RectificationItem, SampleDraw
from plugins.rectification.workflow import CREATE, RULES, allowed
from portal import db
from portal.util import utcnow

#: Evaluation kinds whose approved findings become items.
EVALUATION_KINDS = ("self_evaluation", "department_evaluation", "third_party")
#: Days a unit gets to rectify a 红标 (限期整改).
FLAG_DEADLINE_DAYS = 30


class RectificationError(ValueError):
    """A change that cannot be made; the message is Chinese and shown to the user."""


def _record(item: RectificationItem, action: str, from_state, to_state: str, actor, comment: str = "") -> ItemTransition:
    transition = ItemTransition(item=item, action=action, from_state=from_state, to_state=to_state,
                                actor_id=getattr(actor, "id", None), comment=comment)
    db.session.add(transition)
    db.session.flush()
    return transition


def _check(description: str, severity: str, deadline: date | None, responsible_person: str) -> tuple[str, str]:
    description, responsible_person = (description or "").strip(), (responsible_person or "").strip()
    if not description:
        raise RectificationError("请填写问题描述")
    if severity not in SEVERITIES:
        raise RectificationError("请选择严重程度")
    if deadline is None:
        raise RectificationError("请填写整改期限")
    if len(responsible_person) > 100:
        raise RectificationError("责任人姓名过长")
    return description, responsible_person


def create_item(*, unit, fiscal_year: int, source_kind: str, description: str, severity: str, deadline: date,
                responsible_person: str = "", user=None, project=None, submission=None, finding=None,
                flag=None) -> RectificationItem:
    """A new open item, recorded like any transition (``user`` ``None``: created by the system)."""
    description, responsible_person = _check(description, severity, deadline, responsible_person)
    item = RectificationItem(unit_id=unit.id, unit=unit, project=project, fiscal_year=fiscal_year,
                             source_kind=source_kind, submission=submission, finding=finding, flag=flag,
                             description=description, severity=severity, deadline=deadline,
                             responsible_person=responsible_person, created_by_id=getattr(user, "id", None))
    db.session.add(item)
    db.session.flush()
    _record(item, CREATE, None, "open", user)
    return item


def items_from_findings(submission, finding_ids: list[int], user, *, severity: str, deadline: date | None,
                        responsible_person: str = "") -> list[RectificationItem]:
    """One item per chosen finding (问题) of an approved evaluation; findings already itemised are skipped."""
    from plugins.rectification.queries import items_for_submission
    from plugins.rectification.workflow import may_manage

    if not may_manage(user) or submission.project.unit.parent_id != user.bureau_id:
        raise RectificationError("只有财政局工作人员可以下达整改事项")
    if submission.kind not in EVALUATION_KINDS or submission.state != "approved":
        raise RectificationError("只有审核通过的评价材料中的问题可以转为整改事项")
    if deadline is not None and deadline < today():
        raise RectificationError("整改期限不能早于今天")
    done = items_for_submission(submission.id)
    chosen = [f for f in submission.findings if f.id in set(finding_ids) and f.kind == "finding"
              and f.id not in done]
    if not chosen:
        raise RectificationError("请至少选择一条尚未转为整改事项的问题")
    project = submission.project
    return [create_item(unit=project.unit, project=project, fiscal_year=project.fiscal_year,
                        source_kind="finding", description=f.text, severity=severity, deadline=deadline,
                        responsible_person=responsible_person, user=user, submission=submission, finding=f)
            for f in chosen]


def item_from_flag(flag) -> RectificationItem | None:
    """A 红标 becomes an item automatically (once); a 黄标 does not."""
    if getattr(flag, "color", None) != "red":
        return None
    existing = db.session.scalar(select(RectificationItem).where(RectificationItem.flag_id == flag.id))
    if existing is not None:
        return existing
    project = flag.project
    created = local_date(flag.created_at) if flag.created_at else today()
    return create_item(unit=project.unit, project=project, fiscal_year=project.fiscal_year, source_kind="flag",
                       description=f"{flag.checkpoint}月监控红标：{flag.reason}", severity="major",
                       deadline=created + timedelta(days=FLAG_DEADLINE_DAYS), flag=flag)


#: Days a unit has to return the funds after a 一票否决 (the bureau may change the deadline later).
TRUTH_DEADLINE_DAYS = 30


def item_from_truth_check(check) -> RectificationItem | None:
    """真实性核查 found a core indicator untrue: a major item 收回资金 on the project (once per self-evaluation)."""
    submission = check.submission
    existing = db.session.scalar(select(RectificationItem).where(
        RectificationItem.source_kind == "truth", RectificationItem.submission_id == submission.id))
    if existing is not None:
        return existing
    project = submission.project
    return create_item(unit=project.unit, project=project, fiscal_year=project.fiscal_year, source_kind="truth",
                       description=(f"收回资金：真实性核查发现绩效自评核心指标“{check.indicator.name}”完成情况不属实"
                                    f"（{check.evidence}），一票否决，自评等级为“差”，追究项目实施单位和项目负责人绩效责任"),
                       severity="major", deadline=today() + timedelta(days=TRUTH_DEADLINE_DAYS),
                       responsible_person=check.responsible_person, submission=submission)


def manual_item(*, project, user, description: str, severity: str, deadline: date | None,
                responsible_person: str = "") -> RectificationItem:
    """An item a bureau user records by hand, e.g. from a verification check (抽查)."""
    from plugins.rectification.workflow import may_manage

    if not may_manage(user) or project.unit.parent_id != user.bureau_id:
        raise RectificationError("只有财政局工作人员可以下达整改事项")
    if deadline is not None and deadline < today():
        raise RectificationError("整改期限不能早于今天")
    return create_item(unit=project.unit, project=project, fiscal_year=project.fiscal_year, source_kind="manual",
                       description=description, severity=severity, deadline=deadline,
                       responsible_person=responsible_person, user=user)


def apply_transition(item: RectificationItem, action: str, user, *, comment: str = "",
                     evidence_text: str | None = None, responsible_person: str | None = None) -> ItemTransition:
    """Apply ``action`` to ``item`` as ``user``: the only place an item's state changes."""
    rule = RULES.get(action)
    if rule is None:
        raise RectificationError("未知的操作")
    if not allowed(rule, user, item):
        raise RectificationError(f"您不能对状态为“{item.state_label}”的整改事项执行“{rule.label}”")
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise RectificationError(f"“{rule.label}”须填写理由")
    if action == "submit_evidence":
        evidence_text = (evidence_text or "").strip()
        if not evidence_text:
            raise RectificationError("请填写整改情况说明")
        item.evidence_text = evidence_text
        item.evidence_submitted_at = utcnow()
        comment = comment or evidence_text
    if responsible_person is not None and responsible_person.strip():
        if len(responsible_person.strip()) > 100:
            raise RectificationError("责任人姓名过长")
        item.responsible_person = responsible_person.strip()
    from_state = item.state
    item.state = rule.to_state
    item.closed_at = utcnow() if rule.to_state == "closed" else None
    return _record(item, action, from_state, rule.to_state, user, comment)


def submit_evidence(item: RectificationItem, user, *, text: str, uploads=(), responsible_person: str = "") -> None:
    """The unit's evidence: the text, then each file through the core file store, then the transition.

    Raises ``RectificationError`` or ``UploadRejected`` (Chinese messages) before anything is
    committed; the caller rolls back.
    """
    from portal.files.operations import attach

    transition_rule = RULES["submit_evidence"]
    if not allowed(transition_rule, user, item):
        raise RectificationError(f"您不能对状态为“{item.state_label}”的整改事项提交佐证")
    if not (text or "").strip():
        raise RectificationError("请填写整改情况说明")
    for upload in uploads:
        if upload is not None and (upload.filename or "").strip():
            # Photos of sign-in sheets and site visits are the usual evidence: images are accepted here.
            attach(upload, owner_type="rectification_item", owner_id=item.id, user=user, allow_images=True)
    apply_transition(item, "submit_evidence", user, evidence_text=text, responsible_person=responsible_person)


def parse_share(raw) -> Decimal:
    try:
        share = Decimal(str(raw).strip().rstrip("%％"))
    except (InvalidOperation, ValueError):
        raise RectificationError(f"抽查比例“{raw}”不是有效数字") from None
    if str(raw).strip().endswith(("%", "％")) or share > 1:
        share = share / 100
    if not share.is_finite() or not (0 < share <= 1):
        raise RectificationError("抽查比例应大于 0 且不超过 100%")
    return share.quantize(Decimal("0.0001"))


def draw_sample(*, bureau, year: int, share, seed: int | None = None, user=None,
                drawn_by_name: str = "") -> SampleDraw:
    """随机抽查: draw ``share`` of the year's closed items of ``bureau``'s region, reproducibly from ``seed``.

    The population is sorted by id and sampled with ``random.Random(seed)``: the same seed over
    the same closed items gives the same list.  The draw is recorded (seed, share, who, when, list).
    """
    from portal.accounts.models import Organisation

    share = parse_share(share)
    if seed is None:
        seed = secrets.randbelow(10**9)
    if not (0 <= int(seed) < 2**62):
        raise RectificationError("随机种子应为非负整数")
    population = sorted(db.session.scalars(
        select(RectificationItem.id).join(Organisation, RectificationItem.unit_id == Organisation.id).where(
            Organisation.parent_id == bureau.id, RectificationItem.fiscal_year == year,
            RectificationItem.state == "closed")))
    size = min(len(population), math.ceil(len(population) * share)) if population else 0
    drawn = random.Random(int(seed)).sample(population, size)
    draw = SampleDraw(bureau_id=bureau.id, fiscal_year=year, share=share, seed=int(seed),
                      population=len(population), item_ids=drawn, drawn_by_id=getattr(user, "id", None),
                      drawn_by_name=drawn_by_name or getattr(user, "full_name", "") or "命令行")
    db.session.add(draw)
    db.session.flush()
    return draw
