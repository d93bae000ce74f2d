"""The last mending of the engine's spans, once every recogniser has spoken.

Names found apart that are one name (two halves about a middle dot, a masked part and the rest),
a post or a card's character taken into a name, a name repeated in the text, a name inside a longer
one, two readings of the same digits: each rule here takes a list of spans (or one span) and the
text as written, and returns the mended spans.  :mod:`portal.deid.engine` calls them in order.
"""

from __future__ import annotations

import re

from portal.deid import padded_names
from portal.deid.name_combine import common_word
from portal.deid.name_forms import is_han
from portal.deid.name_lexicon import COMPOUND_SURNAMES, SURNAMES, TRANSLIT_CHARS, TRUE_DOTS, post_ends
from portal.deid.policy import PSEUDONYM, REDACT_AT, REVIEW_AT
from portal.deid.spans import Span

_NAME_DOTS = "·・•‧∙･．.?？"
#: What stands between a dotted name's two parts found apart (the next part's first character last):
#: the dot alone, or a line break and the dot opening the next line…
_DOT_BETWEEN = re.compile(rf"[{_NAME_DOTS}].|[ \t]*\n[ \t]*[{_NAME_DOTS}].?")
#: …or, between two letter-spaced parts, the dot spaced apart too (某 某 ？ 某 某).
_SPACED_DOT = re.compile(rf"[ \u3000][{_NAME_DOTS}][ \u3000].")


def dotted_halves_joined(text: str, spans: list[Span]) -> list[Span]:
    """Two names found apart with only a middle dot between them (某某 · 某某), two names of sounds
    with one space, or two characters and a letter-spaced name after one space, are the two parts of
    one name: one span, the dot included (a dot left between two labels tells how the name was built)."""
    names = [s for s in spans if s.kind == "person_name"]
    ends = {}
    for s in names:
        ends.setdefault(s.end, []).append(s)
    joined = []
    for second in names:
        for gap in range(1, 6):
            between = text[max(0, second.start - gap):second.start] + second.text[:1]
            for first in ends.get(second.start - gap, ()):
                if _DOT_BETWEEN.fullmatch(between) or (  # 某某·某某, 某某⏎·某某 (the dot opens the next line)
                        _SPACED_DOT.fullmatch(between) and " " in first.text and " " in second.text) or (
                        # 申请人：某某 某某: two names of sounds a form parted by a space instead of a dot
                        # …or a clan's two characters before a given name letter-spaced (某某 某 某)
                        between == " " + second.text[:1] and (set(first.text) | set(second.text) <= padded_names.SOUNDS
                                                               or len(first.text) == 2 and " " in second.text[:2])):
                    joined.append(Span(first.start, second.end, first.kind, text[first.start:second.end],
                                       max(first.confidence, second.confidence), first.reason))
    joined += [w for s in names if (w := _dotted_widened(text, s)) is not None]
    if not joined:
        return spans
    surest: dict[tuple[int, int], Span] = {}
    for s in joined:  # each half widened, or joined with the other: one span, the surer
        if (s.start, s.end) not in surest or surest[(s.start, s.end)].confidence < s.confidence:
            surest[(s.start, s.end)] = s
    return outermost_names(sorted(spans + list(surest.values())))


#: A name's part of transliteration sounds on the other side of a true middle dot.
_PART_AFTER = re.compile(f"[{TRUE_DOTS}]({TRANSLIT_CHARS.pattern})")
_PART_BEFORE = re.compile(f"({TRANSLIT_CHARS.pattern})[{TRUE_DOTS}]$")
#: …and, after a letter-spaced name, a true dot spaced apart too and two to four letters so spaced,
#: ending there (某 某 某 · 某 某，): the given part of a Xibe or Uyghur name in a spaced scan.
_SPACED_PART_AFTER = re.compile(r" ?[" + TRUE_DOTS + r"] ?([\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,3})(?! ?[\u4e00-\u9fff])")


def _dotted_widened(text: str, span: Span) -> Span | None:
    """A name found up to a true middle dot, with transliteration sounds on the dot's other side
    (某某别克·朱某克 found as 某某别克): the whole dotted name."""
    after = _PART_AFTER.match(text, span.end) or (
        _SPACED_PART_AFTER.match(text, span.end) if re.fullmatch(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff])+", span.text) else None)
    before = _PART_BEFORE.search(text, max(0, span.start - 9), span.start)
    if not after and not before:
        return None
    start = before.start(1) if before else span.start
    end = after.end(1) if after else span.end
    return Span(start, end, span.kind, text[start:end], span.confidence, span.reason)


def masked_whole(text: str, span: Span) -> Span:
    """The rest of a name masked inside (次某|卓玛, 王某|华) is read with its masked part, which the
    policy keeps as a pseudonym."""
    if span.kind != "person_name" or text[span.start - 1:span.start] != "某":
        return span
    for back in (2, 3):
        start = span.start - back
        if start >= 0 and PSEUDONYM.match(text[start:span.end]) and (back == 2 or text[start:start + 2] in COMPOUND_SURNAMES):
            return Span(start, span.end, span.kind, text[start:span.end], span.confidence, span.reason)
    return span



def repeated_names_surer(text: str, spans: list[Span]) -> list[Span]:
    """An uncertain name of three characters, no common word of the dictionary in it (阳光小… is a
    nickname), that the text writes twice or more (申请人某某…联系人某某): a person the text is about,
    redacted."""
    out = []
    for s in spans:
        word = s.text
        if s.kind == "person_name" and REVIEW_AT <= s.confidence < REDACT_AT and len(word) == 3 \
                and all(map(is_han, word)) and not any(map(common_word, (word, word[:2], word[1:]))) \
                and text.count(word) >= 2:
            s = Span(s.start, s.end, s.kind, word, REDACT_AT, s.reason + "；文中多次出现")
        out.append(s)
    return out


def without_word_ends(text: str, span: Span) -> Span:
    """班主任王老师, 主任张某: 任 ends the post, it begins no name there; a post opening the span is no
    part of the name (孝男|某某某); 货款打到某某某某|卡上: 卡 is the person's card, no sound of the name."""
    if span.kind != "person_name" or len(span.text) < 3:
        return span
    if span.text[:1] == "任" and text[span.start - 1:span.start] == "主":
        return Span(span.start + 1, span.end, span.kind, span.text[1:], span.confidence, span.reason)
    post = next((m for m in post_ends(span.text) if m.start() == 0), None)
    if post is not None and all(map(is_han, span.text)) and span.text[:2] not in COMPOUND_SURNAMES:
        # 孝男|某某某: the model's reading took the post in (闻人某某 is a compound surname, no 某人)
        return Span(span.start + post.end(), span.end, span.kind, span.text[post.end():], span.confidence, span.reason)
    if len(span.text) >= 4 and span.text[-1] == "卡" and text[span.end:span.end + 1] in ("上", "里", "中"):
        return Span(span.start, span.end - 1, span.kind, span.text[:-1], span.confidence, span.reason)
    return span


def outermost_names(spans: list[Span]) -> list[Span]:
    """A name inside a longer name (古丽米拉 in 古丽米拉·买买提) is one detection, the longer one, kept at
    the higher of the two confidences."""
    names = [s for s in spans if s.kind == "person_name"]
    out = []
    for s in spans:
        if s.kind == "person_name":
            outer = [o for o in names if o is not s and o.start <= s.start and s.end <= o.end
                     and (o.end - o.start, -o.start) > (s.end - s.start, -s.start)]
            if outer:
                continue
            inner = max((o.confidence for o in names if s.start <= o.start and o.end <= s.end), default=0)
            if inner > s.confidence:
                s = Span(s.start, s.end, s.kind, s.text, inner, s.reason)
        out.append(s)
    return out


#: Which number kind wins when two read the same digits (an ID that also passes Luhn is an ID).
NUMBER_RANK = {"id_number": 4, "credit_code": 3, "bank_card": 2, "phone": 1}


def strongest_numbers(spans: list[Span]) -> list[Span]:
    """Drop a number span inside or over another kind's span that ranks higher (a mobile's window
    inside a card, a credit code that is an ID's digits): one reading of the digits, the best."""
    numbers = [s for s in spans if s.kind in NUMBER_RANK]
    out = []
    for s in spans:
        if s.kind in NUMBER_RANK and any(
                o is not s and o.kind != s.kind and o.overlaps(s) and o.confidence >= 0.85
                and (NUMBER_RANK[o.kind], o.end - o.start) > (NUMBER_RANK[s.kind], s.end - s.start)
                and (o.end - o.start) >= (s.end - s.start) for o in numbers):
            continue
        out.append(s)
    return out


#: A cell's edge: two spaces or more, a tab, a line's end.
_CELL_EDGE = re.compile(r"  |\t|\n|$")


def spaced_last_letter(text: str, span: Span) -> Span:
    """A name of a surname and one character opening a cell, then one space and one more character
    closing the cell (某某 某  电话…: OCR spaced a name's last letter apart): the whole name."""
    lo, hi = span.start, span.end
    if span.kind != "person_name" or len(span.text) != 2 or not all(map(is_han, span.text)) \
            or span.text[0] not in SURNAMES or text[hi:hi + 1] != " " or not is_han(text[hi + 1:hi + 2]) \
            or text[hi + 1] in padded_names.NOT_GIVEN or not _CELL_EDGE.match(text, hi + 2) \
            or not (lo == 0 or text[lo - 1] in "\t\n" or text[lo - 2:lo] == "  "):
        return span
    return Span(lo, hi + 2, span.kind, text[lo:hi + 2], span.confidence, span.reason)


def one_per_place(spans: list[Span]) -> list[Span]:
    """One detection per kind and place, sorted: of two recognisers' spans over the same characters
    (a compound surname's rule and the list's), the surer (a reviewer decides each place once)."""
    surest: dict[tuple[int, int, str], Span] = {}
    for s in spans:
        key = (s.start, s.end, s.kind)
        if key not in surest or s.confidence > surest[key].confidence:
            surest[key] = s
    return sorted(surest.values())
