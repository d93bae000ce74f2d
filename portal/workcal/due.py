"""Due items (到期事项): what each unit owes by the work calendar, and the bureau's own dated tasks.

A unit's items are its monitoring and self-evaluation tasks (:mod:`portal.submissions.deadlines`) and its
部门评价 share of last year's project budget against the calendar's 20 %. The bureau sees every unit's
items in one table and its own tasks (真实性核查, third-party key evaluations against 5, the yearly
summary, the quarterly reports to the prefecture) from 30 days before their date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from sqlalchemy import select

from portal.accounts.models import Organisation
from portal.extensions import db
from portal.projects.models import Project
from portal.submissions.deadlines import days_note, unit_tasks
from portal.workcal.coverage import department_evaluation_share
from portal.workcal.dates import ITEMS, calendar_for

#: The bureau's own tasks appear this many days before their date.
BUREAU_LEAD_DAYS = 30


@dataclass(frozen=True)
class DueItem:
    unit: Organisation | None
    item: str
    due: date
    state: str
    #: For the unit (its draft, or where it is filed) and for the bureau (the project or coverage page).
    unit_url: str | None
    bureau_url: str | None
    #: What makes a notice about it unique (``jixiao notify``).
    key: str

    def days(self, on: date) -> int:
        return (self.due - on).days

    def note(self, on: date) -> str:
        return days_note(self.due, on, "" if self.state in ("未填报", "日历提醒") else f"{self.state}，")

    def is_overdue(self, on: date) -> bool:
        return self.due < on


def unit_items(unit: Organisation, on: date) -> list[DueItem]:
    """Everything ``unit`` owes on ``on``, soonest first."""
    projects = db.session.scalars(select(Project).where(Project.unit_id == unit.id,
                                                        Project.fiscal_year >= on.year - 1)).all()
    items = []
    for t in unit_tasks(unit, projects, on):
        items.append(DueItem(
            unit, f"{t.what} · {t.project.name}（{t.project.fiscal_year}年度）", t.due, t.state,
            url_for("submissions.detail", submission_id=t.draft.id) if t.draft
            else url_for("submissions.start", project_id=t.project.id),
            url_for("projects.detail", project_id=t.project.id),
            f"{t.kind}:{t.project.id}:{t.checkpoint or ''}"))
    cal = calendar_for(unit.parent_id, on.year)
    share = department_evaluation_share(unit, on.year - 1, on)
    if share is not None and share.budget and not share.meets_share:
        items.append(DueItem(
            unit, f"部门评价（{on.year - 1}年度项目预算的 {cal.share}% 以上）", cal.items["department_evaluation"],
            f"已覆盖 {share.share}%", url_for("submissions.start"),
            url_for("workcal.coverage", year=on.year - 1), f"department_evaluation:{unit.id}:{on.year - 1}"))
    return sorted(items, key=lambda i: (i.due, i.item))


def bureau_items(user, on: date) -> list[DueItem]:
    """Every unit's items in the bureau's region, by due date."""
    units = db.session.scalars(select(Organisation).where(Organisation.parent_id == user.bureau_id,
                                                          Organisation.kind == "unit")
                               .order_by(Organisation.name)).all()
    return sorted((i for unit in units for i in unit_items(unit, on)), key=lambda i: (i.due, i.unit.name))


def bureau_tasks(user, on: date) -> list[DueItem]:
    """The bureau's own dated tasks of the work year, shown from 30 days before until their date
    (third-party key evaluations: until enough projects are evaluated)."""
    from portal.workcal.coverage import coverage_for

    cal = calendar_for(user.bureau_id, on.year)
    items = []
    for key, (label, who, _) in ITEMS.items():
        due = cal.items[key]
        if who != "bureau" or not 0 <= (due - on).days <= BUREAU_LEAD_DAYS and key != "third_party":
            continue
        state = "日历提醒"
        if key == "third_party":
            found = coverage_for(user, on.year - 1, on)
            if found.key_count >= cal.key_count or (due - on).days > BUREAU_LEAD_DAYS:
                continue
            state = f"已有 {found.key_count} 个（应不少于 {cal.key_count} 个）"
        where = (url_for("workcal.coverage", year=on.year - 1) if key == "third_party"
                 else url_for("workcal.calendar_edit", year=on.year))
        items.append(DueItem(None, label, due, state, None, where,
                             f"bureau:{key}:{on.year}"))
    return sorted(items, key=lambda i: i.due)
