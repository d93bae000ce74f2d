"""Word (python-docx) and Excel (openpyxl, through ``portal.exports``) files of a :class:`PaperForm`.

Both are A4 with the title, the subtitle, the grid with its merged cells and the signature line,
so that the clerk prints them, signs, stamps and files them.
"""

from __future__ import annotations

import io

from portal.exports import append_row, workbook_bytes
from portal.paperforms.layouts import PaperForm

_ALIGN = {"left": 0, "center": 1, "right": 2}


def docx_bytes(form: PaperForm) -> bytes:
    """The form as a Word document: A4, 宋体-style table with every merge of the layout."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "SimSun", Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(form.title)
    run.bold, run.font.size = True, Pt(16)
    subtitle = document.add_paragraph(form.subtitle)
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table = document.add_table(rows=len(form.rows), cols=form.columns)
    table.style = "Table Grid"
    for r, c, cell in form.placed():
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        paragraph = target.paragraphs[0]
        paragraph.alignment = [WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER,
                               WD_ALIGN_PARAGRAPH.RIGHT][_ALIGN[cell.align]]
        run = paragraph.add_run(cell.text)
        run.bold = cell.head
    document.add_paragraph("　　".join(form.signatures))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(form: PaperForm) -> bytes:
    """The form as one worksheet set up for A4 printing, merged cells as in the layout.

    Every row goes through :func:`portal.exports.append_row`; styles and merges are applied after.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = form.title[:31]
    width = form.columns
    append_row(sheet, [form.title] + [None] * (width - 1))
    append_row(sheet, [form.subtitle] + [None] * (width - 1))
    grid = [[None] * width for _ in form.rows]
    placed = form.placed()
    for r, c, cell in placed:
        grid[r][c] = cell.text
    for values in grid:
        append_row(sheet, values, as_text=True)
    append_row(sheet, [None] * width)
    append_row(sheet, ["　　".join(form.signatures)] + [None] * (width - 1))
    last = sheet.max_row

    for row in (1, 2, last):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.cell(1, 1).font = Font(bold=True, size=16)
    sheet.cell(1, 1).alignment = sheet.cell(2, 1).alignment = Alignment(horizontal="center")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    shade = PatternFill("solid", fgColor="F2F2F2")
    offset = 3
    for r, c, cell in placed:
        row, col = r + offset, c + 1
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                sheet.cell(row + dr, col + dc).border = border
        target = sheet.cell(row, col)
        target.alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=True)
        if cell.head:
            target.font, target.fill = Font(bold=True), shade
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row + cell.rowspan - 1,
                              end_column=col + cell.colspan - 1)
    widths = [8.0] * width
    for _, c, cell in placed:
        if cell.colspan == 1:  # a CJK character is about two columns wide; long texts wrap at 40
            widths[c] = min(40.0, max(widths[c], 2.2 * len(cell.text) + 2))
    for index, value in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = value
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    return workbook_bytes(workbook)
