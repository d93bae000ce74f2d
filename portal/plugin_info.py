"""What plugins an app runs: name, version, where each comes from, which hooks it implements.

Shown by ``jixiao plugins`` (text or ``--format json``, like ``datasette plugins``) and on the admin
page the admin's menu 插件 (``/work/admin/plugins``).  Plugins switched off with ``JIXIAO_DISABLED_PLUGINS``
are listed too, marked as disabled, so an operator sees what is installed but not running.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib.metadata import entry_points

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from portal import plugins


@dataclass
class PluginInfo:
    name: str
    enabled: bool
    #: The module the entry point names (``plugins.rectification.plugin``).
    module: str
    #: The file that module was loaded from (``None`` while disabled: it is not imported).
    file: str | None
    #: The distribution (package) that declares the entry point, and its version.
    distribution: str | None
    version: str | None
    #: Hooks this plugin implements, by name, sorted.
    hooks: list[str] = field(default_factory=list)
    #: Its own migration history (``<package>/migrations/versions``; ``None`` when it has none).
    migrations: str | None = None


def describe(app: Flask) -> list[PluginInfo]:
    """Every plugin of the ``jixiao.plugins`` entry-point group, loaded or disabled, by name."""
    from pathlib import Path

    pm = plugins.manager(app)
    out = []
    for ep in sorted(entry_points(group=plugins.ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = getattr(ep, "dist", None)
        module = pm.get_plugin(ep.name) if not pm.is_blocked(ep.name) else None
        hooks: list[str] = []
        file = migrations = None
        if module is not None:
            hooks = sorted(caller.name for caller in pm.get_hookcallers(module) or [])
            file = getattr(module, "__file__", None)
            versions = Path(file).parent / "migrations" / "versions" if file else None
            migrations = str(versions) if versions is not None and versions.is_dir() else None
        out.append(PluginInfo(
            name=ep.name, enabled=module is not None, module=ep.value, file=file,
            distribution=dist.metadata["Name"] if dist is not None else None,
            version=dist.version if dist is not None else None, hooks=hooks, migrations=migrations))
    return out


@click.command("plugins")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one block per plugin; json: a list of objects (name, enabled, module, file, "
                   "distribution, version, hooks, migrations).")
@with_appcontext
def plugins_command(fmt: str) -> None:
    """List installed plugins: version, where each comes from and which hooks it implements."""
    infos = describe(current_app)
    if fmt == "json":
        click.echo(json.dumps([asdict(i) for i in infos], ensure_ascii=False, indent=2))
        return
    if not infos:
        click.echo("没有安装插件。")
    for info in infos:
        state = "已启用" if info.enabled else "已停用（JIXIAO_DISABLED_PLUGINS）"
        click.echo(f"{info.name} {info.version or '?'}  [{state}]")
        click.echo(f"  distribution: {info.distribution or '?'}")
        click.echo(f"  module:       {info.module}")
        if info.file:
            click.echo(f"  file:         {info.file}")
        if info.migrations:
            click.echo(f"  migrations:   {info.migrations}")
        click.echo(f"  hooks:        {', '.join(info.hooks) if info.hooks else '—'}")
