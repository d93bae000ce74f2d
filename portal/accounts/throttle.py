"""Per-account sign-in throttling: locks that double, kept in the database.

``JIXIAO_LOGIN_LOCK_AFTER`` (5) failed sign-ins in a row for one account name lock it for
``JIXIAO_LOGIN_LOCK_SECONDS`` (60); every further failure after a lock locks it again for twice as long
as the one before, up to ``JIXIAO_LOGIN_LOCK_MAX_SECONDS`` (3600).  While locked, no password is
checked.  A successful sign-in clears the record, and failures more than
``JIXIAO_LOGIN_FORGET_SECONDS`` (a day) after the previous one count from one again.  Names that
belong to no account are counted alike, so a lock says nothing about whether an account exists.

The per-address limit is Flask-Limiter's (``JIXIAO_LOGIN_IP_LIMIT``, in ``portal.accounts.views``);
it is looser, so that colleagues behind one address are not locked out by one person's mistakes.
"""

from __future__ import annotations

import math
from datetime import timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from portal.accounts.models import LoginThrottle
from portal.extensions import db
from portal.util import utcnow

#: Doubling stops long before this; it only keeps 2 ** n small when the count is large.
MAX_DOUBLINGS = 30


def account_key(username: str | None) -> str:
    """The name a throttle record is kept under: trimmed, lower-cased, at most 80 characters."""
    return (username or "").strip().lower()[:80]


def locked_for(username: str) -> int:
    """Seconds until ``username`` may try again; 0 when it is not locked."""
    row = db.session.get(LoginThrottle, account_key(username))
    now = utcnow()
    if row is None or row.locked_until is None or row.locked_until <= now:
        return 0
    return math.ceil((row.locked_until - now).total_seconds())


def lock_seconds(failures: int) -> int:
    """How long the ``failures``-th failure in a row locks the account (0: not yet)."""
    config = current_app.config
    after = int(config["JIXIAO_LOGIN_LOCK_AFTER"])
    if failures < after:
        return 0
    doublings = min(failures - after, MAX_DOUBLINGS)
    return min(int(config["JIXIAO_LOGIN_LOCK_SECONDS"]) * 2 ** doublings,
               int(config["JIXIAO_LOGIN_LOCK_MAX_SECONDS"]))


def failed(username: str) -> int:
    """Count a failed sign-in for ``username``; the seconds it is now locked for (0: not locked)."""
    now = utcnow()
    row = _row(account_key(username))
    forget = timedelta(seconds=int(current_app.config["JIXIAO_LOGIN_FORGET_SECONDS"]))
    if row.last_failure_at is not None and now - row.last_failure_at > forget:
        row.failures = 0
    row.failures = (row.failures or 0) + 1
    row.last_failure_at = now
    seconds = lock_seconds(row.failures)
    row.locked_until = now + timedelta(seconds=seconds) if seconds else None
    return seconds


def succeeded(username: str) -> None:
    """A successful sign-in: forget the failures."""
    row = db.session.get(LoginThrottle, account_key(username))
    if row is not None:
        db.session.delete(row)


def _row(key: str) -> LoginThrottle:
    row = db.session.get(LoginThrottle, key)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():  # another request may create the same row at the same moment
            row = LoginThrottle(account=key, failures=0)
            db.session.add(row)
    except IntegrityError:
        row = db.session.get(LoginThrottle, key)
    return row
