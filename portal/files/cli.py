"""``jixiao fsck``: check that every stored file is intact and every attachment points at one."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from portal.extensions import db
from portal.files import storage
from portal.files.models import Attachment, StoredFile


def check() -> tuple[list[str], list[str]]:
    """Problems (missing or corrupted blobs, dangling attachments) and notes (orphans, temp files)."""
    problems: list[str] = []
    stored = list(db.session.scalars(select(StoredFile).order_by(StoredFile.sha256)))
    with click.progressbar(stored, label="校验文件", item_show_func=lambda f: f and f.sha256[:12]) as bar:
        for record in bar:
            if not storage.exists(record.sha256):
                problems.append(f"文件缺失：{record.sha256}")
            elif not storage.verify(record.sha256):
                problems.append(f"文件内容与 SHA-256 不符（已损坏）：{record.sha256}")
            elif storage.path(record.sha256).stat().st_size != record.size:
                problems.append(f"文件大小与记录不符：{record.sha256}")
    known = {record.sha256 for record in stored}
    for attachment in db.session.scalars(select(Attachment).order_by(Attachment.id)):
        if attachment.sha256 not in known:
            problems.append(f"附件 #{attachment.id}（{attachment.filename}）指向不存在的文件记录 {attachment.sha256}")
    notes = [f"未被任何记录引用的文件：{sha}" for sha in storage.all_blobs() if sha not in known]
    notes += [f"残留的临时文件：{path}" for path in storage.temp_files()]
    return problems, notes


@click.command("fsck")
@click.option("--clean-temp", is_flag=True, help="Delete temporary files left by interrupted uploads.")
@with_appcontext
def fsck_command(clean_temp: bool) -> None:
    """Verify every stored file's SHA-256 and every attachment's reference; exit 1 on any problem."""
    problems, notes = check()
    for note in notes:
        click.echo(f"提示：{note}")
    if clean_temp:
        for path in storage.temp_files():
            path.unlink(missing_ok=True)
            click.echo(f"已删除临时文件：{path}")
    for problem in problems:
        click.echo(f"错误：{problem}", err=True)
    if problems:
        click.echo(f"文件库检查发现 {len(problems)} 个问题。", err=True)
        raise SystemExit(1)
    click.echo("文件库检查通过：所有文件完好，所有附件引用有效。")
