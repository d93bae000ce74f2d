"""Normalising text before recognition, with a map back to the original offsets.

People write an identifier however they like: full-width digits (６５３０…), ``＠`` for ``@``, digit
groups joined by spaces, hyphens or dots; PDF extraction spaces letters apart (张 振 宇) and breaks
lines in the middle of a word.  The recognisers see one normalised :class:`View` of the text and
every span they report is mapped back to exact offsets in the original, so redaction replaces
exactly the characters that were found, never a neighbour.

Two kinds of change are made:

* one character for one character: full-width digits and Latin letters, ``＠ ＋ － ． ＃ ［ ］``,
  the ideographic space and the dashes become their ASCII forms (offsets unchanged);
* characters removed: the single spaces of a letter-spaced run of CJK characters (``张 振 宇`` →
  ``张振宇``) and a line break inside a wrapped line of CJK text (a PDF line that runs on).

Digit separators are *not* removed here: an amount such as ``128.50`` must stay an amount.  The
number recognisers read digit groups themselves (:mod:`portal.deid.numbers`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from portal import segmentation
from portal.deid.broken_lines import broken_names
from portal.deid.name_lexicon import COMPOUND_SURNAMES, TRANSLIT
from portal.deid.name_values import dictionary

# One character for one character.
_CHAR_MAP = {0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x202F: " ",
             0xFF20: "@", 0xFE6B: "@", 0xFF0B: "+", 0xFF0D: "-", 0xFF0E: ".", 0xFF03: "#",
             0xFF3B: "[", 0xFF3D: "]", 0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-",
             0x2014: "-", 0x2015: "-", 0x2212: "-", 0xFE63: "-", 0x30FB: "·", 0x2022: "·", 0x2027: "·",
             0x2219: "·", 0x00B7: "·"}
_CHAR_MAP.update({c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # ０-９
_CHAR_MAP.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_CHAR_MAP.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_TABLE = str.maketrans(_CHAR_MAP)

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK words (and the middle dot of a name) separated by single spaces; letter-spaced where single
# characters stand apart.
_SPACED_RUN = re.compile(rf"[{_CJK}·]+(?: [{_CJK}·]+)+")
# A single space between CJK characters with none other near: a stray one inside running text.
_LONE_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
# A line break between two CJK characters.
_WRAP = re.compile(rf"(?<=[{_CJK}])\r?\n(?=[{_CJK}])")
#: A line shorter than this ends a paragraph or a table cell, not a wrapped PDF line.
WRAPPED_LINE = 20


@dataclass(frozen=True)
class View:
    """The normalised ``text`` and, for each of its characters, the offset of its original."""

    original: str
    text: str
    offsets: tuple[int, ...]

    @property
    def identity(self) -> bool:
        return self.text is self.original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original range of ``text[start:end]`` (it covers any removed character inside)."""
        if self.identity or start >= end:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The range of the view that ``original[start:end]`` became (removed characters dropped)."""
        if self.identity:
            return start, end
        return bisect_left(self.offsets, start), bisect_left(self.offsets, end)


def normalise(text: str) -> View:
    """The :class:`View` of ``text``; the text itself when there is nothing to change."""
    mapped = _han_digits(_ocr_digits(_unescaped(text.translate(_TABLE))))
    removed = _removed(mapped, text)
    if not removed:
        if mapped == text:
            return View(text, text, ())
        return View(text, mapped, tuple(range(len(text))))
    keep = [i for i in range(len(mapped)) if i not in removed]
    return View(text, "".join(mapped[i] for i in keep), tuple(keep))


#: Letters OCR reads for digits (0997-43l8027, 1366O9S3317), between two digits.  Never in a credit
#: code: its alphabet has no I, O, S or Z.
_OCR_DIGIT = re.compile(r"(?<=\d)[OoIlSZ](?=\d)")
_OCR_VALUE = {"O": "0", "o": "0", "I": "1", "l": "1", "S": "5", "Z": "2"}


def _ocr_digits(text: str) -> str:
    return _OCR_DIGIT.sub(lambda m: _OCR_VALUE[m.group(0)], text) if _OCR_DIGIT.search(text) else text


#: A number read out or written in Chinese digits (一五九…, 一八六 九九四零 七二五三, 幺三九…): eleven digits or
#: more, in groups or not; a count in words (三十五万) is none.
_HAN_DIGITS = re.compile(r"(?<![十百千万亿])[〇○零一幺二两三四五六七八九](?:[ \-]?[〇○零一幺二两三四五六七八九]){10,}(?![十百千万亿])")
_HAN_VALUE = str.maketrans("〇○零一幺二两三四五六七八九", "00011223456789")


def _han_digits(text: str) -> str:
    """Chinese digits of a long number as ASCII digits (offsets unchanged): the number recognisers read them."""
    if not _HAN_DIGITS.search(text):
        return text
    return _HAN_DIGITS.sub(lambda m: m.group(0).translate(_HAN_VALUE), text)


_ESCAPED = re.compile(r"(?<!\\)\\([tn])")


def _unescaped(text: str) -> str:
    """A tab or a line break written as ``\\t``/``\\n`` (a table exported through JSON or a log) read as
    one: the backslash becomes a space, the letter the tab or the line break (offsets unchanged)."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: " " + ("\t" if m.group(1) == "t" else "\n"), text)


def _lone_spaces(text: str, original: str, name_ends: set[int]) -> set[int]:
    """Single stray spaces between CJK characters inside a line of prose (本人冉 静因…), none other near."""
    return {m.start() for m in _LONE_SPACE.finditer(text)
            if m.start() not in name_ends and original[m.start()] == " " and _prose_line(text, m.start())
            and not re.search(r"\s", text[max(0, m.start() - 6):m.start()] + text[m.end():m.end() + 6])
            and not _FIELD_START.match(text, m.end())  # 某某 评价：… — the next field, not the name's end
            and not _between_words(text, m.start())}


#: A compound surname written apart from the given name (姓名：欧阳 春晓, （端木 宁代签）): one space,
#: one or two characters, then no more of them (or a bracket, or 代 as in 代签/代领).
_COMPOUND_SPACED = re.compile(rf"(?<![{_CJK}])(?:{'|'.join(COMPOUND_SURNAMES)})( )[{_CJK}]{{1,2}}(?![{_CJK}])"
                              rf"|(?<=[：:（(])(?:{'|'.join(COMPOUND_SURNAMES)})( )[{_CJK}]{{1,2}}(?=[）)（(代])")


def _compound_spaced(text: str) -> set[int]:
    return {m.start(1) if m.group(1) else m.start(2) for m in _COMPOUND_SPACED.finditer(text)} if " " in text else set()


def _between_words(text: str, pos: int) -> bool:
    """Whether the space at ``pos`` parts two words of two characters or more (主席 某某某, 副主席
    某某, 某某某 县一中): a post and a name, a name and a school, not the letters of one name spaced
    apart (冉 静)."""
    cut = segmentation.jieba().cut
    left = list(cut(text[max(0, pos - 4):pos], HMM=True))  # HMM: a name before the space is one word (某某某 县一中)
    right = next(iter(cut(text[pos + 1:pos + 5], HMM=True)), "")
    # a place after a name opens a word of its own (某某某 县二中: jieba cuts 县|二中)
    return bool(left) and len(left[-1]) >= 2 and (len(right) >= 2 or (len(right) == 1 and right in "县乡镇村市区州省"))


def _prose_line(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a line of prose (sentences, no tab, at most three spaces): not a row."""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)]
    return "\t" not in line and line.count(" ") <= 3 and bool(re.search("[，。；！？]", line))


def _word(token: str) -> bool:
    """Whether ``token`` is a word of two characters the dictionary knows, and not as a name (优秀, not
    宇负责: a letter glued to a word; not 穆萨)."""
    freq, tags = dictionary()
    return len(token) == 2 and bool(freq.get(token)) and not (tags.get(token) or "").startswith("nr")


#: Words of one character that a writer who spaces out names leaves standing between them (某某 于 …).
_FUNCTION = set("的了是在和与及等也都就又从向对把被为将于并或而且给由")


def _removed(text: str, original: str) -> set[int]:
    """Offsets of the characters the view drops (``original``: before the one-for-one mapping; an
    ideographic space between a word and a letter separates cells: 2日　孟和达来)."""
    removed: set[int] = set()
    broken, name_ends = broken_names(text) if "\n" in text else (set(), set())
    if " " in text:
        for m in _SPACED_RUN.finditer(text):
            tokens = m.group(0).split(" ")
            if not any(len(t) == 1 for t in tokens):
                continue  # 张三 李四: words, not letters spaced apart
            pos = m.start()
            # the run's last letter after a word, padded apart from the next (某某某 王  芳): a name's
            # surname, not a letter (a letter-spaced name before the next cell is closed up: 王 小 芳  男)
            padded = len(tokens[-1]) == 1 and len(tokens[-2]) > 1 and re.match(rf" {{2,4}}[{_CJK}]", text[m.end():m.end() + 5])
            for k, (left, right) in enumerate(zip(tokens, tokens[1:] if not padded else tokens[1:-1], strict=False)):
                pos += len(left)
                # 联系人冯 玉 兰 → 联系人冯玉兰; but not a word ending the run after a name (某某某 于 17:40), nor a
                # word of the dictionary after letters spaced apart (某 某 某 某 优秀: the name, then its grade)
                last = k == len(tokens) - 2
                apart = last and (len(left) > 1 and right in _FUNCTION
                                  or k >= 1 and all(len(t) == 1 and t != "·" for t in tokens[:k + 1]) and _word(right))
                if (len(left) == 1 or len(right) == 1) and pos not in name_ends and not apart \
                        and (original[pos] == " " or len(left) == len(right) == 1):
                    removed.add(pos)
                pos += 1
        removed |= _lone_spaces(text, original, name_ends) | _compound_spaced(text)
    if "\n" in text:
        for m in _WRAP.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = text[line_start:m.start()]
            if (m.start() - line_start >= WRAPPED_LINE and not re.search(r"\t|  |[|｜]", line)  # a row of cells
                    and not re.search(r"\S\u3000", original[line_start:m.start()])  # (or of fields: 评委A：某　评委B：…)
                    and not _FIELD_START.match(text, m.end())) or _name_runs_on(line, text, m.end()):
                removed.update(range(m.start(), m.end()))
        for m in _DOT_WRAP.finditer(text):  # 某某江·⏎某某 (or letter-spaced: 江 ·⏎): a dotted name goes on
            removed.update(range(m.start(), m.end()))
        removed |= broken
    return removed


_DOT_WRAP = re.compile(rf"(?:(?<=[{_CJK}][·?？])|(?<=[{_CJK}] [·?？]))[ \t]*\r?\n[ \t]*(?=[{_CJK}])"
                       rf"|(?<=[{_CJK}])[ \t]*\r?\n[ \t]*(?=·[{_CJK}])")  # …or the dot opening the next line
# A line ending in a short word after a label or a list separator (经办人：邬 | ，吕梓 | 、阿布都);
# not after a space or a tab: a table row ends in a cell (县审计局　乌兰).
_SHORT_TAIL = re.compile(rf"[：:，,、]([{_CJK}]{{1,3}})$")
_LABEL_START = re.compile(rf"[{_CJK}]{{1,8}}[：:]")
#: A line opening with a field's label (被 告 ：…, 联系人：…) starts a field, it does not run on.
_FIELD_START = re.compile(rf"(?:[{_CJK}] ?){{1,8}}[：:]")


def _name_runs_on(line: str, text: str, next_start: int) -> bool:
    """Whether a short line's last word continues on the next line (a name broken by a wrap)."""
    tail = _SHORT_TAIL.search(line)
    if tail is None or _LABEL_START.match(text, next_start):
        return False
    word = tail.group(1)
    return len(word) <= 2 or set(word + text[next_start:next_start + 2]) <= TRANSLIT


# ---------------------------------------------------------------- the text as written, closed up

#: Single characters standing apart (张 振 宇, 帕 哈 尔 丁 女): a letter-spaced run, delimited.
_LETTERS = re.compile(rf"(?<![{_CJK}·0-9A-Za-z])[{_CJK}·](?: [{_CJK}·]){{1,40}}(?![{_CJK}·])")
def close_up(text: str) -> View:
    """``text`` as written, but for two things PDF and OCR extraction do to names: letters spaced
    apart are closed up (帕 哈 尔 丁 → 帕哈尔丁, a sex written after them kept apart: 帕哈尔丁 女) and
    a name broken by a line (9 冯⏎桂琴 女) is put together.  Unlike :func:`normalise`, lines and
    cells stay as they are: this is the view the structural recognisers (fields, rows, lists) read."""
    written = _unescaped(text)
    removed: set[int] = set()
    if " " in written:
        for m in _LETTERS.finditer(written):
            letters = m.group(0)[::2]
            for k in range(1, len(letters)):
                if letters[k] in "男女" and k >= 2:  # 帕 哈 尔 丁 女: the sex is a cell of its own
                    continue
                if letters[k - 1] in "男女" and k - 1 >= 2:
                    continue
                removed.add(m.start() + 2 * k - 1)
        removed |= _lone_spaces(written, text, set()) | _compound_spaced(written)
    if "\n" in written:
        removed |= broken_names(written)[0]
    if not removed:
        return View(text, text, ()) if written == text else View(text, written, tuple(range(len(text))))
    keep = [i for i in range(len(written)) if i not in removed]
    return View(text, "".join(written[i] for i in keep), tuple(keep))
