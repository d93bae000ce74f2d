"""Schema migrations: one Alembic history for the core and one per plugin.

Each plugin keeps its revisions in ``<plugin package>/migrations/versions`` and its
own version table (``alembic_version_<name>``), so a plugin can be switched off on
an existing database without breaking the core's history, and switched on again later.
All histories share the environment in ``portal/migrations``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from flask import Flask, current_app

from portal import plugins
from portal.extensions import db, migrate

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
CORE = "core"


def version_table(target: str) -> str:
    return "alembic_version" if target == CORE else f"alembic_version_{target}"


def targets(app: Flask) -> dict[str, Path]:
    """Every migration history in this app: the core's, then each loaded plugin's."""
    out = {CORE: MIGRATIONS_DIR / "versions"}
    pm = plugins.manager(app)
    for name in plugins.plugin_names(app):
        module = pm.get_plugin(name)
        versions = Path(module.__file__).parent / "migrations" / "versions"
        if versions.is_dir():
            out[name] = versions
    return out


def owner_of_table(table: str, plugin_names: list[str]) -> str:
    """Which history a table belongs to: the plugin whose name prefixes it, else the core."""
    for name in plugin_names:
        if table == name or table.startswith(name + "_"):
            return name
    return CORE


def _installed_plugin_names() -> list[str]:
    from importlib.metadata import entry_points

    return sorted(ep.name for ep in entry_points(group=plugins.ENTRY_POINT_GROUP))


def include_object_for(target: str):
    """An Alembic ``include_object`` filter keeping only ``target``'s tables."""
    names = _installed_plugin_names()

    def include(obj, name, type_, reflected, compare_to):
        table = obj.name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        if table is None:
            return True
        if table.startswith("alembic_version"):
            return False
        return owner_of_table(table, names) == target

    return include


def init_app(app: Flask) -> None:
    """Let ``jixiao db … -x target=<plugin>`` address a plugin's history."""

    @migrate.configure
    def _configure(config: Config) -> Config:
        x_args = getattr(getattr(config, "cmd_opts", None), "x", None) or []
        target = dict(arg.split("=", 1) for arg in x_args if "=" in arg).get("target", CORE)
        return configure_target(config, current_app, target)


def configure_target(config: Config, app: Flask, target: str) -> Config:
    available = targets(app)
    if target not in available:
        raise SystemExit(f"没有名为 {target!r} 的迁移历史（可选：{', '.join(available)}）")
    config.set_main_option("version_locations", str(available[target]))
    config.attributes["jixiao_target"] = target
    return config


def alembic_config(app: Flask, target: str) -> Config:
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return configure_target(config, app, target)


def upgrade_all(app: Flask, echo=print) -> None:
    """Bring the core and every loaded plugin to their newest revision."""
    for target in targets(app):
        echo(f"迁移数据库：{target}")
        command.upgrade(alembic_config(app, target), "heads")


def pending_differences(app: Flask) -> list:
    """Differences between the models and the migrated database (empty when they agree)."""
    with db.engine.connect() as conn:
        diffs = []
        for target in targets(app):
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object_for(target), "compare_type": True,
                            "render_as_batch": True})
            diffs.extend(compare_metadata(context, db.metadata))
        return diffs
