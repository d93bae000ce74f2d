"""站内消息: notices for returns, approvals, monitoring flags (from the workflow's hooks) and for items due
within 7 days or overdue (``jixiao notify``, run daily by cron; idempotent through each notice's key)."""

from __future__ import annotations

from datetime import date

from flask import current_app, has_request_context, url_for
from sqlalchemy import func, select, update

from portal.accounts.models import Organisation, Role, User, UserRole
from portal.extensions import db
from portal.util import utcnow
from portal.workcal.models import Notice

KINDS = {"returned": "退回", "approved": "通过", "flag": "监控预警", "due_soon": "即将到期", "overdue": "已逾期"}
#: Deadline thresholds: a notice when 7 days or fewer are left, another on the day, another once overdue.
SOON_DAYS = 7


def _url(endpoint: str, **values) -> str:
    """A site path also outside a request (demo loading, CLI): notices are written there too."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return url_for(endpoint, **values)


def _users_of(org_id: int, *roles: str) -> list[User]:
    query = select(User).where(User.org_id == org_id, User.is_active.is_(True))
    if roles:
        query = query.where(User.id.in_(select(UserRole.user_id).where(UserRole.role.in_([str(r) for r in roles]))))
    return list(db.session.scalars(query.order_by(User.id)))


def send(users, kind: str, text: str, url: str = "", key: str | None = None) -> int:
    """One notice per user; with ``key`` none is sent twice (``<user id>:<key>`` is unique). Returns how many."""
    sent = 0
    for user in users:
        full_key = f"{user.id}:{key}"[:160] if key else None
        if full_key and db.session.scalar(select(Notice.id).where(Notice.key == full_key)) is not None:
            continue
        db.session.add(Notice(user_id=user.id, kind=kind, text=text[:1000], url=url[:300], key=full_key))
        sent += 1
    db.session.flush()
    return sent


def on_transition(submission, transition) -> None:
    """退回 / 审核通过: tell the submitting organisation's editors."""
    if transition.to_state not in ("returned", "approved"):
        return
    url = _url("submissions.detail", submission_id=submission.id)
    if transition.to_state == "returned":
        text = f"被退回修改：{submission.display_title}" + (f"。意见：{transition.comment[:200]}" if transition.comment else "")
    else:
        text = f"审核通过：{submission.display_title}"
    send(_users_of(submission.org_id, Role.UNIT_EDITOR, Role.FIRM_EDITOR), transition.to_state, text, url,
         key=f"transition:{transition.id}")


def on_flag(flag) -> None:
    """黄标 / 红标: tell the project's unit and the bureau's 绩效科 and 业务科室."""
    project = flag.project
    text = f"{flag.label}：{project.name}（{flag.checkpoint}月监控）{flag.reason[:200]}"
    url = _url("projects.detail", project_id=project.id)
    users = _users_of(project.unit_id, Role.UNIT_EDITOR) + _users_of(
        project.unit.parent_id, Role.BUREAU_REVIEWER, Role.BUREAU_SECTION)
    send(users, "flag", text, url, key=f"flag:{flag.id}")


def _threshold(days: int) -> str | None:
    if days < 0:
        return "overdue"
    if days == 0:
        return "today"
    return "soon" if days <= SOON_DAYS else None


def deadline_notices(on: date) -> int:
    """Notices for every unit's and bureau's items due within 7 days, due today or overdue, once each."""
    from portal.workcal.due import bureau_tasks, unit_items

    sent = 0
    bureaus = db.session.scalars(select(Organisation).where(Organisation.kind == "bureau")).all()
    for bureau in bureaus:
        reviewers = _users_of(bureau.id, Role.BUREAU_REVIEWER)
        units = db.session.scalars(select(Organisation).where(Organisation.parent_id == bureau.id,
                                                              Organisation.kind == "unit")).all()
        batches = [(_users_of(u.id, Role.UNIT_EDITOR), unit_items(u, on), True) for u in units]
        if reviewers:
            batches.append((reviewers, bureau_tasks(reviewers[0], on), False))
        for users, items, is_unit in batches:
            for item in items:
                level = _threshold(item.days(on))
                if level is None or not users:
                    continue
                when = f"已逾期 {-item.days(on)} 天" if level == "overdue" else (
                    "今天截止" if level == "today" else f"还剩 {item.days(on)} 天")
                text = f"{item.item}：{item.due.month}月{item.due.day}日截止，{when}"
                sent += send(users, "overdue" if level == "overdue" else "due_soon", text,
                             (item.unit_url if is_unit else item.bureau_url) or "",
                             key=f"due:{item.key}:{item.due.isoformat()}:{level}")
    return sent


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notice).where(
        Notice.user_id == user.id, Notice.read_at.is_(None))) or 0


def mark_read(user, notice_id: int | None = None) -> int:
    """Mark one of the user's notices (or all) read; returns how many changed."""
    query = update(Notice).where(Notice.user_id == user.id, Notice.read_at.is_(None))
    if notice_id is not None:
        query = query.where(Notice.id == notice_id)
    return db.session.execute(query.values(read_at=utcnow())).rowcount
