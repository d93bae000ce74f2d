"""Shared vocabulary of the access-matrix test: principals and expected statuses.

Plugins declare their routes in ``tests/<plugin path>/access_table.py`` with ``EXPECTED``
(endpoint → status per principal), ``POST_ONLY`` (set of endpoints) and optionally
``objects(own, foreign)`` adding ids for their URL parameters (own region / foreign bureau).
"""

from __future__ import annotations

PRINCIPALS = ("anonymous", "admin", "reviewer", "section", "unit", "firm", "expert")
ALL = set(PRINCIPALS) - {"anonymous"}
BUREAU = {"admin", "reviewer", "section"}
#: Who sees the firm's submitted third-party report (and its attachment).
REPORT_READERS = BUREAU | {"firm"}


def status_for(allowed: set[str], denied: int = 403):
    """200 for ``allowed``; ``denied`` for other signed-in users; anonymous goes to the login page."""
    return {p: 302 if p == "anonymous" else (200 if p in allowed else denied) for p in PRINCIPALS}


PUBLIC = {p: 200 for p in PRINCIPALS}
