"""Digit groups as people write them: ``653022 19650912 0312``, ``138-9988-7766``, ``6222 0212 3456``.

A *run* is a sequence of digit groups joined by a separator (spaces, a hyphen, a dot or a bullet
with optional spaces around it, or a line break); the last group may end in ``X`` (an ID's check
character).  An identifier is a *window* of whole groups of a run whose digits, joined, have the
identifier's length and pass its check.  Windows never cut a group, so an amount (128.50), a
date (2023.12.31) or a 20-digit invoice number never yields an identifier by a chance slice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_SEP = r"(?:[ \t]*(?:\r?\n[ \t]*)?[-.·•●][ \t]*(?:\r?\n[ \t]*)?|[ \t]{1,2}|[ \t]*\r?\n[ \t]*)"  # 652324-⏎…, …⏎-3309, 139 ● 7721 ● … too
RUN = re.compile(rf"(?<![0-9A-Za-z_])\d+(?:{_SEP}\d+)*(?:{_SEP}?[Xx])?(?![0-9A-Za-z_])")
_GROUP = re.compile(r"\d+[Xx]?|[Xx]")


@dataclass(frozen=True)
class Window:
    """Whole groups ``first..last`` of a run: their digits joined, and the range they cover."""

    digits: str
    start: int
    end: int
    sizes: tuple[int, ...]

    @property
    def grouped(self) -> bool:
        return len(self.sizes) > 1


def windows(text: str, lengths: range | tuple[int, ...], max_groups: int = 5,
            min_group: int = 3) -> Iterator[Window]:
    """Every window of whole groups whose digit count is in ``lengths``.

    A grouped window has at most ``max_groups`` groups, each of at least ``min_group`` digits
    (a table of small numbers is not an identifier written in groups) — unless every group is a
    single digit (a number spaced out digit by digit, as OCR and PDF extraction give it).
    """
    longest = max(lengths)
    for m in RUN.finditer(text):
        groups = [(g.start() + m.start(), g.end() + m.start(), g.group(0)) for g in _GROUP.finditer(m.group(0))]
        if groups[-1][2] in "Xx" and len(groups) > 1:  # a check character written apart: 6530… 031 X
            s, _, digits = groups[-2]
            groups[-2:] = [(s, groups[-1][1], digits + groups[-1][2])]
        for i in range(len(groups)):
            digits, sizes = "", []
            singles = 0  # the groups from i that are one digit each (a run spaced out, then maybe others)
            while i + singles < len(groups) and singles < 19 and (
                    len(groups[i + singles][2]) == 1 or (len(groups[i + singles][2]) == 2 and groups[i + singles][2][1] in "Xx")):
                singles += 1
            tabs = set()  # whether a tab parts each pair of groups: a tab among spaces parts two cells
            for j in range(i, min(len(groups), i + max(singles, max_groups))):
                spaced_out = j - i < singles
                if j > i:
                    tabs.add("\t" in text[groups[j - 1][1]:groups[j][0]])
                    if len(tabs) > 1:
                        break  # 6000⇥6217 5995…: an amount's cell and a card's, not one number
                digits += groups[j][2]
                sizes.append(len(groups[j][2]))
                if len(digits) > longest:
                    break
                if "X" in digits[:-1].upper():
                    break
                if len(digits) in lengths and (len(sizes) == 1 or min(sizes) >= min_group
                                               or spaced_out):  # 1 3 9 0 …: spaced digit by digit
                    yield Window(digits.upper(), groups[i][0], groups[j][1], tuple(sizes))


def label_before(text: str, start: int, pattern: re.Pattern, reach: int = 12) -> bool:
    """Whether a label (身份证号：, 手机：…) stands right before ``start`` (only punctuation and
    spaces between, or a correction's verb: 身份证号更正为…, within ``reach`` characters, a bracketed
    remark not counted)."""
    before = text[max(0, start - reach - 12):start]
    matches = list(pattern.finditer(before))
    if not matches:
        return False
    m = matches[-1]
    between = _REMARK.sub("", before[m.end():])  # 信用代码（经营者手填）：…
    if m.end() - m.start() + len(between) > reach:
        return False
    return re.fullmatch(r"(?:更正|变更|修改|改|应|[\s:：为是)）\]】\"“”'’、,，#＃.号码])*", between) is not None


#: The label of another document's number (贷款合同号：, 居住证号, 批次号…): a number right after it is
#: that document's, not a card or an old ID.
OTHER_DOCUMENT = re.compile(r"(?:合同编号|合同号|居住证号|许可证号|证书号|执照号|登记号|档案号|编号|流水号|批次号|订单号|运单号|"
                            r"发票号|凭证号|单号|代码|工号)码?[\s:：为是]*$")
_REMARK = re.compile(r"[（(][^（()）\n\d]{1,10}[)）]")


#: A name's note in brackets between it and its number: 某某（满族）6217…, 某某(母亲) 139….
_NOTE = re.compile(r"[（(][^（()）\d\n]{1,6}[)）]")


def after_name(text: str, start: int, names: list) -> bool:
    """Whether a number starting at ``start`` stands right after one of ``names`` in its row (乌兰  6523…,
    某某｜6228…, 某某：6228…): at most four characters of spaces, a comma, a colon or a bar between them,
    besides a note in brackets (an ethnicity, a kinship)."""
    def gap(n) -> str:
        note = _NOTE.match(text, n.end)
        return text[note.end() if note else n.end:start]
    return any(0 <= start - n.end <= 12 and len(g := gap(n)) <= 4 and not g.strip(" \t\u3000,，｜|：:") for n in names)
