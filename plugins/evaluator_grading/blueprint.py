"""The evaluator_grading blueprint and the checks its pages share; routes: views.py and rating_views.py."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from plugins.evaluator_grading import queries
from portal.util import today

bp = Blueprint("evaluator_grading", __name__, url_prefix="/work/evaluator_grading", template_folder="templates")


def require_rater() -> None:
    """Only 绩效科 (the raters) may go on."""
    if not queries.is_rater(current_user):
        abort(403)


def require_bureau() -> None:
    """Only the bureau's staff may go on."""
    if not queries.is_bureau(current_user):
        abort(403)


def years() -> list[int]:
    """The years offered in the pages' year choices: this one and the five before."""
    this = today().year
    return list(range(this, this - 6, -1))
