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
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from portal.search.analyzer import ChineseAnalyzer, query_words
from portal.search.backend import TEXT_FIELDS, Document, Hit, SearchQuery, SearchResults
from portal.search.snippets import snippet
from portal.search.whoosh_arrays import FACET_FIELDS, NEVER, ArrayCache, day_number  # noqa: F401 - re-exported
from portal.util import today as portal_today

#: Seconds a writer waits for another process's lock before giving up.
LOCK_TIMEOUT = 60.0


#: Segments an index keeps at most: every query repeats its set-up per segment, so many small
#: segments (one per publishing batch) cost more than merging them once.
MAX_SEGMENTS = 8


def merge_policy(writer, segments):
    """Whoosh's MERGE_SMALL, then merge the smallest segments until at most :data:`MAX_SEGMENTS` remain."""
    from whoosh.reading import SegmentReader
    from whoosh.writing import MERGE_SMALL

    segments = MERGE_SMALL(writer, segments)
    if len(segments) < MAX_SEGMENTS:  # with the segment being written: at most MAX_SEGMENTS
        return segments
    ordered = sorted(segments, key=lambda seg: seg.doc_count_all())
    excess = len(segments) - MAX_SEGMENTS + 1
    merged, kept = ordered[:excess], ordered[excess:]
    for seg in merged:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return kept


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
        #: (allowed_version, ids) of the last search that gave a version.
        self._allowed_cache: tuple | None = None
        #: Postings and columns as arrays, per segment (``whoosh_arrays``).
        self._arrays = ArrayCache()
        #: Each thread's open searcher and the index state it reads (``whoosh_search.open_searcher``).
        self._searchers = threading.local()

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
        writer = self._writer()
        try:
            for doc in documents:
                writer.update_document(**self._fields(doc))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=merge_policy)
        return count

    def delete(self, ids: Iterable[str]) -> None:
        writer = self._writer()
        try:
            for doc_id in ids:
                writer.delete_by_term("id", doc_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=merge_policy)

    def rebuild(self, documents: Iterable[Document], progress: Callable[[int], None] | None = None,
                batch: int = 200) -> int:
        """Build a fresh index beside the old one, then swap it in."""
        fresh = self.folder.with_name(self.folder.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        ix = whoosh_index.create_in(str(fresh), schema())
        writer, count = ix.writer(limitmb=128), 0
        for doc in documents:
            writer.add_document(**self._fields(doc))
            count += 1
            if progress and count % batch == 0:
                progress(batch)
        writer.commit(optimize=True)  # one segment: the fastest to search
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
        # The generation and the (randomly named) segments identify what the reader sees, also across a
        # rebuild, which starts a new index whose generation numbers may repeat the old one's.
        key = (reader.generation(), tuple(leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()))
        cache = self._columns
        if cache.get("key") != key:
            cache = {"key": key}
            self._columns = cache
        if name not in cache:
            cache[name] = list(reader.column_reader(name))
        return cache[name]

    def _allowed(self, q: SearchQuery) -> set[str] | None:
        """The ids the caller allows: ``allowed_query`` read once per ``allowed_version``, else ``allowed_ids``."""
        if q.allowed_query is None:
            return q.allowed_ids
        cached = self._allowed_cache
        if q.allowed_version is not None and cached is not None and cached[0] == q.allowed_version:
            return cached[1]
        from portal.extensions import db

        ids = {str(i) for i in db.session.scalars(q.allowed_query)}
        if q.allowed_version is not None:
            self._allowed_cache = (q.allowed_version, ids)
        return ids

    def search(self, q: SearchQuery) -> SearchResults:
        """Count, facets, order and the page with arrays (``whoosh_arrays``); the same results as
        :meth:`search_postings`, which walks Whoosh's postings in Python."""
        from portal.search.whoosh_search import search_arrays

        return search_arrays(self, q)

    def _hits(self, searcher, page_hits, flat) -> list[Hit]:
        """The page shown: stored fields and snippets of these (document number, score) pairs only."""
        hits = []
        for docnum, score in page_hits:
            stored = searcher.stored_fields(docnum)
            texts = list(stored.get("texts") or [])
            hits.append(Hit(stored["id"], score,
                            snippet(texts[1:2] + texts[2:] + texts[:1] if flat else texts[1:], flat)))
        return hits

    def search_postings(self, q: SearchQuery) -> SearchResults:
        """The earlier path (kept to compare with): one unscored pass over the postings of the words and facet filters; visibility and the allowed
        ids are read from cached columns of those document numbers; only the page shown is ranked."""
        words = query_words(q.text)
        flat = [s for segments in words for s in segments]
        text_query = self._text_query(words)
        page, per_page = max(1, q.page), max(1, q.per_page)
        today = day_number(q.on or portal_today())
        allowed = self._allowed(q)
        terms = [Q.Term(name, str(value)) for name, value in sorted(q.filters.items())
                 if name in FACET_FIELDS and value]
        parts = ([text_query] if text_query is not None else []) + terms
        match_query = Q.And(parts) if len(parts) > 1 else (parts[0] if parts else None)
        with self._index().searcher() as searcher:
            reader = searcher.reader()
            if reader.doc_count_all() == 0:
                # A new index has no segment yet (Whoosh gives an EmptyReader without columns): nothing found.
                return SearchResults([], 0, {name: [] for name in q.facet_fields}, page, per_page)
            candidates = searcher.docs_for_query(match_query) if match_query is not None else reader.all_doc_ids()
            visible, ids = self._column(reader, "visible_from"), self._column(reader, "id")
            docnums = [n for n in candidates if visible[n] <= today and (allowed is None or ids[n] in allowed)]
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
                # BM25 top-N over the allowed matches (ties: lower document number, i.e. indexed earlier).
                # ``limit=None``: Whoosh's limited collector (matcher replacement by quality) drops documents
                # that belong in the top N once segments were merged and carry deletions (found by
                # tests/portal/test_whoosh_arrays.py); this reference path ranks every match.
                results = searcher.search(match_query, filter=set(docnums), limit=None)
                page_hits = [(hit.docnum, hit.score or 0.0) for hit in results[start:stop]]
            else:
                published = self._column(reader, "published")
                ordered = sorted(docnums, key=lambda n: published[n], reverse=(order == "newest"))
                page_hits = [(n, 0.0) for n in ordered[start:stop]]
            hits = self._hits(searcher, page_hits, flat)
        return SearchResults(hits, len(docnums), facets, page, per_page)
