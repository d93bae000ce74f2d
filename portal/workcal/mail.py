"""E-mail digests of unread notices through Flask-Mail: off unless ``MAIL_SERVER`` is configured.

``jixiao notify`` sends each user who gave a mailbox (站内消息 page) one message listing the unread notices
not mailed before; each notice is mailed at most once. Settings are Flask-Mail's (``MAIL_SERVER``,
``MAIL_PORT``, ``MAIL_USE_TLS``, ``MAIL_USE_SSL``, ``MAIL_USERNAME``, ``MAIL_PASSWORD``,
``MAIL_DEFAULT_SENDER``) in ``instance/config.py``.
"""

from __future__ import annotations

import re

from flask import current_app
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from portal.ui import local_time
from portal.util import utcnow
from portal.workcal.models import Notice, NoticeMailbox

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def mail_enabled() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def set_mailbox(user, email: str) -> str:
    """Save (or with an empty ``email`` remove) the user's digest address; the Chinese outcome."""
    email = (email or "").strip()
    row = db.session.scalar(select(NoticeMailbox).where(NoticeMailbox.user_id == user.id))
    if not email:
        if row is not None:
            db.session.delete(row)
        return "已取消邮件提醒"
    if len(email) > 200 or not EMAIL.match(email):
        raise ValueError(f"邮箱地址“{email[:60]}”格式不正确")
    if row is None:
        row = NoticeMailbox(user_id=user.id, email=email)
        db.session.add(row)
    row.email = email
    return f"已设置：未读消息将汇总发送到 {email}"


def mailbox_of(user) -> str:
    return db.session.scalar(select(NoticeMailbox.email).where(NoticeMailbox.user_id == user.id)) or ""


def send_digests() -> int:
    """One digest per mailbox with unread notices not yet mailed; returns how many messages were sent."""
    if not mail_enabled():
        return 0
    from flask_mail import Mail, Message

    mail = current_app.extensions.get("mail") or Mail(current_app)
    sent = 0
    active = select(User.id).where(User.is_active.is_(True))
    for box in db.session.scalars(select(NoticeMailbox).where(NoticeMailbox.user_id.in_(active))
                                  .order_by(NoticeMailbox.id)):
        rows = db.session.scalars(select(Notice).where(Notice.user_id == box.user_id, Notice.read_at.is_(None),
                                                       Notice.mailed_at.is_(None))
                                  .order_by(Notice.created_at, Notice.id)).all()
        if not rows:
            continue
        lines = [f"{local_time(n.created_at)}  {n.text}" for n in rows]
        message = Message(subject=f"预算绩效管理平台：{len(rows)} 条未读消息", recipients=[box.email],
                          body="您有以下未读消息，请登录预算绩效管理平台工作台查看办理：\n\n" + "\n".join(lines)
                               + "\n\n（本邮件由系统自动发送，请勿回复。）",
                          charset="utf-8")
        mail.send(message)
        now = utcnow()
        for n in rows:
            n.mailed_at = now
        db.session.flush()
        sent += 1
    return sent
