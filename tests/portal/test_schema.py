"""Migrations build the schema from nothing and agree with the models, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from portal import schema
from portal.extensions import db
from tests.conftest import clone_database_url, fresh_database_url, migrated_app


def test_empty_database_upgrades_to_head_without_pending_diff(tmp_path):
    app = migrated_app(tmp_path / "instance", fresh_database_url(tmp_path))
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        assert {"organisations", "users", "user_roles", "audit_events", "alembic_version"} <= tables
        assert schema.pending_differences(app) == []
        db.engine.dispose()


def test_each_history_has_its_own_version_table(tmp_path):
    app = migrated_app(tmp_path / "instance", fresh_database_url(tmp_path))
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        for target in schema.targets(app):
            assert schema.version_table(target) in tables
        db.engine.dispose()


def test_disabling_a_plugin_on_a_migrated_database_keeps_working(tmp_path):
    url = fresh_database_url(tmp_path)
    migrated_app(tmp_path / "a", url)
    app = migrated_app(tmp_path / "b", url, JIXIAO_DISABLED_PLUGINS="rectification,evaluator_grading,public_site")
    with app.app_context():
        assert schema.pending_differences(app) == []
        db.engine.dispose()


def test_an_instance_holding_data_upgrades(tmp_path, demo_template):
    """A county's instance is upgraded with its data in it: the migrations that rebuild a table (SQLite's
    batch mode copies it and drops the old one) must not be stopped by the rows pointing at it.  The data:
    a copy of the demo county (``jixiao demo``, built once a run)."""
    from alembic import command
    from sqlalchemy import func, select, text

    from portal.submissions.models import Submission

    app = migrated_app(tmp_path / "instance", clone_database_url(demo_template[1], tmp_path))
    with app.app_context():
        before = db.session.scalar(select(func.count(Submission.id)))
        assert before > 0
        db.session.remove()
        # back to the schema of an instance installed before the workflow and grading changes, data kept
        command.downgrade(schema.alembic_config(app, "evaluator_grading"), "eg_0001")
        command.downgrade(schema.alembic_config(app, schema.CORE), "0006_login_throttles")
        schema.upgrade_all(app, echo=lambda *_: None)
        assert db.session.scalar(select(func.count(Submission.id))) == before
        assert schema.pending_differences(app) == []
        if db.engine.dialect.name == "sqlite":  # foreign keys are enforced again afterwards
            with db.engine.connect() as conn:
                assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        db.session.remove()
        db.engine.dispose()
