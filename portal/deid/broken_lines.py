"""Names a line break cut in two (熊⏎晓峰, 毛 秀⏎芝, 某⏎某某某·某某某, 司机某⏎某某): where the views of
:mod:`portal.deid.normalize` join a line's end to the next line's start, and the names a name's place
vouches for whatever the recognisers make of the joined text.
"""

from __future__ import annotations

import functools
import re

from portal import segmentation
from portal.deid import syllable_names
from portal.deid.name_forms import is_han, looks_like_name
from portal.deid.name_lexicon import (
    ANCHOR_RE,
    COMMON,
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    NOT_IN_GIVEN_NAME,
    ROLE_TAILS,
    SURNAMES,
    TRANSLIT,
    WORDY_SURNAMES,
)
from portal.deid.name_values import dictionary
from portal.deid.not_names import FORM_WORDS

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

#: A line's last word, where a name may begin (9 王 / 寄：邱 晓 / 2 买): one character, or up to
#: three spaced apart, after the line's start, a space, a number, a colon or a list separator.
_BROKEN_HEAD = re.compile(rf"(?:^|(?<=[ \t\u30000-9.．、：:，,；;（(]))(?P<w>[{_CJK}](?: [{_CJK}]){{0,2}}|[{_CJK}]{{2}})[ \t]*$", re.M)
#: …or a compound surname ending the line after a word (来宾司徒⏎景行).
_BROKEN_COMPOUND = re.compile(rf"(?P<w>{'|'.join(COMPOUND_SURNAMES)})[ \t]*$")
#: A line that is one letter-spaced name of three letters or more, whole.
_WHOLE_SPACED = re.compile(rf"[ \t]*[{_CJK}](?: [{_CJK}]){{2,}}[ \t]*")

#: What closes a name's given part after a line break: a cell's or a list's edge, or a conjunction.
_NAME_CLOSED = " \t\u3000\n、，,；;和与及"
#: …and, in prose, a word that follows a person's name (某⏎某某代他签…, 某⏎某某因病…, 某⏎某某说…).
_PROSE_AFTER = "代因说申签向把将已也都"
#: The next line's first word, where the name ends (桂英 女 / 兰 15.3亩 / 买提·吐送，/ 罕默德⇥ / 满 仓 /
#: 凡英的…), letter-spaced or not (letter-spaced: all its letters; else the shortest that ends at a
#: cell's or a list's edge, or before 的; two letters or more before a word of prose after a name).
_BROKEN_TAIL = re.compile(rf"[ \t]*(?P<w>(?:[{_CJK}](?: [{_CJK}]){{1,3}}|[{_CJK}]{{1,5}}?)(?:[·][{_CJK}]{{1,8}})?)"
                          rf"(?=$|[^{_CJK}·]|[等和与及的]|(?<=[{_CJK}]{{2}})[{_PROSE_AFTER}])")
#: …and after a surname alone, a given name's two letters spaced apart, the last glued to the words
#: after it (员工某⏎某 某今天…).
_GLUED_SPACED_TAIL = re.compile(rf"[ \t]*(?P<w>[{_CJK}] [{_CJK}])(?=[{_CJK}])")


def _two_broken(word: str, text: str, end: int, tags: dict) -> bool:
    """A two-character name a line break cut after its surname (韩⏎蕾 女, （苏⏎静）): no word of the
    dictionary, the given name a character names use, and a cell's end or a bracket after it."""
    return (len(word) == 2 and word[0] in SURNAMES and word[1] not in NOT_IN_GIVEN_NAME and word not in tags
            and (end == len(text) or text[end] in _NAME_CLOSED + "）)（("))


#: Where a name is written: after a colon or a tab, or after a post (司机某⏎某), …
_SLOT_BEFORE = re.compile(r"[：:\t]$")


#: …or after a row's number opening the line (3 某⏎某某 800.00: a numbered roster's row).
_ROW_NUMBER = re.compile(r"[ \t]*[0-9]{1,3}[ \t.、．]+")


def _in_slot(text: str, start: int) -> bool:
    return bool(_SLOT_BEFORE.search(text, max(0, start - 1), start)) or bool(
        ANCHOR_RE.search(text, max(0, start - 12), start)) or bool(
        _ROW_NUMBER.fullmatch(text, text.rfind("\n", 0, start) + 1, start))


#: A surname alone ending a line right after a post (吊车司机某⏎某): the head of a broken name.
_SURNAME_END = re.compile(rf"(?P<w>[{_CJK}])[ \t]*$")


#: Last characters of a role's word before a surname (伤者|某, 加工户|某, 包装工|某; a grower, a craftsman).
_ROLE_END = set(ROLE_TAILS + "农匠")


def _post_surname(text: str, start: int, newline: int):
    m = _SURNAME_END.search(text, start, newline)
    if not (m and m.group("w") in SURNAMES | WORDY_SURNAMES and m.start("w") > start
            and (ANCHOR_RE.search(text, max(start, m.start("w") - 12), m.start("w"))
                 or text[m.start("w") - 1] in _ROLE_END)):
        return None
    # the surname a word of its own, not the end of the post's word (高级会计|师 is 会计师)
    last = list(segmentation.jieba().cut(text[max(start, m.start("w") - 6):m.end("w")], HMM=False))[-1]
    return m if last == m.group("w") else None


def _broken_how(head: str, tail: str, text: str, tail_start: int, freq, tags, slot: bool = False) -> str | None:
    """How a line's last letters ``head`` and the next line's first word ``tail`` make one name:
    ``"whole"`` (熊⏎晓峰, 某⏎某某某·某某某), ``"two"`` (one letter each side: 韩⏎蕾 女, 格⏎桑) or None.
    ``slot``: the head stands where a name is written (after a colon, a tab or a post)."""
    word, ending = head + tail.replace(" ", ""), tail.replace(" ", "")
    given = slot and len(head) == 1 and head in SURNAMES | WORDY_SURNAMES and len(ending) == 2 and set(ending) <= GIVEN_CHARS \
        and (tail_start + 2 == len(text) or text[tail_start + 2] in _NAME_CLOSED + "（(的" + _PROSE_AFTER)
    if len(ending) >= 2 and (freq.get(ending) or 0) >= COMMON and not tags.get(ending, "nr").startswith("nr") \
            and head not in COMPOUND_SURNAMES and " " not in tail and not given:
        # 王⏎主任: the line goes on with a word of its own (not a rare one, nor letters spaced apart; but
        # 结果：帅⏎国庆 合格 — a surname in a name's place, two characters of given names, then the cell's end)
        return None
    dotted = "·" in word
    sounds = not dotted and len(head) == 1 and set(word) <= TRANSLIT and 4 <= len(word) <= 7
    if (dotted and set(head) <= TRANSLIT) or sounds or given or (not dotted and looks_like_name(word) and 3 <= len(word) <= 4) \
            or (len(word) >= 4 and syllable_names.of_syllables(word)):  # 洛⏎桑 丹 增
        return "whole"
    if len(ending) != 1 or len(head) != 1:
        return None  # one letter each side only (not 现金⏎宿: a word, then a name's surname)
    pair = head[-1] + ending[0]
    end = tail_start + 1
    if _two_broken(pair, text, end, tags) or (pair in syllable_names.PAIRS and (
            end == len(text) or text[end] in " \t\u3000\n）)、，,；;")):
        return "two"
    return None


#: A given name of two characters opening a line, then a bracket or punctuation: the name ends there.
_PROSE_TAIL = re.compile(rf"([{_CJK}]{{2}})(?=[（(，,。；;：:、\t ]|$)")


def _prose_break(text: str, line_start: int, newline: int, freq) -> int | None:
    """Where a name ends that a line of prose broke after its surname (兹证明邱⏎静怡（…）): the surname
    the line's last character after another character, the next line's first two characters a given
    name no dictionary knows as a word, closed by a bracket or punctuation."""
    if newline - line_start < 8 or text[newline - 1] not in SURNAMES or not is_han(text[newline - 2]) \
            or (freq.get(text[newline - 2:newline]) or 0):
        return None  # a line of prose, not a list's name (某某某江⏎…) nor a word's end (名单⏎…)
    tail = _PROSE_TAIL.match(text, newline + 1)
    if not tail or (freq.get(tail.group(1)) or 0):
        return None
    word = text[newline - 1] + tail.group(1)
    return tail.end() if looks_like_name(word) and not set(tail.group(1)) & NOT_IN_GIVEN_NAME else None


#: A break with a space on each side (某 ⏎ 某某…): a page's extraction broke the line inside a run of
#: text, as a PDF's does — where a surname (or a name's sounds) ends the line, inside a name.
_SPACED_BREAK_HEAD = re.compile(rf"(?<![{_CJK}] )(?P<w>[{_CJK}]{{1,2}}) +$")
_SPACED_BREAK_TAIL = re.compile(rf" +(?P<w>[{_CJK}]{{1,8}})(?! [{_CJK}])")


#: A surname (a compound one, or one glued to the word before it) and a given name's first letter one
#: space apart ending a line, the given name's second letter opening the next (新员工某某 某⏎某入职…).
_SPLIT_GIVEN_HEAD = re.compile(rf"(?:(?P<c>{'|'.join(COMPOUND_SURNAMES)})|(?<=[{_CJK}])(?P<s>[{_CJK}])) (?P<g>[{_CJK}])$")


def _split_given(text: str, start: int, newline: int) -> tuple[int, int, int] | None:
    """The name (start, the next line's first letter, end) whose given name a break split after a
    spaced surname: the next line's first letter closes it before a word of prose or an edge."""
    head = _SPLIT_GIVEN_HEAD.search(text, start, newline)
    if not head or (head.group("s") and head.group("s") not in SURNAMES) or newline + 1 >= len(text):
        return None
    last, after = text[newline + 1], text[newline + 2:newline + 3]
    if head.group("g") not in GIVEN_CHARS or last in NOT_IN_GIVEN_NAME or not is_han(last) \
            or (after and is_han(after) and after not in _PROSE_AFTER + "在是入"):
        return None
    return head.start(), newline + 1, newline + 2


def _spaced_break(text: str, start: int, newline: int, freq, tags) -> tuple[int, int, int] | None:
    """The name (start, the next line's first letter, end) a break with a space on each side cut after
    its surname — the given name the next line's first letters up to the next word (某 ⏎ 某某确认…,
    某某 ⏎ 某反映…) — or after a name's first sounds (某某 ⏎ 某某某 电话)."""
    head = _SPACED_BREAK_HEAD.search(text, start, newline)
    tail = _SPACED_BREAK_TAIL.match(text, newline + 1)
    if not (head and tail):
        return None
    w, run = head.group("w"), tail.group("w")
    if len(w) == 2 and set(w) <= TRANSLIT and w not in COMPOUND_SURNAMES:
        sounds = len(run) - len(run.lstrip("".join(TRANSLIT)))
        return (head.start("w"), tail.start("w"), tail.start("w") + len(run)) if 2 <= len(run) <= 4 and sounds == len(run) \
            else None
    h = w if w in COMPOUND_SURNAMES else w[-1]
    if h not in SURNAMES | WORDY_SURNAMES and h not in COMPOUND_SURNAMES:
        return None
    words = list(segmentation.jieba().cut(run[:6], HMM=False))
    first = words[0]
    if len(first) == 1:
        # two single letters before the next word make the given name (某 ⏎ 某某|确认), one before a word (某 ⏎ 某|确认)
        two = len(words) > 1 and len(words[1]) == 1 and words[1] not in _PROSE_AFTER + "的了在是和与及"
        given = run[:2] if two else run[:1]
    elif len(first) == 2 and ((freq.get(first) or 0) < COMMON or (tags.get(first) or "").startswith("nr")):
        given = first
    else:
        return None
    if set(given) & NOT_IN_GIVEN_NAME:
        return None
    return head.end("w") - len(h), tail.start("w"), tail.start("w") + len(given)


#: Two or three letters spaced apart ending a line, glued to the word before them (收到某 某 某⏎…), and
#: one letter glued to the next line's words (…⏎某交来…).
_SPACED_END = re.compile(rf"(?<=[{_CJK}])[{_CJK}](?: [{_CJK}]){{1,2}}$")
#: A line opened by a speaker or a field and its colon (某某某：…).
_OPENS_WITH_COLON = re.compile(rf"[{_CJK}·]{{2,4}}[：:]")


def _spaced_join(text: str, start: int, newline: int) -> set[int] | None:
    """The characters to take out (the break and the spaces of the letters before it) where a letter-
    spaced run of a name's size goes on over a line break into the next line's words: the joined view
    reads it closed up, and the recognisers decide whether it is a name."""
    end = _SPACED_END.search(text, start, newline)
    after = text[newline + 1:newline + 3]
    if end and len(after) == 2 and is_han(after[0]) and is_han(after[1]) and not _OPENS_WITH_COLON.match(text, newline + 1):
        return {i for i in range(end.start(), newline) if text[i] == " "} | {newline}
    return None


def slot_broken(text: str) -> list[tuple[int, int]]:
    """The names (start, end in ``text``) that a line break cut after the surname where a name is
    written — after a colon, a tab or a post (吊车司机某⏎某, 结果：某⏎某某 合格, 另付：某⏎某某、…) — or
    in a letter-spaced name (某 ⏎ 某 某): the place or the spacing and the shape together make them
    names, whether or not a recogniser reads the joined view."""
    return [(a, b) for a, b, slot in _scan(text)[2] if slot] if "\n" in text else []


def broken_names(text: str) -> tuple[set[int], set[int]]:
    """The line breaks (with the spaces about them) inside a name that a line break cut in two:
    the end of one line and the start of the next make a name's shape together (熊⏎晓峰, 毛 秀⏎芝,
    某⏎某某某·某某某), and neither is a word with the other.  Also where each such name ends (the
    space after it separates it from the next cell: 郝 明⏎远 县财政局)."""
    removed, ends, _ = _scan(text)
    return set(removed), set(ends)


@functools.lru_cache(maxsize=16)
def _scan(text: str) -> tuple[frozenset[int], frozenset[int], tuple[tuple[int, int, bool], ...]]:
    """:func:`broken_names`'s breaks and ends, and each name joined (start, end, written where a name is),
    once per text (the views and the slot reader ask for the same text)."""
    joined: list[tuple[int, int, bool]] = []
    removed, ends = _broken_names(text, joined)
    return frozenset(removed), frozenset(ends), tuple(joined)


#: A line opening with a short word and its colon (借用：…, 前台：…).
_LABEL_LINE = re.compile(r"([\u4e00-\u9fff]{2,4})[：:]")


def _label_line(text: str, start: int, tags: dict) -> bool:
    """Whether the line at ``start`` opens with a word the dictionary knows, not as a name, and a colon
    (a chat's speaker whose name a wrap broke, 某⏎某某：…, opens with no such word)."""
    m = _LABEL_LINE.match(text, start)
    return bool(m) and not (tags.get(m.group(1)) or "nr").startswith("nr")


def _broken_names(text: str, joined: list) -> tuple[set[int], set[int]]:
    """:func:`broken_names`, each name joined appended to ``joined``."""
    freq, tags = dictionary()
    removed: set[int] = set()
    ends: set[int] = set()
    start = taken = 0
    while True:
        newline = text.find("\n", start)
        if newline < 0:
            return removed, ends
        head = _BROKEN_HEAD.search(text, max(start, taken), newline) \
            or _BROKEN_COMPOUND.search(text, max(start, taken), newline) or _post_surname(text, max(start, taken), newline)
        tail = _BROKEN_TAIL.match(text, newline + 1)
        if head and len(head.group("w")) == 1:
            tail = _GLUED_SPACED_TAIL.match(text, newline + 1) or tail
        prose = None if head else _prose_break(text, start, newline, freq)
        line, start = text[start:newline], newline + 1
        next_end = text.find("\n", start)
        if _WHOLE_SPACED.fullmatch(line) and _WHOLE_SPACED.fullmatch(text[start:next_end if next_end >= 0 else len(text)]):
            continue  # 某 某 某 某⏎某 某 某: a letter-spaced name on each line, a list one per line
        if prose:
            removed.add(newline)  # 兹证明邱⏎静怡（…）: a surname ending a line of prose, its given name opening the next
            ends.add(prose)
            continue
        spaced_break = _spaced_break(text, newline - len(line), newline, freq, tags) \
            or _split_given(text, newline - len(line), newline)
        if spaced_break:
            name_start, tail_start, name_end = spaced_break
            joined.append((name_start, name_end, True))
            removed.update(range(newline - (len(line) - len(line.rstrip(" "))), tail_start))
            ends.add(name_end)
            taken = name_end  # (the next line's head no letter of this name: 某某 某⏎某⏎…)
            continue
        if not head or not tail:
            removed.update(_spaced_join(text, newline - len(line), newline) or ())
            continue
        w, t = head.group("w"), tail.group("w")
        if t.replace(" ", "")[:2] in FORM_WORDS or t.replace(" ", "")[:3] in FORM_WORDS or _label_line(text, start, tags):
            continue  # 某 某 某⏎性 别 女, 某某⏎借用：: the next line opens with a field's label, no given name
        # the head's last letters, from all of them (号 冉⏎玉 环: 号 is the row's, not the name's), and the
        # tail's first, letter-spaced ones from all of them (罗 振⏎宇 评 价…: the name ends at 宇)
        tails = [t[:k] for k in range(len(t), 0, -2)] if " " in t and "·" not in t else [t]
        how, slot = None, False
        for h_cut, t_part in ((c, p) for c in range(0, len(w), 2) for p in tails):
            h, h_start = w[h_cut:], head.start("w") + h_cut
            if len(h) == 2 and h not in COMPOUND_SURNAMES and (freq.get(h) or 0) >= COMMON \
                    and not tags.get(h, "nr").startswith("nr"):
                continue  # 包装⏎某 某 某: a word ending the line (a cell's), not a name's first two letters
            slot = _in_slot(text, h_start)
            how = _broken_how(h.replace(" ", ""), t_part, text, tail.start("w"), freq, tags, slot=slot)
            if how:
                break
        if how:
            end = tail.start("w") + (len(t_part) if how == "whole" else 1)
            # (a name's place vouches only for a surname alone at the line's end and a given name of Han
            # letters closed by the cell's or the sentence's edge: not 方量⏎甘D-…, a header and a plate)
            sure = (h in SURNAMES | WORDY_SURNAMES or h in COMPOUND_SURNAMES) and not re.match(r"[0-9A-Za-z]", text[end:end + 1])
            # (…and so does a letter-spaced name broken after its surname, 某 ⏎ 某 某: the spacing runs on)
            # (the head no letter of a spaced run on its line, 审 批 单⏎…, the tail's run ending there)
            tail_end = tail.start("w") + len(t_part)
            spaced = len(h) == 1 and how == "whole" and " " in t_part \
                and not re.search(rf"[{_CJK}] $", text[max(0, h_start - 2):h_start]) \
                and not re.match(rf" [{_CJK}]", text[tail_end:tail_end + 2])
            joined.append((h_start, end, (slot or spaced) and sure))
        if not how:
            removed.update(_spaced_join(text, newline - len(line), newline) or ())
        elif how == "whole":
            removed.update(range(h_start + len(h), tail.start("w")))
            removed.update(h_start + i for i, c in enumerate(h) if c == " ")
            removed.update(tail.start("w") + i for i, c in enumerate(t_part) if c == " ")
            ends.add(tail.start("w") + len(t_part))
        elif how == "two":
            removed.update(range(h_start + len(h), tail.start("w")))  # 第3名 韩⏎蕾 女: one letter each side
            ends.add(tail.start("w") + 1)
