"""The core's ``jixiao`` commands (init, demo, user, deidentify, terms, fsck, backup…), added by the app factory."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from portal import plugins
from portal.files.cli import fsck_command


def init_app(app: Flask) -> None:
    app.cli.add_command(init_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(user_group)
    from portal.deid.cli import deidentify_command, terms_group

    app.cli.add_command(deidentify_command)
    app.cli.add_command(terms_group)
    from portal.projects.views import register_cli

    register_cli(app)
    from portal.execution.views import register_cli as register_execution_cli

    register_execution_cli(app)
    app.cli.add_command(fsck_command)
    from portal.backup.cli import backup_command, restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    from portal.workcal.cli import notify_command

    app.cli.add_command(notify_command)

    from portal.yearly.cli import report_group

    app.cli.add_command(report_group)

    from portal.plugin_info import plugins_command

    app.cli.add_command(plugins_command)
    from portal.department.cli import department_group, library_group

    app.cli.add_command(department_group)
    app.cli.add_command(library_group)
    from portal.results.cli import results_group

    app.cli.add_command(results_group)


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create the instance folder and migrate the database to the newest schema."""
    from portal import schema

    click.echo(f"实例目录：{current_app.instance_path}")
    schema.upgrade_all(current_app, echo=click.echo)
    click.echo("数据库已是最新结构。")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load demo data built from the seed documents (safe to run again)."""
    from portal import demo
    from portal.extensions import db

    logins = demo.load(current_app)
    plugins.load_demo_data(current_app)
    db.session.commit()
    click.echo("演示数据已就绪。演示账号（用户名 / 密码 / 角色）：")
    for username, password, role in logins:
        click.echo(f"  {username:<12} {password:<18} {role}")


@click.group("user")
def user_group() -> None:
    """Manage user accounts."""


@user_group.command("create")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="Full name (姓名).")
@click.option("--org", "org_name", required=True, help="Name of the user's organisation.")
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice(["admin", "bureau_reviewer", "bureau_section", "unit_editor",
                                 "firm_editor", "expert"]))
@click.password_option("--password", help="Initial password (asked when omitted).")
@with_appcontext
def user_create(username, full_name, org_name, roles, password) -> None:
    """Create a user who must change the password at first sign-in."""
    from sqlalchemy import select

    from portal.accounts.models import Organisation
    from portal.accounts.operations import AccountError, create_user
    from portal.extensions import db

    org = db.session.scalar(select(Organisation).where(Organisation.name == org_name))
    if org is None:
        raise click.ClickException(f"找不到单位“{org_name}”")
    try:
        create_user(username=username, full_name=full_name, org=org, roles=roles, password=password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"已创建用户 {username}")


@user_group.command("disable")
@click.argument("username")
@with_appcontext
def user_disable(username) -> None:
    """Disable a user (history is kept; the account can no longer sign in)."""
    from portal.accounts.operations import set_user_active
    from portal.accounts.queries import user_by_username
    from portal.extensions import db

    user = user_by_username(username)
    if user is None:
        raise click.ClickException(f"找不到用户“{username}”")
    set_user_active(user, False)
    db.session.commit()
    click.echo(f"已停用用户 {username}")
