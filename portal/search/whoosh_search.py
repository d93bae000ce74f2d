"""The Whoosh backend's search over arrays (see ``whoosh_arrays``): no per-posting Python work.

Results are those of :meth:`WhooshBackend.search_postings` (the earlier path, which walks the
postings in Python): the same total, facet counts, order, scores and snippets
(``tests/portal/test_whoosh_arrays.py`` compares both over a generated corpus).
"""

from __future__ import annotations

import os
from collections import Counter

import numpy as np
from whoosh import query as Q
from whoosh.scoring import BM25F

from portal.search.analyzer import query_words
from portal.search.backend import TEXT_FIELDS, SearchQuery, SearchResults
from portal.search.whoosh_arrays import (
    FACET_FIELDS,
    Unsupported,
    day_number,
    match_mask,
    matcher_tree,
    term_scorer,
    tree_scores,
)
from portal.util import today as portal_today


def open_searcher(backend):
    """This thread's searcher, kept open while the index's table of contents is the same file.

    Opening a searcher reads every segment's terms index and stored-field offsets (work that grows
    with the corpus), so it is done once per index change, not once per search. The key is the
    index object, its newest generation and that generation's TOC file (inode, mtime): a rebuild in
    another process, which swaps in a new folder whose generation numbers may repeat, changes it too.
    """
    ix = backend._index()
    local = backend._searchers
    try:
        generation = ix.latest_generation()
        toc = os.stat(os.path.join(str(backend.folder), f"_{ix.indexname}_{generation}.toc"))
        key = (id(ix), generation, toc.st_ino, toc.st_mtime_ns)
    except OSError:  # a writer replaced the TOC meanwhile: open afresh, keep nothing
        key = None
    if key is not None and getattr(local, "key", None) == key:
        return local.searcher
    old = getattr(local, "searcher", None)
    local.searcher, local.key = ix.searcher(), key
    if old is not None:
        old.close()
    return local.searcher


def search_arrays(backend, q: SearchQuery) -> SearchResults:
    words = query_words(q.text)
    flat = [s for segments in words for s in segments]
    text_query = backend._text_query(words)
    page, per_page = max(1, q.page), max(1, q.per_page)
    today = day_number(q.on or portal_today())
    allowed = backend._allowed(q)
    # The usable mask may be kept only when the allowed ids are named by a version.
    allowed_key = ("version", q.allowed_version) if (q.allowed_query is not None and q.allowed_version is not None) \
        else None
    filters = [(name, str(value)) for name, value in sorted(q.filters.items()) if name in FACET_FIELDS and value]
    parts = ([text_query] if text_query is not None else []) + [Q.Term(name, value) for name, value in filters]
    match_query = Q.And(parts) if len(parts) > 1 else (parts[0] if parts else None)
    order = q.sort if q.sort in ("newest", "oldest") or text_query is not None else "newest"
    start, stop = (page - 1) * per_page, page * per_page
    cache = backend._arrays
    searcher = open_searcher(backend)
    reader = searcher.reader()
    if reader.doc_count_all() == 0:
        # A new index has no segment yet (Whoosh gives an EmptyReader without columns): nothing found.
        return SearchResults([], 0, {name: [] for name in q.facet_fields}, page, per_page)
    if order == "relevance" and not isinstance(searcher.weighting, BM25F):
        cache.fallbacks += 1
        return backend.search_postings(q)
    counts = {name: Counter() for name in q.facet_fields}
    globals_, keys_ = [], []
    for leaf, offset in reader.leaf_readers():
        segment_id, arrays = cache.segment(leaf)
        if not arrays.n:
            continue
        mask = arrays.usable(today, allowed, allowed_key)
        if match_query is not None:
            mask = mask & match_mask(cache, segment_id, arrays, words, TEXT_FIELDS, filters)
        local = np.nonzero(mask)[0]
        if not len(local):
            continue
        for name in q.facet_fields:
            codes, values = arrays.codes(name)
            for code, n in enumerate(np.bincount(codes[local], minlength=len(values)).tolist()):
                if n:
                    counts[name][values[code]] += n
        globals_.append(local + offset)
        if order == "relevance":
            try:
                found, scores = tree_scores(matcher_tree(match_query, arrays), local,
                                            term_scorer(cache, segment_id, arrays, searcher))
            except Unsupported:
                found = None
            if found is None or not found.all():  # never expected: the earlier path decides
                cache.fallbacks += 1
                return backend.search_postings(q)
            keys_.append(scores)
        else:
            keys_.append(arrays.numbers("published")[local])
    facets = {}
    for name, counter in counts.items():
        counter.pop("", None)
        facets[name] = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    total = int(sum(len(g) for g in globals_))
    if not total or start >= total:
        page_hits = []
    else:
        docnums, keys = np.concatenate(globals_), np.concatenate(keys_)
        if order == "relevance":
            # BM25 over the allowed matches, best first (ties: lower document number, i.e. indexed earlier)
            ordered = np.lexsort((docnums, -keys))
            page_hits = [(int(docnums[i]), float(keys[i]) or 0.0) for i in ordered[start:stop]]
        else:
            # Newest (or oldest) first, ties in document order (a stable sort, as before).
            ordered = np.lexsort((docnums, -keys if order == "newest" else keys))
            page_hits = [(int(docnums[i]), 0.0) for i in ordered[start:stop]]
    hits = backend._hits(searcher, page_hits, flat)
    return SearchResults(hits, total, facets, page, per_page)
