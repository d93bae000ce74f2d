"""银行卡号 — bank card and account numbers: 16–19 digits passing Luhn, spaced or not."""

from __future__ import annotations

import re

from portal.deid.spans import Span, span_at

KIND = "bank_card"
# 16–19 digits, optionally grouped by single spaces or hyphens (6222 0212 3456 7890 123).
PATTERN = re.compile(r"(?<![0-9A-Za-z])(\d(?:[ \-]?\d){15,18})(?![0-9A-Za-z])")
CONTEXT = re.compile(r"账号|帐号|卡号|开户|银行|账户|帐户")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by every bank card number."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find(text: str) -> list[Span]:
    spans = []
    for m in PATTERN.finditer(text):
        found = _card_in(m.group(1))
        if found is None:
            continue
        start, end = m.start() + found[0], m.start() + found[1]
        near = CONTEXT.search(text, max(0, start - 15), start)
        spans.append(span_at(KIND, text, start, end, 0.97 if near else 0.8,
                             "卡号通过Luhn校验" + ("，附近有账号/开户等字样" if near else "")))
    return spans


def _card_in(raw: str) -> tuple[int, int] | None:
    """Offsets of a card number in a run of digit groups: the whole run, or — when the run also took
    a neighbouring number (…567894 3,600.00 in a table row) — the longest leftmost groups that pass."""
    digits = re.sub(r"[ \-]", "", raw)
    if 16 <= len(digits) <= 19 and luhn_ok(digits):
        return 0, len(raw)
    groups = [(g.start(), g.end()) for g in re.finditer(r"\d+", raw)]
    for first in range(len(groups)):
        for last in range(len(groups) - 1, first - 1, -1):
            if (first, last) == (0, len(groups) - 1):
                continue
            start, end = groups[first][0], groups[last][1]
            digits = re.sub(r"[ \-]", "", raw[start:end])
            if 16 <= len(digits) <= 19 and luhn_ok(digits):
                return start, end
    return None
