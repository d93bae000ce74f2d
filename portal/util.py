"""Small helpers shared by every domain: time, money formatting, safe redirects."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urlsplit

CENT = Decimal("0.01")
#: The range of an ``Integer`` column (ids, years) on every database: PostgreSQL's ``integer`` is 32 bits
#: (SQLite's INTEGER holds 64); a larger value makes the driver or the server refuse the query.
DB_INT_MIN, DB_INT_MAX = -(2**31), 2**31 - 1


def crash_window(point: str) -> None:
    """Test-only: hold the request at ``point`` so the crash-safety suite can SIGKILL the server there.

    ``JIXIAO_TEST_PAUSE=<point>:<seconds>`` pauses at that one point (``store``: a blob's temp file
    is written but not linked; ``publish``: a publication is written and indexed but not committed).
    Unset, as in every real deployment, it does nothing.
    """
    wanted = os.environ.get("JIXIAO_TEST_PAUSE")
    if wanted:
        name, _, seconds = wanted.partition(":")
        if name == point:
            time.sleep(float(seconds or 30))


def utcnow() -> datetime:
    """Naive UTC now (what we store; PostgreSQL and SQLite agree on naive values)."""
    return datetime.now(UTC).replace(tzinfo=None)


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
