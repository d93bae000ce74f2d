"""Lists that find things: keyword, filters, sortable headers, paging and the XLSX of what is shown.

A list page declares once what it accepts (:class:`ListSpec`); :meth:`ListParams.parse` reads the query
string against it, ignoring anything unknown or out of range (a bad value never becomes a 500), and the
same parsed parameters drive the page, the links of its headers and pager (filters kept) and its export,
so the export holds exactly the rows of the current filter and order, all pages. Every query handed in
must already be scoped to what the user may see (the domains' ``queries.py``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, send_file
from sqlalchemy import Select, func, or_, select

from portal.exports import append_row, workbook_bytes
from portal.extensions import db

#: Keywords longer than this are cut (a search box, not a document).
MAX_KEYWORD = 100
#: Rows an export may hold; beyond this the bureau uses the command line.
MAX_EXPORT_ROWS = 20000


def choice(allowed: Iterable[str]) -> Callable[[Mapping, str], str | None]:
    """A filter parser: the value if it is one of ``allowed``, else ``None`` (ignored)."""
    allowed = set(allowed)
    return lambda args, name: args.get(name) if args.get(name) in allowed else None


def positive_int(args: Mapping, name: str) -> int | None:
    """A filter parser: a positive integer an ``Integer`` column holds, else ``None``."""
    value = args.get(name, type=int)
    return value if value and value > 0 else None


@dataclass(frozen=True)
class ListSpec:
    """What one list accepts: sort keys (each a tuple of columns), filter parsers and a page size."""

    #: sort key → columns ordered by it (the list's ``tiebreak`` is always appended, so order is stable).
    sorts: Mapping[str, Sequence[Any]]
    #: The order without a ``sort`` parameter: a key, ``-`` in front for descending; ``""`` for
    #: :attr:`default_order`.
    default_sort: str
    #: The column that makes every order total (usually the id).
    tiebreak: Any
    #: filter name → parser ``(args, name) -> value | None``.
    filters: Mapping[str, Callable[[Mapping, str], Any]] = field(default_factory=dict)
    #: Rows a page; ``None``: the app's ``JIXIAO_LIST_PAGE_SIZE`` (50).
    page_size: int | None = None
    #: With ``default_sort=""``: the list's own order without a ``sort`` parameter (clauses, mixed directions).
    default_order: Sequence[Any] = ()


@dataclass
class Page:
    """One page of a list: its rows and where it stands."""

    items: list
    total: int
    page: int
    pages: int


@dataclass
class ListParams:
    """The parsed parameters of one request to a list page."""

    spec: ListSpec
    q: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = ""
    descending: bool = False
    page: int = 1

    @classmethod
    def parse(cls, spec: ListSpec, args: Mapping) -> ListParams:
        """Read ``q``, the spec's filters, ``sort`` (``key`` or ``-key``) and ``page`` from ``args``."""
        raw_sort = args.get("sort") or spec.default_sort
        descending = raw_sort.startswith("-")
        key = raw_sort.lstrip("-")
        if key not in spec.sorts:
            descending, key = spec.default_sort.startswith("-"), spec.default_sort.lstrip("-")
        if key and key not in spec.sorts:
            raise ValueError(f"default sort {spec.default_sort!r} is not one of the list's sorts")
        page = args.get("page", type=int) or 1
        filters = {name: parse(args, name) for name, parse in spec.filters.items()}
        return cls(spec=spec, q=(args.get("q") or "").strip()[:MAX_KEYWORD],
                   filters={k: v for k, v in filters.items() if v is not None},
                   sort=key, descending=descending, page=max(page, 1))

    def get(self, name: str, default=None):
        """The parsed value of filter ``name`` (``None`` when absent or invalid)."""
        return self.filters.get(name, default)

    def keyword(self, *columns) -> Any:
        """A condition: the keyword occurs in any of ``columns``, ignoring case (``zs-2023`` finds
        ``ZS-2023-001``) and taking ``%`` and ``_`` literally; ``None`` without a keyword."""
        if not self.q:
            return None
        return or_(*(column.icontains(self.q, autoescape=True) for column in columns))

    def matching(self, query: Select, keyword_columns: Sequence = (), equals: Mapping | None = None) -> Select:
        """``query`` narrowed to the keyword (in any of ``keyword_columns``) and to each filter given,
        ``equals`` naming the column every filter compares with (``{"year": Project.fiscal_year}``)."""
        if keyword_columns and (keyword := self.keyword(*keyword_columns)) is not None:
            query = query.where(keyword)
        for name, column in (equals or {}).items():
            if value := self.get(name):
                query = query.where(column == value)
        return query

    def ordered(self, query: Select) -> Select:
        """``query`` in the chosen order, made total by the spec's tiebreak column."""
        if not self.sort:
            return query.order_by(None).order_by(*self.spec.default_order, self.spec.tiebreak)
        # Empty values last in both directions, and alike on SQLite and PostgreSQL.
        columns = [(c.desc() if self.descending else c.asc()).nulls_last() for c in self.spec.sorts[self.sort]]
        tiebreak = self.spec.tiebreak.desc() if self.descending else self.spec.tiebreak.asc()
        return query.order_by(None).order_by(*columns, tiebreak)

    def page_of(self, query: Select) -> Page:
        """The requested page of ``query`` (ordered); a page past the end shows the last one."""
        total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
        size = self.spec.page_size or current_app.config.get("JIXIAO_LIST_PAGE_SIZE") or 50
        pages = max(1, -(-total // size))
        self.page = min(self.page, pages)
        items = list(db.session.scalars(self.ordered(query).limit(size).offset((self.page - 1) * size)))
        return Page(items=items, total=total, page=self.page, pages=pages)

    def all_rows(self, query: Select) -> list:
        """Every row of ``query`` in the chosen order (for the export: all pages of the filter), at most
        :data:`MAX_EXPORT_ROWS`."""
        return list(db.session.scalars(self.ordered(query).limit(MAX_EXPORT_ROWS)))

    def args(self, **changes) -> dict:
        """Query-string values reproducing this list (keyword, filters, order, page), with ``changes``;
        a change to ``None`` drops that value."""
        out: dict[str, Any] = {}
        if self.q:
            out["q"] = self.q
        out.update(self.filters)
        default = self.spec.default_sort
        current = ("-" if self.descending else "") + self.sort if self.sort else ""
        if current != default:
            out["sort"] = current
        if self.page > 1:
            out["page"] = self.page
        out.update(changes)
        if out.get("page") == 1:
            del out["page"]  # the first page has one address
        return {k: v for k, v in out.items() if v is not None and v != ""}

    def sort_args(self, key: str) -> dict:
        """Values for a header link: sort by ``key`` (toggling the direction if it is the current key),
        back to the first page."""
        descending = not self.descending if key == self.sort else False
        return self.args(sort=("-" if descending else "") + key, page=None)

    def sort_mark(self, key: str) -> str:
        """``▲``/``▼`` on the current sort key's header, else empty."""
        if key != self.sort:
            return ""
        return "▼" if self.descending else "▲"

    def aria_sort(self, key: str) -> str:
        if key != self.sort:
            return "none"
        return "descending" if self.descending else "ascending"


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]):
    """An XLSX download: a title row, the Chinese headers, then ``rows`` (every cell through the shared
    safe writer, so text that looks like a formula stays text; numbers and dates stay typed)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\\/*?:\[\]]", "", title)[:31] or "Sheet1"
    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A3"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = max(10, 2 * len(header) + 4)
    return send_file(io.BytesIO(workbook_bytes(workbook)), as_attachment=True, download_name=filename,
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


__all__ = ["ListParams", "ListSpec", "Page", "choice", "positive_int", "xlsx_response"]
