"""Whoosh searched with arrays: postings and columns decoded once per segment, the rest in numpy.

A Whoosh segment never changes once written (a merge writes a new segment with a new id; only its
set of deleted documents grows), so what is read from it can be kept exactly:

- the postings of a term in a segment — document numbers and weights as arrays — in a bounded LRU
  keyed on (segment id, field, term) (:class:`PostingsCache`);
- the segment's columns — visibility day, publication time, id, facet values (as integer codes), the
  text fields' lengths — per segment id (:class:`SegmentArrays`); the mask of usable documents
  (not deleted, visible on the day, among the allowed ids) per (segment, deletions, day, allowed version).

The match (every segment of every word in the title, summary or body, and the facet filters), the
count, the facet counts and the "newest"/"oldest" order are then array operations. BM25F is computed
in numpy with Whoosh's own constants (idf, average field length, B, K1) and the terms' scores are
added in the order Whoosh's matcher tree adds them (:func:`matcher_tree` mirrors how Whoosh builds
it), so every score is bit for bit Whoosh's, and so is the order (ties: lower document number).
Only the page shown loads stored fields.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

#: Facet dimensions kept as columns (counted without loading documents).
FACET_FIELDS = ("kind", "year", "region", "unit", "category", "grade", "project_code", "firm")
#: The visibility day of a document not scheduled yet (never reached).
NEVER = 99991231


def day_number(day) -> int:
    """A day as the integer the index stores (``20240601``); ``None``: :data:`NEVER`."""
    return NEVER if day is None else day.year * 10000 + day.month * 100 + day.day


#: Postings kept in memory at most (document numbers and weights: 16 bytes each): about 64 MB.
MAX_POSTINGS = 4_000_000
#: Segments whose columns are kept (an index merges down to 8; old ones age out after merges).
MAX_SEGMENTS = 32
_LENGTHS = np.array([byte_to_length(b) if b else 0 for b in range(256)], dtype=np.float64)
_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def _decode(matcher) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, weights) of a leaf matcher, block by block (W3 codec), else posting by posting."""
    if isinstance(matcher, FilterMatcher):  # deletions are applied by the usable mask instead
        matcher = matcher.child
    ids, weights = [], []
    if all(hasattr(matcher, name) for name in ("_read_data", "_next_block", "_blocklength", "_byteids")):
        while matcher.is_active():
            matcher._read_data()
            raw_ids, raw_weights = matcher._data[0], matcher._data[1]
            count = matcher._blocklength
            block = np.asarray(raw_ids, dtype=np.int64)
            ids.append(block if matcher._byteids else np.cumsum(block))  # W3 stores id deltas
            if raw_weights is None:
                weights.append(np.ones(count))
            elif isinstance(raw_weights, float):
                weights.append(np.full(count, np.float32(raw_weights), dtype=np.float64))
            else:
                weights.append(np.asarray(raw_weights, dtype=np.float64))
            matcher._next_block()
        if not ids:
            return _EMPTY
        return np.concatenate(ids), np.concatenate(weights)
    pairs = []
    while matcher.is_active():  # another codec: the generic (slower) interface
        pairs.append((matcher.id(), matcher.weight()))
        matcher.next()
    if not pairs:
        return _EMPTY
    return np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.float64)


class PostingsCache:
    """Bounded LRU of decoded postings: (segment id, field, term) → (document numbers, weights)."""

    def __init__(self, max_postings: int = MAX_POSTINGS):
        self.max_postings = max_postings
        self._items: OrderedDict = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, segment_id: str, leaf, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        key = (segment_id, field, text)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found
        self.misses += 1
        found = _decode(leaf.postings(field, text)) if (field, text) in leaf else _EMPTY
        with self._lock:
            if key not in self._items:
                self._items[key] = found
                self._size += len(found[0])
            while self._size > self.max_postings and len(self._items) > 1:
                _, (old_ids, _w) = self._items.popitem(last=False)
                self._size -= len(old_ids)
        return found

    def __len__(self) -> int:
        return len(self._items)


class SegmentArrays:
    """One segment's columns as arrays, read on first use (a segment's columns never change)."""

    def __init__(self, leaf):
        self.leaf = leaf
        self.n = leaf.doc_count_all()
        self._arrays: dict = {}
        self._masks: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def column(self, name: str) -> list:
        key = ("list", name)
        if key not in self._arrays:
            self._arrays[key] = list(self.leaf.column_reader(name))
        return self._arrays[key]

    def numbers(self, name: str) -> np.ndarray:
        key = ("int", name)
        if key not in self._arrays:
            self._arrays[key] = np.fromiter(self.leaf.column_reader(name), dtype=np.int64, count=self.n)
        return self._arrays[key]

    def codes(self, name: str) -> tuple[np.ndarray, list[str]]:
        """A facet column as (integer code per document, value of each code)."""
        key = ("codes", name)
        if key not in self._arrays:
            index: dict[str, int] = {}
            codes = np.fromiter((index.setdefault(v, len(index)) for v in self.column(name)),
                                dtype=np.int32, count=self.n)
            self._arrays[key] = (codes, list(index))
        return self._arrays[key]

    def lengths(self, field: str) -> np.ndarray:
        """The field's length per document as Whoosh stores it (one byte, lossy) and scores it."""
        key = ("len", field)
        if key not in self._arrays:
            reader = None
            perdoc = getattr(self.leaf, "_perdoc", None)
            if perdoc is not None and hasattr(perdoc, "_cached_reader"):
                from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

                reader = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
            if reader is not None:
                raw = np.fromiter((reader[n] for n in range(self.n)), dtype=np.int64, count=self.n)
                self._arrays[key] = _LENGTHS[raw]
            else:
                self._arrays[key] = np.array([self.leaf.doc_field_length(n, field, 1) or 0
                                              for n in range(self.n)], dtype=np.float64)
        return self._arrays[key]

    def usable(self, day: int, allowed: set[str] | None, allowed_key) -> np.ndarray:
        """Documents not deleted, visible on ``day`` and among ``allowed`` (kept per allowed version)."""
        deleted = self.leaf.segment().deleted_count() if self.leaf.has_deletions() else 0
        key = (deleted, day, allowed_key) if (allowed is None or allowed_key is not None) else None
        if key is not None:
            with self._lock:
                found = self._masks.get(key)
            if found is not None:
                return found
        mask = self.numbers("visible_from") <= day
        if deleted:
            gone = np.fromiter(self.leaf.segment().deleted_docs(), dtype=np.int64)
            mask[gone[gone < self.n]] = False
        if allowed is not None:
            mask &= np.fromiter((i in allowed for i in self.column("id")), dtype=bool, count=self.n)
        if key is not None:
            with self._lock:
                self._masks[key] = mask
                while len(self._masks) > 8:
                    self._masks.popitem(last=False)
        return mask


class ArrayCache:
    """Per-backend caches: segment arrays by segment id, postings by (segment id, field, term)."""

    def __init__(self):
        self.postings = PostingsCache()
        #: Searches answered by the earlier path instead (a query shape not mirrored): 0 in the tests.
        self.fallbacks = 0
        self._segments: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def segment(self, leaf) -> tuple[str, SegmentArrays]:
        segment_id = leaf.segment().segment_id()
        with self._lock:
            found = self._segments.get(segment_id)
            if found is not None and found.n == leaf.doc_count_all():
                found.leaf = leaf  # the newest reader (the old one may be closed)
                self._segments.move_to_end(segment_id)
                return segment_id, found
            found = self._segments[segment_id] = SegmentArrays(leaf)
            while len(self._segments) > MAX_SEGMENTS:
                self._segments.popitem(last=False)
        return segment_id, found


def match_mask(cache: ArrayCache, segment_id: str, arrays: SegmentArrays, words: list[list[str]],
               fields: tuple[str, ...], filters: list[tuple[str, str]]) -> np.ndarray:
    """Documents of one segment with every segment of every word in one of ``fields`` and every filter."""
    mask = np.ones(arrays.n, dtype=bool)
    for segments in words:
        for text in segments:
            found = np.zeros(arrays.n, dtype=bool)
            for field in fields:
                found[cache.postings.get(segment_id, arrays.leaf, field, text)[0]] = True
            mask &= found
    for name, value in filters:
        codes, values = arrays.codes(name)
        mask &= codes == values.index(value) if value in values else np.zeros(arrays.n, dtype=bool)
    return mask


class _Node:
    """Stands for the matcher Whoosh would build, compared as Whoosh compares matchers (by class only),
    so that ``make_weighted_tree`` arranges these exactly as it arranges the real matchers."""

    def __init__(self, *children, term=None):
        self.children, self.term = children, term

    def __eq__(self, other):
        return self.__class__ is type(other)

    def __lt__(self, other):
        return type(other) is self.__class__

    __hash__ = object.__hash__


class _Leaf(_Node):  # W3LeafMatcher
    pass


class _FilteredLeaf(_Node):  # FilterMatcher around it (the segment has deletions)
    pass


class _Null(_Node):  # NullMatcherClass
    pass


class _Intersection(_Node):  # IntersectionMatcher: a + b where both match
    pass


class _Union(_Node):  # UnionMatcher: a + b where both match, else the one that matches
    pass


class _ArrayUnion(_Node):  # ArrayUnionMatcher (PreloadedOr): 0 + s1 + s2 + … in order
    pass


class Unsupported(Exception):
    """A query node this module does not mirror (the caller falls back to Whoosh's own search)."""


class _Sizes:
    """What ``Query.estimate_size`` reads of a segment reader, remembered per segment (immutable)."""

    def __init__(self, arrays: SegmentArrays):
        self.arrays, self.leaf, self.schema = arrays, arrays.leaf, arrays.leaf.schema

    def doc_frequency(self, field: str, text) -> int:
        key = ("df", field, text)
        found = self.arrays._arrays.get(key)
        if found is None:
            found = self.arrays._arrays[key] = self.leaf.doc_frequency(field, text)
        return found

    def contains(self, field: str, text: str) -> bool:
        key = ("has", field, text)
        found = self.arrays._arrays.get(key)
        if found is None:
            found = self.arrays._arrays[key] = (field, text) in self.leaf
        return found

    def doc_count(self) -> int:
        return self.leaf.doc_count()

    def doc_count_all(self) -> int:
        return self.arrays.n

    def has_deletions(self) -> bool:
        return self.leaf.has_deletions()


def matcher_tree(query, leaf):
    """The shape of the matcher tree ``query.matcher(leaf searcher, searcher.context())`` builds.

    Mirrors Whoosh 2.7: a Term is a leaf (inside a FilterMatcher when the segment has deletions)
    or the null matcher when absent; And is a weighted tree of intersections by ``0 - estimate_size``;
    Or with three or more clauses is a PreloadedOr (array union, in order) when the segment holds
    at most 5,000 documents, else a weighted tree of unions by ``estimate_size``."""
    from whoosh import query as Q
    from whoosh.util import make_binary_tree, make_weighted_tree

    if isinstance(leaf, SegmentArrays):
        leaf = _Sizes(leaf)
    if isinstance(query, Q.Term) and query.boost == 1.0 and not query.minquality:
        if not leaf.contains(query.fieldname, query.text):
            return _Null()
        return (_FilteredLeaf if leaf.has_deletions() else _Leaf)(term=(query.fieldname, query.text))
    if type(query) not in (Q.And, Q.Or) or query.boost != 1.0 or getattr(query, "scale", None):
        raise Unsupported(repr(query))
    subs = query.subqueries
    if not subs:
        raise Unsupported(repr(query))
    if len(subs) == 1:
        return matcher_tree(subs[0], leaf)
    if type(query) is Q.And:
        pairs = [(0 - sub.estimate_size(leaf), matcher_tree(sub, leaf)) for sub in subs]
        return make_weighted_tree(_Intersection, pairs)
    if len(subs) >= Q.Or.TOO_MANY_CLAUSES:
        raise Unsupported(repr(query))
    if len(subs) == 2 or leaf.doc_count_all() > 5000:
        pairs = [(sub.estimate_size(leaf), matcher_tree(sub, leaf)) for sub in subs]
        return make_weighted_tree(_Union, pairs) if len(pairs) > 1 else make_binary_tree(_Union, [p[1] for p in pairs])
    return _ArrayUnion(*(matcher_tree(sub, leaf) for sub in subs))


def tree_scores(node, docs: np.ndarray, term_score) -> tuple[np.ndarray, np.ndarray]:
    """(matches, scores) of ``docs`` (sorted local numbers) under ``node``, added in Whoosh's order,
    so each score is bit for bit the one Whoosh's matcher gives. ``term_score(field, text, docs)``
    gives a term's (matches, scores)."""
    if isinstance(node, _Null):
        return np.zeros(len(docs), dtype=bool), np.zeros(len(docs))
    if isinstance(node, (_Leaf, _FilteredLeaf)):
        return term_score(*node.term, docs)
    if isinstance(node, _ArrayUnion):
        found, total = np.zeros(len(docs), dtype=bool), np.zeros(len(docs))
        for child in node.children:
            matches, scores = tree_scores(child, docs, term_score)
            total = np.where(matches, total + scores * 1.0, total)
            found |= matches
        return found, total
    (a_found, a_scores), (b_found, b_scores) = (tree_scores(child, docs, term_score) for child in node.children)
    if isinstance(node, _Intersection):
        return a_found & b_found, a_scores + b_scores
    both = a_found & b_found
    return a_found | b_found, np.where(both, a_scores + b_scores, np.where(a_found, a_scores, b_scores))


def term_scorer(cache: ArrayCache, segment_id: str, arrays: SegmentArrays, searcher):
    """``term_score(field, text, docs)`` for :func:`tree_scores`: Whoosh's BM25F of a term per document
    (its constants from the top searcher), or the posting's weight for a field that is not scored."""
    weighting = searcher.weighting

    def term_score(field: str, text: str, docs: np.ndarray):
        ids, weights = cache.postings.get(segment_id, arrays.leaf, field, text)
        where = np.minimum(np.searchsorted(ids, docs), max(len(ids) - 1, 0))
        found = ids[where] == docs if len(ids) else np.zeros(len(docs), dtype=bool)
        weight = weights[where] if len(ids) else np.zeros(len(docs))
        if not searcher.schema[field].scorable:
            return found, weight
        idf, avgfl = searcher.idf(field, text), searcher.avg_field_length(field) or 1
        b, k1 = weighting._field_B.get(field, weighting.B), weighting.K1
        length = arrays.lengths(field)[docs]
        return found, idf * ((weight * (k1 + 1)) / (weight + k1 * ((1 - b) + b * length / avgfl)))

    return term_score
