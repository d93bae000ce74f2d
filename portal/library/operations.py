"""Importing a year's indicator library (all or nothing), choosing from it, and marking picked indicators.

A unit declaring targets picks library items for its project (the items of the newest library version of
the project's year in its bureau, for the project's 预算类别 or for every category); a picked row keeps the
item's id while its 三级指标 name stays the item's, otherwise it is the unit's own (自定义).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from portal.extensions import db
from portal.library.models import LibraryItem, LibraryVersion
from portal.targets.models import Indicator
from portal.targets.tree import tree_for


class LibraryError(ValueError):
    """What cannot be imported or picked; Chinese message."""


def versions(bureau_id: int, fiscal_year: int | None = None) -> list[LibraryVersion]:
    query = select(LibraryVersion).where(LibraryVersion.bureau_id == bureau_id)
    if fiscal_year is not None:
        query = query.where(LibraryVersion.fiscal_year == fiscal_year)
    return list(db.session.scalars(query.order_by(LibraryVersion.fiscal_year.desc(),
                                                  LibraryVersion.version_no.desc())))


def current_version(bureau_id: int | None, fiscal_year: int) -> LibraryVersion | None:
    """The library in force for ``fiscal_year``: its newest version."""
    if bureau_id is None:
        return None
    return db.session.scalar(select(LibraryVersion).where(
        LibraryVersion.bureau_id == bureau_id, LibraryVersion.fiscal_year == fiscal_year)
        .order_by(LibraryVersion.version_no.desc()).limit(1))


def items_for_project(project, sector: str = "") -> list[LibraryItem]:
    """Library items a declaration for ``project`` may pick: its year's library, its category or every one."""
    version = current_version(project.unit.parent_id, project.fiscal_year)
    if version is None:
        return []
    return [i for i in version.items if (not i.category or i.category == project.category)
            and (not sector or i.sector == sector)]


# -- import -----------------------------------------------------------------------------------------

COLUMNS = {"sector": ("行业",), "field": ("领域",), "level1": ("一级指标",), "level2": ("二级指标",),
           "name": ("三级指标", "指标名称"), "unit": ("计量单位", "单位"), "operator": ("指标方向", "方向", "比较方式"),
           "suggested": ("建议值", "参考值", "指标值"), "category": ("适用预算类别", "预算类别")}
REQUIRED = ("sector", "level1", "level2", "name", "operator")
DIRECTIONS = {"≥": "≥", ">=": "≥", "正向": "≥", "≤": "≤", "<=": "≤", "反向": "≤", "=": "=", "＝": "=",
              "定性": "定性"}


@dataclass
class LibraryImport:
    errors: list[str] = field(default_factory=list)
    version: LibraryVersion | None = None


def _cells(sheet) -> list[list[str]]:
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if c is None else (format(Decimal(repr(c)), "f") if isinstance(c, float) else str(c).strip())
                     for c in row])
    return rows


def read_rows(filename: str, data: bytes) -> list[list[str]]:
    import io

    from portal.files.sniff import UploadRejected, sniff

    if not data:
        raise LibraryError("文件为空，请选择要导入的 .xlsx 文件")
    if data[:2] != b"PK":
        raise LibraryError("只能导入 .xlsx 格式的 Excel 文件")
    try:
        sniff(data, filename if filename.lower().endswith(".xlsx") else "指标库.xlsx")
    except UploadRejected as exc:
        raise LibraryError(str(exc)) from None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise LibraryError("无法读取该 Excel 文件，请确认是 .xlsx 格式") from None
    rows = _cells(wb.worksheets[0])
    wb.close()
    return rows


def check_rows(rows: list[list[str]], tree: dict[str, tuple[str, ...]]) -> tuple[list[LibraryItem], list[str]]:
    """Items of the sheet's rows, or every error as 第 N 行：… (N as Excel shows it)."""
    from portal.projects.models import CATEGORIES

    if not rows:
        return [], ["文件为空"]
    header = [h.strip() for h in rows[0]]
    index = {k: next((i for i, h in enumerate(header) if h in names), None) for k, names in COLUMNS.items()}
    missing = [COLUMNS[k][0] for k in REQUIRED if index[k] is None]
    if missing:
        return [], [f"第 1 行：缺少“{'”“'.join(missing)}”列"]
    items, errors = [], []
    for n, cells in enumerate(rows[1:], start=2):
        row = {k: (cells[i].strip() if i is not None and i < len(cells) else "") for k, i in index.items()}
        if not any(row.values()):
            continue
        mine = []
        for key in REQUIRED:
            if not row[key]:
                mine.append(f"请填写“{COLUMNS[key][0]}”")
        if row["level1"] and row["level1"] not in tree:
            mine.append(f"一级指标“{row['level1']}”不在本年度指标体系中（{'、'.join(tree)}）")
        elif row["level1"] and row["level2"] and row["level2"] not in tree[row["level1"]]:
            mine.append(f"二级指标“{row['level2']}”不属于“{row['level1']}”")
        operator = DIRECTIONS.get(row["operator"])
        if row["operator"] and operator is None:
            mine.append(f"指标方向“{row['operator']}”无效，应为 ≥、≤、= 或 定性")
        value, text = None, ""
        if operator == "定性":
            text = row["suggested"]
        elif row["suggested"]:
            try:
                value = Decimal(row["suggested"].replace(",", "").rstrip("%％"))
                if not value.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                mine.append(f"建议值“{row['suggested']}”不是有效数字")
        if row["category"] and row["category"] not in CATEGORIES:
            mine.append(f"适用预算类别“{row['category']}”无效，应为{'、'.join(CATEGORIES)}之一，或留空表示全部")
        for key, limit in (("sector", 50), ("field", 50), ("name", 200), ("unit", 20)):
            if len(row[key]) > limit:
                mine.append(f"“{COLUMNS[key][0]}”不能超过 {limit} 字")
        if mine:
            errors += [f"第 {n} 行：{m}" for m in mine]
            continue
        items.append(LibraryItem(position=len(items), sector=row["sector"], field=row["field"], level1=row["level1"],
                                 level2=row["level2"], name=row["name"], unit=row["unit"], operator=operator,
                                 suggested_value=value, suggested_text=text[:200], category=row["category"]))
    if not items and not errors:
        errors.append("文件中没有指标")
    return items, errors


def import_library(bureau_id: int, fiscal_year: int, user, filename: str, data: bytes,
                   basis: str = "") -> LibraryImport:
    """A new version of the year's library from an .xlsx file; nothing is saved when any row is wrong."""
    result = LibraryImport()
    items, result.errors = check_rows(read_rows(filename, data), tree_for(fiscal_year, bureau_id))
    if result.errors:
        return result
    number = (db.session.scalar(select(func.max(LibraryVersion.version_no)).where(
        LibraryVersion.bureau_id == bureau_id, LibraryVersion.fiscal_year == fiscal_year)) or 0) + 1
    version = LibraryVersion(bureau_id=bureau_id, fiscal_year=fiscal_year, version_no=number,
                             basis=basis.strip()[:200], filename=(filename or "")[:200],
                             created_by_id=getattr(user, "id", None))
    version.items = items
    db.session.add(version)
    db.session.flush()
    result.version = version
    return result


# -- picking ----------------------------------------------------------------------------------------

def picked_indicator(item: LibraryItem, position: int) -> Indicator:
    return Indicator(position=position, level1=item.level1, level2=item.level2, name=item.name,
                     operator=item.operator, value=item.suggested_value,
                     text_value=item.suggested_text if item.operator == "定性" else "",
                     unit=item.unit, weight=Decimal(0), library_item_id=item.id)


def pick(submission, user, item_ids: list[int]) -> list[LibraryItem]:
    """Append the chosen library items to a draft declaration's table (weights left for the unit to set)."""
    from portal.submissions import operations as submission_ops
    from portal.submissions.operations import WorkflowError

    submission_ops._editable(submission, user)
    version = submission.target_version
    if submission.kind != "target_declaration" or version is None or version.is_frozen:
        raise WorkflowError("只能在绩效目标申报草稿中从指标库选取指标")
    allowed = {i.id: i for i in items_for_project(submission.project)}
    chosen = [allowed[i] for i in item_ids if i in allowed]
    if not chosen:
        raise WorkflowError("请勾选要加入的指标（只能选取本年度指标库中适用于本项目预算类别的指标）")
    present = {ind.name for ind in version.indicators}
    added = []
    for item in chosen:
        if item.name in present:
            continue
        version.indicators.append(picked_indicator(item, len(version.indicators)))
        present.add(item.name)
        added.append(item)
    db.session.flush()
    return added


def keep_library_marks(indicators: list[Indicator], project) -> None:
    """Keep a row's library mark only while it is a real item of a library of the project's bureau and its
    三级指标 name is still the item's; otherwise the row is the unit's own (自定义)."""
    ids = {i.library_item_id for i in indicators if i.library_item_id}
    if not ids:
        return
    items = {item.id: item for item in db.session.scalars(
        select(LibraryItem).join(LibraryVersion).where(LibraryItem.id.in_(ids),
                                                       LibraryVersion.bureau_id == project.unit.parent_id))}
    for indicator in indicators:
        item = items.get(indicator.library_item_id)
        if item is None or item.name != indicator.name:
            indicator.library_item_id = None


def sectors(version: LibraryVersion | None) -> list[str]:
    return sorted({i.sector for i in version.items}) if version else []


def search_items(version: LibraryVersion, sector: str = "", q: str = "") -> list[LibraryItem]:
    items = [i for i in version.items if (not sector or i.sector == sector)]
    if q:
        items = [i for i in items if q in i.name or q in i.field or q in i.sector]
    return items

