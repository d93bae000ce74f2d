"""What rectification items a user may see (one scoping query) and the ledger's reads built on it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask import abort
from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import aliased

from plugins.rectification.dates import local_date, today
from plugins.rectification.models import STATES, RectificationItem, SampleDraw
from portal import ListSpec, db
from portal.accounts.models import BUREAU_ROLES, Organisation, Role
from portal.projects.models import Project


def visible_items(user) -> Select:
    """``select(RectificationItem)`` limited to what ``user`` may see.

    Bureau roles: items of every unit under their bureau.  Unit editors: their unit's items.
    Everyone else (firms, experts): nothing.
    """
    conditions = []
    if user.has_role(*BUREAU_ROLES) and user.org.kind == "bureau":
        region_units = select(Organisation.id).where(Organisation.parent_id == user.bureau_id)
        conditions.append(RectificationItem.unit_id.in_(region_units))
    if user.has_role(Role.UNIT_EDITOR):
        conditions.append(RectificationItem.unit_id == user.org_id)
    return select(RectificationItem).where(or_(*conditions) if conditions else false())


def item_or_404(user, item_id: int) -> RectificationItem:
    item = db.session.scalar(visible_items(user).where(RectificationItem.id == item_id))
    if item is None:
        abort(404)
    return item


def may_see_item(user, item_id: int) -> bool:
    return db.session.scalar(visible_items(user).where(RectificationItem.id == item_id)
                             .with_only_columns(RectificationItem.id)) is not None


def overdue_condition(on: date):
    """SQL for 'not closed and past the deadline' (the same rule as ``is_overdue_on``)."""
    return and_(RectificationItem.state != "closed", RectificationItem.deadline < on)


@dataclass
class LedgerFilter:
    """The ledger's filters, parsed from the query string (unknown values are ignored)."""

    year: int | None = None
    unit_id: int | None = None
    state: str | None = None
    severity: str | None = None
    source_kind: str | None = None
    #: ``"1"`` only overdue, ``"0"`` only not overdue, ``None`` both.
    overdue: str | None = None
    #: Keyword: in the project's code or name, the unit's name or the item's description.
    q: str | None = None

    @classmethod
    def from_args(cls, args) -> LedgerFilter:
        from plugins.rectification.models import SEVERITIES, SOURCE_KINDS

        def pick(name, allowed):
            value = args.get(name) or None
            return value if value in allowed else None

        return cls(year=args.get("year", type=int), unit_id=args.get("unit_id", type=int),
                   state=pick("state", STATES), severity=pick("severity", SEVERITIES),
                   source_kind=pick("source_kind", SOURCE_KINDS), overdue=pick("overdue", {"0", "1"}),
                   q=(args.get("q") or "").strip()[:100] or None)

    def as_args(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


def region_items(bureau_id: int) -> Select:
    """Every item of a bureau's region (for the CLI, which acts for the bureau without a user)."""
    region_units = select(Organisation.id).where(Organisation.parent_id == bureau_id)
    return select(RectificationItem).where(RectificationItem.unit_id.in_(region_units))


#: The item's project as the ledger joins it (outer: 抽查 items may have none).
_LedgerProject = aliased(Project, name="ledger_project")

#: The ledger's order without a ``sort`` parameter: year (newest first), unit, deadline.
LEDGER_ORDER = (RectificationItem.fiscal_year.desc(), Organisation.name, RectificationItem.deadline)

#: 整改台账's sortable headers and pages (its filters stay :class:`LedgerFilter`, shared with the CLI).
LEDGER_SPEC = ListSpec(
    sorts={"number": (RectificationItem.id,), "year": (RectificationItem.fiscal_year,), "unit": (Organisation.name,),
           "project": (_LedgerProject.name,), "source": (RectificationItem.source_kind,),
           "severity": (RectificationItem.severity,), "deadline": (RectificationItem.deadline,),
           "state": (RectificationItem.state,)},
    default_sort="", default_order=LEDGER_ORDER, tiebreak=RectificationItem.id, page_size=100)


def ledger_query(user, filters: LedgerFilter, on: date | None = None, *, base: Select | None = None) -> Select:
    """``select(RectificationItem)`` of the ledger (整改台账): visible items matching ``filters``; unordered."""
    on = on or today()
    query = visible_items(user) if base is None else base
    if filters.year:
        query = query.where(RectificationItem.fiscal_year == filters.year)
    if filters.unit_id:
        query = query.where(RectificationItem.unit_id == filters.unit_id)
    if filters.state:
        query = query.where(RectificationItem.state == filters.state)
    if filters.severity:
        query = query.where(RectificationItem.severity == filters.severity)
    if filters.source_kind:
        query = query.where(RectificationItem.source_kind == filters.source_kind)
    if filters.overdue == "1":
        query = query.where(overdue_condition(on))
    elif filters.overdue == "0":
        query = query.where(~overdue_condition(on))
    query = (query.join(Organisation, RectificationItem.unit_id == Organisation.id)
             .outerjoin(_LedgerProject, RectificationItem.project_id == _LedgerProject.id))
    if filters.q:
        query = query.where(or_(*(column.icontains(filters.q, autoescape=True) for column in (
            _LedgerProject.code, _LedgerProject.name, Organisation.name, RectificationItem.description))))
    return query


def ledger(user, filters: LedgerFilter, on: date | None = None, *, base: Select | None = None) -> list[RectificationItem]:
    """The items of the ledger (整改台账), filtered, in a stable order (year, unit, deadline, id)."""
    query = ledger_query(user, filters, on, base=base).order_by(*LEDGER_ORDER, RectificationItem.id)
    return list(db.session.scalars(query))


def years(user) -> list[int]:
    stmt = visible_items(user).with_only_columns(RectificationItem.fiscal_year).distinct()
    return sorted(db.session.scalars(stmt), reverse=True)


def units(user) -> list[Organisation]:
    """Units the user may filter by: the region's units (bureau) or the user's own."""
    if user.has_role(*BUREAU_ROLES) and user.org.kind == "bureau":
        return list(db.session.scalars(select(Organisation).where(
            Organisation.parent_id == user.bureau_id, Organisation.kind == "unit").order_by(Organisation.name)))
    return [user.org] if user.has_role(Role.UNIT_EDITOR) else []


@dataclass
class UnitFigures:
    """Dashboard figures of one unit: open (not closed), overdue, closed on time, closed late."""

    unit: Organisation
    total: int = 0
    open: int = 0
    overdue: int = 0
    closed_on_time: int = 0
    closed_late: int = 0


@dataclass
class Dashboard:
    units: list[UnitFigures] = field(default_factory=list)
    #: (``YYYY-MM``, items closed that month), oldest first.
    closed_per_month: list[tuple[str, int]] = field(default_factory=list)


def dashboard(items: list[RectificationItem], on: date | None = None, months: int = 12) -> Dashboard:
    """Per-unit figures and the items closed per month over the last ``months`` months."""
    on = on or today()
    per_unit: dict[int, UnitFigures] = {}
    for item in items:
        figures = per_unit.setdefault(item.unit_id, UnitFigures(item.unit))
        figures.total += 1
        if item.state == "closed":
            if item.is_closed_on_time:
                figures.closed_on_time += 1
            else:
                figures.closed_late += 1
        else:
            figures.open += 1
            if item.is_overdue_on(on):
                figures.overdue += 1
    counts = Counter(local_date(i.closed_at).strftime("%Y-%m") for i in items if i.closed_at and i.state == "closed")
    labels = []
    year, month = on.year, on.month
    for _ in range(months):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return Dashboard(sorted(per_unit.values(), key=lambda f: f.unit.name),
                     [(label, counts.get(label, 0)) for label in reversed(labels)])


def items_for_submission(submission_id: int) -> dict[int, RectificationItem]:
    """Items already made from this submission's findings, by finding id (the caller checked access)."""
    rows = db.session.scalars(select(RectificationItem).where(RectificationItem.submission_id == submission_id,
                                                              RectificationItem.finding_id.is_not(None)))
    return {item.finding_id: item for item in rows}


def draws(user) -> list[SampleDraw]:
    """Sample draws of the user's bureau, newest first (bureau staff only)."""
    if not (user.has_role(*BUREAU_ROLES) and user.org.kind == "bureau"):
        return []
    return list(db.session.scalars(select(SampleDraw).where(SampleDraw.bureau_id == user.bureau_id)
                                   .order_by(SampleDraw.drawn_at.desc(), SampleDraw.id.desc())))


def draw_or_404(user, draw_id: int) -> SampleDraw:
    draw = next((d for d in draws(user) if d.id == draw_id), None)
    if draw is None:
        abort(404)
    return draw


def items_by_id(ids: list[int]) -> list[RectificationItem]:
    """Items in the order of ``ids`` (for a draw's list; the draw is already scoped)."""
    found = {i.id: i for i in db.session.scalars(select(RectificationItem).where(RectificationItem.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def unit_year(user, unit: Organisation, year: int) -> dict:
    """结果应用: a unit's year at a glance — monitoring flags, approved grades and open items together."""
    from portal.projects.models import Project
    from portal.projects.queries import visible_projects
    from portal.submissions.effects import flags_for
    from portal.submissions.models import Submission
    from portal.submissions.queries import visible_submissions

    projects = list(db.session.scalars(visible_projects(user).where(
        Project.unit_id == unit.id, Project.fiscal_year == year).order_by(Project.code)))
    ids = [p.id for p in projects]
    graded = list(db.session.scalars(visible_submissions(user).where(
        Submission.project_id.in_(ids), Submission.state == "approved", Submission.grade.is_not(None))
        .order_by(Submission.project_id, Submission.decided_at)))
    items = [i for i in db.session.scalars(visible_items(user).where(
        RectificationItem.unit_id == unit.id, RectificationItem.fiscal_year == year)
        .order_by(RectificationItem.deadline))]
    by_project: dict[int, list] = defaultdict(list)
    for submission in graded:
        by_project[submission.project_id].append(submission)
    return {"projects": projects, "flags": flags_for(ids) if ids else [], "graded": graded,
            "grades_by_project": by_project, "open_items": [i for i in items if i.state != "closed"],
            "closed_items": [i for i in items if i.state == "closed"],
            "budget_cut": [s for s in graded if s.grade in ("中", "差")]}


def finding_outcomes(finding_ids) -> dict[int, str]:
    """Finding id → ``closed`` or ``open`` for the findings that became items."""
    ids = [int(i) for i in finding_ids]
    if not ids:
        return {}
    rows = db.session.execute(select(RectificationItem.finding_id, RectificationItem.state)
                              .where(RectificationItem.finding_id.in_(ids)))
    return {finding_id: "closed" if state == "closed" else "open" for finding_id, state in rows}


def open_counts(project_ids) -> dict[int, int]:
    """Items not yet closed (销号) per project."""
    rows = db.session.execute(select(RectificationItem.project_id, func.count(RectificationItem.id)).where(
        RectificationItem.project_id.in_(list(project_ids)), RectificationItem.state != "closed")
        .group_by(RectificationItem.project_id))
    return {project_id: count for project_id, count in rows}
