"""Whoosh searched with arrays: postings and columns decoded once per segment, the rest in numpy.

A Whoosh segment never changes once written (a merge writes a new segment with a new id; only its
set of deleted documents grows), so what is read from it can be kept exactly:

- the postings of a term in a segment — document numbers and weights as arrays — in a bounded LRU
  keyed on (segment id, field, term) (:class:`PostingsCache`);
- the segment's columns — visibility day, publication time, id, facet values (as integer codes), the
  text fields' lengths — per segment id (:class:`SegmentArrays`); the mask of usable documents
  (not deleted, visible on the day, among the allowed ids) per (segment, deletions, day, allowed version).

The match (every segment of every word in the title, summary or body, and the facet filters), the
count, the facet counts and the "newest"/"oldest" order are then array operations. BM25 is computed
in numpy with Whoosh's own constants (idf, average field length, B, K1) to find the few documents
that can be on the page; those few are scored again by Whoosh's matcher (``skip_to`` + ``score``),
so the scores, their order and the tie rule (lower document number first) are exactly Whoosh's.
Only the page shown loads stored fields.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

#: Postings kept in memory at most (document numbers and weights: 16 bytes each): about 64 MB.
MAX_POSTINGS = 4_000_000
#: Segments whose columns are kept (an index merges down to 8; old ones age out after merges).
MAX_SEGMENTS = 32
#: Relative margin under the N-th approximate score within which documents are re-scored exactly.
MARGIN = 1e-9
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


def approximate_scores(cache: ArrayCache, segment_id: str, arrays: SegmentArrays, terms: Iterable[str],
                       fields: tuple[str, ...], constants: dict, extra: float) -> np.ndarray:
    """BM25F per document of one segment, summed over the terms and fields (Whoosh's formula and
    constants, another order of addition: equal to Whoosh's score up to rounding)."""
    scores = np.zeros(arrays.n, dtype=np.float64)
    for text in terms:
        for field in fields:
            ids, weights = cache.postings.get(segment_id, arrays.leaf, field, text)
            if not len(ids):
                continue
            idf, avgfl, b, k1 = constants[(field, text)]
            lengths = arrays.lengths(field)[ids]
            scores[ids] += idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))
    return scores + extra


def exact_scores(searcher, query, wanted: dict[int, list[int]]) -> dict[int, float]:
    """Whoosh's own score of each wanted document: {segment index: [document numbers in it]} → {global: score}."""
    out = {}
    context = searcher.context()  # the context ``searcher.search`` gives its collector
    for index, (sub, offset) in enumerate(searcher.leaf_searchers()):
        docnums = sorted(wanted.get(index, ()))
        if not docnums:
            continue
        matcher = query.matcher(sub, context)
        for docnum in docnums:
            if not matcher.is_active():
                break
            matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                out[offset + docnum] = matcher.score()
    return out


def top(searcher, query, approx: np.ndarray, docnums: np.ndarray, segment_of: np.ndarray,
        local: np.ndarray, stop: int) -> list[tuple[int, float]]:
    """The first ``stop`` of ``docnums`` (global) by Whoosh's score, ties by lower number, as Whoosh orders.

    Documents whose approximate score is within a margin of the ``stop``-th are re-scored by Whoosh,
    which includes every document whose exact score can reach the page."""
    if not len(docnums):
        return []
    k = min(stop, len(docnums))
    nth = np.partition(approx, len(approx) - k)[len(approx) - k]
    threshold = nth - 2 * MARGIN * max(1.0, abs(float(nth)))
    chosen = np.nonzero(approx >= threshold)[0]
    wanted: dict[int, list[int]] = {}
    for i in chosen:
        wanted.setdefault(int(segment_of[i]), []).append(int(local[i]))
    exact = exact_scores(searcher, query, wanted)
    ranked = sorted(exact.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:stop]
