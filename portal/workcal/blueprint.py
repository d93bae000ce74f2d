"""The blueprint of 工作日历, 全覆盖 and 站内消息 (``/work/calendar``, ``/work/notices``); routes in views.py
and notice_views.py."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("workcal", __name__, url_prefix="/work", template_folder="templates")
