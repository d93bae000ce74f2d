"""The blueprint of 申报与评价 (``/work/submissions``); its routes live in views.py, framework_views.py and file_views.py."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("submissions", __name__, url_prefix="/work/submissions", template_folder="templates")
