"""Execution pages: the bureau's update form for one project, and the 决算 import (web and CLI)."""

from __future__ import annotations

from datetime import date

import click
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from portal.accounts.access import roles_required
from portal.accounts.models import Role
from portal.execution import importing, operations
from portal.extensions import db
from portal.projects.models import SOURCES
from portal.projects.operations import ProjectError, read_table
from portal.projects.queries import project_or_404
from portal.util import today

bp = Blueprint("execution", __name__, url_prefix="/work/execution", template_folder="templates")

#: Who may record figures directly: bureau staff (they hold the treasury's payment data). Units report
#: theirs in a monitoring report or self-evaluation, which the bureau reviews before the figures count.
EDITORS = (Role.BUREAU_REVIEWER, Role.BUREAU_SECTION, Role.ADMIN)


@bp.route("/projects/<int:project_id>/update", methods=["GET", "POST"])
@roles_required(*EDITORS)
def update(project_id: int):
    project = project_or_404(current_user, project_id)
    form = request.form
    errors = []
    if request.method == "POST":
        raw = {f.source: {what: form.get(f"{f.source}_{what}", "") for what in ("allocated", "spent")}
               for f in project.funding}
        try:
            as_of = date.fromisoformat(form.get("as_of", "").strip())
        except ValueError:
            errors.append("请填写有效的截至日期（如 2025-06-30）")
            as_of = None
        if as_of and as_of > today():
            errors.append("截至日期不能晚于今天")
        if as_of and not (project.fiscal_year <= as_of.year <= project.fiscal_year + 1):
            errors.append(f"截至日期应在 {project.fiscal_year} 年度内（或次年决算期间）")
        if not errors:
            try:
                figures = operations.check_figures(project, raw)
                operations.record_execution(project, as_of=as_of, origin="form", figures=figures,
                                            user=current_user, note=form.get("note", ""))
            except operations.ExecutionError as exc:
                db.session.rollback()
                errors.append(str(exc))
            else:
                db.session.commit()
                flash(f"已记录截至 {as_of} 的到位数、执行数", "success")
                return redirect(url_for("projects.detail", project_id=project.id))
    values = dict(form) if request.method == "POST" else {
        **{f"{f.source}_{what}": f"{getattr(f, what)}" for f in project.funding for what in ("allocated", "spent")},
        "as_of": f"{min(today(), date(project.fiscal_year, 12, 31))}"}
    return render_template("execution/update.html", project=project, errors=errors, values=values,
                           history=operations.history(project)), (422 if errors else 200)


@bp.route("/import", methods=["GET", "POST"])
@roles_required(*EDITORS)
def import_file():
    result = None
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            flash("请选择要导入的决算 Excel 文件", "error")
        else:
            try:
                rows = read_table(upload.filename, upload.read())
                result = importing.import_final_accounts(rows, current_user.bureau_id, user=current_user,
                                                         filename=upload.filename)
            except ProjectError as exc:
                flash(str(exc), "error")
            else:
                if result.errors:
                    db.session.rollback()
                else:
                    db.session.commit()
                    flash(f"已导入 {result.recorded} 个项目的决算到位数、执行数", "success")
                    return redirect(url_for("projects.index"))
    return render_template("execution/import.html", result=result, sources=SOURCES), \
        (422 if result and result.errors else 200)


def history_section(project, user):
    """The execution history on the project's page (a core section)."""
    from portal.hooktypes import Section

    body = render_template("execution/_history.html", project=project, records=operations.history(project),
                           may_edit=user.has_role(*EDITORS) and user.org.kind == "bureau")
    return [Section("预算执行情况（到位数 / 执行数）", Markup(body), order=20)]


def register_cli(app) -> None:
    @app.cli.command("import-execution")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--bureau", "bureau_name", help="Bureau whose projects the rows name (default: the only one).")
    def import_execution_command(file, bureau_name):
        """Import the final accounts (决算): per-source 到位数 / 执行数 by project code, all rows or none."""
        from pathlib import Path

        from portal.cli_support import bureau_option

        bureau = bureau_option(bureau_name)
        try:
            rows = read_table(file, Path(file).read_bytes())
        except ProjectError as exc:
            raise click.ClickException(str(exc)) from None
        check = importing.check_final_accounts(rows, bureau.id)
        if check.errors:
            for line, message in check.errors:
                click.echo(f"第 {line} 行：{message}", err=True)
            db.session.rollback()
            raise click.ClickException(f"发现 {len(check.errors)} 处错误，未导入任何数据")
        with click.progressbar(length=len(check.rows), label="导入决算") as bar:
            result = importing.import_final_accounts(rows, bureau.id, progress=bar.update,
                                                     filename=Path(file).name)
        db.session.commit()
        click.echo(f"已导入 {result.recorded} 个项目的决算到位数、执行数")
