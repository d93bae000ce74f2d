"""Writing audit events (the only place that does)."""

from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user

from portal.audit.models import AuditEvent
from portal.extensions import db


def record(kind: str, *, user=None, username: str | None = None, target_type: str | None = None,
           target_id=None, bureau_id: int | None = None, **detail) -> AuditEvent:
    """Add an audit event to the session (committed with the surrounding change).

    The event belongs to ``bureau_id`` when given (the bureau of what it concerns), else to the acting
    user's bureau; only that bureau's admins read it.
    """
    if user is None and has_request_context() and current_user and current_user.is_authenticated:
        user = current_user
    event = AuditEvent(
        kind=kind,
        user_id=getattr(user, "id", None),
        bureau_id=bureau_id if bureau_id is not None else getattr(user, "bureau_id", None),
        username=username or getattr(user, "username", None),
        ip=request.remote_addr if has_request_context() else None,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        detail={k: v for k, v in detail.items() if v is not None},
    )
    db.session.add(event)
    return event
