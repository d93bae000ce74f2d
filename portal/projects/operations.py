"""Creating and changing projects; bulk import that checks every row before writing any."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from portal.accounts.models import Organisation
from portal.extensions import db
from portal.projects.models import CATEGORIES, KINDS, SOURCES, Project, ProjectFunding
from portal.util import to_money


class ProjectError(ValueError):
    """A project change that cannot be made; Chinese message."""


def set_funding(project: Project, amounts: dict[str, dict[str, Decimal]]) -> None:
    """Budget / allocated / spent per source; sources with all zeros are dropped."""
    for position, source in enumerate(SOURCES):
        values = amounts.get(source) or {}
        budget, allocated, spent = (to_money(values.get(k, 0)) for k in ("budget", "allocated", "spent"))
        row = project.funding_for(source)
        if not (budget or allocated or spent):
            if row is not None:
                project.funding.remove(row)
            continue
        if row is None:
            row = ProjectFunding(source=source, position=position)
            project.funding.append(row)
        row.budget, row.allocated, row.spent = budget, allocated, spent


def create_project(*, code: str, name: str, unit: Organisation, fiscal_year: int, kind: str, category: str,
                   description: str = "", funding: dict | None = None, user=None) -> Project:
    code = code.strip()
    if db.session.scalar(select(Project.id).where(Project.code == code, Project.fiscal_year == fiscal_year)):
        raise ProjectError(f"{fiscal_year} 年度已有编码为“{code}”的项目")
    project = Project(code=code, name=name.strip(), unit=unit, fiscal_year=fiscal_year, kind=kind,
                      category=category, description=description, created_by_id=getattr(user, "id", None))
    set_funding(project, funding or {})
    db.session.add(project)
    db.session.flush()
    from portal.execution.operations import record_creation

    record_creation(project, user)  # the creation figures are the first execution record
    return project


# -- import ----------------------------------------------------------------------------------

#: Column headers accepted in an import file (Chinese, as a bureau's spreadsheet has them).
COLUMNS = {
    "code": ("项目编码", "编码"),
    "name": ("项目名称", "名称"),
    "unit": ("预算单位", "部门单位", "单位"),
    "fiscal_year": ("预算年度", "年度"),
    "kind": ("项目类型", "类型"),
    "category": ("预算类别", "资金类别", "类别"),
}
AMOUNT_COLUMNS = {f"{label}{what_label}": (source, what)
                  for source, label in SOURCES.items()
                  for what, what_label in (("budget", "预算数"), ("allocated", "到位数"), ("spent", "执行数"))}


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0


def read_table(filename: str, data: bytes) -> list[list[str]]:
    """Rows of a CSV (UTF-8 with or without BOM, or GB18030) or XLSX file, as text cells."""
    import csv
    import io

    _refuse_hostile(filename, data)
    if data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise ProjectError("无法读取该 Excel 文件，请确认是 .xlsx 格式") from None
        sheet = wb.worksheets[0]
        rows = [["" if c is None else str(c).strip() for c in row] for row in sheet.iter_rows(values_only=True)]
        wb.close()
        return rows
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ProjectError("无法识别文件编码，请另存为 UTF-8 编码的 CSV 或 .xlsx 文件")
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


#: Leading bytes of files that are never a project table (executables, scripts, PDF, legacy Office, markup).
_NOT_A_TABLE = (b"MZ", b"\x7fELF", b"#!", b"%PDF", b"\xd0\xcf\x11\xe0", b"<")


def _refuse_hostile(filename: str, data: bytes) -> None:
    """Refuse what is not a CSV or a plain .xlsx: the file store's checks (macros, bombs, XML entities)."""
    from portal.files.sniff import UploadRejected, detect_kind, sniff

    if not data:
        raise ProjectError("文件为空，请选择要导入的 CSV 或 Excel 文件")
    if data[:2] == b"PK":
        try:
            sniff(data, filename if filename.lower().endswith(".xlsx") else "项目清单.xlsx")
        except UploadRejected as exc:
            raise ProjectError(str(exc)) from None
    elif data.lstrip()[:5].startswith(_NOT_A_TABLE) or b"\0" in data[:4096]:
        raise ProjectError("只能导入 CSV 或 .xlsx 文件：该文件是程序、网页、PDF 或其他格式，已拒绝")
    else:
        try:
            detect_kind(data)  # a CSV is a text upload: the file store's text checks, markup to the last byte
        except UploadRejected as exc:
            raise ProjectError(str(exc)) from None


def check_import(rows: list[list[str]], bureau_id: int) -> ImportResult:
    """Validate every row; nothing is written. Errors are (row number as in the file, message)."""
    result = ImportResult()
    if not rows:
        result.errors.append((1, "文件为空"))
        return result
    header = [h.strip() for h in rows[0]]
    index = {}
    for key, names in COLUMNS.items():
        found = next((header.index(n) for n in names if n in header), None)
        if found is None and key not in {"kind", "category"}:
            result.errors.append((1, f"缺少“{names[0]}”列"))
        index[key] = found
    amount_index = {col: header.index(col) for col in AMOUNT_COLUMNS if col in header}
    if not amount_index:
        result.errors.append((1, "缺少金额列（如“本级预算数”“中央预算数”）"))
    if result.errors:
        return result
    units = {o.name: o for o in db.session.scalars(select(Organisation).where(
        Organisation.parent_id == bureau_id, Organisation.kind == "unit"))}
    seen = set()
    kinds_by_label = {v: k for k, v in KINDS.items()}
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        def cell(key: str, row: list[str] = row) -> str:
            position = index[key]
            return (row[position] if position is not None and position < len(row) else "").strip()

        problems = []
        code, name, unit_name = cell("code"), cell("name"), cell("unit")
        if not code:
            problems.append("项目编码为空")
        if not name:
            problems.append("项目名称为空")
        unit = units.get(unit_name)
        if unit is None:
            problems.append(f"未知的预算单位“{unit_name}”")
        try:
            year = int(float(cell("fiscal_year")))
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            problems.append(f"预算年度“{cell('fiscal_year')}”无效")
            year = None
        kind = kinds_by_label.get(cell("kind") or "项目支出", cell("kind"))
        if kind not in KINDS:
            problems.append(f"项目类型“{cell('kind')}”无效（应为 项目支出 或 部门整体支出）")
        category = cell("category") or CATEGORIES[0]
        if category not in CATEGORIES:
            problems.append(f"预算类别“{category}”无效")
        funding: dict[str, dict] = {}
        for col, i in amount_index.items():
            source, what = AMOUNT_COLUMNS[col]
            raw = row[i] if i < len(row) else ""
            try:
                funding.setdefault(source, {})[what] = to_money(raw)
            except ValueError as exc:
                problems.append(f"“{col}”{exc}")
        if code and year:
            if (code, year) in seen:
                problems.append(f"项目编码“{code}”在文件中重复")
            elif db.session.scalar(select(Project.id).where(Project.code == code, Project.fiscal_year == year)):
                problems.append(f"项目编码“{code}”在 {year} 年度已存在")
            seen.add((code, year))
        if problems:
            result.errors.extend((n, p) for p in problems)
        else:
            result.rows.append(dict(code=code, name=name, unit=unit, fiscal_year=year, kind=kind,
                                    category=category, funding=funding))
    return result


def import_projects(rows: list[list[str]], bureau_id: int, user=None, progress=None) -> ImportResult:
    """All or nothing: check every row, then create them all (``progress`` is called per row)."""
    result = check_import(rows, bureau_id)
    if result.errors:
        return result
    for row in result.rows:
        create_project(user=user, **row)
        result.created += 1
        if progress:
            progress(1)
    return result
