"""Real DOCX / XLSX / PDF / TXT files, and hostile variants of them, built with the real libraries."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from fpdf import FPDF
from openpyxl import Workbook
from werkzeug.datastructures import FileStorage

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def seed_text(number: str) -> str:
    """The text of seed ``002`` / ``003`` (skips, or fails under CI, when the seeds are missing)."""
    from tests.conftest import seeds_dir

    return next(seeds_dir().glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def make_docx(paragraphs: list[str], tables: list[list[list[str]]] = (), table_after: int = 0) -> bytes:
    """A DOCX with ``paragraphs``; ``tables`` are inserted after paragraph ``table_after``."""
    document = docx.Document()
    for index, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if index == table_after:
            for rows in tables:
                table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_pdf(lines: list[str]) -> tuple[bytes, list[str]]:
    """A PDF of ``lines`` (Chinese when the WenQuanYi font is installed); returns bytes and the lines used."""
    pdf = FPDF()
    pdf.add_page()
    if CJK_FONT.exists():
        pdf.add_font("wqy", fname=str(CJK_FONT))
        pdf.set_font("wqy", size=12)
    else:
        lines = [line.encode("ascii", "ignore").decode() or "Jixiao report" for line in lines]
        pdf.set_font("helvetica", size=12)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), lines


def rewrite_zip(data: bytes, replace: dict[str, bytes] = None, add: dict[str, bytes] = None) -> bytes:
    """A copy of the zip ``data`` with some parts replaced or added."""
    replace, add = replace or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def upload(data: bytes, filename: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename)
