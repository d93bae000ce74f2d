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
        raw = m.group(1)
        digits = re.sub(r"[ \-]", "", raw)
        if not 16 <= len(digits) <= 19 or not luhn_ok(digits):
            continue
        near = CONTEXT.search(text, max(0, m.start() - 15), m.start())
        spans.append(span_at(KIND, text, m.start(), m.end(), 0.97 if near else 0.8,
                             "卡号通过Luhn校验" + ("，附近有账号/开户等字样" if near else "")))
    return spans
