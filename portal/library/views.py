"""指标库 pages: the year's library (bureau staff read it, 绩效科 imports new versions), and the picker's
POST that adds chosen items to a draft target declaration."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from portal.accounts.models import BUREAU_ROLES, Role
from portal.extensions import db
from portal.library import operations as ops
from portal.library.models import LibraryVersion
from portal.util import today

bp = Blueprint("library", __name__, url_prefix="/work/library", template_folder="templates")

#: Who maintains the library: 绩效科 and the administrator.
MAINTAINERS = (Role.BUREAU_REVIEWER, Role.ADMIN)


def _year(raw) -> int:
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return today().year
    return year if 2000 <= year <= 2100 else today().year


@bp.route("/")
@login_required
def index():
    if not (current_user.has_role(*BUREAU_ROLES, Role.UNIT_EDITOR)) or current_user.bureau_id is None:
        abort(403)
    bureau_id = current_user.bureau_id
    all_versions = ops.versions(bureau_id)
    years = sorted({v.fiscal_year for v in all_versions} | {today().year}, reverse=True)
    year = _year(request.args.get("year") or (all_versions[0].fiscal_year if all_versions else today().year))
    shown = None
    if (wanted := request.args.get("version", "")).isdigit():
        shown = db.session.get(LibraryVersion, int(wanted))
        if shown is None or shown.bureau_id != bureau_id:
            abort(404)
        year = shown.fiscal_year
    shown = shown or ops.current_version(bureau_id, year)
    sector, q = request.args.get("sector", ""), request.args.get("q", "").strip()[:50]
    items = ops.search_items(shown, sector, q) if shown else []
    return render_template("library/index.html", year=year, years=years, shown=shown, items=items,
                           sectors=ops.sectors(shown), sector=sector, q=q,
                           year_versions=[v for v in all_versions if v.fiscal_year == year],
                           may_import=current_user.has_role(*MAINTAINERS))


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_xlsx():
    if not current_user.has_role(*MAINTAINERS) or current_user.org.kind != "bureau":
        abort(403)
    year = _year(request.values.get("year"))
    result = None
    if request.method == "POST":
        upload = request.files.get("file")
        try:
            result = ops.import_library(current_user.bureau_id, year, current_user, upload.filename if upload else "",
                                        upload.read() if upload else b"", basis=request.form.get("basis", ""))
        except ops.LibraryError as exc:
            result = ops.LibraryImport(errors=[str(exc)])
        if result.errors:
            db.session.rollback()
            flash(f"发现 {len(result.errors)} 处错误，未导入任何指标", "error")
            return render_template("library/import.html", year=year, result=result,
                                   columns=ops.COLUMNS), 422
        db.session.commit()
        flash(f"已导入{result.version.label}指标库，共 {len(result.version.items)} 条三级指标", "success")
        return redirect(url_for("library.index", year=year))
    return render_template("library/import.html", year=year, result=result, columns=ops.COLUMNS)


@bp.route("/pick/<int:submission_id>", methods=["POST"])
@login_required
def pick(submission_id: int):
    """从指标库选取: append the ticked items to the draft declaration."""
    from portal.submissions.operations import WorkflowError
    from portal.submissions.queries import submission_or_404
    from portal.submissions.workflow import is_owner

    submission = submission_or_404(current_user, submission_id)
    if not is_owner(current_user, submission) or submission.kind != "target_declaration":
        abort(403)
    ids = [int(i) for i in request.form.getlist("item") if i.isdigit() and len(i) < 10]
    try:
        added = ops.pick(submission, current_user, ids)
    except WorkflowError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(f"已从指标库加入 {len(added)} 项指标，请填写指标值和权重后保存" if added
              else "所选指标已在表中，未重复加入", "success" if added else "warning")
    return redirect(url_for("submissions.edit", submission_id=submission.id) + "#indicator-editor")


@bp.app_template_global()
def library_choices(project, sector: str = ""):
    """The picker's items for a declaration on ``project``."""
    return ops.items_for_project(project, sector)
