"""Every read goes through one scoping query: a user sees only the notices of their own bureau."""

from __future__ import annotations

from sqlalchemy import select

from notices.models import Notice
from portal import db


def visible_notices(user):
    """``select(Notice)`` of what ``user`` may read: the notices of the bureau of the user's region."""
    return select(Notice).where(Notice.bureau_id == user.bureau_id).order_by(Notice.id.desc())


def may_write(user) -> bool:
    """Bureau staff (绩效科, 业务科室, admin) write notices; units, firms and experts read them."""
    return user.is_bureau


def notice_for(user, notice_id: int) -> Notice | None:
    return db.session.scalar(visible_notices(user).where(Notice.id == notice_id))
