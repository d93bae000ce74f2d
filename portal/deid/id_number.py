"""身份证号 — resident ID numbers: 18 digits with the GB 11643 check digit, or the old 15-digit form.

Written plain, in groups (``653022 19650912 0312``, ``653101-19830607-2480``), with a lower-case
``x``, or broken by a line break (the view has already mapped full-width digits).  A number of
the right length right after an ID label is someone's ID even when its check digit fails (a
typing error): it is reported with a lower confidence and the reason.
"""

from __future__ import annotations

import re
from datetime import date

from portal.deid.numbers import OTHER_DOCUMENT, after_name, label_before, windows
from portal.deid.spans import Span, overlapped, span_at

KIND = "id_number"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
LABEL = re.compile(r"身份证|证件号|证件[：:]|公民身份|身份号码|ID\s*(?:No|号)", re.IGNORECASE)


def check_digit(body17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(body17, WEIGHTS, strict=True)) % 11]


def plausible_birth(year: int, month: int, day: int) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date(2100, 1, 1)


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


#: A disability certificate's number: the holder's ID and two digits of the kind and grade.
_DISABILITY = re.compile(r"残疾人?证(?:号码?|编号)?[ \t:：]*([1-8]\d{16}[\dXx])\d{2}(?![0-9])")
#: A student's national register number (全国学籍号): G (or L, J for a number given without an ID)
#: and the student's ID number.
_REGISTER = re.compile(r"(?<![0-9A-Za-z])[GgLlJj]([1-8]\d{16}[\dXx])(?![0-9A-Za-z])")


def find(text: str) -> list[Span]:
    spans = [span_at(KIND, text, m.start(1), m.end(1), 0.95, reason)
             for pattern, reason in ((_DISABILITY, "残疾人证号中的身份证号"), (_REGISTER, "学籍号中的身份证号"))
             for m in pattern.finditer(text) if is_valid(m.group(1))]
    for w in windows(text, (15, 18), max_groups=18, min_group=1):
        if w.digits[:-1].isdigit() is False:
            continue
        labelled = label_before(text, w.start, LABEL)
        fields = _by_fields(w.sizes) and is_valid(w.digits)  # 659004 78 12 21 142: written field by field
        if (len(w.sizes) > 6 or min(w.sizes) < 2) and not fields:  # an odd grouping counts only after a label…
            # …or when its region code stands whole and its check digit and birth date are right
            # (6543211985061730 2 1 as OCR splits it, 659004196402 1 8 9 2 9 1 half spaced out)
            whole = w.sizes[0] >= 6 and len(w.digits) == 18 and is_valid(w.digits)
            if not (labelled or whole or set(w.sizes) <= {1, 2} and len(w.sizes) >= 15):
                continue
        if len(w.digits) == 18:
            if is_valid(w.digits):
                why = "18位身份证号，校验位正确" + ("（分组书写）" if w.grouped else "")
                spans.append(span_at(KIND, text, w.start, w.end, 0.99, why))
            elif labelled and w.digits[0] in "12345678":
                spans.append(span_at(KIND, text, w.start, w.end, 0.9,
                                     "身份证号标签后的18位号码，校验位不符（可能录入有误）"))
        elif w.digits.isdigit() and (labelled or not w.grouped or fields):
            if not labelled and (OTHER_DOCUMENT.search(text, max(0, w.start - 10), w.start) or _RANGE.match(text, w.end)):
                continue  # 居住证号 6532…: another document's number with no check digit to tell (or a range's first, …-0xx)
            if is_valid(w.digits):
                spans.append(span_at(KIND, text, w.start, w.end, 0.9 if labelled else 0.75,
                                     "15位旧身份证号，出生日期有效"))
            elif labelled:
                spans.append(span_at(KIND, text, w.start, w.end, 0.85, "身份证号标签后的15位号码"))
    return spans


#: The end of a range of numbers after its first (…-0xx, …～0xx): serial numbers, not an ID.
_RANGE = re.compile(r"[-－~～至][0-9]{1,4}(?![0-9])")


def _by_fields(sizes: tuple[int, ...]) -> bool:
    """Whether the groups part an ID at its fields' ends: the region (6), the year, month and day of
    birth, the sequence (15 digits: 6 2 2 2 3; 18: 6 4 2 2 4 or 6 8 4…)."""
    ends, total = set(), 0
    for size in sizes:
        total += size
        ends.add(total)
    fields = {6, 8, 10, 12, 15} if total == 15 else {6, 10, 12, 14, 17, 18}
    return len(sizes) > 1 and sizes[0] == 6 and ends <= fields


_STRUCTURED = re.compile(r"(?<![0-9A-Za-z])[1-8]\d{16}[0-9Xx](?![0-9A-Za-z])")


#: An ID label earlier in the same sentence (身份证号与记录不一致（申请表为6530…）).
_SENTENCE_LABEL = re.compile(r"(?:身份证|证件号|公民身份号码)[^。；;\n]*$")
#: …unless the sentence shows an example of a wrong number (示例号码…的校验位不正确).
_EXAMPLE = re.compile(r"(?:示例|演示|样例|例如|举例)[^。；;\n]*$")


def after_names(text: str, spans: list[Span]) -> list[Span]:
    """An 18-digit number with an ID's structure (a region, a real birth date) whose check fails,
    standing right after a person's name in its row (乌兰  6523…) or in a sentence about an ID
    number: that person's ID, mistyped."""
    names = [s for s in spans if s.kind == "person_name" and s.confidence >= 0.6]
    out = []
    for m in _STRUCTURED.finditer(text):
        number = m.group(0).upper()
        if is_valid(number) or overlapped((s for s in spans if s.kind != "person_name"), m.start(), m.end()):
            continue
        if not plausible_birth(int(number[6:10]), int(number[10:12]), int(number[12:14])):
            continue
        before = text[max(0, m.start() - 80):m.start()]
        if after_name(text, m.start(), names):
            out.append(span_at(KIND, text, m.start(), m.end(), 0.8, "紧随姓名的18位号码，结构为身份证号但校验位不符（可能录入有误）"))
        elif _SENTENCE_LABEL.search(before) and not _EXAMPLE.search(before):
            out.append(span_at(KIND, text, m.start(), m.end(), 0.8,
                               "同一句中提及身份证号的18位号码，结构为身份证号但校验位不符（可能录入有误）"))
    return out
