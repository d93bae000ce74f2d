"""``jixiao notices …``: one click group named after the plugin."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from notices.models import Notice
from portal import db


@click.group("notices")
def notices_group() -> None:
    """通知公告 (example plugin): list and add a bureau's notices."""


@notices_group.command("list")
@click.option("--year", type=int, help="Only notices of this fiscal year.")
@with_appcontext
def list_command(year: int | None) -> None:
    """Print every notice: id, year, bureau id and title."""
    query = select(Notice).order_by(Notice.id)
    if year:
        query = query.where(Notice.fiscal_year == year)
    notices = db.session.scalars(query).all()
    if not notices:
        click.echo("暂无通知公告。")
    for n in notices:
        click.echo(f"{n.id}\t{n.fiscal_year}\t{n.bureau_id}\t{n.title}")


@notices_group.command("add")
@click.argument("title")
@click.option("--year", type=int, required=True, help="Fiscal year (年度).")
@click.option("--bureau", "bureau_name", required=True, help="The bureau's name (财政局).")
@click.option("--body", default="", help="The text of the notice.")
@with_appcontext
def add_command(title: str, year: int, bureau_name: str, body: str) -> None:
    """Add a notice of BUREAU for YEAR."""
    from portal.accounts.models import Organisation

    bureau = db.session.scalar(select(Organisation).where(Organisation.name == bureau_name,
                                                          Organisation.kind == "bureau"))
    if bureau is None:
        raise click.ClickException(f"找不到财政局“{bureau_name}”")
    notice = Notice(bureau_id=bureau.id, fiscal_year=year, title=title.strip(), body=body.strip())
    db.session.add(notice)
    db.session.commit()
    click.echo(f"已添加通知公告 {notice.id}：{notice.title}")
