"""One test per hook (``test_hook_<name>``); a meta-test fails when a hook has no test or no docs."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from markupsafe import Markup

from portal import DashboardPanel, MenuItem, PanelRow, Section, hookimpl, hookspecs, plugins
from tests.conftest import CSRFClient, do_login, text_of

ROOT = Path(__file__).resolve().parent.parent


class Recorder:
    """A test plugin; each test sets the attributes it needs."""

    def __init__(self):
        self.calls = []


@pytest.fixture
def extra(app):
    """Register a throw-away plugin on the app's manager for one test."""
    recorder = Recorder()

    def add(module_or_obj, name="test_extra"):
        plugins.manager(app).register(module_or_obj, name=name)
        return module_or_obj

    recorder.add = add
    return recorder


def test_every_hook_has_a_test_and_documentation():
    names = hookspecs.all_hook_names()
    assert len(names) >= 10
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")  # the generated hook reference
    missing_tests = [n for n in names if f"def test_hook_{n}(" not in tests]
    missing_docs = [n for n in names if not re.search(rf"^#### `{n}\(", docs, re.M)]
    assert missing_tests == [] and missing_docs == []


def test_every_hook_has_a_docstring_with_returns():
    for name in hookspecs.all_hook_names():
        doc = getattr(hookspecs, name).__doc__ or ""
        assert "Returns:" in doc, name


def test_hook_register_blueprints(app):
    assert "evaluator_grading.index" in app.view_functions
    assert app.url_map.bind("localhost").match("/work/rectification/")[0] == "rectification.index"


def test_hook_register_template_dirs(tmp_path, monkeypatch):
    import sys
    import types

    from portal import create_app

    folder = tmp_path / "templates" / "themed"
    folder.mkdir(parents=True)
    (folder / "hello.html").write_text("主题模板")
    theme = types.ModuleType("theme_plugin")
    theme.register_template_dirs = hookimpl(lambda: [str(tmp_path / "templates")])
    monkeypatch.setitem(sys.modules, "theme_plugin", theme)

    class EP:
        name, group = "themed", plugins.ENTRY_POINT_GROUP

        def load(self):
            return theme

    real = plugins.entry_points
    monkeypatch.setattr(plugins, "entry_points", lambda group: [*real(group=group), EP()])
    app = create_app({"INSTANCE_PATH": str(tmp_path / "i")})
    with app.app_context():
        assert app.jinja_env.get_template("themed/hello.html").render() == "主题模板"


def test_hook_register_commands(app):
    commands = app.cli.list_commands(None)
    assert {"init", "demo", "user"} <= set(commands)
    result = app.test_cli_runner().invoke(args=["--help"])
    assert "demo" in result.output


def test_hook_nav_menu_items(app, extra, world):
    class P:
        @hookimpl
        def nav_menu_items(self, user):
            return [MenuItem("最后一项", "/x", order=999), None, MenuItem("最前一项", "/y", order=1)]

    extra.add(P())
    client = CSRFClient(app)
    do_login(client, "unit", world["passwords"]["unit"])
    html = client.get("/work/").get_data(as_text=True)
    nav = html[html.index('class="mainnav"'):html.index("</nav>")]
    assert nav.index("最前一项") < nav.index("工作台") < nav.index("最后一项")


def test_hook_dashboard_panels(app, extra, world):
    class P:
        @hookimpl
        def dashboard_panels(self, user):
            return [DashboardPanel("待复核材料", count=3, rows=[PanelRow("某项目", "/z", note="截止 6 月")])]

    extra.add(P())
    client = CSRFClient(app)
    do_login(client, "reviewer", world["passwords"]["reviewer"])
    page = text_of(client.get("/work/"))
    assert "待复核材料 3" in page and "截止 6 月" in page


def test_hook_workspace_search(app, extra, world):
    from portal import SearchGroup, SearchHit

    class P:
        @hookimpl
        def workspace_search(self, user, q):
            if q != "绩效":
                return None
            return [SearchGroup("插件结果", [SearchHit("某某记录", "/work/x", note=user.username)], order=200),
                    SearchGroup("空组", [], order=1)]

    extra.add(P())
    client = CSRFClient(app)
    do_login(client, "unit", world["passwords"]["unit"])
    page = text_of(client.get("/work/search?q=绩效"))
    assert "插件结果（1）" in page and "某某记录 unit" in page and "空组" not in page
    assert "插件结果" not in text_of(client.get("/work/search?q=别的"))
    assert "插件结果" not in text_of(client.get("/work/search"))  # no words, no call


def test_hook_project_sections(app, extra):
    class P:
        @hookimpl
        def project_sections(self, project, user):
            return [Section("B", Markup("<p>b</p>"), order=2), Section("A", Markup("<p>a</p>"), order=1)]

    extra.add(P())
    with app.test_request_context():
        assert [s.title for s in plugins.project_sections(object(), object())] == ["A", "B"]


def test_hook_submission_sections(app, extra):
    class P:
        @hookimpl
        def submission_sections(self, submission, user):
            return Section("评审", Markup("<p>x</p>"))

    extra.add(P())
    with app.test_request_context():
        assert [s.title for s in plugins.submission_sections(object(), object())] == ["评审"]


def test_hook_visible_project_ids(app, extra):
    from sqlalchemy import literal, select

    class P:
        @hookimpl
        def visible_project_ids(self, user):
            return [select(literal(7))]

    extra.add(P())
    with app.test_request_context():
        grants = plugins.visible_project_ids(object())
        assert len(grants) == 1


def test_hook_visible_submission_ids(app, extra):
    from sqlalchemy import literal, select

    class P:
        @hookimpl
        def visible_submission_ids(self, user):
            return [select(literal(3))]

    extra.add(P())
    with app.test_request_context():
        assert len(plugins.visible_submission_ids(object())) == 1


def test_hook_transition_guard(app, extra):
    class P:
        @hookimpl
        def transition_guard(self, submission, transition, user):
            return "专家评审尚未完成" if transition == "approve" else None

    extra.add(P())
    with app.test_request_context():
        assert plugins.transition_objections(object(), "approve", object()) == ["专家评审尚未完成"]
        assert plugins.transition_objections(object(), "submit", object()) == []


def test_hook_on_submission_transition(app, extra):
    seen = []

    class P:
        @hookimpl
        def on_submission_transition(self, submission, transition):
            seen.append((submission, transition))

    extra.add(P())
    with app.test_request_context():
        plugins.notify_submission_transition("s", "t")
    assert seen == [("s", "t")]


def test_hook_on_monitoring_flag(app, extra):
    seen = []

    class P:
        @hookimpl
        def on_monitoring_flag(self, flag):
            seen.append(flag)

    extra.add(P())
    with app.test_request_context():
        plugins.notify_monitoring_flag("红标")
    assert seen == ["红标"]


def test_hook_register_publishers(app, extra):
    class Pub:
        kind, label = "demo_kind", "演示"

    class P:
        @hookimpl
        def register_publishers(self):
            return [Pub()]

    extra.add(P())
    with app.test_request_context():
        assert "demo_kind" in plugins.publishers()
    extra.add(P(), name="second")
    with app.test_request_context(), pytest.raises(plugins.PluginError, match="registered twice"):
        plugins.publishers()


def test_hook_known_person_names(app, extra):
    class P:
        @hookimpl
        def known_person_names(self):
            return ["周淑花", "张子琦"]

    extra.add(P())
    with app.test_request_context():
        assert {"周淑花", "张子琦"} <= set(plugins.known_person_names())


def test_hook_register_recognizers(app, extra):
    """A bureau's plugin adds a recogniser (licence plates); the engine runs it on the normalised
    text, maps the span back, and the publication preview redacts it."""
    import re

    from portal.deid.queries import deidentifier
    from portal.deid.spans import span_at

    plate = re.compile(r"新Q[A-Z0-9]{5}")

    class P:
        @hookimpl
        def register_recognizers(self):
            return [lambda text: [span_at("sensitive_term", text, m.start(), m.end(), 0.9, "车牌号")
                                  for m in plate.finditer(text)]]

    extra.add(P())
    with app.test_request_context():
        result = deidentifier().redact("公务用车新Ｑ７Ａ１２３已登记")  # full-width: the view maps it
        assert result.redacted == "公务用车[敏感信息]已登记"
        assert [d.reason for d in result.decisions] == ["车牌号"]


def test_hook_load_demo_data(app, extra):
    seen = []

    class P:
        @hookimpl
        def load_demo_data(self, app):
            seen.append(app.name)

    extra.add(P())
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert seen == ["portal"]


def test_register_commands_from_a_plugin(app_factory, monkeypatch):
    import sys
    import types

    cmd_plugin = types.ModuleType("cmd_plugin")

    @click.command("hello-plugin")
    def hello():
        click.echo("插件命令")

    cmd_plugin.register_commands = hookimpl(lambda: [hello])
    monkeypatch.setitem(sys.modules, "cmd_plugin", cmd_plugin)

    class EP:
        name, group = "cmdp", plugins.ENTRY_POINT_GROUP

        def load(self):
            return cmd_plugin

    real = plugins.entry_points
    monkeypatch.setattr(plugins, "entry_points", lambda group: [*real(group=group), EP()])
    app = app_factory()
    assert app.test_cli_runner().invoke(args=["hello-plugin"]).output.strip() == "插件命令"




def test_hook_attachment_access_for_owner(app, extra):
    class P:
        @hookimpl
        def attachment_access_for_owner(self, owner_type, owner_id, user):
            if owner_type != "demo_thing":
                return None
            return owner_id == 1

    extra.add(P())
    with app.test_request_context():
        assert plugins.may_read_attachments("demo_thing", 1, object()) is True
        assert plugins.may_read_attachments("demo_thing", 2, object()) is False
        assert plugins.may_read_attachments("unknown_owner", 1, object()) is False
