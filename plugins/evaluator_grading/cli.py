"""``jixiao ratings compute|export`` (the names the bureau asked for) and ``jixiao evaluator_grading …``."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from plugins.evaluator_grading import queries, ratings
from plugins.evaluator_grading.export import ratings_workbook
from plugins.evaluator_grading.models import Engagement
from portal import db
from portal.accounts.models import Organisation
from portal.projects.models import Project


def _bureaus(name: str | None) -> list[Organisation]:
    query = select(Organisation).where(Organisation.kind == "bureau").order_by(Organisation.id)
    if name:
        query = query.where(Organisation.name == name)
    found = list(db.session.scalars(query))
    if name and not found:
        raise click.ClickException(f"找不到财政局“{name}”")
    return found


def _or_no_data(value) -> str:
    """A composite or level, or 暂无数据 while no component has data yet."""
    return "暂无数据" if value is None else str(value)


@click.group("ratings")
def ratings_group() -> None:
    """第三方机构执业质量评价: compute and export the yearly firm ratings."""


@ratings_group.command("compute")
@click.argument("year", type=int)
@click.option("--bureau", default=None, help="Only this bureau (财政局 name); default every bureau.")
@with_appcontext
def compute_command(year: int, bureau: str | None) -> None:
    """Compute (or refresh) every engaged firm's rating of YEAR; opened and final ratings stay as they are."""
    total = 0
    for org in _bureaus(bureau):
        rows = ratings.compute_year(org.id, year)
        for r in rows:
            parts = "  ".join(f"{label.split('（')[0]} {getattr(r, key) if getattr(r, key) is not None else '—'}"
                              for key, label in ratings.COMPONENTS.items())
            click.echo(f"{org.name}  {r.firm.name}  {year}  {parts}  综合 {_or_no_data(r.composite)}  "
                       f"等级 {_or_no_data(r.level)}  [{r.state_label}]")
        total += len(rows)
    db.session.commit()
    click.echo(f"共 {total} 家机构。" if total else f"{year}年度没有委托，未计算任何评价。")


@ratings_group.command("export")
@click.argument("year", type=int)
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--bureau", default=None, help="Only this bureau (财政局 name); default every bureau.")
@with_appcontext
def export_command(year: int, file: Path, bureau: str | None) -> None:
    """Write YEAR's firm ratings (and the engagements behind them) to FILE.xlsx."""
    rows = [r for org in _bureaus(bureau) for r in queries.ratings_of_year(org.id, year)]
    file.write_bytes(ratings_workbook(rows))
    click.echo(f"已导出 {len(rows)} 条评价到 {file}")


@click.group("evaluator_grading")
def plugin_group() -> None:
    """第三方评价: engagements, review panels and firm ratings."""


@plugin_group.command("engagements")
@click.argument("year", type=int)
@with_appcontext
def engagements_command(year: int) -> None:
    """List YEAR's engagements (firm, project, deadline, contract amount in 万元)."""
    rows = db.session.scalars(select(Engagement).join(Project).where(Project.fiscal_year == year)
                              .order_by(Engagement.deadline)).all()
    for e in rows:
        click.echo(f"{e.firm.name}  {e.project.code} {e.project.name}  截止 {e.deadline}  {e.contract_amount} 万元")
    if not rows:
        click.echo(f"{year}年度没有委托。")


plugin_group.add_command(ratings_group)


def commands() -> list[click.Command]:
    return [ratings_group, plugin_group]


