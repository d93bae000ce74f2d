"""The application factory."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from flask import Flask, redirect, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import config as config_module
from portal import plugins, web
from portal.extensions import csrf, db, limiter, login_manager, migrate, talisman

#: The portal's own blueprints, by import path; each module exposes ``bp``.
CORE_BLUEPRINTS = (
    "portal.accounts.views",
    "portal.accounts.admin_views",
    "portal.dashboard.views",
    "portal.audit.views",
    "portal.deid.views",
    "portal.projects.views",
    "portal.submissions.views",
    "portal.files.views",
    "portal.paperforms.views",
    "portal.workcal.views",
    "portal.yearly.views",
    "portal.execution.views",
    "portal.department.views",
    "portal.library.views",
    "portal.results.views",
    "portal.exante.views",
)

#: Modules holding core models: imported so the metadata is complete before plugins load.
CORE_MODELS = (
    "portal.accounts.models",
    "portal.audit.models",
    "portal.deid.models",
    "portal.files.models",
    "portal.projects.models",
    "portal.targets.models",
    "portal.scoring.models",
    "portal.submissions.models",
    "portal.execution.models",
    "portal.search.models",
    "portal.department.models",
    "portal.library.models",
    "portal.workcal.models",
    "portal.results.models",
)

CSP = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def create_app(config: dict | None = None) -> Flask:
    """Build a Jixiao app: config, plugins, extensions, blueprints, CLI, error pages."""
    config = dict(config or {})
    instance_path = config.pop("INSTANCE_PATH", None) or os.environ.get("JIXIAO_INSTANCE_PATH")
    kwargs = {"instance_path": str(Path(instance_path).resolve())} if instance_path else {}
    app = Flask("portal", instance_relative_config=True, **kwargs)
    web.init_app(app)  # before any route: ids in paths and ints in queries bounded to an Integer column
    config_module.load(app, config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from portal import _core_hooks  # the core's own behaviour, registered like any plugin

    pm = plugins.build_manager(config_module.disabled_plugins(app.config), app.config["JIXIAO_TRACE_HOOKS"],
                               core=_core_hooks)
    app.extensions[plugins.EXTENSION_KEY] = pm

    _init_extensions(app)
    if app.config["JIXIAO_PROXY_COUNT"]:
        # Behind N trusted proxies (nginx: 1), the client is the address the nearest one appended.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["JIXIAO_PROXY_COUNT"],
                                x_proto=app.config["JIXIAO_PROXY_COUNT"])
    for module in CORE_MODELS:
        __import__(module)
    for module in CORE_BLUEPRINTS:
        app.register_blueprint(__import__(module, fromlist=["bp"]).bp)

    _register_plugins(app)
    _register_fallback_index(app)

    from portal import commands, errors, ui

    errors.init_app(app)
    ui.init_app(app)
    commands.init_app(app)
    if os.environ.get("JIXIAO_TEST_PAUSE", "").startswith("body:"):  # the crash-safety suite only
        from portal.util import PauseInBody

        app.wsgi_app = PauseInBody(app.wsgi_app)
    return app


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    from portal import schema

    migrate.init_app(app, db, directory=str(schema.MIGRATIONS_DIR), render_as_batch=True)
    schema.init_app(app)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    talisman.init_app(
        app,
        force_https=app.config["JIXIAO_HTTPS"],
        strict_transport_security=app.config["JIXIAO_HTTPS"],
        session_cookie_secure=app.config["JIXIAO_HTTPS"],
        frame_options="DENY",
        content_security_policy=CSP,
        referrer_policy="same-origin",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )


def _register_plugins(app: Flask) -> None:
    """Blueprints, templates, commands and tables of the loaded plugins, with their names checked."""
    for plugin_name, blueprints in plugins.per_plugin("register_blueprints", app, app=app):
        for bp in blueprints or []:
            if plugin_name != "core" and not _owned(bp.name, plugin_name):
                raise plugins.PluginError(
                    f"plugin {plugin_name!r} registers blueprint {bp.name!r}; "
                    f"its blueprints must be named {plugin_name!r} or {plugin_name + '_…'!r}")
            app.register_blueprint(bp)
    extra = plugins.collect_template_dirs(app)
    if extra:
        app.jinja_loader = jinja2.ChoiceLoader([app.jinja_loader, jinja2.FileSystemLoader(extra)])
    for command in plugins.collect_commands(app):
        app.cli.add_command(command)
    _check_plugin_tables(app)


def _owned(name: str, plugin_name: str) -> bool:
    return name == plugin_name or name.startswith(plugin_name + "_")


def _check_plugin_tables(app: Flask) -> None:
    """A plugin's tables carry its name as prefix, so ownership (and migrations) follow."""
    loaded = plugins.plugin_names(app)
    for mapper in db.Model.registry.mappers:
        module = mapper.class_.__module__
        owner = next((n for n in loaded if module.startswith((f"plugins.{n}.", f"{n}."))), None)
        table = getattr(mapper.local_table, "name", "")
        if owner and not _owned(table, owner):
            raise plugins.PluginError(f"plugin {owner!r} defines table {table!r}; "
                                      f"its tables must start with {owner + '_'!r}")


def _register_fallback_index(app: Flask) -> None:
    """Send ``/`` to the staff workspace unless a plugin (the public site) serves it."""
    if not any(rule.rule == "/" for rule in app.url_map.iter_rules()):
        app.add_url_rule("/", "index", lambda: redirect(url_for("dashboard.index")))
