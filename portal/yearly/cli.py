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

    from portal.cli_support import bureau_option
    from portal.yearly.report import docx_bytes, sections

    bureau = bureau_option(bureau_name)
    data = docx_bytes(bureau, year)
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise click.ClickException(f"无法写入文件 {path}：{exc.strerror}") from None
    click.echo(f"已生成 {bureau.name} {year} 年度总结报告（数据部分）：{path}")
    for number, section in enumerate(sections(bureau, year), start=1):
        click.echo(f"  {number}. {section.title}：{len(section.rows)} 行")
