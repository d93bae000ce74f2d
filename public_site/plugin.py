"""Hook implementations of the public site plugin: its table of contents."""

from __future__ import annotations

from flask import url_for

from portal import MenuItem, hookimpl


@hookimpl
def register_blueprints(app):
    from public_site import opendata  # noqa: F401 - the open data routes live on the public blueprint
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


@hookimpl
def on_submission_transition(submission, transition):
    """When an item becomes publishable, analyse it for the preview ahead (after the response is sent),
    so the reviewer's first preview of a long report reads the decision cache instead of waiting."""
    if getattr(transition, "to_state", None) != "approved":
        return
    from public_site.operations import prepare_ahead

    if submission.kind == "target_declaration":
        prepare_ahead("target_table", f"project:{submission.project_id}", transition.actor_id)
    else:
        prepare_ahead("evaluation_result", f"submission:{submission.root_id}", transition.actor_id)
