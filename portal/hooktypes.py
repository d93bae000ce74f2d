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
    #: A drop-down group's name (e.g. ``"年度管理"``): entries sharing it are shown under one menu
    #: heading where the first of them stands; a group with one entry for the user is shown flat.
    group: str = ""


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


@dataclass(frozen=True)
class ReportSection:
    """A numbered section of the yearly summary (年度全面实施预算绩效管理总结报告): its data part.

    The core numbers the sections (一、二、…) in ``order`` and leaves room after each table for the
    bureau's narrative.  Cells are ready-formatted text (万元 with two decimals, rates with %).
    """

    title: str
    #: One sentence that states the section's headline figures, as the seeds' reports open a section.
    intro: str
    header: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = field(default_factory=list)
    #: Lower numbers come first; the core uses 10–90, plugins 100+.
    order: int = 100
    #: Shown instead of the table when ``rows`` is empty (an empty year is a report that says so).
    empty_text: str = "本年度无相关数据。"
    #: A line under the table: where the figures come from, how a rate is computed.
    note: str = ""
