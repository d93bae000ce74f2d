"""决算 import: a bureau's final accounts per project code — per-source 到位数 / 执行数, all rows or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from portal.accounts.models import Organisation
from portal.execution.operations import ExecutionError, check_figures, record_execution
from portal.extensions import db
from portal.projects.models import SOURCES, Project

CODE_HEADERS = ("项目编码", "编码")
YEAR_HEADERS = ("预算年度", "年度")
#: “中央到位数”, “本级执行数”… → (source, what)
FIGURE_COLUMNS = {f"{label}{what_label}": (source, what) for source, label in SOURCES.items()
                  for what, what_label in (("allocated", "到位数"), ("spent", "执行数"))}


@dataclass
class FinalAccountsResult:
    rows: list[tuple[Project, dict]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    recorded: int = 0


def _column(header: list[str], names) -> int | None:
    return next((header.index(n) for n in names if n in header), None)


def check_final_accounts(rows: list[list[str]], bureau_id: int) -> FinalAccountsResult:
    """Validate every row (row numbers as in the file); nothing is written.

    A source whose two cells are both blank keeps its figures; otherwise a blank cell is 0.
    """
    result = FinalAccountsResult()
    if not rows or not any(c.strip() for c in rows[0]):
        result.errors.append((1, "文件为空或缺少表头"))
        return result
    header = [h.strip() for h in rows[0]]
    code_at, year_at = _column(header, CODE_HEADERS), _column(header, YEAR_HEADERS)
    if code_at is None:
        result.errors.append((1, "缺少“项目编码”列"))
    if year_at is None:
        result.errors.append((1, "缺少“预算年度”列"))
    figure_at = {col: header.index(col) for col in FIGURE_COLUMNS if col in header}
    if not figure_at:
        result.errors.append((1, "缺少金额列（如“本级到位数”“本级执行数”）"))
    if result.errors:
        return result
    region_units = select(Organisation.id).where(Organisation.parent_id == bureau_id)
    seen: set[tuple[str, int]] = set()
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue

        def cell(i: int, row: list[str] = row) -> str:
            return (row[i] if i < len(row) else "").strip()

        code, raw_year = cell(code_at), cell(year_at)
        if not code:
            result.errors.append((n, "项目编码为空"))
            continue
        try:
            year = int(float(raw_year))
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            result.errors.append((n, f"预算年度“{raw_year}”无效"))
            continue
        if (code, year) in seen:
            result.errors.append((n, f"项目编码“{code}”（{year} 年度）在文件中重复"))
            continue
        seen.add((code, year))
        project = db.session.scalar(select(Project).where(Project.code == code, Project.fiscal_year == year,
                                                          Project.unit_id.in_(region_units)))
        if project is None:
            result.errors.append((n, f"找不到 {year} 年度编码为“{code}”的项目"))
            continue
        raw: dict[str, dict] = {}
        for col, i in figure_at.items():
            source, what = FIGURE_COLUMNS[col]
            raw.setdefault(source, {})[what] = cell(i)
        raw = {s: v for s, v in raw.items() if any(v.values())}
        if not raw:
            result.errors.append((n, "到位数、执行数均为空"))
            continue
        try:
            figures = check_figures(project, raw)
        except ExecutionError as exc:
            result.errors.extend((n, message) for message in str(exc).split("；"))
            continue
        result.rows.append((project, figures))
    if not result.rows and not result.errors:
        result.errors.append((2, "文件中没有数据行"))
    return result


def import_final_accounts(rows: list[list[str]], bureau_id: int, user=None, progress=None,
                          filename: str = "") -> FinalAccountsResult:
    """All or nothing: check every row, then record each project's 决算 figures as of 12-31 of its year."""
    result = check_final_accounts(rows, bureau_id)
    if result.errors:
        return result
    note = f"决算导入：{filename}" if filename else "决算导入"
    for project, figures in result.rows:
        record_execution(project, as_of=date(project.fiscal_year, 12, 31), origin="final_accounts",
                         figures=figures, user=user, note=note)
        result.recorded += 1
        if progress:
            progress(1)
    return result
