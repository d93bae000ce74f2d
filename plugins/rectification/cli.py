"""``jixiao rectification …``: the 10 % random verification draw and the ledger export, for the bureau's batch work."""

from __future__ import annotations

import getpass
from pathlib import Path

import click
from flask.cli import with_appcontext


@click.group("rectification")
def rectification_group() -> None:
    """整改事项: random verification draws (抽查) and the ledger (整改台账) export."""


def _bureau(name: str | None):
    from portal.cli_support import bureau_option

    return bureau_option(name)


@rectification_group.command("sample")
@click.argument("year", type=int)
@click.option("--share", default="0.10", show_default=True, help="Share of closed items to draw (0.10 or 10%).")
@click.option("--seed", type=int, help="Random seed; the same seed gives the same list. Drawn and recorded if omitted.")
@click.option("--bureau", "bureau_name", help="The bureau whose region is sampled (needed when there are several).")
@click.option("--user", "username", help="Record the draw as made by this user.")
@with_appcontext
def sample_command(year, share, seed, bureau_name, username) -> None:
    """Draw a reproducible random sample of YEAR's closed items for re-checking, record it, and list it."""
    from plugins.rectification import operations
    from plugins.rectification.queries import items_by_id
    from portal import db
    from portal.accounts.queries import user_by_username

    bureau = _bureau(bureau_name)
    user = None
    if username:
        user = user_by_username(username)
        if user is None:
            raise click.ClickException(f"找不到用户“{username}”")
    try:
        draw = operations.draw_sample(bureau=bureau, year=year, share=share, seed=seed, user=user,
                                      drawn_by_name=None if user else f"命令行（{getpass.getuser()}）")
    except operations.RectificationError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"{bureau.name} {year} 年度已销号整改事项 {draw.population} 项，按 {(draw.share * 100).normalize():f}% 抽取 "
               f"{len(draw.item_ids)} 项（随机种子 {draw.seed}，抽取记录 #{draw.id}）：")
    for item in items_by_id(draw.item_ids):
        project = item.project.name if item.project else "—"
        click.echo(f"  ZG-{item.id:04d}  {item.unit.name}  {project}  {item.description[:40]}")


@rectification_group.command("export")
@click.argument("year", type=int)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--bureau", "bureau_name", help="The bureau whose region is exported (needed when there are several).")
@with_appcontext
def export_command(year, file, bureau_name) -> None:
    """Write YEAR's ledger (整改台账) of the bureau's region to FILE as XLSX."""
    from plugins.rectification import export, queries

    bureau = _bureau(bureau_name)
    items = queries.ledger(None, queries.LedgerFilter(year=year), base=queries.region_items(bureau.id))
    file.write_bytes(export.workbook(items, title=f"{bureau.name}{year}年度整改台账"))
    click.echo(f"已导出 {len(items)} 项整改事项到 {file}")
