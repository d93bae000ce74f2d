"""``jixiao plugins`` and 系统管理 → 插件: installed plugins, their version, origin and hooks."""

from __future__ import annotations

import json

from tests.conftest import text_of


def test_plugins_command_lists_builtins_with_their_hooks(runner):
    result = runner.invoke(args=["plugins"])
    assert result.exit_code == 0, result.output
    for name in ("evaluator_grading", "public_site", "rectification"):
        assert f"{name} 0.1.0  [已启用]" in result.output
    assert "module:       plugins.rectification.plugin" in result.output
    assert "distribution: jixiao" in result.output
    assert "finding_outcomes" in result.output  # rectification answers the firm rating's effect question


def test_plugins_json_names_every_field_and_marks_disabled(app_factory):
    app = app_factory(JIXIAO_DISABLED_PLUGINS="rectification")
    result = app.test_cli_runner().invoke(args=["plugins", "--format", "json"])
    assert result.exit_code == 0, result.output
    infos = {i["name"]: i for i in json.loads(result.output)}
    assert set(infos) >= {"evaluator_grading", "public_site", "rectification"}
    grading = infos["evaluator_grading"]
    assert grading["enabled"] is True and grading["version"] == "0.1.0" and grading["distribution"] == "jixiao"
    assert grading["file"].endswith("plugins/evaluator_grading/plugin.py")
    assert grading["migrations"].endswith("plugins/evaluator_grading/migrations/versions")
    assert {"register_blueprints", "register_publishers", "transition_guard"} <= set(grading["hooks"])
    assert infos["rectification"]["enabled"] is False and infos["rectification"]["hooks"] == []
    assert infos["public_site"]["hooks"] == sorted(infos["public_site"]["hooks"])


def test_admin_sees_the_same_list_and_only_the_admin(client, login):
    login("admin")
    page = client.get("/work/admin/plugins")
    assert page.status_code == 200
    text = text_of(page)
    for name in ("evaluator_grading", "public_site", "rectification", "register_publishers", "已启用"):
        assert name in text
    assert "插件" in text_of(client.get("/work/"))
    login("reviewer")
    assert client.get("/work/admin/plugins").status_code == 403
