"""Reading the yearly summary DOCX as a user would: headings, paragraphs and tables by section."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import docx
from docx.table import Table


@dataclass
class Chapter:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def row(self, first_cell: str) -> list[str]:
        """The table row whose first cell is ``first_cell``."""
        return next(r for t in self.tables for r in t if r[0] == first_cell)


def read_report(data: bytes) -> tuple[list[str], dict[str, Chapter]]:
    """The paragraphs before the first section, and the sections by title (without their number)."""
    document = docx.Document(io.BytesIO(data))
    preamble: list[str] = []
    chapters: dict[str, Chapter] = {}
    current = None
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            current.tables.append([[cell.text for cell in row.cells] for row in block.rows])
        elif block.style.name.startswith("Heading"):
            number, _, title = block.text.partition("、")
            current = chapters[title] = Chapter(block.text)
        elif current is None:
            preamble.append(block.text)
        else:
            current.paragraphs.append(block.text)
    return preamble, chapters


def dump(data: bytes) -> str:
    """The whole document as text (tables as | rows), to print in the test output and read."""
    document = docx.Document(io.BytesIO(data))
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend("  | " + " | ".join(c.text for c in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)
