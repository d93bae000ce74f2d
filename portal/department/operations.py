"""Entering and importing a unit's department-wide profile and budget; its evaluable object (a project row).

The department-wide object of a unit and year is a :class:`~portal.projects.models.Project` of kind
``department`` (code ``DEPT-<unit id>``): targets, monitoring, self-evaluation and review are the project
workflow unchanged.  Its funding by source follows the 资金来源 lines, so 执行率 is the department's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import or_, select

from portal.accounts.models import BUREAU_ROLES, Organisation, OrgKind, Role
from portal.department.models import DIMENSIONS, FIXED_NAMES, SOURCE_KEYS, DepartmentLine, DepartmentProfile
from portal.extensions import db
from portal.projects.models import CATEGORIES, Project, ProjectFunding
from portal.projects.models import SOURCES as PROJECT_SOURCES
from portal.util import to_money


class DepartmentError(ValueError):
    """What cannot be saved; the message is Chinese and shown as is."""


def units_visible_to(user) -> list[Organisation]:
    """The budget units whose department-wide record ``user`` may see: the bureau's region, or its own unit."""
    query = select(Organisation).where(Organisation.kind == OrgKind.UNIT)
    conditions = []
    if user.has_role(*BUREAU_ROLES) and user.org.kind == OrgKind.BUREAU:
        conditions.append(Organisation.parent_id == user.bureau_id)
    if user.has_role(Role.UNIT_EDITOR):
        conditions.append(Organisation.id == user.org_id)
    if not conditions:
        return []
    return list(db.session.scalars(query.where(or_(*conditions)).order_by(Organisation.name)))


def may_edit(user, unit: Organisation) -> bool:
    """The unit's own 填报人员, or bureau staff of its region."""
    if user.has_role(Role.UNIT_EDITOR) and user.org_id == unit.id:
        return True
    return (user.has_role(Role.BUREAU_REVIEWER, Role.BUREAU_SECTION, Role.ADMIN) and user.org.kind == OrgKind.BUREAU
            and unit.parent_id == user.bureau_id)


def profile_of(unit_id: int, fiscal_year: int) -> DepartmentProfile | None:
    return db.session.scalar(select(DepartmentProfile).where(DepartmentProfile.unit_id == unit_id,
                                                             DepartmentProfile.fiscal_year == fiscal_year))


def years_of(unit_ids: list[int]) -> list[int]:
    if not unit_ids:
        return []
    return list(db.session.scalars(select(DepartmentProfile.fiscal_year).where(
        DepartmentProfile.unit_id.in_(unit_ids)).distinct().order_by(DepartmentProfile.fiscal_year.desc())))


def _int(raw, label: str, errors: list[str]) -> int | None:
    text = str(raw or "").strip().replace(",", "")
    if text == "":
        return None
    try:
        value = int(Decimal(text))
        if value < 0 or value != Decimal(text) or value > 10_000_000:
            raise ValueError
    except (ValueError, ArithmeticError):
        errors.append(f"{label}：“{raw}”应为不小于 0 的整数")
        return None
    return value


def check_profile(fields: dict) -> tuple[dict, list[str]]:
    errors: list[str] = []
    out = {"functions": (fields.get("functions") or "").strip(),
           "internal_bodies": (fields.get("internal_bodies") or "").strip(),
           "key_work": (fields.get("key_work") or "").strip(),
           "staff_authorised": _int(fields.get("staff_authorised"), "编制人数", errors),
           "staff_actual": _int(fields.get("staff_actual"), "实有人数", errors)}
    return out, errors


@dataclass
class LineRow:
    dimension: str
    name: str
    budget: Decimal | None
    spent: Decimal | None
    prior_spent: Decimal | None


def _money(raw, label: str, errors: list[str]) -> Decimal | None:
    if str(raw if raw is not None else "").strip() in ("", "-", "—"):
        return None
    try:
        return to_money(raw)
    except ValueError as exc:
        errors.append(f"{label}：{exc}")
        return None


def check_lines(rows: list[dict]) -> tuple[list[LineRow], dict[int, list[str]]]:
    """Parse budget lines (``dimension``, ``name``, ``budget``, ``spent``, ``prior_spent``); errors per row index.

    Blank rows are skipped; a name may appear once per dimension; 资金来源, 支出性质 and 三公经费 take their
    fixed names only.
    """
    parsed: list[LineRow] = []
    errors: dict[int, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for n, row in enumerate(rows):
        name = (row.get("name") or "").strip()
        values = [row.get(k) for k in ("budget", "spent", "prior_spent")]
        if not name and not any(str(v or "").strip() for v in values):
            continue
        mine: list[str] = []
        dimension = (row.get("dimension") or "").strip()
        dimension = next((k for k, label in DIMENSIONS.items() if dimension in (k, label, label.strip("“”"))), dimension)
        if dimension not in DIMENSIONS:
            mine.append(f"类别“{dimension}”无效，应为{'、'.join(DIMENSIONS.values())}之一")
        if not name:
            mine.append("请填写名称")
        elif len(name) > 100:
            mine.append("名称不能超过 100 字")
        elif dimension in FIXED_NAMES and name not in FIXED_NAMES[dimension]:
            mine.append(f"{DIMENSIONS[dimension]}的名称应为{'、'.join(FIXED_NAMES[dimension])}之一，不能是“{name}”")
        elif (dimension, name) in seen:
            mine.append(f"{DIMENSIONS.get(dimension, dimension)}“{name}”重复")
        budget = _money(row.get("budget"), "预算数", mine)
        spent = _money(row.get("spent"), "执行数", mine)
        prior = _money(row.get("prior_spent"), "上年执行数", mine)
        if mine:
            errors[n] = mine
            continue
        seen.add((dimension, name))
        parsed.append(LineRow(dimension, name, budget, spent, prior))
    return parsed, errors


def get_or_create(unit: Organisation, fiscal_year: int, user=None) -> DepartmentProfile:
    profile = profile_of(unit.id, fiscal_year)
    if profile is None:
        profile = DepartmentProfile(unit=unit, fiscal_year=fiscal_year, updated_by_id=getattr(user, "id", None))
        db.session.add(profile)
        db.session.flush()
    return profile


def save(unit: Organisation, fiscal_year: int, user, profile_fields: dict | None,
         rows: list[dict] | None) -> DepartmentProfile:
    """Save the profile fields and/or replace the budget lines, all or nothing.

    Raises :class:`DepartmentError` listing every problem (row numbers as the user counts them).
    """
    errors: list[str] = []
    fields = None
    if profile_fields is not None:
        fields, errors = check_profile(profile_fields)
    parsed: list[LineRow] = []
    if rows is not None:
        parsed, row_errors = check_lines(rows)
        errors += [f"第 {n + 1} 行：{m}" for n, ms in sorted(row_errors.items()) for m in ms]
    if errors:
        raise DepartmentError("；".join(errors))
    profile = get_or_create(unit, fiscal_year, user)
    if fields is not None:
        for key, value in fields.items():
            setattr(profile, key, value)
    if rows is not None:
        profile.lines.clear()
        db.session.flush()
        order = {d: i for i, d in enumerate(DIMENSIONS)}
        for position, line in enumerate(sorted(parsed, key=lambda r: order[r.dimension])):
            profile.lines.append(DepartmentLine(position=position, dimension=line.dimension, name=line.name,
                                                budget=line.budget, spent=line.spent, prior_spent=line.prior_spent))
        fill_prior(profile)
    profile.updated_by_id = getattr(user, "id", None)
    db.session.flush()
    sync_object(profile, user)
    return profile


def fill_prior(profile: DepartmentProfile) -> None:
    """上年执行数 left blank is taken from last year's record of the same line, when there is one."""
    last = profile_of(profile.unit_id, profile.fiscal_year - 1)
    if last is None:
        return
    before = {(line.dimension, line.name): line.spent for line in last.lines}
    for line in profile.lines:
        if line.prior_spent is None and before.get((line.dimension, line.name)) is not None:
            line.prior_spent = before[(line.dimension, line.name)]


# -- the evaluable object ---------------------------------------------------------------------------

def object_code(unit: Organisation) -> str:
    return f"DEPT-{unit.id}"


def department_object(unit_id: int, fiscal_year: int) -> Project | None:
    return db.session.scalar(select(Project).where(Project.kind == "department", Project.unit_id == unit_id,
                                                   Project.fiscal_year == fiscal_year))


def sync_object(profile: DepartmentProfile, user=None) -> Project:
    """Create (once) the unit's department-wide object for the year; its funding follows the 资金来源 lines."""
    project = department_object(profile.unit_id, profile.fiscal_year)
    if project is None:
        project = Project(code=object_code(profile.unit), name=f"{profile.unit.name}部门整体支出",
                          unit_id=profile.unit_id, fiscal_year=profile.fiscal_year, kind="department",
                          category=CATEGORIES[0], description="部门整体支出绩效管理对象（由部门整体预算生成）",
                          created_by_id=getattr(user, "id", None))
        db.session.add(project)
        db.session.flush()
    sources = {SOURCE_KEYS[line.name]: line for line in profile.lines_of("source")}
    if sources:
        for position, key in enumerate(PROJECT_SOURCES):
            line = sources.get(key)
            row = project.funding_for(key)
            if line is None:
                if row is not None:
                    project.funding.remove(row)
                continue
            if row is None:
                row = ProjectFunding(source=key, position=position, allocated=Decimal("0.00"))
                project.funding.append(row)
            row.budget = line.budget or Decimal("0.00")
            row.spent = line.spent or Decimal("0.00")
    db.session.flush()
    return project


# -- XLSX import --------------------------------------------------------------------------------------

#: Accepted headers of the budget sheet.
LINE_COLUMNS = {"dimension": ("类别", "分类", "维度"), "name": ("名称", "项目", "科目"),
                "budget": ("预算数", "预算数（万元）", "全年预算数"), "spent": ("执行数", "执行数（万元）", "实际支出"),
                "prior_spent": ("上年执行数", "上年执行数（万元）", "上年实际支出")}
#: 概况 sheet: first column the field, second its value.
PROFILE_FIELDS = {"部门主要职能": "functions", "主要职能": "functions", "职能": "functions",
                  "内设机构": "internal_bodies", "机构设置": "internal_bodies", "编制人数": "staff_authorised",
                  "实有人数": "staff_actual", "年度重点工作": "key_work", "重点工作": "key_work"}


@dataclass
class ImportReport:
    errors: list[str] = field(default_factory=list)
    lines: int = 0


def _sheet_rows(sheet) -> list[list[str]]:
    out = []
    for row in sheet.iter_rows(values_only=True):
        cells = []
        for c in row:
            if c is None:
                cells.append("")
            elif isinstance(c, float):
                cells.append(format(Decimal(repr(c)), "f"))
            else:
                cells.append(str(c).strip())
        out.append(cells)
    return out


def read_workbook(filename: str, data: bytes) -> tuple[list[list[str]], list[list[str]] | None]:
    """(budget rows, 概况 rows or None) of an uploaded .xlsx file."""
    import io

    from portal.files.sniff import UploadRejected, sniff

    if not data:
        raise DepartmentError("文件为空，请选择要导入的 .xlsx 文件")
    if data[:2] != b"PK":
        raise DepartmentError("只能导入 .xlsx 格式的 Excel 文件")
    try:
        sniff(data, filename if filename.lower().endswith(".xlsx") else "部门整体预算.xlsx")
    except UploadRejected as exc:
        raise DepartmentError(str(exc)) from None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise DepartmentError("无法读取该 Excel 文件，请确认是 .xlsx 格式") from None
    profile_sheet = next((ws for ws in wb.worksheets if ws.title.strip() in ("概况", "基本情况")), None)
    budget_sheet = next((ws for ws in wb.worksheets if ws is not profile_sheet), None)
    budget_rows = _sheet_rows(budget_sheet) if budget_sheet is not None else []
    profile_rows = _sheet_rows(profile_sheet) if profile_sheet is not None else None
    wb.close()
    return budget_rows, profile_rows


def import_workbook(unit: Organisation, fiscal_year: int, user, filename: str, data: bytes) -> ImportReport:
    """Replace the year's budget lines (and the profile fields the 概况 sheet gives) from an .xlsx file.

    All or nothing: any error (reported with the row number as Excel shows it) leaves everything unchanged.
    """
    budget_rows, profile_rows = read_workbook(filename, data)
    report = ImportReport()
    if not budget_rows:
        report.errors.append("预算表为空")
        return report
    # The header is the first row naming 类别 and 名称 (a title row above it, as in the template, is skipped).
    at = next((n for n, cells in enumerate(budget_rows[:5])
               if {c.strip() for c in cells} & set(LINE_COLUMNS["dimension"])
               and {c.strip() for c in cells} & set(LINE_COLUMNS["name"])), 0)
    header = [h.strip() for h in budget_rows[at]]
    index = {}
    for key, names in LINE_COLUMNS.items():
        found = next((i for i, h in enumerate(header) if h in names), None)
        if found is None and key in ("dimension", "name"):
            report.errors.append(f"第 {at + 1} 行：缺少“{names[0]}”列")
        index[key] = found
    if report.errors:
        return report
    rows = []
    for cells in budget_rows[at + 1:]:
        rows.append({k: (cells[i] if i is not None and i < len(cells) else "") for k, i in index.items()})
    _, row_errors = check_lines(rows)
    report.errors += [f"第 {n + at + 2} 行：{m}" for n, ms in sorted(row_errors.items()) for m in ms]
    fields = None
    if profile_rows is not None:
        fields = {}
        for n, cells in enumerate(profile_rows, start=1):
            if not cells or not cells[0]:
                continue
            key = PROFILE_FIELDS.get(cells[0].strip("：: "))
            if key is None:
                if n > 1:
                    report.errors.append(f"概况表第 {n} 行：无法识别的项目“{cells[0]}”")
                continue
            fields[key] = cells[1] if len(cells) > 1 else ""
        _, profile_errors = check_profile(fields)
        report.errors += [f"概况表：{m}" for m in profile_errors]
        current = profile_of(unit.id, fiscal_year)
        for key in ("functions", "internal_bodies", "key_work", "staff_authorised", "staff_actual"):
            if key not in fields and current is not None:
                value = getattr(current, key)
                fields[key] = "" if value is None else value
    if report.errors:
        return report
    save(unit, fiscal_year, user, fields, rows)
    report.lines = sum(1 for r in rows if (r.get("name") or "").strip())
    return report
