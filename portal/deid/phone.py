"""电话 — mobile numbers and landlines, in the writings people use.

Mobiles: ``13899887766``, 3-4-4 or other groupings joined by spaces, hyphens, dots or a line
break, with ``+86``/``0086``/``86-`` before them.  Landlines: an area code joined by ``-`` or a
space, or in ``()``/``（）`` (a dash after the bracket too: ``(0xxx)—xxxx xxx``), the local number whole
or in groups (4-4, 3-4, 4-3), and an extension (转, 分机, ext) taken with the number.  A seven- or
eight-digit local number counts only right after a telephone label.
"""

from __future__ import annotations

import re

from portal.deid.numbers import RUN, after_name, label_before, windows
from portal.deid.spans import Span, overlapped, span_at

KIND = "phone"
MOBILE_PREFIX = re.compile(r"(?:[(（][ \t]*)?(?:\+\s?86|0086|(?<![0-9])86)(?:[ \t]*[)）])?[ \t]*[-.]?[ \t]*$")  # (+86.177…: a dot too)
LABEL = re.compile(r"电话|手机|联系方式|座机|传真|Tel|TEL|tel|Mobile|mobile|微信|热线")
#: The words before an extension (转, 分机, ext.).
_EXT_WORD = r"(?:转|分机|ext\.?|EXT\.?|Ext\.?)"
# …also in brackets after the number: 0906-3185472（分机6032）
_EXT = (r"(?:[ \t]*(?:" + _EXT_WORD + r"|-)[ \t]*\d{1,5}|[ \t]*[(（][ \t]*" + _EXT_WORD + r"[ \t]*\d{1,5}[ \t]*[)）])?")
# (no slice of a longer number: a grouped mobile, 138-…, goes on after a hyphen or a space; a date may
# follow, … 2027.3, and a tab parts the next cell, …⇥2)
LANDLINE = re.compile(r"(?<![0-9A-Za-z_])(?:0\d{2,3}[ \t]*-[ \t]*|0\d{2,3}[ \t]|[(（][ \t]*0\d{2,3}[ \t]*[)）][ \t]*-?[ \t]*)"
                      r"(?:[1-9]\d{2,3}[ \t-]?\d{4}|[1-9]\d{3}[ \t-]\d{3})" + _EXT
                      + r"(?![0-9A-Za-z_])(?!-[0-9]{1,6}(?![0-9.,])| [0-9]{1,6}(?![0-9.,\-]))")
LOCAL = re.compile(r"(?<![0-9A-Za-z_])[1-9]\d{2,3}[ \t-]?\d{4}" + _EXT + r"(?![0-9A-Za-z_])")
#: 0909-7713 转 215: a switchboard's short number after an area code, with the extension.
SWITCHBOARD = re.compile(r"(?<![0-9A-Za-z_])0[1-9]\d{1,2}[ \t]*-[ \t]*\d{3,4}[ \t]*" + _EXT_WORD + r"[ \t]*\d{1,5}(?![0-9])")
#: 0xxx（xxxxxxx）, 0xxx（xxxx）xxx: the local number, or its first four digits, in brackets after the area code.
BRACKETED_LOCAL = re.compile(r"(?<![0-9A-Za-z_])0[1-9]\d{1,2}[ \t]*[(（][ \t]*(?:[1-9]\d{2,3}[ \t-]?\d{3,4}[ \t]*[)）]"
                             r"|[1-9]\d{3}[ \t]*[)）][ \t-]*\d{3,4}(?![0-9]))" + _EXT + r"(?![0-9A-Za-z_])")
#: +86 (158) 3374 6021: the operator's prefix of a mobile in brackets after the country code.
BRACKETED_MOBILE = re.compile(r"(?<![0-9A-Za-z_])(?:\+\s?86|0086)[ \t-]*[(（][ \t]*1[3-9]\d[ \t]*[)）][ \t-]*\d{4}[ \t-]?\d{4}"
                              r"(?![0-9A-Za-z_])")
#: The country code written before an area code with its 0 kept (+86 (0997) …, 0086-0991-…).
_COUNTRY_BEFORE = re.compile(r"(?<![0-9A-Za-z_])(?:\+\s?86|0086)[ \t-]*$")
# +86 991 5836271: the country code, then the area code without its leading 0
# (the area code's 0 may stand in brackets, the number in groups: +86 (0)906 5381 274, +86 906 548 2713;
# or the area code itself in brackets: +86 (906) 5381 274)
INTERNATIONAL = re.compile(r"(?<![0-9A-Za-z_])(?:\+\s?86|0086)[ \t-]*"
                           r"(?:(?:[(（]0[)）][ \t-]*)?[1-9]\d{1,2}|[(（][ \t]*[1-9]\d{1,2}[ \t]*[)）])[ \t-]*"
                           r"(?:[2-9]\d{6,7}|[2-9]\d{2,3}[ \t-]\d{4}|[2-9]\d{3}[ \t-]\d{3})" + _EXT + r"(?![0-9A-Za-z_])")
#: +86 (0)177 2604 8839: a mobile written with the area code's bracketed 0 out of habit.
MOBILE_ZERO = re.compile(r"(?<![0-9A-Za-z_])(?:\+\s?86|0086)[ \t-]*[(（]0[)）][ \t-]*1[3-9]\d[ \t-]*\d{4}[ \t-]*\d{4}(?![0-9])")
#: A foreign number as its owner writes it: + and a country code other than China's, then 7–12
#: digits in groups (+996 555 318 204, +7 701 234 5678).
FOREIGN = re.compile(r"(?<![0-9A-Za-z_+])\+(?!86)[1-9]\d{0,2}(?:[ \t-]?\(?\d{2,4}\)?){2,5}(?![0-9A-Za-z_])")
REGIONAL = re.compile(r"(?<![0-9A-Za-z_+])(?:00)?(?:(?:852|853)[ \t-]?\d{4}[ \t-]?\d{4}|886[ \t-]?9\d{2}[ \t-]?\d{3}[ \t-]?\d{3})"
                      r"(?![0-9])")
PLAIN_AREA = re.compile(r"(?<![0-9A-Za-z_])0\d{2,3}[2-9]\d{6,7}(?![0-9A-Za-z_])")


_DATE_OR_TIME = re.compile(r"(?:\d{4}[./\-年]\d{1,2}[./\-月]\d{1,2}日?|\d{1,2}:\d{2}(?::\d{2})?)[ \t]+$")


#: A cell of one to three digits before it (an age, a count: 某某 81 0994-…), a cell of its own.
_SMALL_CELL = re.compile(r"(?:^|[^\d \t\-.]|\t)[ \t]*\d{1,3}[ \t]+$")  # (a cell of its own: …⇥2⇥（0xxx）…)


def _after_other_digits(text: str, start: int) -> bool:
    """Whether a digit stands right before ``start`` across a space or a hyphen, as part of a number
    that is not a date or a time (a table row: 2025.08.27 0998-…), nor an ID's or a card's cell of
    fifteen to nineteen digits (no number goes on from there into a landline).  A tab parts a table's
    cells: an amount's cell before it (…⇥1500⇥0xxx-…) is a number of its own."""
    if start < 2 or text[start - 1] not in " -" or not text[start - 2].isdigit() \
            or _COUNTRY_BEFORE.search(text, max(0, start - 6), start):
        return False
    before = _DIGIT_RUN_BEFORE.search(text, max(0, start - 40), start)
    if before and 15 <= sum(c.isdigit() for c in before.group(0)) <= 19:
        return False
    return not (_DATE_OR_TIME.search(text, max(0, start - 24), start) or _SMALL_CELL.search(text, max(0, start - 8), start))


_DIGIT_RUN_BEFORE = re.compile(r"(?<![0-9Xx])\d(?:[ -]?\d)*[0-9Xx][ \t-]+$")


#: A number in brackets right after a person's name (某某（1512 0903 8826）): how to reach that person,
#: whatever its grouping or length (a mistyped mobile too).
_BRACKETED = re.compile(r"[ \t]*[(（][ \t]*(\d[\d \t\-]{5,16}\d)[ \t]*[)）]")


_DIGIT = re.compile(r"\d")


def after_names(text: str, spans: list[Span]) -> list[Span]:
    """The number in brackets right after a detected name, 7 to 13 digits, not already another kind; and
    a mobile in any grouping right after a name in its row (某某 1x⏎xxxxxxxxx, 某某 1x⏎xxx xx xxxx: a line
    broke it after two digits, OCR spaced it oddly)."""
    out = []
    names = [s for s in spans if s.kind == "person_name" and s.confidence >= 0.6]
    numbers = [s for s in spans if s.kind != "person_name"]
    others = [s for s in numbers if s.kind != KIND]  # the person's other numbers: an ID, a card
    for name in names:
        # the run of digits whose first digit is within reach (after_name tells whether only a row's gap
        # stands between)
        digit = _DIGIT.search(text, name.end, name.end + 5)
        run = RUN.match(text, digit.start()) if digit else None
        # (up to ten groups: 13 8 9 9 … spaced digit by digit but for its first pair)
        for w in windows(run.group(0), (11,), max_groups=10, min_group=1) if run else ():
            start, end = run.start() + w.start, run.start() + w.end
            if w.grouped and re.fullmatch(r"1[3-9]\d{9}", w.digits) and after_name(text, start, names) \
                    and not overlapped(numbers, start, end):
                extra = _ONE_MORE.match(text, end) if _spaced_out(w) else None
                end = extra.end() if extra else end  # spaced digit by digit, a digit too many spaced the same
                out.append(span_at(KIND, text, start, end, 0.85, "姓名后的手机号码（分组或换行书写）"))
    for name in names:
        # the row's last cell after the name's other cells (某某 某某林场 1x xxx xxx xxx): grouped any way
        line_end = text.find("\n", name.end)
        line_end = len(text) if line_end < 0 else line_end
        runs = list(RUN.finditer(text, name.end, line_end))
        if not runs or text[runs[-1].end():line_end].strip():
            continue
        run = runs[-1]
        # the run's last groups, after the cells of the person's other numbers if any
        # (twelve digits spaced one by one: a digit too many, spaced like the rest — mistyped, still someone's)
        w = next((w for w in windows(run.group(0), (11, 12), max_groups=12, min_group=1)
                  if w.end == len(run.group(0)) and w.grouped and (len(w.digits) == 11 or _spaced_out(w))
                  and (w.start == 0 or overlapped(others, run.start(), run.start() + w.start)
                       and text[run.start() + w.start - 1] in " \t\u3000")), None)
        if w is None or len(runs) > 1 and any(not overlapped(others, r.start(), r.end()) for r in runs[:-1]):
            continue  # (another number of the row before it, not the person's: no telling what this one is)
        start, end = run.start() + w.start, run.end()
        if re.fullmatch(r"1[3-9]\d{9}", w.digits[:11]) and not overlapped(spans, start, end) and not any(s.start == start for s in out):
            out.append(span_at(KIND, text, start, end, 0.85, "姓名所在行末的手机号码（分组书写）"))
    for name in names:
        m = _BRACKETED.match(text, name.end)
        if not m or not 7 <= sum(c.isdigit() for c in m.group(1)) <= 13:
            continue
        if not overlapped((s for s in spans if s.kind != "person_name"), m.start(1), m.end(1)):
            out.append(span_at(KIND, text, m.start(1), m.end(1), 0.8, "姓名后括号内的号码（联系方式）"))
    return out


#: An area code in brackets and the number in two to four odd groups after it.
_ODD_LANDLINE = re.compile(r"[(（]0[1-9]\d{1,2}[)）][ \t]?(?P<local>[1-9]\d{0,3}(?:[ \t-]\d{1,4}){1,3})(?![0-9])")
#: One more digit set apart like the others after a number spaced digit by digit (its last group).
_ONE_MORE = re.compile(r" \d(?![\d.,])")


def _spaced_out(w) -> bool:
    """Whether a window is a number spaced digit by digit (but for a first pair): eight groups or more."""
    return len(w.sizes) >= 8 and max(w.sizes) <= 2


_SPACED_DIGITS = re.compile(r"\d \d \d \d \d")
_MOBILE_EXT = re.compile(r"[ \t]*" + _EXT_WORD + r"[ \t]*\d{1,5}(?![0-9])")
#: What stands before a mobile cut in odd groups when no label does (某某 — 13909 9716 05, （…）, or a
#: name's note in brackets: 某某（父亲）13909 9716 05).
_LEAD = re.compile(r"(?:[—:：（(）)]|\s-)[ \t]*$")


def _odd_mobile(text: str, w) -> bool:
    """A mobile with a group of two (138 99 887 766, 13909 9716 05): after a telephone label or +86, or in
    at most three groups of digits alone after a dash, a colon or a bracket — or alone in its cell, the
    first group of four or five digits and single spaces between (17790 4415 26: not an amount's
    thousands, which go by three)."""
    if label_before(text, w.start, LABEL, reach=20) or MOBILE_PREFIX.search(text, max(0, w.start - 8), w.start):
        return True
    if len(w.sizes) > 4 or w.sizes[0] < 3:
        return False
    written = text[w.start:w.end]
    if _LEAD.search(text, max(0, w.start - 4), w.start) and re.fullmatch(r"[\d \-]+", written) \
            and (len(w.sizes) <= 3 or re.match(r"[ \t]*(?:$|\n)", text[w.end:])):  # 1xx xxxx xx xx alone on its line
        return True
    if len(w.sizes) > 3:
        return False
    run = RUN.match(text, w.start)  # the whole run: no number of a table's row before or after it
    return (w.sizes[0] in (4, 5) and re.fullmatch(r"\d+(?: \d+)+", written) is not None
            and run is not None and run.end() == w.end
            and (w.start == 0 or (text[w.start - 1].isspace()
                                  # after an ID's or a card's cell, not after a table's small numbers
                                  and not re.search(r"(?<!\d)\d{1,6}[ \t]{1,2}$", text[max(0, w.start - 9):w.start])))
            and (w.end == len(text) or not text[w.end].isalnum()))


def find(text: str) -> list[Span]:
    spans = []
    odd = [w for w in windows(text, (11,), max_groups=6, min_group=1) if w.grouped and min(w.sizes) in (1, 2) and max(w.sizes) > 1
           and _odd_mobile(text, w)]
    for w in [*windows(text, (11, 12, 13, 15)), *odd]:
        digits = w.digits
        if len(digits) == 13 and digits.startswith("86"):
            digits = digits[2:]
        elif len(digits) == 12 and digits.startswith("01") and (w.grouped or label_before(text, w.start, LABEL)) \
                and not re.search(r"\d", text[max(0, w.start - 2):w.start] + text[w.end:w.end + 2]):  # (the whole run)
            # 01xx-xxxx-xxxx: dialled from another area, the long-distance 0 first (grouped or after a
            # telephone's label: twelve plain digits are an invoice's code, 013xxxxxxxxx in Hebei)
            digits = digits[1:]
        elif len(digits) == 15 and digits.startswith("0086"):
            digits = digits[4:]
        elif len(digits) != 11:
            continue
        if not re.fullmatch(r"1[3-9]\d{9}", digits):
            continue
        start = w.start
        prefix = MOBILE_PREFIX.search(text, max(0, start - 8), start)
        if prefix and len(w.digits) == 11:
            start = prefix.start()
        elif start and text[start - 1] == "+":
            start -= 1
        end = w.end
        extension = _MOBILE_EXT.match(text, end)
        if extension:
            end = extension.end()  # 133 0996 2817 分机 203: the extension goes with the number
        spans.append(span_at(KIND, text, start, end, 0.95, "手机号码" + ("（分组书写）" if w.grouped else "")))
    for w in windows(text, (11,), max_groups=11, min_group=1) if _SPACED_DIGITS.search(text) else ():
        # 1x x x x x … after a telephone label: spaced digit by digit but for its first group
        if _spaced_out(w) and re.fullmatch(r"1[3-9]\d{9}", w.digits) \
                and label_before(text, w.start, LABEL) and not overlapped(spans, w.start, w.end):
            extra = _ONE_MORE.match(text, w.end)  # …a digit too many, spaced like the rest: mistyped, still someone's
            spans.append(span_at(KIND, text, w.start, extra.end() if extra else w.end, 0.9, "电话标签后逐位书写的手机号码"))
    for w in windows(text, (10, 12), min_group=2):
        # a mobile with a digit too few or too many right after a telephone's label (手机, 电话 …):
        # mistyped, still that person's number
        if re.match(r"1[3-9]", w.digits) and label_before(text, w.start, LABEL) \
                and not overlapped(spans, w.start, w.end):
            spans.append(span_at(KIND, text, w.start, w.end, 0.85, "电话标签后的手机号码，位数不符（可能录入有误）"))
    m = LANDLINE.search(text)
    while m:
        if _after_other_digits(text, m.start()):
            # a slice of a longer number (…7 0998-…), unless what stands before is a date or a time; the
            # landline may begin inside it (…-0705-3019⏎0930-…: an ID's cell, then the phone's)
            m = LANDLINE.search(text, m.start() + 1)
            continue
        country = _COUNTRY_BEFORE.search(text, max(0, m.start() - 6), m.start())  # +86 (0997) 211-…
        spans.append(span_at(KIND, text, country.start() if country else m.start(), m.end(), 0.9, "带区号的固定电话"))
        m = LANDLINE.search(text, m.end())
    for m in BRACKETED_LOCAL.finditer(text):
        if 10 <= sum(map(str.isdigit, re.split(_EXT_WORD, m.group(0))[0])) <= 12 and not overlapped(spans, m.start(), m.end()):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.85, "带区号的固定电话（号码加括号）"))
    # the number in odd groups after an area code in brackets, or any grouping after a telephone label
    # ((0xxx)xx xx xxx, 电话：0x xx-xx xx xxx): a landline as a hand or an OCR wrote it
    for m in _ODD_LANDLINE.finditer(text):
        if 7 <= sum(map(str.isdigit, m.group("local"))) <= 8 and not overlapped(spans, m.start(), m.end()):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.85, "带区号的固定电话（分组书写）"))
    for w in windows(text, (11, 12), max_groups=6, min_group=1):
        if len(w.sizes) >= 4 and w.digits[0] == "0" and w.digits[1] != "0" and label_before(text, w.start, LABEL) \
                and not overlapped(spans, w.start, w.end):
            spans.append(span_at(KIND, text, w.start, w.end, 0.85, "电话标签后分组书写的固定电话"))
    spaced: dict[int, int] = {}  # where a landline spaced out digit by digit starts: its longest end
    for w in windows(text, (10, 11, 12)):
        if any(s.start <= w.start < s.end for s in spans):
            continue
        # an area code as its own group, then the number in groups (0908 5122 360, 0996 — 5612 384)
        if w.grouped and w.digits[0] == "0" and w.sizes[0] in (3, 4) and w.digits[1] != "0" \
                and 7 <= len(w.digits) - w.sizes[0] <= 8 and w.digits[w.sizes[0]] in "123456789" \
                and not re.search(r"(?<!\d)\d{1,6}[ \t]*[-.]?[ \t]*$", text[max(0, w.start - 10):w.start]) \
                and not re.match(r"[ \t]*[-.]?[ \t]*\d{1,6}(?!\d)", text[w.end:w.end + 10]):
            # the whole run, not a slice of a longer number (a neighbour of 7+ digits is a number of its own)
            spans.append(span_at(KIND, text, w.start, w.end, 0.85, "带区号的固定电话（分组书写）"))
        elif max(w.sizes) == 1 and w.digits[0] == "0" and w.digits[1] != "0" and label_before(text, w.start, LABEL):
            spaced[w.start] = max(spaced.get(w.start, 0), w.end)  # 0 9 9 x - x x x … after a label
    spans += [span_at(KIND, text, a, b, 0.85, "电话标签后逐位书写的固定电话") for a, b in spaced.items()]
    for m in SWITCHBOARD.finditer(text):
        if not overlapped(spans, m.start(), m.end()):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.9, "带区号的总机号码及分机"))
    for m in BRACKETED_MOBILE.finditer(text):
        if not overlapped(spans, m.start(), m.end()):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.95, "手机号码（号段加括号）"))
    for m in MOBILE_ZERO.finditer(text):  # wider than the mobile read inside it
        spans = [s for s in spans if not (m.start() <= s.start and s.end <= m.end())]
        spans.append(span_at(KIND, text, m.start(), m.end(), 0.95, "手机号码（带国家代码）"))
    for m in INTERNATIONAL.finditer(text):
        if not re.fullmatch(r"(?:\+\s?86|0086)[ \t-]*1[3-9]\d[ \t-]*\d{4}[ \t-]*\d{4}", m.group(0)) \
                and not MOBILE_ZERO.fullmatch(m.group(0)):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.9, "带国家代码的固定电话"))
    for m in REGIONAL.finditer(text):  # 852-6012 3456 after a label: Hong Kong, Macao, Taiwan without the +
        if label_before(text, m.start(), LABEL) and not overlapped(spans, m.start(), m.end()):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.9, "电话标签后的港澳台号码"))
    for m in FOREIGN.finditer(text):
        if 8 <= sum(c.isdigit() for c in m.group(0)) <= 15 and not any(s.start <= m.start() < s.end for s in spans):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.9, "境外电话号码（国家代码）"))
    for m in PLAIN_AREA.finditer(text):
        if label_before(text, m.start(), LABEL):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.85, "电话标签后的带区号号码"))
    for m in LOCAL.finditer(text):
        if label_before(text, m.start(), LABEL) and not any(s.start <= m.start() < s.end for s in spans):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.85, "电话标签后的本地号码"))
    return spans

