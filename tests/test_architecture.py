"""Architecture rules: the core imports no plugin, plugins load by entry point, names are checked."""

from __future__ import annotations

import ast
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from flask import Blueprint

from portal import hookimpl, plugins
from portal.plugins import BUILTIN_PLUGINS, PluginError

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_core_imports_no_plugin():
    offenders = []
    for path in (ROOT / "portal").rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in {"plugins", "public_site"}:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_plugins_import_only_the_public_surface_of_the_core():
    import portal

    offenders = []
    for folder in ("plugins", "public_site"):
        for path in (ROOT / folder).rglob("*.py"):
            for name in _imports(path):
                if name == "portal":
                    continue
                parts = name.split(".")
                if parts[0] == "portal" and any(p.startswith("_") for p in parts[1:]):
                    offenders.append(f"{path.relative_to(ROOT)} imports private {name}")
    assert offenders == []
    assert "hookimpl" in portal.__all__ and "db" in portal.__all__


def test_every_builtin_is_an_entry_point_that_loads():
    found = {ep.name: ep for ep in entry_points(group=plugins.ENTRY_POINT_GROUP)}
    assert set(BUILTIN_PLUGINS) <= set(found)
    for name in BUILTIN_PLUGINS:
        module = found[name].load()
        assert module.__name__.endswith(".plugin"), name


@pytest.mark.parametrize("disabled", [*BUILTIN_PLUGINS, "rectification,public_site",
                                      ",".join(BUILTIN_PLUGINS)])
def test_app_works_with_plugins_disabled(app_factory, world, disabled):
    from tests.conftest import CSRFClient, do_login, text_of

    app = app_factory(JIXIAO_DISABLED_PLUGINS=disabled)
    client = CSRFClient(app)
    off = set(disabled.split(","))
    assert set(plugins.plugin_names(app)) == set(BUILTIN_PLUGINS) - off
    assert do_login(client, "reviewer", world["passwords"]["reviewer"]).status_code == 302
    page = text_of(client.get("/work/"))
    assert "工作台" in page
    assert ("第三方评价" in page) == ("evaluator_grading" not in off)
    assert ("整改台账" in page) == ("rectification" not in off)
    assert ("公开网站" in page) == ("public_site" not in off)
    for name in off:
        assert not any(rule.endpoint.startswith(name + ".") for rule in app.url_map.iter_rules())
    if "rectification" in off:
        assert client.get("/work/rectification/").status_code == 404
    if "public_site" in off:
        assert client.get("/").status_code == 302  # the staff workspace answers instead


def test_plugin_blueprint_outside_its_name_is_refused(monkeypatch, tmp_path):
    import sys
    import types

    from portal import create_app

    rogue = types.ModuleType("rogue_plugin")

    @hookimpl
    def register_blueprints(app):
        return [Blueprint("projects_admin", "rogue_plugin")]

    rogue.register_blueprints = register_blueprints
    monkeypatch.setitem(sys.modules, "rogue_plugin", rogue)

    class EP:
        name, group = "rogue", plugins.ENTRY_POINT_GROUP

        def load(self):
            return rogue

    real = plugins.entry_points
    monkeypatch.setattr(plugins, "entry_points", lambda group: [*real(group=group), EP()])
    with pytest.raises(PluginError, match="must be named 'rogue'"):
        create_app({"INSTANCE_PATH": str(tmp_path)})


def test_missing_builtin_fails_loudly(monkeypatch, tmp_path):
    from portal import create_app

    real = plugins.entry_points
    monkeypatch.setattr(plugins, "entry_points",
                        lambda group: [ep for ep in real(group=group) if ep.name != "rectification"])
    with pytest.raises(PluginError, match="not installed: rectification"):
        create_app({"INSTANCE_PATH": str(tmp_path)})
    # … unless it is switched off on purpose.
    create_app({"INSTANCE_PATH": str(tmp_path), "JIXIAO_DISABLED_PLUGINS": "rectification"})


def test_misspelt_hookimpl_fails_loudly(monkeypatch, tmp_path):
    import sys
    import types

    from pluggy import PluginValidationError

    from portal import create_app

    typo = types.ModuleType("typo_plugin")

    @hookimpl
    def nav_menu_item(user):  # the hook is nav_menu_items
        return []

    typo.nav_menu_item = nav_menu_item
    monkeypatch.setitem(sys.modules, "typo_plugin", typo)

    class EP:
        name, group = "typo", plugins.ENTRY_POINT_GROUP

        def load(self):
            return typo

    real = plugins.entry_points
    monkeypatch.setattr(plugins, "entry_points", lambda group: [*real(group=group), EP()])
    with pytest.raises(PluginValidationError):
        create_app({"INSTANCE_PATH": str(tmp_path)})


def test_trace_hooks_prints_every_call(app_factory, world, capsys):
    from tests.conftest import CSRFClient, do_login

    app = app_factory(JIXIAO_TRACE_HOOKS=True)
    client = CSRFClient(app)
    do_login(client, "reviewer", world["passwords"]["reviewer"])
    client.get("/work/")
    err = capsys.readouterr().err
    assert "[jixiao hook] nav_menu_items(user)" in err
    assert "[jixiao hook] dashboard_panels(user)" in err


def test_every_spreadsheet_and_csv_is_written_through_the_core_writer():
    """CSV and XLSX files reach bureaus' spreadsheet programs: only ``portal/exports.py`` writes CSV, and every
    module that builds an openpyxl workbook takes its rows from it (formula-like text neutralised there)."""
    offenders = []
    for folder in ("portal", "plugins", "public_site"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "portal" / "exports.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                     and node.module in ("openpyxl", "portal.exports") for alias in node.names}
            calls = {node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call)
                     and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                     and node.func.value.id == "csv"}
            if calls & {"writer", "DictWriter"}:
                offenders.append(f"{path.relative_to(ROOT)} writes CSV itself")
            if "Workbook" in names and "append_row" not in names:
                offenders.append(f"{path.relative_to(ROOT)} builds a workbook without portal.exports.append_row")
    assert offenders == []


def _module_graph(packages=("portal", "public_site", "plugins")) -> dict[str, set[str]]:
    """Module → the modules of the project it imports (at module level or inside functions)."""
    modules = {}
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                submodules = [f"{node.module}.{alias.name}" for alias in node.names
                              if f"{node.module}.{alias.name}" in modules]
                targets = submodules or [node.module]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_circles():
    """No module of the core, the public site or a plugin reaches itself through its imports — also
    through imports made inside functions: the plugin manager sits on the ground floor."""
    assert _cycles(_module_graph()) == []
    # the check sees circles: a made-up pair is found
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert "portal._core_hooks" not in _module_graph()["portal.plugins"]
