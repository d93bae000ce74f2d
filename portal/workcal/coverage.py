"""全覆盖: for a bureau and fiscal year, what every unit and project has filed, and the gaps.

Seed 004's rules, with the figures from the bureau's work calendar of the next year: every project has
targets declared and approved, each monitoring checkpoint filed and its self-evaluation approved; each
unit puts at least 20 % of its project budget under 部门评价 (a department_evaluation handed in or
approved); the bureau has at least 5 key projects evaluated by a third party (a ``third_party``
submission handed in or approved — read from the submissions table, the core imports no plugin).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from portal.accounts.models import Organisation
from portal.extensions import db
from portal.projects.models import Project
from portal.projects.queries import visible_projects
from portal.submissions.models import Submission
from portal.workcal.dates import Checkpoint, calendar_for, checkpoints_for, self_evaluation_key

#: What counts as filed: handed in to the bureau (a returned one is being corrected, so still filed).
FILED = ("submitted", "review", "returned", "approved")
ZERO = Decimal("0.00")


@dataclass
class ProjectRow:
    project: Project
    declared: Submission | None = None
    targets_approved: bool = False
    checkpoints: dict[int, Checkpoint] = field(default_factory=dict)
    monitoring: dict[int, Submission | None] = field(default_factory=dict)
    self_evaluation: Submission | None = None
    department_evaluation: Submission | None = None
    third_party: Submission | None = None
    #: The day the page is looked at, and the self-evaluation's due date: a gap is only what is late.
    on: date = date.min
    self_evaluation_due: date = date.max

    @property
    def self_evaluation_approved(self) -> bool:
        return self.self_evaluation is not None and self.self_evaluation.state == "approved"

    def monitoring_gap(self, month: int) -> bool:
        return self.monitoring.get(month) is None and self.on > self.checkpoints[month].due

    @property
    def self_evaluation_gap(self) -> bool:
        return not self.self_evaluation_approved and self.on > self.self_evaluation_due

    @property
    def gaps(self) -> list[str]:
        out = [] if self.targets_approved else ["绩效目标未批复"]
        out += [f"{c.label}监控未报" for m, c in self.checkpoints.items() if self.monitoring_gap(m)]
        if self.self_evaluation_gap:
            out.append("绩效自评未通过")
        return out


@dataclass
class UnitRow:
    unit: object
    projects: list[ProjectRow] = field(default_factory=list)
    required_share: Decimal = Decimal("20")
    #: Whether 部门评价's date has passed (a share below the rule is a gap only then).
    is_due: bool = True

    @property
    def budget(self) -> Decimal:
        return sum((r.project.budget for r in self.projects if r.project.kind == "project"), ZERO)

    @property
    def evaluated_budget(self) -> Decimal:
        return sum((r.project.budget for r in self.projects
                    if r.project.kind == "project" and r.department_evaluation is not None), ZERO)

    @property
    def share(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.evaluated_budget * 100 / self.budget).quantize(Decimal("0.01"))

    @property
    def meets_share(self) -> bool:
        return self.budget == 0 or (self.share or ZERO) >= self.required_share

    @property
    def share_gap(self) -> bool:
        return self.is_due and not self.meets_share


@dataclass
class Coverage:
    fiscal_year: int
    units: list[UnitRow]
    required_share: Decimal
    key_required: int
    key_due: date = date.max
    on: date = date.min

    @property
    def key_gap(self) -> bool:
        return self.on > self.key_due and self.key_count < self.key_required

    @property
    def key_count(self) -> int:
        return sum(1 for u in self.units for r in u.projects if r.third_party is not None)

    @property
    def gap_count(self) -> int:
        return sum(len(r.gaps) for u in self.units for r in u.projects) + sum(
            1 for u in self.units if u.share_gap) + (1 if self.key_gap else 0)


def _latest(subs: list[Submission]) -> Submission | None:
    """The record that counts: not withdrawn, not superseded; an approved one before a pending replacement."""
    live = [s for s in subs if s.state != "withdrawn" and s.superseded_at is None]
    return max(live, key=lambda s: (s.state == "approved", s.id)) if live else None


def unit_coverage(projects: list[Project], fiscal_year: int, bureau_id: int | None, on: date) -> list[UnitRow]:
    """The coverage rows of ``projects`` (already scoped to what the caller may see), grouped by unit."""
    rules = calendar_for(bureau_id, fiscal_year + 1)
    subs: dict[int, list[Submission]] = {}
    if projects:
        for s in db.session.scalars(select(Submission).where(Submission.project_id.in_([p.id for p in projects]))):
            subs.setdefault(s.project_id, []).append(s)
    units: dict[int, UnitRow] = {}
    for project in projects:
        mine = subs.get(project.id, [])

        def of(kind, *, states=FILED, checkpoint=None, mine=mine):
            return _latest([s for s in mine if s.kind == kind and s.state in states
                            and (checkpoint is None or s.checkpoint == checkpoint)])

        row = ProjectRow(project, checkpoints=checkpoints_for(project), on=on,
                         self_evaluation_due=rules.items[self_evaluation_key(project)])
        row.declared = of("target_declaration", states=("submitted", "review", "returned", "approved"))
        row.targets_approved = any(s.kind == "target_declaration" and s.state == "approved" for s in mine)
        row.monitoring = {m: of("monitoring", checkpoint=m, states=("submitted", "review", "approved"))
                          for m in row.checkpoints}
        row.self_evaluation = of("self_evaluation", states=("draft", *FILED))
        row.department_evaluation = of("department_evaluation")
        row.third_party = of("third_party")
        unit = units.setdefault(project.unit_id, UnitRow(project.unit, required_share=rules.share,
                                                                 is_due=on > rules.items["department_evaluation"]))
        unit.projects.append(row)
    return sorted(units.values(), key=lambda u: u.unit.name)


def coverage_for(user, fiscal_year: int, on: date) -> Coverage:
    """The coverage of ``fiscal_year`` over the projects ``user`` may see (a bureau: its region) on ``on``."""
    projects = db.session.scalars(visible_projects(user).where(Project.fiscal_year == fiscal_year)
                                  .order_by(Project.code)).all()
    return coverage_of(list(projects), fiscal_year, user.bureau_id, on)


def coverage_of(projects: list[Project], fiscal_year: int, bureau_id: int | None, on: date) -> Coverage:
    """The coverage of ``projects`` (already scoped) against the bureau's calendar of the next year."""
    rules = calendar_for(bureau_id, fiscal_year + 1)
    return Coverage(fiscal_year, unit_coverage(projects, fiscal_year, bureau_id, on), rules.share,
                    rules.key_count, key_due=rules.items["third_party"], on=on)


def bureau_coverage(bureau, fiscal_year: int, on: date) -> Coverage:
    """The coverage of ``fiscal_year`` over every project of the units under ``bureau`` (the yearly summary)."""
    units = select(Organisation.id).where(Organisation.parent_id == bureau.id)
    projects = db.session.scalars(select(Project).where(Project.unit_id.in_(units),
                                                        Project.fiscal_year == fiscal_year).order_by(Project.code))
    return coverage_of(list(projects), fiscal_year, bureau.id, on)


def department_evaluation_share(unit, fiscal_year: int, on: date) -> UnitRow | None:
    """One unit's 部门评价 share of ``fiscal_year`` (``None`` when it has no projects that year)."""
    projects = db.session.scalars(select(Project).where(Project.unit_id == unit.id,
                                                        Project.fiscal_year == fiscal_year)).all()
    rows = unit_coverage(list(projects), fiscal_year, unit.parent_id, on)
    return rows[0] if rows else None
