"""The plugin's hook implementations: the module the ``jixiao.plugins`` entry point names.

Imports inside the functions keep loading the plugin cheap and free of import-order surprises.
"""

from __future__ import annotations

from flask import url_for

from portal import DashboardPanel, MenuItem, PanelRow, hookimpl


@hookimpl
def register_blueprints(app):
    from notices import models  # noqa: F401  (the table joins the metadata before migrations run)
    from notices.views import bp

    return [bp]


@hookimpl
def register_commands():
    from notices.cli import notices_group

    return [notices_group]


@hookimpl
def nav_menu_items(user):
    return [MenuItem("通知公告", url_for("notices.index"), order=110, active_prefix="notices.")]


@hookimpl
def dashboard_panels(user):
    from notices.queries import visible_notices
    from portal import db

    newest = db.session.scalars(visible_notices(user).limit(3)).all()
    rows = [PanelRow(f"{n.fiscal_year}年度 {n.title}", url_for("notices.index")) for n in newest]
    return [DashboardPanel("通知公告", count=len(rows), rows=rows, more_url=url_for("notices.index"),
                           order=120, empty_text="暂无通知公告")]


@hookimpl
def register_publishers():
    from notices.publishing import NoticePublisher

    return [NoticePublisher()]
