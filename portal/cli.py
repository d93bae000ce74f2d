"""The ``jixiao`` command line: a Flask/click group that plugins extend (the core's commands: portal.commands)."""

from __future__ import annotations

import click
from flask.cli import FlaskGroup


def _create_app():
    from portal.app import create_app

    return create_app()


class JixiaoGroup(FlaskGroup):
    """Database trouble ends a command with a Chinese message saying what to do, not a traceback."""

    def invoke(self, ctx):
        from sqlalchemy.exc import OperationalError, ProgrammingError

        try:
            return super().invoke(ctx)
        except (OperationalError, ProgrammingError) as exc:
            text = str(exc.orig if exc.orig is not None else exc).lower()
            if "no such table" in text or "no such column" in text or "does not exist" in text:
                raise click.ClickException("数据库尚未初始化或结构不是最新，请先运行 jixiao init") from None
            if "connect" in text or "unable to open" in text:
                raise click.ClickException(f"无法连接数据库，请检查 DATABASE_URL 与数据库服务：{text.strip()[:200]}") \
                    from None
            raise


@click.group(cls=JixiaoGroup, create_app=_create_app, add_default_commands=True,
             help="预算绩效管理平台 (Jixiao) command line.")
def main() -> None:
    """Entry point of the ``jixiao`` console script."""


if __name__ == "__main__":  # ``python -m portal.cli`` (used by the live-server tests)
    main()
