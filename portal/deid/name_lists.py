"""姓名 — names standing among names: the other items of a list (on one line or one per line), the
column under a person's heading, and the same cell of rows shaped alike.  Part of
:mod:`portal.deid.name_slots`; each value is judged by :mod:`portal.deid.name_values`.
"""

from __future__ import annotations

import re

from portal.deid.name_lexicon import TABLE_HEADERS
from portal.deid.name_values import (
    DOTS,
    HAN,
    KIND,
    LABEL,
    LABEL_END,
    SEED_AT,
    SURE,
    UNSURE,
    judge,
    name_shaped,
)
from portal.deid.spans import Span, span_at
from portal.deid.table_columns import row_cells


def _others_among_names(text: str, run: list[tuple[int, int]], exact: set[tuple[int, int]],
                        why: str) -> list[Span]:
    """The items of a list of three or more that are not names yet, when two of them at least (and
    at least half the others' number) are."""
    named = sum(1 for item in run if item in exact)
    if len(run) < 3 or named < 2 or 2 * named < len(run) - named:
        return []
    out = []
    # the separator the names are listed with (the one before most named items after the first)
    seps = [text[s - 1] for s, e in run[1:] if (s, e) in exact] or [text[run[1][0] - 1]]
    list_sep = max(sorted(set(seps), key=lambda c: c != "、"), key=seps.count)  # (a tie: the 、 lists)
    # items listed with 、 are a list as far as the 、 go on: what a comma parts from the named ones is
    # the sentence's other part (经比对，某某、某某…)
    chunk, chunks = 0, []
    for k, (s, _e) in enumerate(run):
        gap = text[run[k - 1][1]:s] if k else ""
        chunk += k > 0 and list_sep in "、/／" and any(c in "，,；;" for c in gap)
        chunks.append(chunk)
    named_chunks = {c for c, item in zip(chunks, run, strict=True) if item in exact}
    for (s, e), c in zip(run, chunks, strict=True):
        if c not in named_chunks:
            continue
        if _DOCUMENT.search(text, s, e):
            continue  # 代驾订单 above the lines of its fields: the form's heading
        if text[s - 1] != list_sep and text[s - 1] in "，,；;" and list_sep in "、/／":
            continue  # 张三、李四、王五，补贴面积…: a comma after names listed with 、 starts the sentence's next part
        confidence = judge(text[s:e], among_names=True) if (s, e) not in exact else None
        if confidence is not None:
            out.append(span_at(KIND, text, s, e, confidence, why))
    return out


#: What a form's heading ends in (…订单, …登记表, …名单): never a person's name.
_DOCUMENT = re.compile(r"(?:单|表|册|簿|记录|登记|通知|证明|协议|合同|汇总|台账|明细|公示|说明|报告|申请|凭证|收据)$")
_SEGMENT = re.compile(r"[^\n。：:]+")
#: An item of a list: up to its separator, a letter-spaced name taken whole (居 然、房 超、…).
_ITEM = re.compile(r"(?:[" + HAN + r"](?: [" + HAN + r"]){1,5}(?![" + HAN + r"])|[^、，,／/；; \t\u3000—])+")
#: A count of the people listed, written after the last of them (…、某某三人, …、某某等4人; not 人口4人).
_COUNT_AFTER = re.compile(r"(?:等[0-9]{1,2}|等?[两二三四五六七八九十])[人名位]$")
_PAREN_LIST = re.compile(r"[（(]([^（()）\n]*[、，,][^（()）\n]*)[)）]")
_PAREN = re.compile(r"[（(][^（()）\n]{0,30}[)）]")


def _items(segment: str, offset: int) -> list[tuple[int, int]]:
    """The items of a list written in one segment, without their parentheses (张三（女）、李四等).
    An item with words after its parenthesis (…（高级工程师）组成) ends the list: it is returned as
    an empty item."""
    cleaned = _PAREN.sub(lambda p: "\x00" * len(p.group(0)), segment)
    out = []
    for m in _ITEM.finditer(cleaned):
        start, end = m.start(), m.end()
        piece = cleaned[start:end]
        if "\x00" in piece:
            if piece.rstrip("\x00") != piece.split("\x00", 1)[0]:
                out.append((offset + start, offset + start))
                continue
            end = start + piece.index("\x00")
        count = _COUNT_AFTER.search(cleaned, start, end)
        if count and count.start() - start >= 2:
            end = count.start()
        if cleaned[end - 1] == "等" and end - start > 2:
            end -= 1
        if cleaned[start] in "和及" and end - start > 3:
            start += 1
        label = re.match(LABEL, cleaned[start:end])
        if label and end - start - label.end() >= 2:  # 实习生|某某: the item's label is no part of it
            start += label.end()
        out.append((offset + start, offset + end))
    return out


def _snapped(text: str, items: list[tuple[int, int]], exact: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items narrowed to the name found at their end or their start: the first item of a list begins
    with the sentence's words (感谢好友某某、…), the last one ends with them (…、某某的帮助)."""
    out = []
    for s, e in items:
        # (only beside a 、, and only where two characters at least are left: 孟庆|和 is the name whole)
        first = next(((a, b) for a, b in exact if b == e and s + 2 <= a < e and text[e:e + 1] == "、"), None)
        last = next(((a, b) for a, b in exact if a == s and s < b <= e - 2 and text[s - 1:s] == "、"), None)
        # the list begins with the first and ends with the last (…、某某家拾棉苗、铺滴灌带: not one of them)
        out += [(s, s), first] if first else [last, (e, e)] if last else [(s, e)]
    return out


def _short_runs(text: str, items: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Consecutive items short enough to be names (2 to 14 characters, no digits): the lists in a
    sentence that goes on about something else (张三、李四、王五，补贴标准每户1,200元)."""
    runs, current = [], []
    for s, e in items:
        if 2 <= e - s <= 14 and not any(c.isdigit() for c in text[s:e]):
            current.append((s, e))
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def lists_and_rows(text: str, names: list[Span]) -> list[Span]:
    """Other items of a list holding two names or more (at least half its items), and the same
    cell of rows shaped like a row whose cell holds a name (努尔兰江 12亩 … / 建设 8亩 …)."""
    exact = {(s.start, s.end) for s in names if s.confidence >= SEED_AT}
    out = []
    segments = [(seg.group(0), seg.start()) for seg in _SEGMENT.finditer(text)]
    segments += [(p.group(1), p.start(1)) for p in _PAREN_LIST.finditer(text)]  # 未回复3人（甲、乙、丙）
    for segment, offset in segments:
        for run in _short_runs(text, _snapped(text, _items(segment, offset), exact)):
            out += _others_among_names(text, run, exact, "与其他姓名并列的姓名")
    # an item holding a name put to the reviewer is built around a name too (it counts, it lifts)
    weak = {(s.start, s.end) for s in names if UNSURE <= s.confidence < SEED_AT}
    out += _vertical_lists(text, exact) + _headed_columns(text) + _parallel_items(text, exact, weak)
    offset, rows = 0, []
    for line in text.split("\n"):
        # a line of prose (it ends sentences) is no row of a table
        # (nor is a form's line: 住房 : 自建房 …)
        rows.append([] if "。" in line or re.search(r"[：:](?:[ \t\u3000]|$)", line)
                    else [(offset + s, offset + e) for s, e in row_cells(line, by_spaces=True)])
        offset += len(line) + 1
    shapes = [[any(c.isdigit() for c in text[s:e]) for s, e in cells] for cells in rows]
    for i, cells in enumerate(rows):
        columns = [k for k, cell in enumerate(cells) if cell in exact]
        if len(cells) < 3 or not columns:  # two cells are a form's field and its value, not a table's row
            continue
        for j in range(max(0, i - 12), min(len(rows), i + 13)):
            other = rows[j]
            if j == i or len(other) < 3:
                continue
            for k in columns:
                # the same cells up to the name's, figures where figures stand (what follows may differ:
                # a row without a phone, one whose payment was not made)
                if shapes[j][:k + 1] != shapes[i][:k + 1]:
                    continue
                s, e = other[k]
                if (s, e) not in exact:
                    confidence = judge(text[s:e], among_names=True)
                    if confidence is not None:
                        out.append(span_at(KIND, text, s, e, confidence, "与姓名同列的姓名"))
    return out


_HAN_RUN = re.compile(r"[" + HAN + r"][" + HAN + re.escape(DOTS) + r"]{1,9}")
_FIGURES = re.compile(r"[0-9０-９][0-9０-９ \u3000\-—－.,:：+()（）/]*")


def _shape(piece: str) -> str:
    """What a piece of an item is made of, figures and brackets' contents set aside: 第0周, 0票."""
    piece = _PAREN.sub("", piece)
    return re.sub(r"[ \t\u3000。．.，,、]", "", _FIGURES.sub("0", piece))


_NUMBER_MARK = re.compile(r"(?<![\d.．])\d{1,2}[.、．)）](?!\d)")


def _lead(piece: str) -> str:
    """The words and figures right before an item's name, after a heading or a sentence before the list
    (周一 and 周三 alike: numerals in words count as figures)."""
    return re.sub("[一二三四五六七八九十]", "0", _shape(re.split(r"[：:。！？]", piece)[-1]))[-2:]


def _tail(piece: str, coarse: bool) -> str:
    """What follows an item's name: its first two marks, or (one item per line, what follows may be
    anything) only whether a figure, a mark or a word comes first."""
    shape = _shape(piece)
    if not coarse:
        return shape[:2]
    return "H" if shape[:1] and "\u4e00" <= shape[0] <= "\u9fff" else shape[:1]


def _parallel_items(text: str, exact: set[tuple[int, int]], weak: set[tuple[int, int]] = frozenset()) -> list[Span]:
    """Items of a list that are built alike around a name (某某 612元；某某 487元；…, 第2周 某某；第3周
    某某, 周一某某，周二某某 (or 、, or cells parted by two spaces), or one per line: 某某：无犯罪记录 / 某某：…): where two items at least, and
    at least half of them, hold a name between the same words and figures, the word in that place of
    another item is put to :func:`judge` as one among names."""
    out, offset, block = [], 0, []
    for line in text.split("\n") + [""]:
        items = [(offset + m.start(), offset + m.end()) for m in re.finditer(r"[^；;]+", line)]
        if len(items) < 3:  # 1.某某 186分 2.某某 172分 3.…: numbered on one line
            marks = list(_NUMBER_MARK.finditer(line))
            ends = [m.start() for m in marks[1:]] + [len(line)] if marks else []
            items = [(offset + a.end(), offset + b) for a, b in zip(marks, ends, strict=True)]
        if len(items) < 3:
            items = [(offset + m.start(), offset + m.end()) for m in re.finditer(r"[^，,]+", line)]
        if len(items) < 3:  # 周一某某、周二某某、…
            items = [(offset + m.start(), offset + m.end()) for m in re.finditer(r"[^、]+", line)]
        if len(items) < 3:  # 周一 某某  周二 某某  …: cells parted by two spaces or more, or tabs
            items = [(offset + m.start(), offset + m.end()) for m in re.finditer(r"(?:[^ \t\u3000]|[ \u3000](?![ \t\u3000]))+", line)]
        if len(items) >= 3:
            out += _alike(text, items, exact, weak, coarse=False)
        if line.strip():
            block.append((offset, offset + len(line)))
        else:
            if len(block) >= 3:
                out += _alike(text, block, exact, weak, coarse=True)
            block = []
        offset += len(line) + 1
    if len(block) >= 3:
        out += _alike(text, block, exact, weak, coarse=True)
    return out


def _alike(text: str, items: list[tuple[int, int]], exact: set[tuple[int, int]], weak: set[tuple[int, int]],
           coarse: bool) -> list[Span]:
    """The names in the other ``items`` where two named items at least share what stands around their
    name (a name put to the reviewer, ``weak``, counts too, and its item is read again)."""
    named, runs, sure, candidates = {}, [], False, exact | weak
    for s, e in items:
        found = sorted((a, b) for a, b in candidates if s <= a and b <= e)
        if found:
            a, b = found[0]
            named[(s, e)] = (_lead(text[s:a]), _tail(text[b:e], coarse))
            sure = sure or found[0] in exact
        if not found or (found[0] in weak):
            runs.append((s, e))
    if not sure:
        return []  # names put to the reviewer alone (a chat's nicknames) lift nothing
    # at least half the items named — or a third where each name is led alike (周一 某某  周二 …)
    led = len({key[0] for key in named.values()}) == 1 and next(iter(named.values()))[0] != ""
    if len(named) < 2 or 2 * len(named) < len(items) and not (led and 3 * len(named) >= len(items)):
        return []
    keys, out = list(named.values()), []
    for s, e in runs:
        # the first place in the item where a run of characters stands between the same words (周三|某某)
        for k in range(s, e):
            m = _HAN_RUN.match(text, k, e)
            if not m:
                continue
            key = (_lead(text[s:k]), _tail(text[m.end():e], coarse))
            if keys.count(key) - (named.get((s, e)) == key) >= 2:  # two other items alike
                # the shape of a name too (a surname first, or sounds): 档案盒 in that place is a thing
                confidence = judge(m.group(0), among_names=True) if name_shaped(m.group(0)) else None
                if confidence is not None:
                    out.append(span_at(KIND, text, m.start(), m.end(), confidence, "与其他姓名同样列举的姓名"))
                break
    return out


_LINE_ITEM = re.compile(r"^[ \t\u3000]*(?:\d{1,3}[.、．)）][ \t\u3000]*)?(?:[0-9][0-9:\-/.年月日 \t]{3,18}[ \t\u3000]*)?"
                        r"(?:[" + HAN + r"]{1,6}[：:][ \t\u3000]*)?(?P<v>[" + HAN + r"][" + HAN + re.escape(DOTS)
                        + r"]{1,13})(?:[（(][^（()）\n]{0,20}[)）])?[ \t\u3000]*$")


def _vertical_lists(text: str, exact: set[tuple[int, int]]) -> list[Span]:
    """One item per line (乔某（团结乡）/ 格某（牧业乡）/ …), after a date or a short label if the lines
    have one (2025-08 新增：某某（…）): three lines or more, two of them names."""
    out, run, offset = [], [], 0
    for line in text.split("\n") + [""]:
        m = _LINE_ITEM.match(line)
        if m:
            run.append((offset + m.start("v"), offset + m.end("v")))
        else:
            out += _others_among_names(text, run, exact, "与其他姓名逐行并列的姓名")
            run = []
        offset += len(line) + 1
    return out


#: A person's column in a system's export (人脸识别考勤机, 门禁, HR): the heading in English.
_LATIN_HEADERS = {"name", "full name", "fullname", "username", "user name", "employee", "employee name", "staff",
                  "payee", "recipient", "contact", "holder", "account name", "applicant", "member"}
_LATIN_NAME = re.compile(r"[A-Z][a-z]{2,}(?:[ .\-][A-Z][a-zA-Z]{1,})*")


def _headed_columns(text: str) -> list[Span]:
    """The column under a person's heading (承包方, 收款人, 户主…, or Name in a machine's export) of a
    table written with tabs, bars or commas."""
    out, column, width, offset = [], None, 0, 0
    for line in text.split("\n"):
        cells = row_cells(line)
        heads = [k for k, (s, e) in enumerate(cells) if line[s:e] in TABLE_HEADERS or LABEL_END.fullmatch(line[s:e])
                 or line[s:e].lower() in _LATIN_HEADERS]
        if heads and len(cells) >= 2:
            column, width = heads[0], len(cells)
        elif column is not None and len(cells) == width:
            s, e = cells[column]
            confidence = SURE if _LATIN_NAME.fullmatch(line[s:e]) else judge(line[s:e], among_names=True)
            if confidence is not None:
                out.append(span_at(KIND, text, offset + s, offset + e, confidence, "人员栏目列中的姓名"))
        elif not cells:
            column = None
        offset += len(line) + 1
    return out
