"""敏感信息 — the bureau-maintained list of sensitive terms, matched exactly (longest first)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from portal.deid.spans import Span, span_at

KIND = "sensitive_term"


class TermMatcher:
    """Finds every occurrence of the given terms; built once per term list."""

    def __init__(self, terms: Iterable[str]):
        terms = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, terms))) if terms else None

    def find(self, text: str) -> list[Span]:
        if self.pattern is None:
            return []
        return [span_at(KIND, text, m.start(), m.end(), 1.0, "敏感词表")
                for m in self.pattern.finditer(text)]
