"""``jixiao notify``: the daily run (cron) that sends deadline notices and, when configured, e-mail digests."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("notify")
@click.option("--no-mail", is_flag=True, help="Do not send e-mail digests even when MAIL_SERVER is set.")
@with_appcontext
def notify_command(no_mail: bool) -> None:
    """站内消息 for items due within 7 days, due today or overdue (once each), then the e-mail digests."""
    from portal.extensions import db
    from portal.util import today
    from portal.workcal.notices import deadline_notices

    with current_app.test_request_context("/"):  # links in notices are site paths
        sent = deadline_notices(today())
        db.session.commit()
        click.echo(f"已发送到期提醒 {sent} 条。")
        if not no_mail and current_app.config.get("MAIL_SERVER"):
            from portal.workcal.mail import send_digests

            mailed = send_digests()
            db.session.commit()
            click.echo(f"已发送邮件摘要 {mailed} 封。")
