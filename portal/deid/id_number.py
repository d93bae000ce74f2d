"""身份证号 — resident ID numbers: 18 digits with the GB 11643 check digit, or the old 15-digit form."""

from __future__ import annotations

import re
from datetime import date

from portal.deid.spans import Span, span_at
from portal.util import today

KIND = "id_number"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

# Not inside a longer run of digits or code characters.
PATTERN = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
CONTEXT = re.compile(r"身份证|证件号|公民身份")


def check_digit(body17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(body17, WEIGHTS, strict=True)) % 11]


def plausible_birth(year: int, month: int, day: int) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= today()


def is_valid(number: str) -> bool:
    """An 18-digit number whose check digit and birth date are right, or a 15-digit one with a real date."""
    number = number.upper()
    if number[0] not in "12345678":  # the first digit of every region code
        return False
    if len(number) == 18:
        return (check_digit(number[:17]) == number[17]
                and plausible_birth(int(number[6:10]), int(number[10:12]), int(number[12:14])))
    if len(number) == 15 and number.isdigit():
        return plausible_birth(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    return False


def find(text: str) -> list[Span]:
    spans = []
    for m in PATTERN.finditer(text):
        if not is_valid(m.group(1)):
            continue
        near = CONTEXT.search(text, max(0, m.start() - 12), m.start())
        if len(m.group(1)) == 18:
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.99, "18位身份证号，校验位正确"))
        else:
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.9 if near else 0.75,
                                 "15位旧身份证号，出生日期有效"))
    return spans
