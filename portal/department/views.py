"""部门整体支出 pages: the units' department-wide records by year, one unit's profile and budget, its form
and XLSX import.  A unit's 填报人员 sees and edits its own unit; bureau staff their region's units."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from portal.department import operations as ops
from portal.department.models import DIMENSIONS, FIXED_NAMES
from portal.extensions import db
from portal.listing import xlsx_response
from portal.submissions.effects import current_targets
from portal.util import today

bp = Blueprint("department", __name__, url_prefix="/work/department", template_folder="templates")


def _unit_or_404(unit_id: int, year: int | None = None):
    if year is not None and not 2000 <= year <= 2100:
        abort(404)
    unit = next((u for u in ops.units_visible_to(current_user) if u.id == unit_id), None)
    if unit is None:
        abort(404)
    return unit


def _year(raw) -> int:
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return today().year
    return year if 2000 <= year <= 2100 else today().year


@bp.route("/")
@login_required
def index():
    """部门整体支出: every visible unit for a year, with its budget, execution rate and targets' state."""
    units = ops.units_visible_to(current_user)
    if not units:
        abort(403)
    years = ops.years_of([u.id for u in units])
    year = _year(request.args.get("year") or (years[0] if years else today().year))
    rows = []
    for unit in units:
        profile = ops.profile_of(unit.id, year)
        obj = ops.department_object(unit.id, year)
        rows.append((unit, profile, obj, current_targets(obj) if obj else None))
    if len(units) == 1 and rows[0][1] is not None and "year" not in request.args:
        return redirect(url_for("department.detail", unit_id=units[0].id, year=year))
    return render_template("department/index.html", rows=rows, year=year,
                           years=sorted(set(years) | {year, today().year}, reverse=True))


@bp.route("/<int:unit_id>/<int:year>")
@login_required
def detail(unit_id: int, year: int):
    unit = _unit_or_404(unit_id, year)
    profile = ops.profile_of(unit.id, year)
    obj = ops.department_object(unit.id, year)
    return render_template("department/detail.html", unit=unit, year=year, profile=profile, obj=obj,
                           targets=current_targets(obj) if obj else None, dimensions=DIMENSIONS,
                           may_edit=ops.may_edit(current_user, unit))


def _rows_from_form(form) -> list[dict]:
    keys = ("dimension", "name", "budget", "spent", "prior_spent")
    columns = {k: form.getlist(f"line_{k}") for k in keys}
    count = max((len(v) for v in columns.values()), default=0)
    return [{k: (columns[k][i] if i < len(columns[k]) else "") for k in keys} for i in range(count)]


def _form_rows(profile) -> list[dict]:
    """The editor's rows: every fixed line (filled when saved), the saved 功能分类 lines, blank ones to add."""
    saved = {(line.dimension, line.name): line for line in profile.lines} if profile else {}
    rows = []

    def text(value):
        return "" if value is None else f"{value:f}"

    for dimension in DIMENSIONS:
        names = list(FIXED_NAMES.get(dimension, ()))
        names += [name for (d, name) in saved if d == dimension and name not in names]
        if dimension == "function":
            names += [""] * 3
        for name in names:
            line = saved.get((dimension, name))
            rows.append({"dimension": dimension, "name": name, "budget": text(line.budget) if line else "",
                         "spent": text(line.spent) if line else "", "prior_spent": text(line.prior_spent) if line else ""})
    return rows


@bp.route("/<int:unit_id>/<int:year>/edit", methods=["GET", "POST"])
@login_required
def edit(unit_id: int, year: int):
    unit = _unit_or_404(unit_id, year)
    if not ops.may_edit(current_user, unit):
        abort(403)
    profile = ops.profile_of(unit.id, year)
    if request.method == "POST":
        form = request.form
        fields = {k: form.get(k, "") for k in ("functions", "internal_bodies", "key_work", "staff_authorised",
                                                 "staff_actual")}
        rows = _rows_from_form(form)
        try:
            ops.save(unit, year, current_user, fields, rows)
        except ops.DepartmentError as exc:
            db.session.rollback()
            flash(f"未保存：{exc}", "error")
            return render_template("department/edit.html", unit=unit, year=year, fields=fields, rows=rows,
                                   dimensions=DIMENSIONS), 422
        db.session.commit()
        flash("部门整体支出信息已保存", "success")
        return redirect(url_for("department.detail", unit_id=unit.id, year=year))
    fields = {k: ("" if getattr(profile, k) is None else getattr(profile, k)) if profile else ""
              for k in ("functions", "internal_bodies", "key_work", "staff_authorised", "staff_actual")}
    return render_template("department/edit.html", unit=unit, year=year, fields=fields, rows=_form_rows(profile),
                           dimensions=DIMENSIONS)


@bp.route("/<int:unit_id>/<int:year>/import", methods=["GET", "POST"])
@login_required
def import_xlsx(unit_id: int, year: int):
    unit = _unit_or_404(unit_id, year)
    if not ops.may_edit(current_user, unit):
        abort(403)
    report = None
    if request.method == "POST":
        upload = request.files.get("file")
        data = upload.read() if upload else b""
        try:
            report = ops.import_workbook(unit, year, current_user, upload.filename if upload else "", data)
        except ops.DepartmentError as exc:
            db.session.rollback()
            report = ops.ImportReport(errors=[str(exc)])
        if report.errors:
            db.session.rollback()
            flash(f"发现 {len(report.errors)} 处错误，未导入任何数据", "error")
            return render_template("department/import.html", unit=unit, year=year, report=report,
                                   dimensions=DIMENSIONS), 422
        db.session.commit()
        flash(f"已导入 {report.lines} 行预算数据", "success")
        return redirect(url_for("department.detail", unit_id=unit.id, year=year))
    return render_template("department/import.html", unit=unit, year=year, report=report, dimensions=DIMENSIONS)


#: Example 功能分类 lines of the blank template (the bureau's 类 names).
TEMPLATE_FUNCTIONS = ("一般公共服务支出", "教育支出", "社会保障和就业支出")


@bp.route("/template.xlsx")
@login_required
def template_xlsx():
    """The import file's layout: every fixed line, a few 功能分类 lines, amounts left to fill."""
    if not ops.units_visible_to(current_user):
        abort(403)
    rows = [(DIMENSIONS[d], name, None, None, None) for d in DIMENSIONS
            for name in (FIXED_NAMES.get(d) or TEMPLATE_FUNCTIONS)]
    return xlsx_response("部门整体预算导入模板.xlsx", "部门整体预算（万元）", ("类别", "名称", "预算数", "执行数", "上年执行数"), rows)
