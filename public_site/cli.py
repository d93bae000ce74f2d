"""``jixiao publish``, ``jixiao withdraw`` and ``jixiao reindex``: the same operations as the web pages."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from portal import db


def _reviewer(username: str | None):
    from portal.accounts.models import User, UserRole

    query = select(User).where(User.is_active.is_(True))
    if username:
        user = db.session.scalar(query.where(User.username == username))
    else:
        user = db.session.scalar(query.join(UserRole).where(UserRole.role == "bureau_reviewer").order_by(User.id))
    if user is None:
        raise click.ClickException(f"找不到用户 {username or '（绩效科审核人员）'}")
    return user


@click.command("publish")
@click.argument("kind")
@click.argument("key")
@click.option("--user", "username", help="发布人用户名（默认：第一位绩效科审核人员）")
@click.option("--redact", "extras", multiple=True, help="补充脱密的文字，可多次使用")
@click.option("--redact-uncertain", is_flag=True,
              help="把所有不确定的检测（待人工确认）按脱密处理；不加时存在不确定检测即拒绝发布")
@click.option("--yes", is_flag=True, help="确认发布（不加时只显示预览）")
@with_appcontext
def publish_command(kind, key, username, extras, redact_uncertain, yes):
    """Publish item KIND KEY (e.g. evaluation_result submission:12) through the redaction pipeline."""
    from public_site import operations
    from public_site.redaction import REDACT_UNCERTAIN

    user = _reviewer(username)
    reviews = REDACT_UNCERTAIN if redact_uncertain else None
    try:
        snapshot, preview = operations.prepare(kind, key, user, extras, reviews=reviews)
    except LookupError:
        raise click.ClickException(f"没有可发布的事项 {kind} {key}") from None
    except operations.PublishError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"事项：{snapshot.title}")
    for det in preview.detections:
        action = {"redact": "脱密", "redact_manual": "手动脱密", "keep": "保留", "keep_policy": "保留",
                  "review": "待确认", "review_redact": "确认脱密"}[det.action]
        click.echo(f"  {action} {det.kind_label}：{det.text}（{det.place}）")
    if not preview.is_clean:
        hint = "（可加 --redact-uncertain 把不确定的检测一律脱密）" if preview.undecided else ""
        raise click.ClickException("拒绝发布：" + "；".join(preview.errors) + hint)
    if not yes:
        click.echo("预览完毕；加 --yes 确认发布。")
        return
    pub, _ = operations.publish(kind, key, user, extras=extras, reviews=reviews, digest=preview.digest)
    db.session.commit()
    click.echo(f"已发布：编号 {pub.id}，第 {pub.version_no} 版，公开日期 {pub.visible_from or '待设置'}")


@click.command("withdraw")
@click.argument("publication_id", type=int)
@click.option("--reason", required=True, help="撤回理由（公开显示）")
@click.option("--user", "username", help="撤回人用户名（默认：第一位绩效科审核人员）")
@with_appcontext
def withdraw_command(publication_id, reason, username):
    """Withdraw publication ID from every public page, feed, export and search."""
    from public_site import operations
    from public_site.models import Publication

    pub = db.session.get(Publication, publication_id)
    if pub is None:
        raise click.ClickException(f"没有编号为 {publication_id} 的公开内容")
    try:
        operations.withdraw(pub, _reviewer(username), reason)
    except operations.PublishError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"已撤回：{pub.title}")


@click.command("reindex")
@with_appcontext
def reindex_command():
    """Rebuild the search index from the stored publications."""
    from public_site import indexing

    total = indexing.count_indexable()
    with click.progressbar(length=total, label="重建检索索引", show_pos=True) as bar:
        count = indexing.rebuild(progress=bar.update)
    db.session.commit()  # the postgres backend rebuilds inside the session's transaction
    click.echo(f"已索引 {count} 条公开内容。")


def commands() -> list:
    return [publish_command, withdraw_command, reindex_command]
