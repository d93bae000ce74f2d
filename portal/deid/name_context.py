"""姓名 — the context of a name candidate: where list items and table cells begin and end, what a
name's neighbours look like, and table columns headed 姓名.  Used by :mod:`portal.deid.person_name`,
whose recogniser scores candidates, and the one-part Uyghur and Kazakh names right after a label or a post
(:func:`single_names`).
"""

from __future__ import annotations

import re

from portal.deid.name_forms import is_han
from portal.deid.name_lexicon import (
    ANCHOR_RE,
    ANCHOR_TAILS,
    CELL_RE,
    COMMON,
    COMPOUND_SURNAMES,
    DOT_NAME,
    ITEM_SEPARATORS,
    LABEL_RE,
    LEFT_OK,
    NOT_IN_GIVEN_NAME,
    NOT_SINGLE_NAMES,
    PLACE_SUFFIX,
    RIGHT_OK,
    SURNAMES,
    TABLE_HEADER_RE,
    TABLE_HEADERS,
    TITLE_RE,
    TRANSLIT,
    TRANSLIT_RUN,
    UNIT_PREFIX,
    VERB_RE,
    WEAK_RE,
    WEAK_TAILS,
)
from portal.deid.name_values import KIN_PREFIX


def table_names(text: str, freq) -> dict[int, tuple[float, int, str]]:
    """Tables flattened to text: a header row with a cell 姓名 (收款人, 户主…) marks a column, and
    that column of the rows below holds names (序号 姓名 单位 职务 / 1 张丽华 财政局 科长)."""
    out = {}
    if not TABLE_HEADER_RE.search(text):
        return out
    column, offset = None, 0
    for line in text.split("\n"):
        cells = [(m.start() + offset, m.group(0)) for m in CELL_RE.finditer(line)]
        offset += len(line) + 1
        if column is not None and len(cells) > column and len(cells) >= 2:
            start, cell = cells[column]
            if cell in TABLE_HEADERS or KIN_PREFIX.fullmatch(cell):
                continue  # a form's rows (申请人 某某 / 配偶 某某): the column holds field names, not names
            if name_shaped(cell, freq):
                out[start] = (0.8, start + len(cell), "表格姓名列")
            elif 2 <= len(cell) <= 4 and all(is_han(c) for c in cell) and cell not in NOT_NAME_CELLS and (
                    cell[0] in SURNAMES or cell[:2] in COMPOUND_SURNAMES or set(cell) <= TRANSLIT):
                # a word in the name column (江河, 金花): most likely a person, never certain
                out[start] = (0.45, start + len(cell), "表格姓名列中的常用词，须人工确认")
            continue
        column = next((k for k, (_, cell) in enumerate(cells) if cell in TABLE_HEADERS), None)
        if column is not None and len(cells) < 2:
            column = None
    return out


NOT_NAME_CELLS = {"合计", "小计", "总计", "备注", "签字", "签名", "代领", "本人", "空缺", "待定", "同上", "无"}


def name_shaped(cell: str, freq) -> bool:
    """A cell that can be a name: a surname and one or two characters, or transliteration, not a word."""
    if (freq.get(cell) or 0) >= COMMON:
        return False
    if DOT_NAME.fullmatch(cell) or (2 <= len(cell) <= 8 and set(cell) <= TRANSLIT):
        return True
    surname = 2 if cell[:2] in COMPOUND_SURNAMES else 1
    return (2 <= len(cell) <= surname + 2 and (cell[:surname] in SURNAMES or cell[:surname] in COMPOUND_SURNAMES)
            and all(is_han(c) and c not in NOT_IN_GIVEN_NAME for c in cell[surname:]))


def unit_before_post(cand: str, title: str) -> bool:
    """林业站站长, 卫生院院长: the candidate ends with the unit the post belongs to, it is no name."""
    post = title.lstrip("副任为等")
    return bool(post) and post[0] == cand[-1]


def ends_like_a_name(text: str, end: int) -> bool:
    """What follows a name: the end, punctuation, a list separator, a title or a verb — not 县/村 (a place)."""
    if end == len(text) or not is_han(text[end]):
        return True
    if text[end] in PLACE_SUFFIX:
        return False
    return text[end] in RIGHT_OK or bool(TITLE_RE.match(text, end)) or bool(VERB_RE.match(text, end))


def delimited(text: str, start: int, end: int) -> bool:
    """Standing as an item of a list: separators (or the line's edge) on both sides."""
    left = start == 0 or text[start - 1] in ITEM_SEPARATORS + LEFT_OK + "\n：:（("
    right = end == len(text) or text[end] in ITEM_SEPARATORS + "\n。；;）)（(等"
    return left and right


def next_item(text: str, end: int) -> int | None:
    """Where the next item of a list starts after a name ending at ``end`` (skipping a parenthesis)."""
    j = end
    if j < len(text) and text[j] in "（(":
        close = _PAREN_TAIL.match(text, j + 1)
        if not close:
            return None
        j = close.end()
    k = j
    while k < len(text) and k - j < 3 and text[k] in ITEM_SEPARATORS:
        k += 1
    return k if k > j and k < len(text) and is_han(text[k]) else None


_PAREN_TAIL = re.compile(r"[^（()）\n]{0,60}[)）]")


def next_items(text: str, end: int) -> list[int]:
    """Where the next name of a list may start: the next item, or after the unit heading it
    (张三、县审计局李四)."""
    j = next_item(text, end)
    if j is None:
        return []
    unit = UNIT_PREFIX.match(text, j)
    if unit and unit.end() < len(text) and is_han(text[unit.end()]):
        return [j, unit.end()]
    return [j]


def unit_start(text: str, start: int) -> int:
    """Where the list item of a name starting at ``start`` begins: before a unit heading it, if any."""
    for k in range(max(1, start - 11), start - 1):
        if text[k - 1] in ITEM_SEPARATORS and UNIT_PREFIX.fullmatch(text, k, start):
            return k
    return start


def previous_item_end(text: str, start: int) -> int | None:
    """Where the previous item of a list ends before a name starting at ``start``."""
    k = start
    while k > 0 and start - k < 3 and text[k - 1] in ITEM_SEPARATORS:
        k -= 1
    if k == start or k == 0:
        return None
    if text[k - 1] in ")）":
        opening = max(text.rfind("（", max(0, k - 62), k), text.rfind("(", max(0, k - 62), k))
        return opening if opening > 0 else None
    return k


def word_before(words: dict[int, str], i: int) -> str:
    """The token that ends at ``i`` (``words`` maps each token's start to the token)."""
    for k in range(i - 1, max(-1, i - 9), -1):
        if k in words:
            return words[k] if k + len(words[k]) == i else ""
    return ""


def single_cell(text: str, start: int, end: int, freq) -> bool:
    """A sign-in sheet or signature line: a unit, a space, then a name of one part alone to the line's end
    (县审计局　乌兰)."""
    return (start > 0 and text[start - 1] in " \u3000\t" and (end == len(text) or text[end] in " \u3000\t\n")
            and end - start <= 6 and (freq.get(text[start:end]) or 0) < COMMON
            and bool(WEAK_RE.search(text, max(0, start - 14), start)))


def translit_item_before(text: str, end: int) -> int | None:
    """Where a list item of transliteration characters ending at ``end`` starts, if the item is only that."""
    j = end
    while j > 0 and end - j < 8 and text[j - 1] in TRANSLIT:
        j -= 1
    if end - j < 2 or (j > 0 and is_han(text[j - 1]) and text[j - 1] not in ITEM_SEPARATORS):
        return None
    return j


def list_item_name(text, start, end, freq, taken) -> bool:
    """A run of transliteration characters between list separators, rare in jieba's dictionary."""
    if not 2 <= end - start <= 6 or (freq.get(text[start:end]) or 0) >= COMMON:
        return False
    if any(s < end and start < e for s, e in taken):
        return False
    return text[end:end + 1] in tuple(ITEM_SEPARATORS + "\n。；;（(") or ends_like_a_name(text, end)


def single_names(text, freq, tags, words) -> dict[int, tuple[float, int, str]]:
    """Uyghur and Kazakh names of one part (热依拉, 库尔班), right after a label or a post:
    a rare run of transliteration characters that ends where a name ends, not in a place name."""
    out = {}
    for m in TRANSLIT_RUN.finditer(text):
        # the run may begin inside the anchor (邻居吐尔逊娜依: 居 transliterates too)
        if single_cell(text, m.start(), m.end(), freq):
            out[m.start()] = (0.6, m.end(), "单位后单独成项的少数民族姓名")
            continue
        for start in range(m.start(), min(m.start() + 3, m.end() - 1)):
            if start and (freq.get(text[start - 1:start + 1]) or 0) >= COMMON:
                continue  # the end of a word (人才|科): no name begins there
            before = text[max(0, start - 14):start]
            tail = set(text[max(0, start - 4):start])
            # after a label or a post, or right after a unit on its line (水管站某某某、…; WEAK_RE's $
            # would match before a line break too)
            if not ((not tail.isdisjoint(ANCHOR_TAILS) and (ANCHOR_RE.search(before) or LABEL_RE.search(before)))
                    or (text[start - 1:start] != "\n" and not tail.isdisjoint(WEAK_TAILS) and WEAK_RE.search(before))):
                continue
            for length in range(min(m.end() - start, 6), 1, -1):
                end = start + length
                word = text[start:end]
                if word in NOT_SINGLE_NAMES or (tags.get(word) or "")[:1] == "v":
                    continue  # (代买: a verb of sounds that transliterate)
                if ((freq.get(word) or 0) < COMMON or (tags.get(word) or "").startswith("nr")) \
                        and (ends_like_a_name(text, end) or (
                            end in words and (tags.get(words[end]) or "")[:1] in ("v", "d", "a"))):
                    # never leave half a name: an unknown transliterated word right after it is
                    # its other half (阿不都|热合曼|代签)
                    while end in words and words[end] and set(words[end]) <= TRANSLIT \
                            and (len(words[end]) == 1 or (freq.get(words[end]) or 0) < COMMON) \
                            and end - start + len(words[end]) <= 12:
                        end += len(words[end])
                    out[start] = (0.6, end, "前有称谓/职务，少数民族姓名")
                    break
            break
    return out
