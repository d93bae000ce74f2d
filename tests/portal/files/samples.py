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


def add_table(document, rows: list[list[str]]) -> None:
    """Append a table holding ``rows`` (as wide as the widest row) to a python-docx document."""
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_docx(paragraphs: list[str], tables: list[list[list[str]]] = (), table_after: int = 0) -> bytes:
    """A DOCX with ``paragraphs``; ``tables`` are inserted after paragraph ``table_after``."""
    document = docx.Document()
    for index, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if index == table_after:
            for rows in tables:
                add_table(document, rows)
    return docx_bytes(document)


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


#: Where the photo "was taken" (a village near 阿克陶县) and by what: the data stripping must remove.
GPS_LATITUDE = (39.0, 8.0, 30.12)
CAMERA_MAKE, CAMERA_MODEL = "HUAWEI", "ELS-AN00"


def make_photo(kind: str = "jpeg", size: tuple[int, int] = (320, 240), orientation: int | None = None) -> bytes:
    """A real JPEG (or PNG) photo with EXIF GPS position, camera make/model and capture time.

    Left half red, right half blue, so a rotation or a mangled decode shows in the pixels.
    """
    from PIL import Image

    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = CAMERA_MAKE, CAMERA_MODEL
    exif[0x0132] = "2025:06:20 10:31:07"
    if orientation:
        exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (75.0, 56.0, 44.31)}
    out = io.BytesIO()
    if kind == "jpeg":
        image.save(out, "JPEG", exif=exif, quality=95)
    else:
        from PIL import PngImagePlugin

        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", f"{CAMERA_MAKE} {CAMERA_MODEL} 39.1337N")
        image.save(out, "PNG", exif=exif, pnginfo=text)
    return out.getvalue()


def make_scanned_pdf() -> bytes:
    """A scanned document: a PDF whose only page is a photo, without any text layer."""
    from PIL import Image

    scan = Image.new("L", (600, 800), 245)
    buffer = io.BytesIO()
    scan.save(buffer, "JPEG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())
