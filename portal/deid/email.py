"""邮箱 — e-mail addresses."""

from __future__ import annotations

import re

from portal.deid.spans import Span, span_at

KIND = "email"
PATTERN = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
                     r"\.[A-Za-z]{2,}")


def find(text: str) -> list[Span]:
    return [span_at(KIND, text, m.start(), m.end(), 0.98, "电子邮箱地址") for m in PATTERN.finditer(text)]
