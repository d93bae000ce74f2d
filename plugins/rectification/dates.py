"""Dates as the county sees them: Beijing time, so 'today' and 'closed on' match the calendar on the wall."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "CST")


def today() -> date:
    """Today's date in Beijing."""
    return datetime.now(BEIJING).date()


def local_date(value: datetime) -> date:
    """A stored naive-UTC timestamp as a Beijing calendar date."""
    return value.replace(tzinfo=UTC).astimezone(BEIJING).date()
