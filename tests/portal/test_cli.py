"""The jixiao CLI: init, demo (idempotent), user create/disable."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.pool import NullPool

from portal.accounts.models import Organisation, User
from portal.extensions import db
from tests.conftest import TEST_PASSWORD_HASH, create_world, fresh_database_url, migrated_app


def test_init_and_demo_are_idempotent(tmp_path):
    from portal import create_app

    url = fresh_database_url(tmp_path)
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool},
                      "JIXIAO_PASSWORD_HASH": TEST_PASSWORD_HASH})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["init"])
    assert result.exit_code == 0, result.output
    assert "数据库已是最新结构" in result.output
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    for username in ("admin", "reviewer", "section", "unit", "firm", "expert"):
        assert username in first.output
    with app.app_context():
        counts = (db.session.scalar(select(func.count(User.id))),
                  db.session.scalar(select(func.count(Organisation.id))))
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    with app.app_context():
        assert counts == (db.session.scalar(select(func.count(User.id))),
                          db.session.scalar(select(func.count(Organisation.id))))
        assert db.session.scalar(select(Organisation).where(Organisation.kind == "bureau")).name == "阿克陶县财政局"
        db.engine.dispose()


def test_user_create_and_disable(tmp_path):
    app = migrated_app(tmp_path / "instance", fresh_database_url(tmp_path))
    runner = app.test_cli_runner()
    with app.app_context():  # the demo county's organisations and accounts (no need for all of `jixiao demo`)
        create_world()
        db.session.commit()
    result = runner.invoke(args=["user", "create", "zhangsan", "--name", "张三", "--org", "阿克陶县教育局",
                                 "--role", "unit_editor", "--password", "Start-pass-123"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "zhangsan"))
        assert user.must_change_password and user.roles == {"unit_editor"}
    result = runner.invoke(args=["user", "create", "x1", "--name", "某", "--org", "不存在的单位",
                                 "--role", "unit_editor", "--password", "Start-pass-123"])
    assert result.exit_code != 0 and "找不到单位" in result.output
    assert runner.invoke(args=["user", "disable", "zhangsan"]).exit_code == 0
    with app.app_context():
        assert db.session.scalar(select(User.is_active).where(User.username == "zhangsan")) is False
        db.engine.dispose()


def test_commands_on_an_uninitialised_database_say_to_run_init(tmp_path):
    from tests.servers import Instance

    instance = Instance(tmp_path / "instance", fresh_database_url(tmp_path), {})
    sample = tmp_path / "报告.txt"
    sample.write_text("联系人：张伟，电话 13912345678。", encoding="utf-8")
    for args in (("terms", "list"), ("deidentify", str(sample))):
        result = instance.cli(*args, check=False)
        assert result.returncode == 1, result
        assert "请先运行 jixiao init" in result.stderr and "Traceback" not in result.stderr, result.stderr
