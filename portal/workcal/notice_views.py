"""站内消息: the list (read / unread), mark read, and the unread count in the header."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db
from portal.util import is_safe_next
from portal.workcal import notices
from portal.workcal.blueprint import bp
from portal.workcal.models import Notice

PAGE_SIZE = 50


@bp.app_context_processor
def unread_notices():
    if not getattr(current_user, "is_authenticated", False):
        return {}
    try:
        return {"unread_notices": notices.unread_count(current_user)}
    except SQLAlchemyError:  # never let the header's count break a page (an error page included)
        db.session.rollback()
        return {}


@bp.route("/notices")
@login_required
def notice_list():
    only_unread = request.args.get("unread") == "1"
    query = select(Notice).where(Notice.user_id == current_user.id)
    if only_unread:
        query = query.where(Notice.read_at.is_(None))
    rows = db.session.scalars(query.order_by(Notice.created_at.desc(), Notice.id.desc()).limit(PAGE_SIZE)).all()
    from portal.workcal.mail import mail_enabled, mailbox_of

    return render_template("workcal/notices.html", rows=rows, only_unread=only_unread, kinds=notices.KINDS,
                           mail_enabled=mail_enabled(), mailbox=mailbox_of(current_user))


@bp.route("/notices/mailbox", methods=["POST"])
@login_required
def notice_mailbox():
    """The address for e-mail digests (only offered when the portal has a mail server)."""
    from portal.workcal.mail import mail_enabled, set_mailbox

    if not mail_enabled():
        flash("系统未配置邮件服务器，暂不能发送邮件提醒", "error")
        return redirect(url_for("workcal.notice_list"))
    try:
        flash(set_mailbox(current_user, request.form.get("email", "")), "success")
    except ValueError as exc:
        flash(str(exc), "error")
        return redirect(url_for("workcal.notice_list"))
    db.session.commit()
    return redirect(url_for("workcal.notice_list"))


@bp.route("/notices/<int:notice_id>/read", methods=["POST"])
@login_required
def notice_read(notice_id: int):
    """Mark one notice read (only the user's own) and go where it points, or back to the list."""
    notice = db.session.scalar(select(Notice).where(Notice.id == notice_id, Notice.user_id == current_user.id))
    if notice is None:  # another user's notice: its existence is not revealed
        abort(404)
    notices.mark_read(current_user, notice.id)
    db.session.commit()
    target = notice.url if request.form.get("open") and is_safe_next(notice.url) else url_for("workcal.notice_list")
    return redirect(target)


@bp.route("/notices/read-all", methods=["POST"])
@login_required
def notice_read_all():
    notices.mark_read(current_user)
    db.session.commit()
    return redirect(url_for("workcal.notice_list"))
