"""Project pages: list, create, import, and the project's page with targets and submissions."""

from __future__ import annotations

import click
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from portal import plugins
from portal.accounts.access import roles_required
from portal.accounts.models import Organisation, Role
from portal.accounts.queries import organisations_of_kind
from portal.exante import rules as exante_rules
from portal.extensions import db
from portal.listing import ListParams, xlsx_response
from portal.projects import operations
from portal.projects.forms import ProjectCreateForm
from portal.projects.models import CATEGORIES, KINDS, SOURCES
from portal.projects.queries import EXANTE_FILTER, LIST_SPEC, listed, project_or_404, units_of, years_of
from portal.submissions import queries as submission_queries
from portal.submissions.effects import current_targets, flags_for
from portal.submissions.starting import start_options
from portal.targets import operations as target_ops
from portal.util import choices, today

bp = Blueprint("projects", __name__, url_prefix="/work/projects", template_folder="templates")


@bp.route("/")
@login_required
def index():
    """项目: keyword (code, name, unit), filters, sortable headers, pages."""
    params = ListParams.parse(LIST_SPEC, request.args)
    page = params.page_of(listed(current_user, params))
    return render_template("projects/index.html", listing=params, page=page, years=years_of(current_user),
                           units=units_of(current_user), kinds=KINDS, categories=CATEGORIES,
                           exante_filter=EXANTE_FILTER)


#: Columns of the list's export.
EXPORT_HEADERS = ("预算年度", "项目编码", "项目名称", "预算单位", "类型", "预算类别", "预算数（万元）", "到位数（万元）",
                  "执行数（万元）", "执行率（%）", "预算安排提示")


@bp.route("/export.xlsx")
@login_required
def export_xlsx():
    """The projects list as XLSX: every row of the current keyword, filters and order (all pages)."""
    params = ListParams.parse(LIST_SPEC, request.args)
    rows = ([p.fiscal_year, p.code, p.name, p.unit.name, p.kind_label, p.category, p.budget, p.allocated, p.spent,
             p.execution_rate, exante_rules.flag_reason(p.exante_stage) or ""]
            for p in params.all_rows(listed(current_user, params)))
    return xlsx_response(f"项目{today():%Y%m%d}.xlsx", "项目", EXPORT_HEADERS, rows)


def _funding_from_form(form) -> dict:
    return {source: {what: form.get(f"{source}_{what}", "") for what in ("budget", "allocated", "spent")}
            for source in SOURCES}


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.BUREAU_REVIEWER, Role.BUREAU_SECTION, Role.ADMIN)
def new():
    form = ProjectCreateForm()
    form.unit_id.choices = choices((o.id, o.name) for o in organisations_of_kind(current_user.bureau_id, "unit"))
    errors = []
    if form.validate_on_submit():
        unit = db.session.get(Organisation, form.unit_id.data)
        if unit is None or unit.parent_id != current_user.bureau_id:
            abort(404)
        try:
            project = operations.create_project(
                code=form.code.data, name=form.name.data, unit=unit, fiscal_year=form.fiscal_year.data,
                kind=form.kind.data, category=form.category.data, description=form.description.data,
                funding=_funding_from_form(request.form), user=current_user)
        except (operations.ProjectError, ValueError) as exc:
            errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"已创建项目“{project.name}”", "success")
            return redirect(url_for("projects.detail", project_id=project.id))
    return render_template("projects/new.html", form=form, sources=SOURCES, errors=errors,
                           values=request.form)


@bp.route("/import", methods=["GET", "POST"])
@roles_required(Role.BUREAU_REVIEWER, Role.BUREAU_SECTION, Role.ADMIN)
def import_file():
    result = None
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            flash("请选择要导入的 CSV 或 Excel 文件", "error")
        else:
            try:
                rows = operations.read_table(upload.filename, upload.read())
                result = operations.import_projects(rows, current_user.bureau_id, user=current_user)
            except operations.ProjectError as exc:
                flash(str(exc), "error")
            else:
                if result.errors:
                    db.session.rollback()
                else:
                    db.session.commit()
                    flash(f"已导入 {result.created} 个项目", "success")
                    return redirect(url_for("projects.index"))
    return render_template("projects/import.html", result=result, sources=SOURCES)


@bp.route("/<int:project_id>")
@login_required
def detail(project_id: int):
    project = project_or_404(current_user, project_id)
    submissions = submission_queries.for_project(current_user, project.id)
    return render_template("projects/detail.html", project=project, current=current_targets(project),
                           history=target_ops.history(project, current_user), submissions=submissions,
                           flags=flags_for([project.id]), sections=plugins.project_sections(project, current_user),
                           start_options=[o for o in start_options(project, current_user, today()) if not o.for_others])


def register_cli(app) -> None:
    @app.cli.command("import-projects")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--bureau", "bureau_name", help="Bureau whose units the rows name (default: the only one).")
    def import_projects_command(file, bureau_name):
        """Import projects from a CSV or XLSX file: all rows or none."""
        from pathlib import Path

        from portal.cli_support import bureau_option

        bureau = bureau_option(bureau_name)
        try:
            rows = operations.read_table(file, Path(file).read_bytes())
        except operations.ProjectError as exc:
            raise click.ClickException(str(exc)) from None
        check = operations.check_import(rows, bureau.id)
        if check.errors:
            for line, message in check.errors:
                click.echo(f"第 {line} 行：{message}", err=True)
            raise click.ClickException(f"发现 {len(check.errors)} 处错误，未导入任何项目")
        with click.progressbar(length=len(check.rows), label="导入项目") as bar:
            result = operations.import_projects(rows, bureau.id, progress=bar.update)
        db.session.commit()
        click.echo(f"已导入 {result.created} 个项目")
