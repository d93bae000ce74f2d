"""Declaring and changing targets: a new version goes through a target-declaration submission."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from portal.extensions import db
from portal.submissions import operations as submission_ops
from portal.submissions.effects import current_targets
from portal.submissions.operations import WorkflowError, parse_decimal
from portal.targets.models import LEVEL1, LEVEL2, OPERATORS, Indicator, TargetVersion


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
                                        unit=i.unit, weight=i.weight) for i in approved.indicators]
    db.session.add(version)
    db.session.flush()
    return submission_ops.create(kind="target_declaration", project=project, user=user, target_version=version)


def save_indicators(submission, user, rows: list[dict], *, overall_goal: str | None = None,
                    reason: str | None = None) -> None:
    """Replace the draft version's indicator table with ``rows`` (validated all at once)."""
    submission_ops._editable(submission, user)
    version = submission.target_version
    if version.is_frozen:
        raise WorkflowError("已批复的绩效目标不能修改，请发起目标调整")
    errors, parsed = [], []
    for n, row in enumerate(rows, start=1):
        name = (row.get("name") or "").strip()
        if not name and not (row.get("value") or "").strip():
            continue  # an empty row left in the form
        level1, level2, operator = row.get("level1"), row.get("level2"), row.get("operator")
        where = f"第 {n} 行"
        if level1 not in LEVEL1:
            errors.append(f"{where}：请选择一级指标")
            continue
        if level2 not in LEVEL2[level1]:
            errors.append(f"{where}：二级指标“{level2 or ''}”不属于“{level1}”")
            continue
        if not name:
            errors.append(f"{where}：请填写三级指标名称")
            continue
        if operator not in OPERATORS:
            errors.append(f"{where}：请选择指标值的比较方式")
            continue
        try:
            value = None if operator == "定性" else parse_decimal(row.get("value"), f"{where}指标值", required=True)
            weight = parse_decimal(row.get("weight"), f"{where}权重") or Decimal(0)
        except WorkflowError as exc:
            errors.append(str(exc))
            continue
        if weight < 0 or weight > 100:
            errors.append(f"{where}：权重应在 0 至 100 之间")
            continue
        parsed.append(Indicator(position=len(parsed), level1=level1, level2=level2, name=name[:200],
                                operator=operator, value=value,
                                text_value=(row.get("text_value") or "").strip()[:200] if operator == "定性" else "",
                                unit=(row.get("unit") or "").strip()[:20], weight=weight))
    if errors:
        raise WorkflowError("；".join(errors))
    version.indicators.clear()
    db.session.flush()
    version.indicators.extend(parsed)
    if overall_goal is not None:
        version.overall_goal = overall_goal.strip()
    if reason is not None and version.version_no > 1:
        version.reason = reason.strip()


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
