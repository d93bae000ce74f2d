"""Alembic environment shared by the core's and every plugin's migration history."""

from __future__ import annotations

from alembic import context
from flask import current_app

from portal.extensions import db
from portal.schema import CORE, include_object_for, version_table

config = context.config
target = config.attributes.get("jixiao_target", CORE)


def run_migrations_online() -> None:
    engine = db.engine
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=db.metadata,
            version_table=version_table(target),
            include_object=include_object_for(target),
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - offline SQL generation is not supported
    raise SystemExit("Jixiao migrations run online only")
with current_app.app_context():
    run_migrations_online()
