"""The security migrations run on a database holding data, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text
from sqlalchemy.pool import NullPool

from portal import create_app, schema
from portal.extensions import db, limiter
from tests.conftest import fresh_database_url


def _core_at(tmp_path, revision: str):
    """An app on a new database whose core history stands at ``revision`` (no plugin tables)."""
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": fresh_database_url(tmp_path),
                      "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool}})
    with app.app_context():
        command.upgrade(schema.alembic_config(app, schema.CORE), revision)
    return app


def _run(sql: str, **params) -> list:
    """Execute ``sql`` in its own transaction; the rows it returns, if any."""
    with db.engine.begin() as conn:
        result = conn.execute(text(sql), params)
        return result.all() if result.returns_rows else []


def test_audit_events_recorded_before_get_the_bureau_of_their_user_or_target(tmp_path):
    app = _core_at(tmp_path, "0004_search_documents")
    with app.app_context():
        for org_id, name, kind, parent in ((1, "阿克陶县财政局", "bureau", None), (2, "阿克陶县教育局", "unit", 1),
                                           (3, "乌恰县财政局", "bureau", None), (4, "乌恰县教育局", "unit", 3)):
            _run("INSERT INTO organisations (id, name, kind, region, parent_id, is_active, created_at) "
                 "VALUES (:id, :name, :kind, '某县', :parent, true, '2024-01-01')",
                 id=org_id, name=name, kind=kind, parent=parent)
        for user_id, org_id in ((1, 1), (2, 2), (3, 4)):
            _run("INSERT INTO users (id, username, full_name, org_id, password_hash, is_active, must_change_password,"
                 " session_token, created_at) VALUES (:id, :name, '某某', :org, 'x', true, false, :token,"
                 " '2024-01-01')", id=user_id, name=f"user{user_id}", org=org_id, token=f"token{user_id}")
        events = ((1, "login_success", 1, None, None), (2, "login_success", 2, None, None),
                  (3, "login_failure", 3, None, None), (4, "org_create", None, "organisation", "4"),
                  (5, "user_disable", None, "user", "2"), (6, "login_failure", None, None, None))
        for event_id, kind, user_id, target_type, target_id in events:
            _run("INSERT INTO audit_events (id, at, kind, user_id, target_type, target_id, detail) "
                 "VALUES (:id, '2024-01-01', :kind, :user, :tt, :tid, '{}')",
                 id=event_id, kind=kind, user=user_id, tt=target_type, tid=target_id)
        command.upgrade(schema.alembic_config(app, schema.CORE), "heads")
        bureaus = dict(_run("SELECT id, bureau_id FROM audit_events"))
        db.engine.dispose()
    # Actor's bureau (a bureau user, a unit user of each county); no actor: the organisation's or the user's.
    assert bureaus == {1: 1, 2: 1, 3: 3, 4: 3, 5: 1, 6: None}


def test_security_migrations_go_down_and_up_again(tmp_path):
    """0006 (login throttles) and 0005 (audit bureau) downgrade and upgrade cleanly; the schema then agrees
    with the models."""
    from sqlalchemy import inspect

    app = _core_at(tmp_path, "heads")
    config = schema.alembic_config(app, schema.CORE)
    with app.app_context():
        _run("INSERT INTO login_throttles (account, failures) VALUES ('reviewer', 3)")
        command.downgrade(config, "0004_search_documents")
        inspector = inspect(db.engine)
        assert "login_throttles" not in inspector.get_table_names()
        assert "bureau_id" not in {c["name"] for c in inspector.get_columns("audit_events")}
        command.upgrade(config, "heads")
        assert _run("SELECT count(*) FROM login_throttles") == [(0,)]
        assert {"account", "failures", "last_failure_at", "locked_until"} <= {
            c["name"] for c in inspect(db.engine).get_columns("login_throttles")}
        db.engine.dispose()


def test_a_failed_sign_in_is_counted_in_the_migrated_table(tmp_path):
    from tests.conftest import CSRFClient, create_world, do_login, migrated_app

    app = migrated_app(tmp_path / "instance", fresh_database_url(tmp_path))
    limiter.reset()  # the per-address counts of earlier tests (in memory) are not this one's
    with app.test_request_context():
        create_world()
        db.session.commit()
    client = CSRFClient(app)
    for _ in range(5):
        assert do_login(client, " Reviewer ", "wrong-password").status_code == 200
    assert do_login(client, "reviewer", "Demo-review-2024").status_code == 429
    with app.app_context():
        assert _run("SELECT account, failures FROM login_throttles") == [("reviewer", 5)]
        db.engine.dispose()
