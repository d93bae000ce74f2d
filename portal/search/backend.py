"""The search backend interface: documents in, ranked hits with snippets and facet counts out.

A backend indexes :class:`Document` objects and answers a :class:`SearchQuery` with
:class:`SearchResults`.  The embedded default is Whoosh (``whoosh``); the ``postgres`` backend
keeps a ``tsvector`` of the same jieba-segmented text in the shared database.  Another
backend registers its factory in :data:`BACKENDS`.  Callers never touch the engine directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

#: Text fields every document may carry, in the order snippets are taken from.
TEXT_FIELDS = ("title", "summary", "body")


@dataclass
class Document:
    """One searchable item: an id, text fields, facet values, and the day it becomes visible."""

    id: str
    text: dict[str, str]
    facets: dict[str, str | None] = field(default_factory=dict)
    #: First day the document may be found; ``None`` means "not scheduled yet" (never found).
    visible_from: date | None = None
    #: Sort key for "newest first" (e.g. a publication timestamp as epoch seconds).
    published: int = 0


@dataclass
class SearchQuery:
    """What a citizen asked: words, facet filters, order and page."""

    text: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    #: ``relevance`` (default when there are words), ``newest`` or ``oldest``.
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    #: Documents visible on this day (default: today).
    on: date | None = None
    #: Only these ids may be returned or counted (the caller's authoritative list); ``None``: no limit.
    allowed_ids: set[str] | None = None
    #: The same limit as a SQL ``select`` of ids in the app's database (wins over ``allowed_ids``): a
    #: backend in that database uses it as a subquery, others read the ids once per search.
    allowed_query: object | None = None
    #: A value that changes whenever the ids of ``allowed_query`` may change (e.g. the newest change
    #: event and the day): a backend that reads the ids may keep them while it stays equal.
    allowed_version: object | None = None
    #: Facet fields whose counts are wanted.
    facet_fields: tuple[str, ...] = ()


@dataclass
class Hit:
    """One result: the document id, its score and an HTML-escaped snippet with ``<mark>`` around matches."""

    id: str
    score: float
    snippet: str


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    #: facet field → [(value, count)], most frequent first.
    facets: dict[str, list[tuple[str, int]]]
    page: int
    per_page: int


class SearchBackend(Protocol):
    """What every backend offers; writes must be safe when several processes write at once."""

    def index(self, documents: Iterable[Document]) -> int:
        """Add or replace documents (by id); returns how many were written."""

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id (unknown ids are ignored)."""

    def search(self, query: SearchQuery) -> SearchResults:
        """Ranked, filtered, paginated hits with snippets for the page shown, and facet counts."""

    def rebuild(self, documents: Iterable[Document], progress: Callable[[int], None] | None = None) -> int:
        """Replace the whole index by ``documents``; ``progress(n)`` after each batch; returns the count."""


#: Backend name → factory(app) building it.  Another backend registers itself here.
BACKENDS: dict[str, Callable] = {}
