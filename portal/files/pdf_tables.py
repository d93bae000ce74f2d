"""Tables of a PDF read by their layout: text placed in the cells its ruling lines draw.

A PDF has no tables, only text drawn at positions and lines (or rectangles) drawn around it.  A
score table printed from Word or WPS wraps long names over several lines inside one cell, and
centres short cells vertically, so the plain text interleaves a row's pieces (``立项依据充分`` /
``决策 3 3`` / ``性``) and no line holds a name and its score.  Here every text fragment (pypdf's
``visitor_text``, with its position) goes into the cell whose borders enclose it: the nearest
horizontal rules above and below, the nearest vertical rules left and right.  A merged cell's text
goes to its first row.  pypdf's ``extraction_mode="layout"`` was tried first: it places text on a
fixed character grid, which misplaces CJK text (a wrapped line lands in the neighbouring column),
and it cannot tell a wrapped line from a new row; the ruling lines can.

Tables without ruling lines are not read (their text still is, by the plain extraction).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

#: Points within which two rules are the same rule, and a fragment is "on" a rule.
SNAP = 1.5
#: Rules shorter than this are glyph strokes or ticks, not cell borders.
MIN_RULE = 8.0
#: A rectangle thinner than this is a drawn rule (Word draws borders as thin filled rectangles).
THIN = 2.5


@dataclass
class Fragment:
    x: float
    y: float
    text: str


def page_tables(page) -> list[list[list[str]]]:
    """The ruled tables on one pypdf page, top to bottom, as rows of cell text."""
    fragments: list[Fragment] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text and text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            fragments.append(Fragment(x, y, text))

    page.extract_text(visitor_text=visit)
    horizontal, vertical = _rules(page)
    if len(horizontal) < 2 or len(vertical) < 2 or not fragments:
        return []
    ys = _distinct(sorted((y for y, _, _ in horizontal), reverse=True), reverse=True)
    xs = _distinct(sorted(x for x, _, _ in vertical))
    cells: dict[tuple[int, int], list[Fragment]] = {}
    for fragment in fragments:
        # A glyph sits on its baseline a little above the cell's bottom rule; probe a point inside the cell.
        px, py = fragment.x + 1.0, fragment.y + 2.0
        top = min((y for y, x0, x1 in horizontal if x0 - SNAP <= px <= x1 + SNAP and y > py), default=None)
        bottom = max((y for y, x0, x1 in horizontal if x0 - SNAP <= px <= x1 + SNAP and y < py), default=None)
        left = max((x for x, y0, y1 in vertical if y0 - SNAP <= py <= y1 + SNAP and x <= px), default=None)
        right = min((x for x, y0, y1 in vertical if y0 - SNAP <= py <= y1 + SNAP and x > px), default=None)
        if None in (top, bottom, left, right):
            continue  # outside every table: running text
        cells.setdefault((_index(ys, top, reverse=True), _index(xs, left)), []).append(fragment)
    return _assemble(cells, ys, vertical)


def _assemble(cells, ys, vertical) -> list[list[list[str]]]:
    """Rows of cell text; a band without any vertical rule ends a table."""
    if not cells:
        return []
    columns = sorted({c for _, c in cells})
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for row_index in range(len(ys) - 1):
        middle = (ys[row_index] + ys[row_index + 1]) / 2
        ruled = any(y0 - SNAP <= middle <= y1 + SNAP for _, y0, y1 in vertical)
        if not ruled:
            if current:
                tables.append(current)
            current = []
            continue
        row = [_cell_text(cells.get((row_index, c), [])) for c in columns]
        if any(row):
            current.append(row)
    if current:
        tables.append(current)
    return [_trim(table) for table in tables]


def _cell_text(fragments: list[Fragment]) -> str:
    """The cell's lines top to bottom, each left to right, joined as the reader reads them."""
    ordered = sorted(fragments, key=lambda f: (-round(f.y, 0), f.x))
    text = ""
    for fragment in ordered:
        piece = fragment.text.strip()
        # Wrapped CJK joins without a space; Latin words keep one.
        if text and re.match(r"[A-Za-z0-9]", piece) and re.search(r"[A-Za-z0-9]$", text):
            text += " "
        text += piece
    return text


def _trim(table: list[list[str]]) -> list[list[str]]:
    """Drop columns that are empty in every row (gaps between two tables' rules)."""
    keep = [i for i in range(len(table[0])) if any(row[i] for row in table)]
    return [[row[i] for i in keep] for row in table]


def _rules(page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal rules (y, x0, x1) and vertical rules (x, y0, y1) drawn on the page, in page space."""
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    if contents is None:
        return [], []
    horizontal, vertical = [], []
    matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack = []
    start = current = None
    for operands, operator in ContentStream(contents, page.pdf).operations:
        op = operator.decode("latin-1") if isinstance(operator, bytes) else operator
        try:
            numbers = [float(v) for v in operands]
        except (TypeError, ValueError):
            numbers = []
        if op == "q":
            stack.append(matrix)
        elif op == "Q":
            matrix = stack.pop() if stack else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        elif op == "cm" and len(numbers) == 6:
            matrix = _multiply(tuple(numbers), matrix)
        elif op == "re" and len(numbers) == 4:
            x, y, w, h = numbers
            corners = [_apply(matrix, px, py) for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
            x0, x1 = min(c[0] for c in corners), max(c[0] for c in corners)
            y0, y1 = min(c[1] for c in corners), max(c[1] for c in corners)
            if y1 - y0 <= THIN and x1 - x0 >= MIN_RULE:
                horizontal.append(((y0 + y1) / 2, x0, x1))
            elif x1 - x0 <= THIN and y1 - y0 >= MIN_RULE:
                vertical.append(((x0 + x1) / 2, y0, y1))
            elif x1 - x0 >= MIN_RULE and y1 - y0 >= MIN_RULE:  # a cell's outline: its four sides
                horizontal += [(y0, x0, x1), (y1, x0, x1)]
                vertical += [(x0, y0, y1), (x1, y0, y1)]
        elif op == "m" and len(numbers) == 2:
            start = current = _apply(matrix, *numbers)
        elif op == "l" and len(numbers) == 2 and current is not None:
            end = _apply(matrix, *numbers)
            if abs(end[1] - current[1]) <= SNAP and abs(end[0] - current[0]) >= MIN_RULE:
                horizontal.append(((end[1] + current[1]) / 2, min(end[0], current[0]), max(end[0], current[0])))
            elif abs(end[0] - current[0]) <= SNAP and abs(end[1] - current[1]) >= MIN_RULE:
                vertical.append(((end[0] + current[0]) / 2, min(end[1], current[1]), max(end[1], current[1])))
            current = end
        elif op == "h":
            current = start
    return horizontal, vertical


def _multiply(a, b):
    """The PDF matrix product a × b (a applied first)."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _apply(m, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _distinct(values: list[float], reverse: bool = False) -> list[float]:
    out: list[float] = []
    for value in values:
        if not out or abs(value - out[-1]) > SNAP:
            out.append(value)
    return out


def _index(values: list[float], value: float, reverse: bool = False) -> int:
    """The position of the rule ``value`` among the distinct ``values`` (within SNAP)."""
    if reverse:
        keys = [-v for v in values]
        position = bisect.bisect_left(keys, -value - SNAP)
    else:
        position = bisect.bisect_left(values, value - SNAP)
    return min(position, len(values) - 1)


def document_tables(reader, max_pages: int = 200) -> list[list[list[str]]]:
    """Every ruled table of the document; a table continued on the next page without its header
    repeated (same column count) is joined to the one before."""
    tables: list[list[list[str]]] = []
    for number, page in enumerate(reader.pages):
        if number >= max_pages:
            break
        for index, table in enumerate(page_tables(page)):
            continues = (index == 0 and tables and len(table[0]) == len(tables[-1][0])
                         and not _looks_like_header(table[0]) and number > 0)
            if continues:
                tables[-1].extend(table)
            else:
                tables.append(table)
    return tables


def _looks_like_header(row: list[str]) -> bool:
    return any(("指标" in cell or "得分" in cell or "分值" in cell) for cell in row) and not any(
        re.fullmatch(r"\d+(?:\.\d+)?", cell.strip()) for cell in row)


def reflow(text: str) -> str:
    """Paragraphs of PDF text joined again: a line that was wrapped continues on the next one.

    Widths count CJK characters twice; ``full`` is the widest line.  A line was wrapped when it fills
    the width (85 %), or when it ends mid-sentence and the next line's first word (up to a space; a
    CJK line has none) would not have fitted after it: word wrap at a space.  A line never continues
    into one that starts a numbered item or heading; a short heading never continues at all.
    """
    lines = [line.strip() for line in text.splitlines()]
    widths = [_width(line) for line in lines]
    full = max(widths, default=0)
    out: list[str] = []
    for index, line in enumerate(lines):
        if out and index > 0 and _wrapped(lines[index - 1], widths[index - 1], line, full):
            out[-1] += ("" if _cjk(out[-1][-1:]) or _cjk(line[:1]) else " ") + line
        else:
            out.append(line)
    return "\n".join(out)


def _wrapped(line: str, width: int, following: str, full: int) -> bool:
    if not line or not following or _STARTS_ITEM.match(following) or not full:
        return False
    if width >= full * 0.85:
        return True
    if line.endswith(_ENDS) or width < full * 0.3 or (_STARTS_ITEM.match(line) and width < full * 0.6):
        return False
    return width + 1 + _width(following.split(" ")[0]) > full


def _cjk(ch: str) -> bool:
    return bool(ch) and ord(ch) > 0x2E80


_ENDS = ("。", "！", "？", "；", "：", ":", ";", ".", "!", "?")


_STARTS_ITEM = re.compile(r"^\s*(?:[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])")


def _width(line: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in line)
