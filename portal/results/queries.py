"""Who may read what of the results package (object-level checks)."""

from __future__ import annotations

from portal.accounts.models import BUREAU_ROLES
from portal.extensions import db
from portal.results.models import TruthCheck


def may_read_check(user, check_id: int) -> bool:
    """Evidence of a truthfulness check: bureau staff of the draw's bureau only."""
    check = db.session.get(TruthCheck, check_id)
    return bool(check is not None and user.org.kind == "bureau" and user.has_role(*BUREAU_ROLES)
                and check.draw.bureau_id == user.bureau_id)
