"""统一社会信用代码 — 18-character unified social credit codes with the GB 32100 check character."""

from __future__ import annotations

import re

from portal.deid.bank_card import luhn_ok
from portal.deid.numbers import label_before
from portal.deid.spans import Span, span_at

KIND = "credit_code"
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
PATTERN = re.compile(r"(?<![0-9A-Za-z])([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})(?![0-9A-Za-z])")


def check_char(body17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(body17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


#: Registration department and organisation type (GB 32100 positions 1 and 2): 91 a company, 92 a
#: 个体工商户, 93 a co-operative, 51 a social organisation, N2 a village collective …
KINDS = {"1": "1239", "2": "19", "3": "123459", "4": "19", "5": "1239", "6": "129", "7": "129", "8": "19",
         "9": "123", "A": "19", "N": "1239", "Y": "1"}


def is_valid(code: str) -> bool:
    return len(code) == 18 and all(c in ALPHABET for c in code) and code[1] in KINDS.get(code[0], "") \
        and check_char(code[:17]) == code[17]


def is_individual_business(code: str) -> bool:
    """个体工商户 (registration type 92): the code of a person's business, never kept."""
    return code.startswith("92")


LABEL = re.compile(r"统一社会信用代码|信用代码|社会信用代码|注册号|个体工商户")
# after the label: 18 code characters, possibly in space-separated groups (OCR)
LABELLED = re.compile(r"(?<![0-9A-Za-z])[0-9A-Z](?:[ \t]?[0-9A-Z]){17}(?![0-9A-Za-z])")


def _a_card(text: str, m: re.Match) -> bool:
    """Eighteen digits opening with a UnionPay card's 62 that pass Luhn, no credit code's label before:
    a card whose digits happen to pass GB 32100's check too."""
    digits = m.group(1)
    return digits.isdigit() and digits.startswith("62") and luhn_ok(digits) and not label_before(text, m.start(), LABEL)


def find(text: str) -> list[Span]:
    spans = [span_at(KIND, text, m.start(), m.end(), 0.97, "统一社会信用代码，校验码正确")
             for m in PATTERN.finditer(text) if is_valid(m.group(1)) and not _a_card(text, m)]
    for m in LABELLED.finditer(text):
        code = re.sub(r"[ \t]", "", m.group(0))
        if any(s.start <= m.start() < s.end for s in spans) or not label_before(text, m.start(), LABEL):
            continue
        # a mistyped code is personal only if it is a 个体工商户's (92…): an organisation's is not
        if code[2:8].isdigit() and code[1] in KINDS.get(code[0], "") and (is_valid(code) or is_individual_business(code)):
            why = "统一社会信用代码" + ("，校验码正确" if is_valid(code) else "标签后的代码，校验码不符（可能录入有误）")
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.97 if is_valid(code) else 0.85, why))
    return spans
