"""The ledger (整改台账) as an XLSX workbook a bureau hands to its leadership: title, Chinese headers, real dates.

Every row goes through the core's safe writer: evidence text cannot become a formula."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from plugins.rectification.dates import today
from portal.exports import append_row, workbook_bytes

#: (header, width in characters) of each column, in order.
COLUMNS = (
    ("序号", 6), ("年度", 7), ("整改单位", 26), ("项目编码", 14), ("项目名称", 22), ("问题来源", 12),
    ("问题描述", 44), ("严重程度", 9), ("整改期限", 12), ("责任人", 12), ("整改状态", 10),
    ("是否逾期", 9), ("销号日期", 12), ("整改情况说明", 44),
)
DATE_FORMAT = "yyyy-mm-dd"


def rows(items, on: date) -> list[list]:
    """One row per item with the values of :data:`COLUMNS` (dates stay ``date`` objects)."""
    out = []
    for number, item in enumerate(items, start=1):
        out.append([number, item.fiscal_year, item.unit.name, item.project.code if item.project else "",
                     item.project.name if item.project else "", item.source_label, item.description,
                     item.severity_label, item.deadline, item.responsible_person, item.state_label,
                     "是" if item.is_overdue_on(on) else "否", item.closed_on, item.evidence_text])
    return out


def workbook(items, *, title: str, on: date | None = None) -> bytes:
    """The workbook: a merged title row, a note row, the header row, one row per item."""
    on = on or today()
    wb = Workbook()
    sheet = wb.active
    sheet.title = "整改台账"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    last = get_column_letter(len(COLUMNS))

    append_row(sheet, [title])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    append_row(sheet, [f"统计日期：{on:%Y年%m月%d日}　共 {len(items)} 项"])
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"].alignment = Alignment(horizontal="right")

    append_row(sheet, [header for header, _ in COLUMNS])
    for index, (_, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=3, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        sheet.column_dimensions[get_column_letter(index)].width = width
    for values in rows(items, on):
        append_row(sheet, values)
        row = sheet.max_row
        for index in range(1, len(COLUMNS) + 1):
            cell = sheet.cell(row=row, column=index)
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    return workbook_bytes(wb)
