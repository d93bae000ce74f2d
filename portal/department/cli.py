"""``jixiao department import`` and ``jixiao library import``: the batch side of the two import pages."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from portal.accounts.models import Organisation, OrgKind
from portal.cli_support import bureau_option
from portal.extensions import db


def _org(name: str, kind: str) -> Organisation:
    org = db.session.scalar(select(Organisation).where(Organisation.name == name, Organisation.kind == kind))
    if org is None:
        raise click.ClickException(f"找不到{'预算单位' if kind == OrgKind.UNIT else '财政局'}“{name}”")
    return org


@click.group("department")
def department_group() -> None:
    """部门整体支出: a unit's yearly profile and budget."""


@department_group.command("import")
@click.argument("unit_name")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def department_import_command(unit_name: str, year: int, file: str) -> None:
    """Replace UNIT_NAME's YEAR budget lines (and 概况) from an .xlsx file: all rows or none."""
    from portal.department import operations as ops

    unit = _org(unit_name, OrgKind.UNIT)
    try:
        report = ops.import_workbook(unit, year, None, Path(file).name, Path(file).read_bytes())
    except ops.DepartmentError as exc:
        raise click.ClickException(str(exc)) from None
    if report.errors:
        db.session.rollback()
        for message in report.errors:
            click.echo(message, err=True)
        raise click.ClickException(f"发现 {len(report.errors)} 处错误，未导入任何数据")
    db.session.commit()
    click.echo(f"已导入{unit.name}{year}年度部门整体预算 {report.lines} 行")


@click.group("library")
def library_group() -> None:
    """共性项目绩效指标库: the bureau's indicator library per year."""


@library_group.command("import")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--bureau", "bureau_name", help="The bureau (default: the only one).")
@click.option("--basis", default="", help="依据, e.g. the document's title.")
@with_appcontext
def library_import_command(year: int, file: str, bureau_name: str | None, basis: str) -> None:
    """Import a new version of the YEAR indicator library from an .xlsx file: all rows or none."""
    from portal.library import operations as ops

    bureau = bureau_option(bureau_name)
    try:
        result = ops.import_library(bureau.id, year, None, Path(file).name, Path(file).read_bytes(), basis=basis)
    except ops.LibraryError as exc:
        raise click.ClickException(str(exc)) from None
    if result.errors:
        db.session.rollback()
        for message in result.errors:
            click.echo(message, err=True)
        raise click.ClickException(f"发现 {len(result.errors)} 处错误，未导入任何指标")
    db.session.commit()
    click.echo(f"已导入{bureau.name}{result.version.label}指标库，共 {len(result.version.items)} 条三级指标")
