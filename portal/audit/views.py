"""Admin page listing the security events of the admin's bureau, with filters."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, render_template, request
from flask_login import current_user
from sqlalchemy import func, or_, select

from portal.accounts.access import roles_required
from portal.accounts.models import Role
from portal.audit.models import EVENT_LABELS, AuditEvent
from portal.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/work/admin/audit", template_folder="templates")

PAGE_SIZE = 50


def _date(value: str | None) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y-%m-%d") if value else None
    except ValueError:
        return None


@bp.route("/")
@roles_required(Role.ADMIN)
def events():
    """The events of the admin's own bureau (never another county's, whatever the filters)."""
    args = request.args
    query = select(AuditEvent).where(AuditEvent.bureau_id == current_user.bureau_id)
    if args.get("kind") in EVENT_LABELS:
        query = query.where(AuditEvent.kind == args["kind"])
    if args.get("who"):
        query = query.where(AuditEvent.username.contains(args["who"].strip()))
    if args.get("target_type"):
        query = query.where(AuditEvent.target_type == args["target_type"])
    if args.get("target_id"):
        query = query.where(AuditEvent.target_id == args["target_id"].strip())
    if start := _date(args.get("from")):
        query = query.where(AuditEvent.at >= start)
    if end := _date(args.get("to")):
        query = query.where(AuditEvent.at < end + timedelta(days=1))
    if args.get("q"):
        query = query.where(or_(AuditEvent.ip.contains(args["q"]), AuditEvent.username.contains(args["q"])))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(args.get("page", 1, type=int), 1), pages)
    rows = db.session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                              .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return render_template("audit/events.html", rows=rows, total=total, page=page, page_size=PAGE_SIZE,
                           labels=EVENT_LABELS, args=args)
