"""The downloadable Word file of a publication, re-generated from the de-identified content.

Never the original upload: the file is written from the redacted title, text, tables and
lists, and every document property (author, last editor, dates, title…) is blanked.
"""

from __future__ import annotations

import io
from datetime import datetime

import docx

BLANK_PROPERTIES = ("author", "last_modified_by", "title", "subject", "keywords", "comments", "category",
                    "identifier", "content_status", "language", "version")


def build_docx(content: dict, kind_label: str) -> bytes:
    """A DOCX of the de-identified ``content`` with no author or other metadata."""
    document = docx.Document()
    props = document.core_properties
    for name in BLANK_PROPERTIES:
        setattr(props, name, "")
    props.created = props.modified = datetime(2000, 1, 1)
    props.last_printed = datetime(2000, 1, 1)
    props.revision = 1
    document.add_heading(content["title"], level=1)
    document.add_paragraph(f"公开类别：{kind_label}")
    if content.get("summary"):
        document.add_paragraph(content["summary"])
    for title, rows in content.get("tables") or []:
        if not rows:
            continue
        document.add_heading(title, level=2)
        width = max(len(row) for row in rows)
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = str(value)
    for name, items in (content.get("lists") or {}).items():
        if items:
            document.add_heading(name, level=2)
            for item in items:
                document.add_paragraph(item, style="List Number")
    if content.get("body"):
        document.add_heading("正文", level=2)
        for line in content["body"].splitlines():
            if line.strip():
                document.add_paragraph(line.strip())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
