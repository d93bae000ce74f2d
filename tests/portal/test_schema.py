"""Migrations build the schema from nothing and agree with the models, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from portal import schema
from portal.extensions import db
from tests.conftest import fresh_database_url, migrated_app


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
