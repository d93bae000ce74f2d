"""Numbers in a column headed 身份证号, 卡号 or 电话 of a table written as text (TSV, CSV, bars).

A roster exported from a spreadsheet has its labels in the header row only; a number in the
column under 身份证号码 is an ID number even when its check character fails (a typing error is
still someone's ID) and a 17-digit card under 补贴卡号 is a card, though neither has a label
beside it.  A cell counts when it is made of digits (grouped or not, an ID's final X) of a
length its kind can have.
"""

from __future__ import annotations

import csv
import re

from portal.deid.spans import Span, span_at

#: Header cells and the kind of the numbers under them, tried in order.
HEADERS = (
    ("id_number", re.compile(r"身份证|证件号|公民身份号码")),
    ("bank_card", re.compile(r"卡号|银行账号|账号|帐号|收款账户")),
    ("phone", re.compile(r"电话|手机|联系方式")),
)
LENGTHS = {"id_number": (15, 18), "bank_card": tuple(range(12, 21)), "phone": tuple(range(7, 14))}
ORG = re.compile(r"(?:公司|局|委员会|合作社|联社|中心|学校|医院|政府|办公室|协会|[社院站所厂])$")
_CELL_NUMBER = re.compile(r"[+]?[0-9][0-9 \-.]*[0-9Xx]")


#: A comma between cells, not one grouping thousands (1,200.00; a cell of digits after it, 512,130102…, is no thousands).
_COMMA = re.compile(r"，|,(?!\d{3}(?!\d))")


def row_cells(line: str, by_spaces: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each cell of a row: split by tabs or bars, else by two commas or more (CSV,
    quotes stripped), else by two semicolons or more, else — ``by_spaces`` — by spaces (not those
    between the digit groups of one number); [] for a line that is no row."""
    if re.search(r"[\t｜|]", line):
        separator = r"[\t｜|]"
    elif len(_COMMA.findall(line)) >= 2:
        if '"' in line:  # CSV with quoted cells
            out, pos = [], 0
            for value in next(csv.reader([line])):
                start = line.find(value, pos)
                if start < 0:
                    return []
                out.append((start, start + len(value)))
                pos = start + len(value)
            return out
        separator = _COMMA.pattern
    elif len(re.findall(r"[;；]", line)) >= 2:
        separator = r"[;；]"
    elif by_spaces:
        out = []
        for m in re.finditer(r"(?:[^ \u3000]|(?<=\d) (?=\d))+", line):  # a number in groups (6230 5601 …) is one cell
            out.append((m.start(), m.end()))
        return out
    else:
        return []
    # cells between separators, an empty one kept in its place (C-2212,…,,空号: the columns stay aligned)
    out, pos = [], 0
    for m in [*re.finditer(separator, line), None]:
        end = m.start() if m else len(line)
        piece = line[pos:end]
        stripped = piece.strip(" \t\u3000")
        start = pos + (piece.index(stripped) if stripped else len(piece))
        out.append((start, start + len(stripped)))
        pos = m.end() if m else pos
    while out and out[-1][0] == out[-1][1]:
        out.pop()  # a separator ending the line opens no cell
    return out


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    columns: dict[int, str] = {}
    width = 0
    offset = 0
    for line in text.split("\n"):
        cells = row_cells(line)
        header = {}
        for k, (s, e) in enumerate(cells):
            cell = line[s:e]
            if len(cell) <= 12 and not any(c.isdigit() for c in cell):
                kind = next((kind for kind, pattern in HEADERS if pattern.search(cell)), None)
                if kind:
                    header[k] = kind
        if header:
            columns, width = header, len(cells)
        elif columns and len(cells) == width:
            # a row of a body (县财政局, …有限公司) holds its account, which disclosure keeps
            body = any(ORG.search(line[s:e]) for s, e in cells)
            for k, kind in columns.items():
                if kind == "bank_card" and body:
                    continue
                s, e = cells[k]
                cell = line[s:e]
                digits = re.sub(r"[ \-.+]", "", cell)
                if _CELL_NUMBER.fullmatch(cell) and len(digits) in LENGTHS[kind] and \
                        (digits[:-1].isdigit() and (digits[-1].isdigit() or kind == "id_number")):
                    spans.append(span_at(kind, text, offset + s, offset + e, 0.9, "表格中标题为证件号、卡号或电话的列"))
        elif not cells:
            columns, width = {}, 0
        offset += len(line) + 1
    return spans


def with_cells(spans: list[Span], cells: list[Span]) -> list[Span]:
    """``spans`` with a table's cells under an identifier's heading: each added where nothing was read,
    or replacing the numbers read inside it that stop short of it (a 20-digit account whose first 16
    digits pass Luhn: the four left over are that person's too)."""
    out = list(spans)
    for cell in cells:
        inside = [n for n in out if n.kind != "person_name" and cell.overlaps(n)]
        if all(cell.start <= n.start and n.end <= cell.end and n.end - n.start < cell.end - cell.start for n in inside):
            out = [s for s in out if s not in inside] + [cell]
    return out
