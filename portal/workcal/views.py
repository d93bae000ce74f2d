"""工作日历 editor, the bureau's 到期事项 table and the 全覆盖 page (``/work/calendar``)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from portal.extensions import db
from portal.util import today
from portal.workcal import dates, notice_views  # noqa: F401  (notice_views: the 站内消息 routes)
from portal.workcal.blueprint import bp


def _bureau_only() -> None:
    if not current_user.is_bureau:
        abort(403)


def _year_or_404(year: int) -> None:
    if not 2000 <= year <= 2100:
        abort(404)


@bp.route("/calendar/")
@login_required
def calendar_index():
    _bureau_only()
    return redirect(url_for("workcal.calendar_edit", year=today().year))


@bp.route("/calendar/<int:year>", methods=["GET", "POST"])
@login_required
def calendar_edit(year: int):
    """工作日历 of a work year: seen by the bureau, changed by 绩效科 (bureau_reviewer)."""
    _year_or_404(year)
    _bureau_only()
    may_edit = current_user.has_role("bureau_reviewer")
    status, form = 200, None
    if request.method == "POST":
        if not may_edit:
            abort(403)
        try:
            dates.save_calendar(bureau_id=current_user.bureau_id, year=year, user=current_user, form=request.form)
        except dates.CalendarError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            status, form = 422, request.form
        else:
            db.session.commit()
            flash(f"已保存{year}年度工作日历；到期事项、监控节点和全覆盖按新的日期计算", "success")
            return redirect(url_for("workcal.calendar_edit", year=year))
    cal = dates.calendar_for(current_user.bureau_id, year)
    if form is not None:  # a refused form comes back as typed
        cp_rows = [r for r in zip(form.getlist("cp_month"), form.getlist("cp_scope"), form.getlist("cp_due"),
                                  strict=False) if r[0].strip() or r[2].strip()]
    else:
        cp_rows = [(c.month, c.scope, c.due.isoformat()) for c in sorted(cal.checkpoints, key=lambda c: c.month)]
    return render_template("workcal/calendar_edit.html", year=year, cal=cal, may_edit=may_edit, form=form,
                           cp_rows=cp_rows,
                           items=dates.ITEMS, scopes=dates.SCOPES), status


@bp.route("/calendar/due")
@login_required
def due_table():
    """各单位到期事项: every unit's items and the bureau's own, with days left or overdue."""
    from portal.workcal.due import bureau_items, bureau_tasks

    _bureau_only()
    on = today()
    return render_template("workcal/due.html", on=on, items=bureau_items(current_user, on),
                           own=bureau_tasks(current_user, on))


@bp.route("/calendar/coverage/")
@login_required
def coverage_index():
    _bureau_only()
    return redirect(url_for("workcal.coverage", year=today().year - 1))


@bp.route("/calendar/coverage/<int:year>")
@login_required
def coverage(year: int):
    """全覆盖 of a fiscal year over the bureau's region."""
    from portal.workcal.coverage import coverage_for

    _year_or_404(year)
    _bureau_only()
    found = coverage_for(current_user, year, today())
    return render_template("workcal/coverage.html", year=year, cov=found)


@bp.route("/calendar/coverage/<int:year>.xlsx")
@login_required
def coverage_xlsx(year: int):
    from portal.workcal.coverage import coverage_for
    from portal.workcal.coverage_export import coverage_response

    _year_or_404(year)
    _bureau_only()
    return coverage_response(coverage_for(current_user, year, today()))
