"""银行卡号 — bank card and account numbers: 16–19 digits passing Luhn, plain or in groups.

Without a label a grouped number counts only in the card's own grouping (groups of four, the last
of three or four) so that a row of figures in a flattened table is never read as a card; after a
label (卡号, 账号, 开户…) any grouping counts, and a number that fails Luhn is still reported, with
a lower confidence (a typing error does not make it less someone's account).
"""

from __future__ import annotations

import re

from portal.deid.numbers import label_before, windows
from portal.deid.spans import Span, span_at

KIND = "bank_card"
CONTEXT = re.compile(r"账号|帐号|卡号|开户|银行|账户|帐户|社保卡|一卡通|收款|[农工建中交]行|邮储|信用社|农商行")
LABEL = re.compile(r"账号|帐号|卡号|账户|帐户|银行卡|社保卡号?|一卡通号?|收款账号")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by every bank card number."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_grouping(sizes: tuple[int, ...]) -> bool:
    return len(sizes) == 1 or (all(s == 4 for s in sizes[:-1]) and 3 <= sizes[-1] <= 4) or \
        sizes in ((6, 13), (6, 12), (6, 10), (4, 4, 4, 4, 3), (4, 4, 4, 7))


def _card_like(digits: str) -> bool:
    """The length and issuer prefix of a card (UnionPay 62, Visa 4, Mastercard 5, JCB/Amex 3)."""
    return len(digits) in (16, 19) and digits[0] in "3456"


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    by_start: dict[int, list] = {}
    for w in windows(text, range(16, 20), max_groups=19, min_group=1):
        if w.digits.isdigit() and (len(w.sizes) <= 5 and min(w.sizes) >= 3 or len(w.sizes) == 1
                                   or label_before(text, w.start, LABEL, reach=16)):
            by_start.setdefault(w.start, []).append(w)
    for start, ws in sorted(by_start.items()):
        labelled = label_before(text, start, LABEL, reach=16)
        # after a label the whole number is the card, whatever its check; elsewhere the one that passes
        w = max(ws, key=lambda w: (len(w.digits),) if labelled else (luhn_ok(w.digits), len(w.digits)))
        if any(s.start <= w.start < s.end for s in spans):
            continue
        if luhn_ok(w.digits):
            if not (labelled or _card_grouping(w.sizes)):
                continue
            if not labelled and not CONTEXT.search(text, max(0, w.start - 15), w.start) and not _card_like(w.digits):
                continue  # 批次号653001202311081175: a number of another kind that happens to pass Luhn
            near = labelled or CONTEXT.search(text, max(0, w.start - 15), w.start)
            spans.append(span_at(KIND, text, w.start, w.end, 0.97 if near else 0.8,
                                 "卡号通过Luhn校验" + ("，附近有账号/开户等字样" if near else "")))
        elif labelled:
            spans.append(span_at(KIND, text, w.start, w.end, 0.85, "卡号/账号标签后的号码，Luhn校验不符"))
    return spans
