"""Dates as the county sees them: Beijing time, so 'today' and 'closed on' match the calendar on the wall.

Both come from the core's one clock (:mod:`portal.util`).
"""

from __future__ import annotations

from portal.util import BEIJING, local_date, today

__all__ = ["BEIJING", "local_date", "today"]
