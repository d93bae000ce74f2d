"""``jixiao deidentify`` and ``jixiao terms``: the engine and the term list from the command line."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext


@click.command("deidentify")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the redacted text; json: one object per file with every span and its outcome.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@with_appcontext
def deidentify_command(fmt, files) -> None:
    """De-identify TXT, DOCX and PDF files (脱密) and print the result.

    Every span found ends as redact, review (uncertain) or keep (policy, with its reason); the
    redacted text replaces redact AND review spans, so nothing uncertain leaves the command.
    JSON: {"file", "redacted", "review", "residual", "spans": [{kind, start, end, text, action,
    reason, confidence}]} with offsets in the file's extracted text.
    Exit status 2 when a file cannot be read (the others are still processed), 1 when anything
    was left for review or the re-scan still finds something in a redacted text.
    """
    from portal.deid import queries
    from portal.deid.readers import ReadError, read_text

    engine = queries.deidentifier()
    status = 0
    for name in files:
        try:
            text = read_text(name)
        except ReadError as exc:
            click.echo(f"错误：{exc}", err=True)
            status = 2
            continue
        result = engine.redact(text)
        if fmt == "json":
            click.echo(json.dumps({"file": name, "redacted": result.redacted, "review": len(result.reviews),
                                   "residual": [s.as_dict() for s in result.residual],
                                   "spans": [d.as_dict() for d in result.decisions]}, ensure_ascii=False))
        else:
            click.echo(result.redacted)
        if result.reviews:
            shown = "、".join(f"“{d.span.text}”" for d in result.reviews[:5])
            click.echo(f"待人工确认：{name}: {len(result.reviews)} 处不确定的检测（{shown}）已按脱密处理，"
                       "发布前须逐一确认", err=True)
            status = status or 1
        if not result.is_clean:
            click.echo(f"警告：{name}: {result.problem()}", err=True)
            status = status or 1
    raise SystemExit(status)


@click.group("terms")
def terms_group() -> None:
    """Manage the sensitive-term list (敏感词)."""


def _bureau_id(bureau: str | None) -> int | None:
    from sqlalchemy import select

    from portal.accounts.models import Organisation
    from portal.extensions import db

    if not bureau:
        return None
    org_id = db.session.scalar(select(Organisation.id).where(Organisation.name == bureau,
                                                             Organisation.kind == "bureau"))
    if org_id is None:
        raise click.ClickException(f"找不到财政局“{bureau}”")
    return org_id


_BUREAU = click.option("--bureau", help="财政局名称；省略则为全局敏感词（对所有财政局生效）")


@terms_group.command("add")
@click.argument("term")
@click.option("--note", default="", help="说明")
@_BUREAU
@with_appcontext
def terms_add(term, note, bureau) -> None:
    """Add a sensitive term."""
    from portal.deid import operations
    from portal.extensions import db

    try:
        operations.add_term(term, bureau_id=_bureau_id(bureau), note=note)
    except operations.TermError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"已添加敏感词“{term.strip()}”")


@terms_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="同时列出已停用的敏感词")
@with_appcontext
def terms_list(show_all) -> None:
    """List sensitive terms (active ones unless --all)."""
    from sqlalchemy import select

    from portal.accounts.models import Organisation
    from portal.deid.models import SensitiveTerm
    from portal.extensions import db

    query = select(SensitiveTerm, Organisation.name).outerjoin(
        Organisation, Organisation.id == SensitiveTerm.bureau_id).order_by(SensitiveTerm.term)
    if not show_all:
        query = query.where(SensitiveTerm.is_active.is_(True))
    for row, bureau in db.session.execute(query):
        state = "" if row.is_active else "（已停用）"
        click.echo(f"{row.term}\t{bureau or '全局'}\t{row.note}{state}")


@terms_group.command("remove")
@click.argument("term")
@_BUREAU
@with_appcontext
def terms_remove(term, bureau) -> None:
    """Deactivate a sensitive term (kept for the audit trail)."""
    from sqlalchemy import select

    from portal.deid import operations
    from portal.deid.models import SensitiveTerm
    from portal.extensions import db

    bureau_id = _bureau_id(bureau)
    column = SensitiveTerm.bureau_id
    row = db.session.scalar(select(SensitiveTerm).where(
        SensitiveTerm.term == term.strip(), column.is_(None) if bureau_id is None else column == bureau_id))
    if row is None:
        raise click.ClickException(f"找不到敏感词“{term}”")
    try:
        operations.deactivate_term(row)
    except operations.TermError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"已停用敏感词“{row.term}”")
