"""Small value types that hooks return (menu entries, dashboard panels, page sections)."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup


@dataclass(frozen=True)
class MenuItem:
    """One entry of the main menu."""

    label: str
    url: str
    #: Lower numbers come first; the core uses 10–90, plugins 100+.
    order: int = 100
    #: Endpoint prefix that marks the entry active (e.g. ``"rectification."``).
    active_prefix: str = ""


@dataclass(frozen=True)
class PanelRow:
    """A line in a dashboard panel: a thing waiting for the user, with a link."""

    label: str
    url: str | None = None
    note: str = ""
    is_warning: bool = False


@dataclass(frozen=True)
class DashboardPanel:
    """A box on the dashboard: a title, a count and what is behind it."""

    title: str
    count: int | None = None
    rows: list[PanelRow] = field(default_factory=list)
    more_url: str | None = None
    order: int = 100
    empty_text: str = "暂无待办事项"


@dataclass(frozen=True)
class Section:
    """A block of ready-rendered HTML a plugin adds to a core page."""

    title: str
    body: Markup
    order: int = 100


@dataclass(frozen=True)
class SearchHit:
    """One thing the workspace search found: what it is, where it opens, a line of context."""

    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class SearchGroup:
    """The workspace search's results of one kind (项目, 申报与评价材料, 整改事项…)."""

    title: str
    hits: list[SearchHit] = field(default_factory=list)
    #: The full list filtered by the same words, when there may be more than the hits shown.
    more_url: str | None = None
    #: Lower numbers come first; the core uses 10–90, plugins 100+.
    order: int = 100
