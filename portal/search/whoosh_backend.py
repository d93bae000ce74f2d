"""The embedded search backend: a Whoosh index under ``instance/search/`` with a jieba analyzer.

Design for the measured costs of a naive set-up: facet counts read the facet columns of
the matching document numbers (no hit is loaded), and only the page shown loads stored
fields and gets snippets.  Writers take Whoosh's file lock with a retry, so two processes
publishing at the same moment both land (the second waits for the first's commit).
"""

from __future__ import annotations

import shutil
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.sorting import FieldFacet, ScoreFacet

from portal.search.analyzer import ChineseAnalyzer, query_words
from portal.search.backend import TEXT_FIELDS, Document, Hit, SearchQuery, SearchResults
from portal.search.snippets import snippet

#: Facet dimensions kept as columns (counted without loading documents).
FACET_FIELDS = ("kind", "year", "region", "unit", "category", "grade", "project_code", "firm")
NEVER = 99991231
#: Seconds a writer waits for another process's lock before giving up.
LOCK_TIMEOUT = 60.0


def day_number(day: date | None) -> int:
    return NEVER if day is None else day.year * 10000 + day.month * 100 + day.day


def schema() -> Schema:
    analyzer = ChineseAnalyzer()
    fields = {"id": ID(stored=True, unique=True, sortable=True),
              "visible_from": NUMERIC(sortable=True),
              "published": NUMERIC(bits=64, sortable=True, stored=False),
              "texts": STORED()}
    fields.update({name: TEXT(analyzer=analyzer, stored=False) for name in TEXT_FIELDS})
    fields.update({name: ID(sortable=True) for name in FACET_FIELDS})
    return Schema(**fields)


class WhooshBackend:
    """Whoosh implementation of :class:`portal.search.backend.SearchBackend`."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._ix = None
        self._lock = threading.Lock()
        #: Column values as lists, for the index generation they were read from (filters and facets
        #: index them by document number; reading a column once per generation beats per-hit reads).
        self._columns: dict = {}

    # -- index lifecycle ---------------------------------------------------------------

    def _index(self):
        if self._ix is None:
            with self._lock:
                if self._ix is None:
                    self.folder.mkdir(parents=True, exist_ok=True)
                    if whoosh_index.exists_in(str(self.folder)):
                        self._ix = whoosh_index.open_dir(str(self.folder))
                    else:
                        self._ix = self._create()
        return self._ix

    def _create(self):
        # Two processes may race to create it: the loser opens what the winner made.
        lock = self.folder / ".create.lock"
        import fcntl

        with open(lock, "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            if whoosh_index.exists_in(str(self.folder)):
                return whoosh_index.open_dir(str(self.folder))
            return whoosh_index.create_in(str(self.folder), schema())

    def _writer(self):
        return self._index().writer(timeout=LOCK_TIMEOUT, delay=0.05)

    # -- writes -------------------------------------------------------------------------

    def _fields(self, doc: Document) -> dict:
        fields = {"id": doc.id, "visible_from": day_number(doc.visible_from), "published": int(doc.published),
                  "texts": [doc.text.get(name, "") or "" for name in TEXT_FIELDS]}
        for name in TEXT_FIELDS:
            fields[name] = doc.text.get(name, "") or ""
        for name in FACET_FIELDS:
            value = doc.facets.get(name)
            fields[name] = str(value) if value not in (None, "") else ""
        return fields

    def index(self, documents: Iterable[Document]) -> int:
        count = 0
        with self._writer() as writer:
            for doc in documents:
                writer.update_document(**self._fields(doc))
                count += 1
        return count

    def delete(self, ids: Iterable[str]) -> None:
        with self._writer() as writer:
            for doc_id in ids:
                writer.delete_by_term("id", doc_id)

    def rebuild(self, documents: Iterable[Document], progress: Callable[[int], None] | None = None,
                batch: int = 200) -> int:
        """Build a fresh index beside the old one, then swap it in."""
        fresh = self.folder.with_name(self.folder.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        ix = whoosh_index.create_in(str(fresh), schema())
        writer, count = ix.writer(), 0
        for doc in documents:
            writer.add_document(**self._fields(doc))
            count += 1
            if count % batch == 0:
                writer.commit()
                writer = ix.writer()
                if progress:
                    progress(batch)
        writer.commit()
        if progress and count % batch:
            progress(count % batch)
        with self._lock:
            old = self.folder.with_name(self.folder.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.folder.exists():
                self.folder.rename(old)
            fresh.rename(self.folder)
            shutil.rmtree(old, ignore_errors=True)
            self._ix = None
        return count

    # -- reads --------------------------------------------------------------------------

    def _text_query(self, words: list[list[str]]):
        """Every segment of every word must occur, in the title, summary or body (``None``: no words)."""
        if not words:
            return None
        return Q.And([Q.And([Q.Or([Q.Term(f, s) for f in TEXT_FIELDS]) for s in segments]) for segments in words])

    def _column(self, reader, name: str) -> list:
        generation = reader.generation()
        cache = self._columns
        if generation < 0 or cache.get("generation") != generation:
            cache = {"generation": generation}
            self._columns = cache
        if name not in cache:
            cache[name] = list(reader.column_reader(name))
        return cache[name]

    def search(self, q: SearchQuery) -> SearchResults:
        """One pass over the postings for the words; visibility, facet filters and the allowed ids are
        read from columns of the matching document numbers; only a relevance-ordered page is scored."""
        words = query_words(q.text)
        flat = [s for segments in words for s in segments]
        text_query = self._text_query(words)
        page, per_page = max(1, q.page), max(1, q.per_page)
        today = day_number(q.on or date.today())
        allowed = q.allowed_ids
        if q.allowed_query is not None:
            from portal.extensions import db

            allowed = {str(i) for i in db.session.scalars(q.allowed_query)}
        filters = {name: str(value) for name, value in q.filters.items() if name in FACET_FIELDS and value}
        with self._index().searcher() as searcher:
            reader = searcher.reader()
            candidates = (searcher.docs_for_query(text_query) if text_query is not None
                          else reader.all_doc_ids())
            visible, ids = self._column(reader, "visible_from"), self._column(reader, "id")
            columns = {name: self._column(reader, name) for name in filters}
            docnums = [n for n in candidates if visible[n] <= today
                       and (allowed is None or ids[n] in allowed)
                       and all(columns[name][n] == value for name, value in filters.items())]
            facets = {}
            for name in q.facet_fields:
                column = self._column(reader, name)
                counts = Counter(column[n] for n in docnums)
                counts.pop("", None)
                facets[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            order = q.sort if q.sort in ("newest", "oldest") or text_query is not None else "newest"
            start, stop = (page - 1) * per_page, page * per_page
            if not docnums or start >= len(docnums):
                page_hits = []
            elif order == "relevance":
                results = searcher.search(text_query, filter=set(docnums), limit=stop,
                                          sortedby=[ScoreFacet(), FieldFacet("published", reverse=True)])
                page_hits = [(hit.docnum, hit.score or 0.0) for hit in results[start:stop]]
            else:
                published = self._column(reader, "published")
                ordered = sorted(docnums, key=lambda n: published[n], reverse=(order == "newest"))
                page_hits = [(n, 0.0) for n in ordered[start:stop]]
            hits = []
            for docnum, score in page_hits:
                stored = searcher.stored_fields(docnum)
                texts = list(stored.get("texts") or [])
                hits.append(Hit(stored["id"], score,
                                snippet(texts[1:2] + texts[2:] + texts[:1] if flat else texts[1:], flat)))
        return SearchResults(hits, len(docnums), facets, page, per_page)
