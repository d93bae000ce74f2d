"""The UI shell: menu and user in every template, display filters, first-login redirect, cache rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from flask import Flask, redirect, request, url_for
from flask_login import current_user

from portal import plugins
from portal.util import BEIJING

#: Endpoints a user who must change their password may still reach.
PASSWORD_CHANGE_ALLOWED = {"auth.change_password", "auth.logout", "static"}


def money(value) -> str:
    """万元 with thousands separators and two places: 1,234.50."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):,.2f}"


def number(value) -> str:
    """A Decimal as people write it: 60, 12.5, 0.35 (no exponent, no trailing zeros)."""
    if value is None or value == "":
        return ""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value, places: int = 2) -> str:
    if value is None:
        return "—"
    return f"{Decimal(value):.{places}f}%"


def local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Stored UTC shown in Beijing time."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC).astimezone(BEIJING).strftime(fmt)
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return str(value)


@dataclass(frozen=True)
class MenuGroup:
    """Menu entries shown under one drop-down heading."""

    label: str
    items: tuple

    def is_active(self, endpoint: str) -> bool:
        return any(i.active_prefix and endpoint.startswith(i.active_prefix) for i in self.items)


def menu_entries(items) -> list:
    """The menu in order: entries, and groups standing where their first entry stands (one-entry groups flat)."""
    members: dict[str, list] = {}
    for item in items:
        if item.group:
            members.setdefault(item.group, []).append(item)
    entries, placed = [], set()
    for item in items:
        if not item.group or len(members[item.group]) == 1:
            entries.append(item)
        elif item.group not in placed:
            placed.add(item.group)
            entries.append(MenuGroup(item.group, tuple(members[item.group])))
    return entries


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(money=money, percent=percent, local_time=local_time, number=number)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def shell():
        items = plugins.nav_menu_items(current_user) if current_user.is_authenticated else []
        return {"nav_items": items, "nav_entries": menu_entries(items), "current_endpoint": request.endpoint or ""}

    @app.before_request
    def first_login_password():
        if (current_user.is_authenticated and current_user.must_change_password
                and request.endpoint not in PASSWORD_CHANGE_ALLOWED and request.path.startswith("/work")):
            return redirect(url_for("auth.change_password"))
        return None

    @app.after_request
    def cache_rules(response):
        if current_user.is_authenticated or request.path.startswith("/work"):
            response.headers["Cache-Control"] = "private, no-store"
            response.vary.add("Cookie")
        return response
