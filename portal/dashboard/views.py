"""The staff workspace home: what waits for the signed-in user."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from portal import plugins

bp = Blueprint("dashboard", __name__, url_prefix="/work", template_folder="templates")


@bp.route("/")
@login_required
def index():
    panels = plugins.dashboard_panels(current_user)
    return render_template("dashboard/index.html", panels=panels)
