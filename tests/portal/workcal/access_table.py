"""The work calendar's routes in the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import ALL, BUREAU, PRINCIPALS, status_for

#: The bureau is redirected to the current year; everyone else signed in is refused.
_BUREAU_REDIRECT = {p: 302 if p in BUREAU | {"anonymous"} else 403 for p in PRINCIPALS}

EXPECTED = {
    "workcal.calendar_index": _BUREAU_REDIRECT,
    "workcal.calendar_edit": status_for(BUREAU),
    "workcal.due_table": status_for(BUREAU),
    "workcal.coverage_index": _BUREAU_REDIRECT,
    "workcal.coverage": status_for(BUREAU),
    "workcal.coverage_xlsx": status_for(BUREAU),
    "workcal.notice_list": status_for(ALL),
}

POST_ONLY = {"workcal.notice_read", "workcal.notice_read_all", "workcal.notice_mailbox"}


def objects(own: dict, foreign: dict) -> None:
    """A notice of this region's unit user and one of the foreign bureau's unit user."""
    from sqlalchemy import select

    from portal.accounts.models import User
    from portal.extensions import db
    from portal.workcal.notices import send

    for ids, username in ((own, "unit"), (foreign, "yuli_unit")):
        who = db.session.scalar(select(User).where(User.username == username))
        send([who], "due_soon", "测试消息", "/work/", key=f"access:{username}")
        from portal.workcal.models import Notice

        ids["notice_id"] = db.session.scalar(select(Notice.id).where(Notice.user_id == who.id)
                                             .order_by(Notice.id.desc()).limit(1))
