"""Configuration: defaults, instance/config.py, environment, and the generated secret key."""

from __future__ import annotations

import stat

import pytest

from portal import create_app


def test_secret_key_is_generated_into_instance_and_reused(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    key_file = tmp_path / "secret_key"
    assert key_file.exists() and len(app.secret_key) >= 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert create_app({"INSTANCE_PATH": str(tmp_path)}).secret_key == app.secret_key


def test_instance_config_then_environment(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text('JIXIAO_DISABLED_PLUGINS = "rectification"\nMAX_CONTENT_LENGTH = 123\n')
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["MAX_CONTENT_LENGTH"] == 123
    assert "rectification." not in " ".join(app.view_functions)
    monkeypatch.setenv("JIXIAO_DISABLED_PLUGINS", "public_site")
    monkeypatch.setenv("JIXIAO_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@127.0.0.1/x")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.secret_key == "from-the-environment"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@127.0.0.1/x"
    assert "rectification.index" in app.view_functions and "public_site.home" not in app.view_functions


def test_default_database_is_sqlite_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'jixiao.sqlite'}"


def test_proxy_count_from_the_environment_and_refused_when_not_a_small_number(tmp_path, monkeypatch):
    assert create_app({"INSTANCE_PATH": str(tmp_path)}).config["JIXIAO_PROXY_COUNT"] == 0
    monkeypatch.setenv("JIXIAO_PROXY_COUNT", "1")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["JIXIAO_PROXY_COUNT"] == 1
    seen = {}

    @app.get("/_whoami")
    def whoami():
        from flask import request

        seen["ip"] = request.remote_addr
        return "ok"

    app.test_client().get("/_whoami", headers={"X-Forwarded-For": "203.0.113.7"})
    assert seen["ip"] == "203.0.113.7"
    for wrong in ("yes", "-1", "99"):
        monkeypatch.setenv("JIXIAO_PROXY_COUNT", wrong)
        with pytest.raises(ValueError, match="JIXIAO_PROXY_COUNT"):
            create_app({"INSTANCE_PATH": str(tmp_path)})
