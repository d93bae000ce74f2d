"""The ``postgres`` search backend: one table in the shared database, so every host sees one index.

Writes go through the app's session, inside the transaction that publishes or withdraws
(the index row commits or rolls back with the publication) and are upserts by id, so
several hosts writing the same document at once end with one row.  A search is two
statements: one computes the matching rows once (a materialised CTE) and returns, as JSON, the
total and every facet's counts (``GROUP BY GROUPING SETS``, no hit loaded) and the ranked page;
the second computes ``ts_headline`` for the rows of that page only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice

from markupsafe import escape
from sqlalchemy import Integer, String, bindparam, case, cast, delete, func, literal_column, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from portal.extensions import db
from portal.search.analyzer import SEGMENT_SEPARATOR, finest_words, query_words, segment
from portal.search.backend import TEXT_FIELDS, Document, Hit, SearchQuery, SearchResults
from portal.search.models import FACET_FIELDS, SearchDocument
from portal.search.snippets import WHITESPACE
from portal.search.snippets import snippet as plain_snippet
from portal.util import today

CONFIG = literal_column("'simple'::regconfig")
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = f"StartSel={START},StopSel={STOP},MaxWords=60,MinWords=25,ShortWord=0,MaxFragments=1"
BATCH = 500


def _rows(documents: Iterable[Document]):
    for doc in documents:
        row = {"id": doc.id, "visible_from": doc.visible_from, "published": int(doc.published)}
        words = []
        for name in TEXT_FIELDS:
            terms, cut = segment(doc.text.get(name) or "")
            row[name] = cut
            words.extend(terms)
        row["terms_text"] = " ".join(words)
        for name in FACET_FIELDS:
            value = doc.facets.get(name)
            row[name] = str(value) if value not in (None, "") else None
        yield row


def _upsert():
    table = SearchDocument.__table__
    values = {name: bindparam(name) for name in ("id", "visible_from", "published", *TEXT_FIELDS, *FACET_FIELDS)}
    values["terms"] = func.to_tsvector(CONFIG, bindparam("terms_text"))
    stmt = pg_insert(table).values(values)
    return stmt.on_conflict_do_update(index_elements=[table.c.id],
                                      set_={name: stmt.excluded[name] for name in values if name != "id"})


class _PageRow:
    """A row of the page shown: its id and score."""

    __slots__ = ("id", "score")

    def __init__(self, id: str, score):  # noqa: A002 - the column's name
        self.id, self.score = id, score


def _batches(iterable, size: int):
    it = iter(iterable)
    while chunk := list(islice(it, size)):
        yield chunk


def headline_html(raw: str) -> str:
    """``ts_headline`` output (control-character marks, segment separators) as escaped HTML with ``<mark>``."""
    html = str(escape(WHITESPACE.sub(" ", raw.replace(SEGMENT_SEPARATOR, "")).strip()))
    html = html.replace(START, "<mark>").replace(STOP, "</mark>")
    return html.replace("</mark><mark>", "")


class PostgresBackend:
    """PostgreSQL implementation of :class:`portal.search.backend.SearchBackend`."""

    def __init__(self, session=None):
        self._session = session

    @property
    def session(self):
        return self._session or db.session

    def _check(self) -> None:
        if self.session.get_bind().dialect.name != "postgresql":
            raise RuntimeError("JIXIAO_SEARCH_BACKEND=postgres 需要 PostgreSQL 数据库（DATABASE_URL）")

    # -- writes -------------------------------------------------------------------------

    def index(self, documents: Iterable[Document]) -> int:
        self._check()
        count = 0
        for chunk in _batches(_rows(documents), BATCH):
            self.session.execute(_upsert(), chunk)
            count += len(chunk)
        return count

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self._check()
            self.session.execute(delete(SearchDocument).where(SearchDocument.id.in_(ids)))

    def rebuild(self, documents: Iterable[Document], progress: Callable[[int], None] | None = None) -> int:
        """Empty the table and write ``documents`` in batches; the caller commits (one transaction)."""
        self._check()
        self.session.execute(delete(SearchDocument))
        count = 0
        for chunk in _batches(_rows(documents), BATCH):
            self.session.execute(_upsert(), chunk)
            count += len(chunk)
            if progress:
                progress(len(chunk))
        return count

    # -- reads --------------------------------------------------------------------------

    def _conditions(self, q: SearchQuery, tsquery):
        t = SearchDocument.__table__
        # With words the GIN index finds the rows: ``visible_from + 0`` keeps the planner from scanning the
        # visibility index instead and testing every visible row's vector (see ``_counts_and_page``).
        # (A NULL day, not scheduled yet, is never ``<=`` a day: no row without one is found.)
        visible = t.c.visible_from if tsquery is None else t.c.visible_from.op("+")(literal_column("0"))
        conds = [visible <= (q.on or today())]
        if tsquery is not None:
            conds.append(t.c.terms.op("@@")(tsquery))
        for name, value in q.filters.items():
            if name in FACET_FIELDS and value:
                conds.append(t.c[name] == str(value))
        if q.allowed_query is not None:
            allowed = q.allowed_query.subquery()
            column = list(allowed.c)[0]
            if isinstance(column.type, Integer):
                # Integer ids (publications): compare numbers, so PostgreSQL hashes (or probes by primary
                # key) the allowed ids as they are instead of casting every one of them to text; an id
                # that is not a number is never among them (NULL, no error).
                as_number = case((t.c.id.op("~")(r"^[0-9]{1,9}$"), cast(t.c.id, Integer)), else_=None)
                conds.append(as_number.in_(select(column)))
            else:
                conds.append(t.c.id.in_(select(cast(column, String))))
        elif q.allowed_ids is not None:
            conds.append(t.c.id.in_(list(q.allowed_ids)) if q.allowed_ids else text("false"))
        return conds

    def _counts_and_page(self, q: SearchQuery, conds, rank, ordering, page: int, per_page: int, words=()):
        """(total, facets, page rows) in one statement: the matching rows are computed once (a
        materialised CTE) and feed both the ``GROUPING SETS`` counts and the ranked page."""
        t = SearchDocument.__table__
        fields = [name for name in q.facet_fields if name in FACET_FIELDS]
        matched = (select(t.c.id, t.c.published, rank.label("score"), *(t.c[name] for name in fields))
                   .where(*conds).cte("matched").prefix_with("MATERIALIZED"))
        columns = [matched.c[name] for name in fields]
        counts = select(*columns, *(func.grouping(c).label(f"g_{c.name}") for c in columns),
                        func.count().label("n")).select_from(matched)
        if fields:
            sets = ", ".join(f"({name})" for name in fields) + ", ()"
            counts = counts.group_by(text(f"GROUPING SETS ({sets})"))
        shown = (select(matched.c.id, matched.c.score, matched.c.published)
                 .order_by(*(o(matched) for o in ordering)).limit(per_page).offset((page - 1) * per_page))
        as_json = [select(func.coalesce(func.json_agg(literal_column(alias)), text("'[]'::json")))
                   .select_from(part.subquery(alias)).scalar_subquery() for part, alias in ((counts, "c"), (shown, "p"))]
        statement = select(*as_json)
        if words:
            # The planner costs a sequential scan without the work of testing each row's vector, and so
            # picks it for broad queries; the GIN index finds the matches without reading any vector
            # (1 ms against 27 ms for 1,266 of 2,000 rows). For this statement only.
            # No parallel workers either: a search is short, and a site serves several at once.
            previous = self.session.execute(text("SELECT current_setting('enable_seqscan'), "
                                                 "current_setting('max_parallel_workers_per_gather')")).one()
            self.session.execute(text("SELECT set_config('enable_seqscan', 'off', true), "
                                      "set_config('max_parallel_workers_per_gather', '0', true)"))
            # If the statement fails, the transaction's rollback undoes both settings.
            count_rows, page_rows = self.session.execute(statement).one()
            self.session.execute(text("SELECT set_config('enable_seqscan', :s, true), "
                                      "set_config('max_parallel_workers_per_gather', :p, true)")
                                 .bindparams(s=previous[0], p=previous[1]))
        else:
            count_rows, page_rows = self.session.execute(statement).one()
        total, facets = 0, {name: [] for name in fields}
        for row in count_rows:
            ungrouped = [name for name in fields if row[f"g_{name}"] == 0]
            if not ungrouped:
                total = row["n"]
            elif row[ungrouped[0]] not in (None, ""):
                facets[ungrouped[0]].append((row[ungrouped[0]], row["n"]))
        facets = {name: sorted(pairs, key=lambda kv: (-kv[1], kv[0])) for name, pairs in facets.items()}
        return total, facets, page_rows

    def search(self, q: SearchQuery) -> SearchResults:
        self._check()
        t = SearchDocument.__table__
        words = [s for segments in query_words(q.text) for s in segments]
        tsquery = func.plainto_tsquery(CONFIG, " ".join(words)) if words else None
        page, per_page = max(1, q.page), max(1, q.per_page)
        conds = self._conditions(q, tsquery)
        order = q.sort if q.sort in ("newest", "oldest") or words else "newest"
        rank = func.ts_rank(t.c.terms, tsquery) if words else literal_column("0.0")
        # Orderings as functions of the matched rows (the same keys sort the page again in Python).
        if order == "relevance":
            ordering = [lambda m: m.c.score.desc(), lambda m: m.c.published.desc(), lambda m: m.c.id]
            key = lambda r: (-float(r["score"] or 0), -int(r["published"]), r["id"])  # noqa: E731
        elif order == "newest":
            ordering = [lambda m: m.c.published.desc(), lambda m: m.c.id]
            key = lambda r: (-int(r["published"]), r["id"])  # noqa: E731
        else:
            ordering = [lambda m: m.c.published.asc(), lambda m: m.c.id]
            key = lambda r: (int(r["published"]), r["id"])  # noqa: E731
        total, facets, rows = self._counts_and_page(q, conds, rank, ordering, page, per_page, words)
        page_rows = [_PageRow(r["id"], r["score"]) for r in sorted(rows, key=key)]
        if not page_rows:
            return SearchResults([], total, facets, page, per_page)
        ids = [row.id for row in page_rows]
        if words:
            # Highlight the query's words cut as finely as the stored text, any of them (OR).
            highlight = " ".join(w for part in q.text.split() for w in finest_words(part))
            hq = text("replace(plainto_tsquery('simple', :hl)::text, ' & ', ' | ')::tsquery").bindparams(hl=highlight)
            shown = func.ts_headline(CONFIG, func.concat_ws("\n", t.c.summary, t.c.body, t.c.title), hq,
                                     HEADLINE_OPTIONS)
        else:
            shown = func.concat_ws("\n", func.left(t.c.summary, 400), func.left(t.c.body, 400))
        texts = dict(self.session.execute(select(t.c.id, shown).where(t.c.id.in_(ids))).all())
        hits = []
        for row in page_rows:
            raw = texts.get(row.id) or ""
            html = headline_html(raw) if words else plain_snippet([raw.replace(SEGMENT_SEPARATOR, "")], [])
            hits.append(Hit(row.id, float(row.score or 0.0), html))
        return SearchResults(hits, total, facets, page, per_page)
