"""The yearly firm ratings as an XLSX workbook (openpyxl, rows through the core's safe writer)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from plugins.evaluator_grading.ratings import COMPONENTS
from portal.exports import append_row, workbook_bytes

HEADERS = ["第三方机构", "年度", *COMPONENTS.values(), "综合得分", "等级", "状态", "定稿是否调整", "调整理由",
           "机构反馈意见"]


def parse_decimal(value):
    return None if value is None else float(value)


def ratings_workbook(ratings) -> bytes:
    """One sheet of ratings and one of the engagements behind them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "执业质量评价"
    append_row(sheet, HEADERS)
    for rating in ratings:
        append_row(sheet, [rating.firm.name, rating.fiscal_year, *(parse_decimal(getattr(rating, k)) for k in COMPONENTS),
                      parse_decimal(rating.composite), rating.level, rating.state_label,
                      "是" if rating.is_changed else "否", rating.change_reason, rating.firm_response])
    detail = workbook.create_sheet("委托项目明细")
    append_row(detail, ["第三方机构", "项目", "截止日期", "提交日期", "状态", "按期完成", "评审得分", "报告总分", "满意度"])
    for rating in ratings:
        for row in (rating.breakdown or {}).get("rows", []):
            append_row(detail, [rating.firm.name, row["project"], row["deadline"], row["delivered"], row["state"],
                           row.get("timeliness") or ("是" if row["on_time"] else "否"), "、".join(row["panel_scores"]),
                           row["report_total"], row["satisfaction"]])
    for ws in (sheet, detail):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for column in ws.columns:
            ws.column_dimensions[column[0].column_letter].width = 18
    return workbook_bytes(workbook)
