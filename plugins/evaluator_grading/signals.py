"""Consistency signals: self-evaluation vs external scores per project, firms' totals vs their panels' view."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from plugins.evaluator_grading import queries
from plugins.evaluator_grading.settings import decimal_setting
from portal import db
from portal.accounts.models import Organisation
from portal.projects.models import Project
from portal.submissions.models import Submission


@dataclass
class ProjectGap:
    project: Project
    self_score: Decimal
    external_score: Decimal
    firm: str

    @property
    def gap(self) -> Decimal:
        return self.self_score - self.external_score


@dataclass
class GroupSignal:
    """A unit's or firm's rows, their mean gap and whether it is flagged."""

    name: str
    rows: list = field(default_factory=list)
    gap: Decimal | None = None
    is_flagged: bool = False


def _latest(kind: str, project_ids) -> dict[int, Submission]:
    out: dict[int, Submission] = {}
    for s in db.session.scalars(select(Submission).where(
            Submission.kind == kind, Submission.state == "approved", Submission.total_score.is_not(None),
            Submission.project_id.in_(project_ids)).order_by(Submission.decided_at)):
        out[s.project_id] = s
    return out


def _mean(values) -> Decimal | None:
    values = list(values)
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")) if values else None


def project_gaps(bureau_id: int, years=None) -> list[ProjectGap]:
    """Projects with both an approved self-evaluation and an approved third-party report."""
    query = select(Project.id).join(Organisation, Project.unit_id == Organisation.id).where(
        Organisation.parent_id == bureau_id)
    if years is not None:
        query = query.where(Project.fiscal_year.in_(list(years)))
    ids = list(db.session.scalars(query))
    selfs, externals = _latest("self_evaluation", ids), _latest("third_party", ids)
    return [ProjectGap(s.project, s.total_score, externals[pid].total_score, externals[pid].org.name)
            for pid, s in sorted(selfs.items()) if pid in externals]


def unit_signals(bureau_id: int) -> list[GroupSignal]:
    """Units whose self-scores run consistently high: every gap positive, mean gap ≥ the threshold (all years)."""
    threshold = decimal_setting("EVALUATOR_GRADING_GAP_POINTS")
    groups: dict[str, GroupSignal] = {}
    for row in project_gaps(bureau_id):
        groups.setdefault(row.project.unit.name, GroupSignal(row.project.unit.name)).rows.append(row)
    for group in groups.values():
        group.gap = _mean(r.gap for r in group.rows)
        group.is_flagged = group.gap >= threshold and all(r.gap > 0 for r in group.rows)
    return sorted(groups.values(), key=lambda g: -g.gap)


def firm_signals(bureau_id: int, year: int) -> list[GroupSignal]:
    """Per firm: mean total its reports give vs the mean score its panels gave those reports."""
    threshold = decimal_setting("EVALUATOR_GRADING_GAP_POINTS")
    reports = db.session.scalars(select(Submission).join(Project).join(
        Organisation, Project.unit_id == Organisation.id).where(
        Organisation.parent_id == bureau_id, Project.fiscal_year == year, Submission.kind == "third_party",
        Submission.total_score.is_not(None)).order_by(Submission.id)).all()
    groups: dict[str, GroupSignal] = {}
    for report in reports:
        scored = [p for p in queries.panels_of(report.id) if p.score is not None and p.state != "cancelled"]
        if not scored:
            continue
        groups.setdefault(report.org.name, GroupSignal(report.org.name)).rows.append(
            (report, report.total_score, scored[-1].score))
    for group in groups.values():
        group.gap = (_mean(r[1] for r in group.rows) or 0) - (_mean(r[2] for r in group.rows) or 0)
        group.is_flagged = group.gap >= threshold
    return sorted(groups.values(), key=lambda g: -g.gap)
