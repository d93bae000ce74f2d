"""Alembic environment shared by the core's and every plugin's migration history."""

from __future__ import annotations

from alembic import context
from flask import current_app

from portal.extensions import db
from portal.schema import CORE, include_object_for, version_table

config = context.config
target = config.attributes.get("jixiao_target", CORE)


def _pragma(connection, sql: str) -> None:
    """Run a pragma on the driver's connection, outside any transaction (the engine's ``begin`` hook
    would open one first, inside which SQLite ignores ``foreign_keys``)."""
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


def run_migrations_online() -> None:
    engine = db.engine
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table in batch mode by copying it and dropping the old one, which its
            # foreign keys refuse once other tables hold rows pointing at it: switch them off for the
            # migration (a pragma only takes effect outside a transaction), check every reference after.
            _pragma(connection, "PRAGMA foreign_keys=OFF")
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
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left rows pointing nowhere: {broken[:5]}")
        if sqlite:
            _pragma(connection, "PRAGMA foreign_keys=ON")


if context.is_offline_mode():  # pragma: no cover - offline SQL generation is not supported
    raise SystemExit("Jixiao migrations run online only")
with current_app.app_context():
    run_migrations_online()
