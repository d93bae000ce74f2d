"""Hook implementations of the public site plugin: its table of contents."""

from __future__ import annotations

from flask import url_for

from portal import MenuItem, hookimpl


@hookimpl
def register_blueprints(app):
    from public_site.admin_views import bp as admin_bp
    from public_site.views import bp

    return [bp, admin_bp]


@hookimpl
def register_commands():
    from public_site.cli import commands

    return commands()


@hookimpl
def nav_menu_items(user):
    from public_site.admin_views import may_publish

    items = [MenuItem("公开网站", url_for("public_site.home"), order=300, active_prefix="public_site.")]
    if may_publish(user):
        items.append(MenuItem("信息公开", url_for("public_site_admin.candidates"), order=70,
                              active_prefix="public_site_admin."))
    return items


@hookimpl(trylast=True)
def load_demo_data(app):
    from public_site.demo import load

    load(app)
