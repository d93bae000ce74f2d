"""Recording execution: every update is a dated record; the newest one is the project's current figures."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import case, select

from portal.execution.models import ORIGINS, ExecutionLine, ExecutionRecord
from portal.extensions import db
from portal.projects.models import SOURCES, Project, ProjectFunding
from portal.util import local_date, to_money, utcnow

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
#: What a Numeric(14, 2) column holds (12 digits before the point).
MONEY_LIMIT = Decimal(10) ** 12


class ExecutionError(ValueError):
    """Figures that cannot be recorded; Chinese message."""


#: The creation figures come first whatever their date (a project entered after its year still starts there);
#: every later record ranks by its as-of date, then by entry.
_RANK = case((ExecutionRecord.origin == "creation", 0), else_=1)
_NEWEST_FIRST = (_RANK.desc(), ExecutionRecord.as_of.desc(), ExecutionRecord.id.desc())


def history(project: Project) -> list[ExecutionRecord]:
    """The project's records, newest first."""
    return list(db.session.scalars(select(ExecutionRecord).where(ExecutionRecord.project_id == project.id)
                                   .order_by(*_NEWEST_FIRST)))


def latest(project: Project) -> ExecutionRecord | None:
    records = history(project)
    return records[0] if records else None


def check_figures(project: Project, figures: dict[str, dict], *, strict: bool = True) -> dict[str, tuple]:
    """``{source: {"allocated": …, "spent": …}}`` as money per source; Chinese errors.

    ``strict`` (form and import): 执行数 may not exceed 到位数, and a source the project has no
    budget line for must stay zero.
    """
    out: dict[str, tuple[Decimal, Decimal]] = {}
    problems = []
    for source, label in SOURCES.items():
        values = figures.get(source)
        if values is None:
            continue
        try:
            allocated = to_money(values.get("allocated", "") or 0)
            spent = to_money(values.get("spent", "") or 0)
        except ValueError as exc:
            problems.append(f"{label}：{exc}")
            continue
        if max(allocated, spent) >= MONEY_LIMIT:
            problems.append(f"{label}：金额超出可记录范围（应小于 1 万亿万元）")
            continue
        if strict:
            if spent > allocated:
                problems.append(f"{label}执行数 {spent} 万元大于到位数 {allocated} 万元")
            if project.funding_for(source) is None and (allocated or spent):
                problems.append(f"该项目没有“{label}”资金来源，不能填写其到位数、执行数")
        out[source] = (allocated, spent)
    if problems:
        raise ExecutionError("；".join(problems))
    return out


def record_execution(project: Project, *, as_of: date, origin: str, figures: dict[str, tuple[Decimal, Decimal]],
                     user=None, submission=None, note: str = "") -> ExecutionRecord:
    """Add a record; sources not in ``figures`` keep the figures of the record before it.

    When the record is the newest by date it becomes the project's current 到位数 / 执行数.
    """
    if origin not in ORIGINS:
        raise ExecutionError(f"未知的来源“{origin}”")
    before = _newest_on_or_before(project, as_of)
    merged = {line.source: (line.allocated, line.spent) for line in before.lines} if before else \
        {f.source: (f.allocated, f.spent) for f in project.funding}
    merged.update(figures)
    record = ExecutionRecord(project_id=project.id, as_of=as_of, origin=origin, note=note.strip(),
                             submission_id=getattr(submission, "id", None), created_by_id=getattr(user, "id", None),
                             created_at=utcnow())
    positions = {source: i for i, source in enumerate(SOURCES)}
    for source, (allocated, spent) in sorted(merged.items(), key=lambda kv: positions.get(kv[0], 99)):
        record.lines.append(ExecutionLine(source=source, position=positions.get(source, 99),
                                          allocated=allocated, spent=spent))
    db.session.add(record)
    db.session.flush()
    if latest(project).id == record.id:
        _write_through(project, record)
    return record


def _newest_on_or_before(project: Project, as_of: date) -> ExecutionRecord | None:
    return db.session.scalar(select(ExecutionRecord).where(
        ExecutionRecord.project_id == project.id, (ExecutionRecord.as_of <= as_of) | (_RANK == 0))
        .order_by(*_NEWEST_FIRST).limit(1))


def _write_through(project: Project, record: ExecutionRecord) -> None:
    """The project's funding rows take the record's 到位数 / 执行数 (budgets are not touched)."""
    for line in record.lines:
        row = project.funding_for(line.source)
        if row is None:
            if not (line.allocated or line.spent):
                continue
            row = ProjectFunding(source=line.source, position=line.position, budget=ZERO)
            project.funding.append(row)
        row.allocated, row.spent = line.allocated, line.spent
    db.session.flush()


def record_creation(project: Project, user=None) -> ExecutionRecord:
    """The figures a project is created with are its first record (as of the day it is created)."""
    figures = {f.source: (f.allocated, f.spent) for f in project.funding}
    return record_execution(project, as_of=local_date(project.created_at or utcnow()), origin="creation",
                            figures=figures, user=user)


# -- from monitoring reports and self-evaluations ----------------------------------------------

def as_of_for(submission) -> date:
    """A monitoring report's figures are as of its checkpoint's last day; a self-evaluation's, 12-31."""
    year = submission.project.fiscal_year
    if submission.kind == "monitoring" and submission.checkpoint:
        month = int(submission.checkpoint)
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 12, 31)


def reported_figures(submission) -> tuple[dict[str, tuple[Decimal, Decimal]], str]:
    """The per-source figures a report holds, and a note on how they were read.

    Per-source 到位数 / 执行数 when the unit gave them (``data["execution"]``); otherwise the total
    执行数 is split over the sources in proportion to their budgets (到位数 unchanged), and the note says so.
    """
    data = submission.data or {}
    project = submission.project
    per_source = data.get("execution") or {}
    if per_source:
        return ({s: (Decimal(str(v.get("allocated") or 0)), Decimal(str(v.get("spent") or 0)))
                 for s, v in per_source.items() if s in SOURCES}, "")
    spent = data.get("spent")
    if spent in (None, ""):
        return {}, ""
    total = Decimal(str(spent)).quantize(CENT)
    funding = [f for f in project.funding if f.budget] or list(project.funding)
    if not funding:
        return {}, ""
    if len(funding) == 1:
        return {funding[0].source: (funding[0].allocated, total)}, ""
    budget = sum((f.budget for f in funding), ZERO)
    out, left = {}, total
    for f in funding[:-1]:
        share = (total * f.budget / budget).quantize(CENT, rounding=ROUND_HALF_UP) if budget else ZERO
        out[f.source] = (f.allocated, share)
        left -= share
    out[funding[-1].source] = (funding[-1].allocated, left)
    return out, "报告只填了执行数合计，按各资金来源预算数比例分摊"


def record_from_submission(submission, user) -> ExecutionRecord | None:
    """On approval of a monitoring report or self-evaluation: its figures become the project's."""
    if submission.kind not in {"monitoring", "self_evaluation"}:
        return None
    figures, note = reported_figures(submission)
    if not figures:
        return None
    return record_execution(submission.project, as_of=as_of_for(submission), origin=submission.kind,
                            figures=figures, user=user, submission=submission,
                            note=note or f"来自{submission.display_title}")
