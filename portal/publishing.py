"""What can be published: the interface between the domains that own records and the public site.

A :class:`Publisher` (returned by the ``register_publishers`` hook, the core's own included)
lists the items a bureau user may publish and builds a :class:`Snapshot` of one: the plain
content before de-identification.  The public site de-identifies every string of it, shows
the preview, and stores the immutable result; it never reads the workflow tables itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from portal.util import DB_INT_MAX


@dataclass(frozen=True)
class Candidate:
    """An item that may be published now."""

    #: Stable key within its kind, e.g. ``submission:12``; a new version keeps the same key.
    key: str
    title: str
    fiscal_year: int | None = None
    note: str = ""


@dataclass
class Snapshot:
    """The content of one publication before de-identification.

    ``facets`` are the browse/search dimensions (strings or None): ``year``, ``region``,
    ``unit``, ``category``, ``grade``, ``project_code``, ``project_name``, ``firm``.
    ``tables`` are titled lists of rows (first row: headers) shown as tables and exported.
    Every string in ``summary``, ``body``, ``facets`` values and ``tables`` passes the
    de-identification engine; numbers pass unchanged.
    """

    kind: str
    key: str
    title: str
    summary: str
    body: str = ""
    facets: dict[str, str | None] = field(default_factory=dict)
    #: Scores and other figures citizens compare: {"total": "97.96", "grade": "优", "level1": {...}}.
    figures: dict = field(default_factory=dict)
    tables: list[tuple[str, list[list[str]]]] = field(default_factory=list)
    #: Lists such as findings (问题) and recommendations (建议): {"存在问题": [...], "有关建议": [...]}.
    lists: dict[str, list[str]] = field(default_factory=dict)


class Publisher(Protocol):
    """A kind of publishable item."""

    #: Unique key: ``target_table``, ``evaluation_result``, ``firm_rating``, ``rectification_summary``…
    kind: str
    #: Chinese label (绩效目标, 绩效评价结果…).
    label: str
    #: When the county discloses this kind: ``budget`` (with the budget), ``final_accounts``
    #: (with the final accounts) or ``None`` (as soon as published).
    disclosure: str | None
    #: Optional: the Chinese names of this kind's own facet and figure keys, shown in the reviewer's
    #: preview (``{"composite": "综合得分"}``); the shared facets (``year``, ``region``…) are named already,
    #: and a key without a name is shown as it is written.
    field_labels: dict[str, str]

    def candidates(self, user) -> list[Candidate]:
        """Items of this kind ``user`` (a bureau reviewer) may publish now."""

    def snapshot(self, key: str, user) -> Snapshot:
        """The content of item ``key``; raises ``LookupError`` when it is not publishable by ``user``."""


def key_id(key: str, prefix: str) -> int | None:
    """The id in a key such as ``submission:12`` with ``prefix`` ``submission``; ``None`` when the key has
    another prefix or its id is not one a database holds (ASCII digits only, an ``Integer`` column's range)."""
    kind, _, raw_id = (key or "").partition(":")
    if kind != prefix or not (raw_id.isascii() and raw_id.isdigit()):
        return None
    number = int(raw_id)
    return number if number <= DB_INT_MAX else None
