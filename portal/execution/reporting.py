"""Per-source 到位数 / 执行数 in a unit's monitoring report or self-evaluation (the edit form's fields)."""

from __future__ import annotations

from decimal import Decimal

from portal.execution.operations import ExecutionError, check_figures
from portal.projects.models import SOURCES


def field_name(source: str, what: str) -> str:
    return f"exec_{source}_{what}"


def save_reported(submission, user, form) -> None:
    """Keep the per-source figures typed in ``form`` (all blank: nothing kept, the total 执行数 stands).

    When given, the total 执行数 of the report becomes their sum.
    """
    from portal.submissions import operations

    if submission.kind not in {"monitoring", "self_evaluation"}:
        return
    sources = [f.source for f in submission.project.funding]
    raw = {s: {what: (form.get(field_name(s, what)) or "").strip() for what in ("allocated", "spent")}
           for s in sources}
    if not any(v for values in raw.values() for v in values.values()):
        operations.save_data(submission, user, execution=None)
        return
    try:
        figures = check_figures(submission.project, raw, strict=False)
    except ExecutionError as exc:
        raise operations.WorkflowError(f"分资金来源的到位数、执行数有误：{exc}") from None
    problems = [f"{SOURCES[s]}执行数大于到位数" for s, (allocated, spent) in figures.items() if spent > allocated]
    if problems:
        raise operations.WorkflowError("；".join(problems))
    total = sum((spent for _allocated, spent in figures.values()), Decimal("0.00"))
    operations.save_data(submission, user, spent=f"{total}",
                         execution={s: {"allocated": f"{a}", "spent": f"{sp}"} for s, (a, sp) in figures.items()})
