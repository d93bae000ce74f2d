"""Snippets for the page shown: find the query's words in the stored text, no re-segmentation.

Whoosh's own highlighter re-analyses every stored body (the cost measured in the
design notes); the words are already known from the query, so a plain substring scan of
the few texts on the page is enough and exact for Chinese, which has no spaces.
"""

from __future__ import annotations

import re

from markupsafe import escape

WHITESPACE = re.compile(r"\s+")


def snippet(texts: list[str], words: list[str], width: int = 120) -> str:
    """HTML: a window of the first text that contains a word, words wrapped in ``<mark>``."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.I) if words else None
    texts = [WHITESPACE.sub(" ", t).strip() for t in texts if t]
    for text in texts:
        match = pattern.search(text) if pattern else None
        if match is None:
            continue
        start = max(0, match.start() - width // 3)
        window = text[start:start + width]
        return ("…" if start else "") + mark(window, pattern) + ("…" if start + width < len(text) else "")
    first = next((t for t in texts if t), "")
    return str(escape(first[:width])) + ("…" if len(first) > width else "")


def mark(text: str, pattern: re.Pattern) -> str:
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[pos:match.start()])))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        pos = match.end()
    out.append(str(escape(text[pos:])))
    return "".join(out)
