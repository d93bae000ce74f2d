"""The staff workspace home: what waits for the signed-in user."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from portal import plugins

bp = Blueprint("dashboard", __name__, url_prefix="/work", template_folder="templates")


@bp.route("/")
@login_required
def index():
    panels = plugins.dashboard_panels(current_user)
    return render_template("dashboard/index.html", panels=panels)


@bp.route("/search")
@login_required
def search():
    """The header's search box: projects, submissions and plugins' records the user may see."""
    from portal.listing import MAX_KEYWORD

    q = (request.args.get("q") or "").strip()[:MAX_KEYWORD]
    groups = plugins.workspace_search(current_user, q) if q else []
    return render_template("dashboard/search.html", q=q, groups=groups)
