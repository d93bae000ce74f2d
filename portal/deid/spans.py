"""The span every recogniser reports: what was found, where, how sure, and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """A detected piece of text ``text[start:end]`` of one ``kind`` (id_number, phone, person_name…)."""

    start: int
    end: int
    kind: str
    text: str
    confidence: float
    reason: str = ""

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def as_dict(self) -> dict:
        """The public shape (CLI json, previews)."""
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text,
                "confidence": round(self.confidence, 2)}


def overlapped(spans: Iterable[Span], start: int, end: int) -> bool:
    """Whether any of ``spans`` overlaps ``text[start:end]`` (a range not yet made a span)."""
    return any(s.start < end and start < s.end for s in spans)


def span_at(kind: str, text: str, start: int, end: int, confidence: float, reason: str) -> Span:
    """Build a span over ``text[start:end]``."""
    return Span(start, end, kind, text[start:end], confidence, reason)


def inside_word(text: str, start: int, end: int, words: Iterable[str]) -> bool:
    """Whether ``text[start:end]`` lies within an occurrence of one of ``words`` written around it
    (a piece of a place's name, 巴音|布鲁克; of a folk word, 阿拉木|汗)."""
    # an occurrence that starts by ``start`` and ends from ``end`` on lies in the slice below
    return any(len(word) > end - start and text.find(word, max(0, end - len(word)), start + len(word)) >= 0
               for word in words)
