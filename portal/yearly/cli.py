"""``jixiao report yearly YEAR FILE.docx [--bureau 名称]``: the yearly summary's data part."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext


@click.group("report")
def report_group() -> None:
    """Reports the bureau writes (the yearly summary)."""


@report_group.command("yearly")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--bureau", "bureau_name", help="Name of the bureau (财政局); needed when there are several.")
@with_appcontext
def yearly_command(year: int, path: str, bureau_name: str | None) -> None:
    """Write the yearly summary (年度全面实施预算绩效管理工作总结报告) of YEAR as a DOCX to PATH."""
    from sqlalchemy import select

    from portal.accounts.models import Organisation, OrgKind
    from portal.extensions import db
    from portal.yearly.report import docx_bytes, sections

    bureaus = list(db.session.scalars(select(Organisation).where(Organisation.kind == OrgKind.BUREAU)
                                      .order_by(Organisation.name)))
    if bureau_name:
        bureaus = [b for b in bureaus if b.name == bureau_name]
        if not bureaus:
            raise click.ClickException(f"找不到财政局“{bureau_name}”")
    if not bureaus:
        raise click.ClickException("系统中还没有财政局，请先运行 jixiao demo 或创建单位")
    if len(bureaus) > 1:
        names = "、".join(b.name for b in bureaus)
        raise click.ClickException(f"系统中有多个财政局（{names}），请用 --bureau 指定其一")
    bureau = bureaus[0]
    data = docx_bytes(bureau, year)
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise click.ClickException(f"无法写入文件 {path}：{exc.strerror}") from None
    click.echo(f"已生成 {bureau.name} {year} 年度总结报告（数据部分）：{path}")
    for number, section in enumerate(sections(bureau, year), start=1):
        click.echo(f"  {number}. {section.title}：{len(section.rows)} 行")
