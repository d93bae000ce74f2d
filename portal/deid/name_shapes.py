"""姓名 — the last net: a surname and a given name of the usual shape that no recogniser took, put to
the reviewer (never redacted on its shape alone).

Every other recogniser needs a context (a label, a post, a list, a row) or the model's word.  A
name in running prose with none of these (款项汇至滕秀兰账户, 由对方当事人郜春生付清) still has a
name's shape: a surname standing as a word of its own where jieba cuts the text, one or two
characters after it that names use (秀兰, 春生), and no word of the dictionary made of them all.
Such a candidate is a *review* span: the reviewer sees it highlighted in the preview and decides.
The shape is narrow on purpose (the reviewer's burden is measured: false reviews per 1,000
characters) and leaves places, posts and the characters no given name has.
"""

from __future__ import annotations

import re
from itertools import chain

from portal import segmentation
from portal.deid.name_forms import is_han
from portal.deid.name_lexicon import COMMON, GIVEN_CHARS, KIND, NOT_IN_GIVEN_NAME, SURNAME_RE, TITLE_RE
from portal.deid.name_values import dictionary
from portal.deid.policy import REVIEW_AT, SURNAME_TITLE
from portal.deid.spans import Span, span_at
from portal.deid.translit_names import is_place

#: The confidence of a name found by its shape alone: reviewed, not redacted.
CONFIDENCE = REVIEW_AT + 0.1
#: What makes the candidate a place, a shop or a stretch of land (某某路, 某某沟, 某某民宿).
_PLACE_NEXT = re.compile(r"[路街巷沟渠村乡镇县区片湾滩梁坡岭山河湖桥园苑]|民宿|小区|药房|超市|商店|公司|农家乐")
#: Last characters that end no given name here: a household (某某户), a family (某某家), a place
#: (某某沟, 某某渠, 某某庄).
_NOT_LAST = set("户家氏路街巷沟渠村乡镇县区湾滩梁坡桥苑庄屯")
#: A surname that is also a conjunction (和, 与, 及): before a word it joins, it names nobody.
_CONJUNCTION = "c"
#: A surname that is also a verb, a pronoun or a preposition (包, 谈, 那, 向) before a frequent word:
#: a phrase (包卫生, 那孩子), not a person.
_PHRASE_TAGS = ("v", "r", "p", "d", "u")
_PHRASE_WORD = 100
#: A word the dictionary tags as a name but this frequent is a word here (师傅, 边远).
_TAGGED_WORD = 200
#: A given name that is a word this frequent follows a surname only if the surname is rarely a word
#: on its own (冀, 仝; not 时, 党, 路, 方).
_FREQUENT_WORD = 1000
_WORD_OF_ITS_OWN = 5500


def find(text: str, taken: list[Span]) -> list[Span]:
    """Name-shaped candidates not overlapping ``taken`` (every span found otherwise), for review."""
    tokenizer = segmentation.pos_tagger().tokenizer
    freq, tags = dictionary()
    spans: list[Span] = []
    for m in SURNAME_RE.finditer(text):
        start, surname = m.start(), m.group(0)
        if start and not _left_open(text[start - 1]):
            continue
        for given in (2, 1):
            end = start + len(surname) + given
            cand = text[start:end]
            if end > len(text) or not _shaped(text, cand, len(surname), end, freq, tags):
                continue
            if any(start < t.end and t.start < end for t in chain(taken, spans)):
                break
            if _cut_apart(tokenizer, text, start, end):
                spans.append(span_at(KIND, text, start, end, CONFIDENCE, "具有姓名形式（姓氏与名字常用字），请核对"))
            break
    return spans


def _left_open(before: str) -> bool:
    """A name may begin after a non-letter or a Han character (a word before it); not after a digit
    or a Latin letter (138.6万毫升, A区)."""
    return not (before.isascii() and before.isalnum())


def _shaped(text: str, cand: str, surname_len: int, end: int, freq, tags) -> bool:
    given = cand[surname_len:]
    if not all(is_han(c) for c in given) or any(c in NOT_IN_GIVEN_NAME for c in given) or given[-1] in _NOT_LAST:
        return False
    if GIVEN_CHARS.isdisjoint(given) or (len(given) == 1 and given not in GIVEN_CHARS):
        return False
    if freq.get(cand) or TITLE_RE.match(text, end):
        return False  # a word of the dictionary; a name's title after it (…同志) leaves it to the rules
    if SURNAME_TITLE.match(cand) or SURNAME_TITLE.match(cand[:surname_len] + text[end:end + 2]):
        return False  # 王师傅, 李会计: how one addresses a surname's bearer
    if _PLACE_NEXT.match(text, end) or is_place(text, end - len(cand), end):
        return False
    head = cand[:surname_len + 1]
    if surname_len == 1 and (freq.get(head) or 0) >= COMMON and (
            not (tags.get(head) or "").startswith("nr") or (freq.get(head) or 0) >= _TAGGED_WORD):
        return False  # 高海|拔, 师傅|好, 边远|散: the surname and the first given character make a word
    if (freq.get(given) or 0) >= _FREQUENT_WORD and not (tags.get(given) or "").startswith("nr") \
            and (freq.get(cand[:surname_len]) or 0) >= _WORD_OF_ITS_OWN:
        return False  # 时|证明, 党|爱国: a frequent word after a character that is a word of its own
    if len(given) == 1 and not _delimited(text, end - len(cand), end):
        return False  # 盖好|的, 马家梁子: two characters inside running text are rarely a name
    if text[end:end + 1] in ("了", "着", "过"):
        return False  # 路修好了: a verb's phrase
    surname_tag = tags.get(cand[:surname_len]) or ""
    return not (surname_tag[:1] == _CONJUNCTION or (
        surname_tag[:1] in _PHRASE_TAGS and (freq.get(given) or 0) >= _PHRASE_WORD))


def _delimited(text: str, start: int, end: int) -> bool:
    """Standing alone: no Han character right before or right after (but a list's 、)."""
    return (start == 0 or not is_han(text[start - 1])) and (end == len(text) or not is_han(text[end]) or text[end] == "、")


def _cut_apart(tokenizer, text: str, start: int, end: int) -> bool:
    """Whether jieba, cutting the text about the candidate, starts a word where it starts and ends one
    where it ends (汇至|滕|秀兰|账户; not 提|高海|拔)."""
    lo, hi = max(0, start - 6), min(len(text), end + 6)
    bounds, offset = set(), lo
    for token in tokenizer.cut(text[lo:hi], HMM=True):
        bounds.add(offset)
        offset += len(token)
    bounds.add(offset)
    return start in bounds and end in bounds
