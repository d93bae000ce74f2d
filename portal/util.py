"""Small helpers shared by every domain: time, money formatting, safe redirects.

Time: :func:`clock` is the portal's one clock. Stored timestamps are naive UTC (:func:`utcnow`);
every calendar date ("today", a deadline passed, "closed on") is the bureau's date in Beijing
(:func:`today`, :func:`local_date`), whatever the server's time zone or hour.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urlsplit

CENT = Decimal("0.01")
#: The range of an ``Integer`` column (ids, years) on every database: PostgreSQL's ``integer`` is 32 bits
#: (SQLite's INTEGER holds 64); a larger value makes the driver or the server refuse the query.
DB_INT_MIN, DB_INT_MAX = -(2**31), 2**31 - 1

#: The bureau's time zone (China Standard Time, no daylight saving).
BEIJING = timezone(timedelta(hours=8), "CST")


def crash_window(point: str) -> None:
    """Test-only: hold the request at ``point`` so the crash-safety suite can SIGKILL the server there.

    ``JIXIAO_TEST_PAUSE=<point>:<seconds>`` pauses at that one point (``body``: a request has started
    reading its body, see :class:`PauseInBody`; ``store``: a blob's temp file is written but not linked;
    ``publish``: a publication is written and indexed but not committed), after printing
    ``JIXIAO_TEST_PAUSE: paused at <point>`` to stderr so that the test knows the point is reached.
    Unset, as in every real deployment, it does nothing.
    """
    wanted = os.environ.get("JIXIAO_TEST_PAUSE")
    if wanted:
        name, _, seconds = wanted.partition(":")
        if name == point:
            print(f"JIXIAO_TEST_PAUSE: paused at {point} (pid {os.getpid()})", file=sys.stderr, flush=True)
            time.sleep(float(seconds or 30))


class PauseInBody:
    """Test-only WSGI middleware for the crash window ``body``: the first read of an upload's body
    (a ``multipart/form-data`` request's ``wsgi.input``) pauses there, so a server can be killed while
    the body is arriving. ``create_app`` installs it only when ``JIXIAO_TEST_PAUSE`` names ``body``."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
            environ["wsgi.input"] = _PausingInput(environ["wsgi.input"])
        return self.wsgi_app(environ, start_response)


class _PausingInput:
    def __init__(self, stream):
        self._stream, self._paused = stream, False

    def _pause(self):
        if not self._paused:
            self._paused = True
            crash_window("body")

    def read(self, *args):
        self._pause()
        return self._stream.read(*args)

    def readline(self, *args):
        self._pause()
        return self._stream.readline(*args)

    def __iter__(self):
        self._pause()
        return iter(self._stream)


def clock() -> datetime:
    """The current moment (timezone-aware). Every "now" and "today" of the portal reads it, so that
    tests can set the time by replacing this one function (``tests/conftest.py``: ``clock``)."""
    return datetime.now(UTC)


def utcnow() -> datetime:
    """Naive UTC now (what we store; PostgreSQL and SQLite agree on naive values)."""
    return clock().astimezone(UTC).replace(tzinfo=None)


def today() -> date:
    """Today's date for the bureau (Beijing), e.g. 01-02 from 16:00 UTC on 01-01."""
    return clock().astimezone(BEIJING).date()


def local_date(value: datetime) -> date:
    """A stored naive-UTC timestamp as the bureau's calendar date (Beijing)."""
    return value.replace(tzinfo=UTC).astimezone(BEIJING).date()


def local_datetime(value: datetime | None) -> datetime | None:
    """A stored naive-UTC timestamp as the bureau's wall-clock time (naive, Beijing), e.g. for an XLSX cell."""
    return None if value is None else value.replace(tzinfo=UTC).astimezone(BEIJING).replace(tzinfo=None)


def to_money(value) -> Decimal:
    """A 万元 amount with two places; raises ValueError with a Chinese message on bad input."""
    if isinstance(value, Decimal):
        number = value
    else:
        text = str(value).strip().replace(",", "").replace("，", "")
        if text == "":
            return Decimal("0.00")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"金额“{value}”不是有效数字") from None
    if not number.is_finite():
        raise ValueError(f"金额“{value}”不是有效数字")
    if number < 0:
        raise ValueError(f"金额“{value}”不能为负数")
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def db_int(value) -> int:
    """``int(value)`` when the result fits an ``Integer`` column; ``ValueError`` otherwise.

    Use it wherever a number from a request reaches a query (``request.args.get(…, type=int)`` already
    does, see :mod:`portal.web`): beyond 64 bits SQLite's driver raises ``OverflowError``, beyond 32 bits
    PostgreSQL answers "integer out of range".
    """
    number = int(value)
    if not DB_INT_MIN <= number <= DB_INT_MAX:
        raise ValueError(f"{value!r} does not fit an integer column")
    return number


def is_safe_next(target: str | None) -> bool:
    """Whether ``target`` is a path on this site (no scheme, host, or protocol-relative trick)."""
    if not target:
        return False
    if "\\" in target or any(ord(c) < 32 for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def choices(pairs) -> list:
    """WTForms select choices from (value, label) pairs."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(value, label) for value, label in pairs]
