"""Declaring and changing targets: a new version goes through a target-declaration submission."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from portal.extensions import db
from portal.submissions import operations as submission_ops
from portal.submissions.effects import current_targets
from portal.submissions.operations import WorkflowError, parse_decimal
from portal.targets.models import LEVEL2, OPERATORS, Indicator, TargetVersion
from portal.targets.tree import tree_for_project


def declare(project, user, *, reason: str = "", overall_goal: str = ""):
    """Start a declaration: a new draft version (a copy of the approved one, if any) in a submission."""
    submission_ops.refuse_duplicate("target_declaration", project, None, None, user.org_id)  # before any version
    approved = current_targets(project)
    if approved is not None and not reason.strip():
        raise WorkflowError("已有批复的绩效目标，调整须说明原因")
    number = (db.session.scalar(select(func.max(TargetVersion.version_no))
                                .where(TargetVersion.project_id == project.id)) or 0) + 1
    version = TargetVersion(project_id=project.id, version_no=number, reason=reason.strip(),
                            overall_goal=overall_goal or (approved.overall_goal if approved else ""),
                            created_by_id=user.id)
    if approved is not None:
        version.indicators = [Indicator(position=i.position, level1=i.level1, level2=i.level2, name=i.name,
                                        operator=i.operator, value=i.value, text_value=i.text_value,
                                        unit=i.unit, weight=i.weight, library_item_id=i.library_item_id,
                                        is_core=i.is_core)
                             for i in approved.indicators]
    db.session.add(version)
    db.session.flush()
    return submission_ops.create(kind="target_declaration", project=project, user=user, target_version=version)


class TargetRowsError(WorkflowError):
    """Rows of an indicator table that cannot be saved: every message, keyed by the row it belongs to.

    ``rows`` maps the 0-based index of the submitted row to its messages; ``general`` holds what
    concerns the whole table (the weight total).  ``str()`` lists them all, for the CLI and logs.
    """

    def __init__(self, rows: dict[int, list[str]], general: list[str]):
        self.rows, self.general = rows, general
        messages = [f"第 {n + 1} 行：{m}" for n, ms in sorted(rows.items()) for m in ms] + general
        super().__init__("；".join(messages))

    @property
    def count(self) -> int:
        return sum(len(m) for m in self.rows.values()) + len(self.general)


def _library_id(row: dict) -> int | None:
    """The library item a row was picked from (checked against the library when saved)."""
    raw = str(row.get("library") or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def _is_core(row: dict) -> bool:
    """Whether the row is ticked 核心指标 (a checkbox: any of 1/on/true/是)."""
    return str(row.get("core") or "").strip().lower() in {"1", "on", "true", "yes", "是"}


def _is_blank(row: dict) -> bool:
    return not any((row.get(f) or "").strip() for f in ("name", "value", "text_value", "weight"))


def check_rows(rows: list[dict], tree: dict[str, tuple[str, ...]] | None = None, weight_total: Decimal = Decimal(100)
               ) -> tuple[list[Indicator], dict[int, list[str]], list[str]]:
    """Parse indicator ``rows``: (indicators, errors per row index, table errors), checking every field.

    A row left blank is skipped.  When any weight is given, the weights must total ``weight_total`` (100; 90 for
    a department-wide object, whose 预算执行率 takes the other 10 points).
    """
    tree = tree or LEVEL2
    parsed, errors = [], {}
    total, weighted = Decimal(0), False
    for n, row in enumerate(rows):
        if _is_blank(row):
            continue
        mine = errors.setdefault(n, [])
        level1, level2, operator = row.get("level1"), row.get("level2"), row.get("operator")
        name = (row.get("name") or "").strip()
        if not level1:
            mine.append("请选择一级指标")
        elif level1 not in tree:
            mine.append(f"一级指标“{level1}”不在本年度绩效目标指标体系中（一级指标为{'、'.join(tree)}）")
        elif level2 not in tree[level1]:
            home = next((l1 for l1, l2s in tree.items() if level2 in l2s), None)
            where = f"，本年度属于“{home}”" if home else ("，本年度为一级指标" if level2 in tree else "")
            mine.append(f"二级指标“{level2 or ''}”不属于“{level1}”{where}")
        if not name:
            mine.append("请填写三级指标名称")
        elif len(name) > 200:
            mine.append("三级指标名称不能超过 200 字")
        value = None
        if operator not in OPERATORS:
            mine.append("请选择指标值的比较方式")
        elif operator == "定性":
            if not (row.get("text_value") or "").strip():
                mine.append("定性指标请填写定性目标（如“有效提升”）")
        else:
            try:
                value = parse_decimal(row.get("value"), "指标值", required=True)
            except WorkflowError as exc:
                mine.append(str(exc))
        unit = (row.get("unit") or "").strip()
        if len(unit) > 20:
            mine.append("计量单位不能超过 20 字")
        weight = Decimal(0)
        try:
            weight = parse_decimal(row.get("weight"), "权重") or Decimal(0)
        except WorkflowError as exc:
            mine.append(str(exc))
        else:
            if weight < 0 or weight > 100:
                mine.append("权重应在 0 至 100 之间")
            elif weight != weight.quantize(Decimal("0.01")):
                mine.append("权重最多保留两位小数")
            else:
                total += weight
                weighted = weighted or weight > 0
        if mine:
            continue
        del errors[n]
        parsed.append(Indicator(position=len(parsed), level1=level1, level2=level2, name=name, operator=operator,
                                value=value,
                                text_value=(row.get("text_value") or "").strip()[:200] if operator == "定性" else "",
                                unit=unit, weight=weight, library_item_id=_library_id(row),
                                is_core=_is_core(row)))
    general = []
    if weighted and not errors and total != weight_total:
        extra = "（部门整体支出：预算执行率另占 10 分）" if weight_total != 100 else ""
        general.append(f"各指标权重合计应为 {weight_total.normalize():f}{extra}，现为 {total.normalize():f}")
    return parsed, errors, general


def save_indicators(submission, user, rows: list[dict], *, overall_goal: str | None = None,
                    reason: str | None = None) -> None:
    """Replace the draft version's indicator table with ``rows`` (validated all at once).

    Raises :class:`TargetRowsError` with every problem on its row; nothing is saved then.
    """
    submission_ops._editable(submission, user)
    version = submission.target_version
    if version.is_frozen:
        raise WorkflowError("已批复的绩效目标不能修改，请发起目标调整")
    weight_total = Decimal(90) if submission.project.kind == "department" else Decimal(100)
    parsed, errors, general = check_rows(rows, tree_for_project(submission.project), weight_total)
    if errors or general:
        raise TargetRowsError(errors, general)
    from portal.library.operations import keep_library_marks

    keep_library_marks(parsed, submission.project)
    version.indicators.clear()
    db.session.flush()
    version.indicators.extend(parsed)
    if overall_goal is not None:
        version.overall_goal = overall_goal.strip()
    if reason is not None and version.version_no > 1:
        version.reason = reason.strip()


def copy_source(project, user) -> TargetVersion | None:
    """What 从上年已批准目标复制 copies for ``project``, among what ``user`` may see.

    A project that already has approved targets (an adjustment) copies its own newest approved version;
    otherwise last year's approved targets of the project with the same code (codes often carry the
    year, so failing that, the same name in the same unit).
    """
    from portal.projects.models import Project
    from portal.projects.queries import visible_projects

    if (own := current_targets(project)) is not None:
        return own
    last_year = visible_projects(user).where(Project.unit_id == project.unit_id,
                                             Project.fiscal_year == project.fiscal_year - 1)
    for same in (Project.code == project.code, Project.name == project.name):
        for candidate in db.session.scalars(last_year.where(same).order_by(Project.id)):
            if (approved := current_targets(candidate)) is not None:
                return approved
    return None


def copy_approved(submission, user) -> TargetVersion:
    """Replace the draft table of a target declaration with a copy of :func:`copy_source`."""
    submission_ops._editable(submission, user)
    version = submission.target_version
    if version.is_frozen:
        raise WorkflowError("已批复的绩效目标不能修改，请发起目标调整")
    source = copy_source(submission.project, user)
    if source is None:
        raise WorkflowError("本项目没有已批准的版本，上年度也没有同一项目（项目编码或名称相同）已批准的绩效目标，无可复制")
    version.indicators.clear()
    db.session.flush()
    version.indicators.extend(
        Indicator(position=i.position, level1=i.level1, level2=i.level2, name=i.name, operator=i.operator,
                  value=i.value, text_value=i.text_value, unit=i.unit, weight=i.weight,
                  library_item_id=i.library_item_id, is_core=i.is_core) for i in source.indicators)
    if not version.overall_goal.strip():
        version.overall_goal = source.overall_goal
    db.session.flush()
    return source


def history(project, user) -> list[tuple[TargetVersion, list[tuple[str, str, str]], str]]:
    """The version record of ``project`` as ``user`` may read it, newest first: (version, changes, state).

    Every approved version, with what changed since the approved one before it.  A newer version not
    yet approved is shown only to whoever may see its declaration (its unit while it is a draft, the
    bureau once it is handed in) and never once withdrawn: until approved it is a proposal, not a record.
    """
    from portal.submissions.models import Submission
    from portal.submissions.queries import visible_submissions

    rows, previous = [], None
    all_versions = versions(project)
    for version in all_versions:
        if version.is_frozen:
            rows.append((version, diff(previous, version), "已批复"))
            previous = version
    newest = all_versions[-1] if all_versions else None
    if newest is not None and not newest.is_frozen:
        declaration = db.session.scalar(visible_submissions(user).where(
            Submission.kind == "target_declaration", Submission.target_version_id == newest.id,
            Submission.state != "withdrawn"))
        if declaration is not None:
            rows.append((newest, diff(previous, newest), declaration.state_label))
    return list(reversed(rows))


def versions(project) -> list[TargetVersion]:
    return list(db.session.scalars(select(TargetVersion).where(TargetVersion.project_id == project.id)
                                   .order_by(TargetVersion.version_no)))


def diff(old: TargetVersion | None, new: TargetVersion) -> list[tuple[str, str, str]]:
    """Differences between two versions as (change, indicator, detail) rows, in Chinese."""
    if old is None:
        return [("新增", i.name, i.target_text) for i in new.indicators]
    before = {i.signature(): i for i in old.indicators}
    after = {i.signature(): i for i in new.indicators}
    rows = []
    for sig, ind in after.items():
        if sig not in before:
            rows.append(("新增", ind.name, f"{ind.target_text}，权重 {ind.weight_text}"))
        elif before[sig].content() != ind.content():
            b = before[sig]
            rows.append(("调整", ind.name,
                         f"{b.target_text}（权重 {b.weight_text}）→ {ind.target_text}（权重 {ind.weight_text}）"))
    for sig, ind in before.items():
        if sig not in after:
            rows.append(("删除", ind.name, ind.target_text))
    return rows
