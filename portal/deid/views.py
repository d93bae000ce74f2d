"""敏感词管理 — the admin page that lists, adds and deactivates sensitive terms."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from portal.accounts.access import roles_required
from portal.accounts.models import Role
from portal.deid import operations, queries
from portal.deid.forms import TermCreateForm, TermDeactivateForm
from portal.deid.models import SensitiveTerm
from portal.extensions import db

bp = Blueprint("deid", __name__, url_prefix="/work/admin/terms", template_folder="templates")


@bp.before_request
@roles_required(Role.ADMIN, Role.BUREAU_REVIEWER)
def _bureau_staff_only():
    """Admins and the performance section (绩效科) keep the list."""


@bp.route("/", methods=["GET", "POST"])
def terms():
    form = TermCreateForm()
    if form.validate_on_submit():
        try:
            operations.add_term(form.term.data, bureau_id=current_user.bureau_id, note=form.note.data or "",
                                actor=current_user)
        except operations.TermError as exc:
            form.term.errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"已添加敏感词“{form.term.data.strip()}”", "success")
            return redirect(url_for("deid.terms"))
    rows = db.session.scalars(queries.terms_for_bureau(current_user.bureau_id)
                              .order_by(SensitiveTerm.is_active.desc(), SensitiveTerm.term)).all()
    return render_template("deid/terms.html", form=form, rows=rows, toggle=TermDeactivateForm())


@bp.route("/<int:term_id>/deactivate", methods=["POST"])
def deactivate(term_id: int):
    row = db.session.get(SensitiveTerm, term_id)
    if row is None or row.bureau_id != current_user.bureau_id:
        abort(404)  # global terms are kept from the command line, other bureaus' lists are not ours
    if TermDeactivateForm().validate_on_submit():
        try:
            operations.deactivate_term(row, actor=current_user)
        except operations.TermError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"已停用敏感词“{row.term}”", "success")
    else:
        flash("页面已过期，请刷新后重试", "error")
    return redirect(url_for("deid.terms"))
