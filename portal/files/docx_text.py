"""A DOCX's text and tables, read straight off the document's XML tree.

python-docx still opens the package (relationships, content types, every XML part it knows), so a
file it refuses is refused as before; the body is then walked with plain lxml instead of python-docx's proxy
objects (``Paragraph``, ``Table``, ``_Row.cells``, ``_Cell.paragraphs``), which cost four times the
parse.  The walk reproduces python-docx 1.x's reading exactly (``tests/portal/files/
test_docx_text.py`` compares the two on real files):

- body blocks: the ``w:p`` and ``w:tbl`` children of ``w:body``, in order (``iter_inner_content``);
- a paragraph's text: its ``w:r`` and ``w:hyperlink/w:r`` children; in a run ``w:t`` its text,
  ``w:tab`` / ``w:ptab`` a tab, ``w:cr`` and a line-wrapping ``w:br`` a newline, ``w:noBreakHyphen``
  ``-`` (``CT_R.text``);
- a table: its ``w:tr`` rows; a row's cells are its ``w:tc`` children, a ``vMerge="continue"`` cell
  standing for the cell above it in the same grid column (``_Row.cells``), each cell once per row;
  a cell's text is its ``w:p`` children's text joined by newlines (``_Cell.text``), stripped.

Anything the walk does not expect raises, and the caller then reads the file with python-docx's
objects as before (:func:`portal.files.extract._docx`), so an odd file is read (or refused)
exactly as it was.
"""

from __future__ import annotations

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _TCPR, _TRPR = (_W + n for n in ("p", "tbl", "tr", "tc", "tcPr", "trPr"))
_R, _HYPERLINK, _T, _BR = (_W + n for n in ("r", "hyperlink", "t", "br"))
_GRID_SPAN, _GRID_BEFORE, _VMERGE = (_W + n for n in ("gridSpan", "gridBefore", "vMerge"))
_VAL, _TYPE = _W + "val", _W + "type"
#: Run children with a fixed text equivalent (python-docx's ``__str__`` of each).
_FIXED = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


class UnexpectedStructure(ValueError):
    """The walk met something python-docx would resolve differently (or refuse); read it the slow way."""


def read(document, max_chars: int) -> tuple[str, list[list[list[str]]]]:
    """The text of an opened python-docx ``Document`` (one block a line, table rows tab-separated), capped
    at ``max_chars``, and its tables as rows of cell text."""
    body = document.element.body
    if body is None:
        raise UnexpectedStructure("no w:body")
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    size = 0
    for block in body:
        tag = block.tag
        if tag == _P:
            new = [paragraph_text(block)]
        elif tag == _TBL:
            rows = table_rows(block)
            tables.append(rows)
            new = ["\t".join(row) for row in rows]
        else:
            continue
        lines.extend(new)
        size += sum(len(line) + 1 for line in new)
        if size > max_chars:
            break
    return "\n".join(lines)[:max_chars], tables


def paragraph_text(p) -> str:
    out: list[str] = []
    for child in p:
        tag = child.tag
        if tag == _R:
            _run_text(child, out)
        elif tag == _HYPERLINK:
            for run in child:
                if run.tag == _R:
                    _run_text(run, out)
    return "".join(out)


def _run_text(run, out: list[str]) -> None:
    for element in run:
        tag = element.tag
        if tag == _T:
            out.append(element.text or "")
        elif tag == _BR:
            if element.get(_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        else:
            fixed = _FIXED.get(tag)
            if fixed is not None:
                out.append(fixed)


def table_rows(tbl) -> list[list[str]]:
    """Cell text per row; a cell spanning columns, or standing for the one above it, kept once per row."""
    rows: list[list[str]] = []
    above = None
    for tr in tbl:
        if tr.tag != _TR:
            continue
        cells: list[str] = []
        seen: list = []
        for tc in tr:
            if tc.tag != _TC:
                continue
            source = _content_cell(tc, tr, above)
            if source is None or any(source is s for s in seen):
                continue
            seen.append(source)
            cells.append(_cell_text(source).strip())
        rows.append(cells)
        above = tr
    return rows


def _content_cell(tc, tr, above):
    """The ``w:tc`` holding this grid cell's content (python-docx's ``iter_tc_cells``); None when it spans
    no column (``gridSpan`` 0), so python-docx yields no cell for it."""
    while _vmerge(tc) == "continue":
        if above is None:
            raise UnexpectedStructure("vMerge continue in the first row")
        offset = _grid_before(tr) + sum(_grid_span(t) for t in _preceding_cells(tc, tr))
        tc, tr = _cell_at_offset(above, offset), above
        above = _previous_row(tr)
    return tc if _grid_span(tc) > 0 else None


def _preceding_cells(tc, tr):
    out = []
    for cell in tr:
        if cell is tc:
            return out
        if cell.tag == _TC:
            out.append(cell)
    raise UnexpectedStructure("cell not in its row")


def _previous_row(tr):
    previous = tr.getprevious()
    while previous is not None and previous.tag != _TR:
        previous = previous.getprevious()
    return previous


def _cell_at_offset(tr, offset: int):
    remaining = offset - _grid_before(tr)
    for tc in tr:
        if tc.tag != _TC:
            continue
        if remaining < 0:
            break
        if remaining == 0:
            return tc
        remaining -= _grid_span(tc)
    raise UnexpectedStructure(f"no cell at grid offset {offset}")


def _property(element, container_tag: str, tag: str):
    container = element.find(container_tag)
    return None if container is None else container.find(tag)


def _vmerge(tc) -> str | None:
    merge = _property(tc, _TCPR, _VMERGE)
    return None if merge is None else merge.get(_VAL, "continue")


def _grid_span(tc) -> int:
    return _number(_property(tc, _TCPR, _GRID_SPAN), 1)


def _grid_before(tr) -> int:
    return _number(_property(tr, _TRPR, _GRID_BEFORE), 0)


def _number(element, default: int) -> int:
    if element is None:
        return default
    value = element.get(_VAL)
    if value is None:
        raise UnexpectedStructure("w:val missing")
    return int(value)


def _cell_text(tc) -> str:
    return "\n".join(paragraph_text(p) for p in tc if p.tag == _P)
