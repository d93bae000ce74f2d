"""What a budget unit owes and by when: the dated monitoring and self-evaluation tasks of its projects.

The dates come from the bureau's work calendar (:mod:`portal.workcal.dates`, seed 004's dates unless
绩效科 changed them): a monitoring checkpoint's report is due on the date the calendar gives it (default:
the 10th of the month after it, 5月底 → 6月10日, 8月底 → 9月10日; 部门整体 6月底 → 7月10日) and a project's
self-evaluation by the calendar's date in the next year (default 20 March; 部门整体支出 20 April). A task is shown from the day
it can be filed (a checkpoint opens on the first of its month; a self-evaluation once the year is over)
until its report is handed in, with the days left or overdue counted in Beijing days; a past year's
monitoring is no longer asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.submissions.models import Submission
from portal.targets.models import TargetVersion
from portal.workcal.dates import calendar_for, checkpoint_label, checkpoints_for, self_evaluation_key

#: Handed in (or beyond): the task is done.
HANDED_IN = ("submitted", "review", "approved")


def monitoring_due(fiscal_year: int, checkpoint: int, bureau_id: int | None = None,
                   scope: str = "project") -> date | None:
    found = calendar_for(bureau_id, fiscal_year).checkpoints_of(scope).get(checkpoint)
    return found.due if found else None


def self_evaluation_due(fiscal_year: int, bureau_id: int | None = None, key: str = "self_evaluation") -> date:
    return calendar_for(bureau_id, fiscal_year + 1).items[key]


def days_note(due: date, on: date, prefix: str = "") -> str:
    days = (due - on).days
    if days < 0:
        return f"{prefix}已逾期 {-days} 天"
    return f"{prefix}今天截止" if days == 0 else f"{prefix}还剩 {days} 天"


@dataclass(frozen=True)
class Task:
    project: object
    kind: str
    checkpoint: int | None
    due: date
    draft: Submission | None

    @property
    def what(self) -> str:
        return f"{checkpoint_label(self.checkpoint)}监控" if self.kind == "monitoring" else "绩效自评"

    @property
    def label(self) -> str:
        return f"{self.what} · 截止 {self.due.month}月{self.due.day}日 · {self.project.name}"

    @property
    def state(self) -> str:
        return "草稿未提交" if self.draft is not None else "未填报"

    def note(self, on: date) -> str:
        return days_note(self.due, on, "草稿未提交，" if self.draft is not None else "")


def unit_tasks(unit_or_user, projects, on: date) -> list[Task]:
    """Open dated tasks of a unit (or a unit user's unit) on ``projects`` (its own), soonest first.

    Two queries whatever the number of projects: which have frozen (approved) targets, and their
    monitoring and self-evaluation records."""
    unit_id = unit_or_user.org_id if hasattr(unit_or_user, "org_id") else unit_or_user.id
    projects = [p for p in projects if p.unit_id == unit_id]
    if not projects:
        return []
    ids = [p.id for p in projects]
    with_targets = set(db.session.scalars(select(TargetVersion.project_id).where(
        TargetVersion.project_id.in_(ids), TargetVersion.is_frozen.is_(True))))
    records: dict[tuple, list[Submission]] = {}
    for s in db.session.scalars(select(Submission).where(
            Submission.project_id.in_(ids), Submission.kind.in_(("monitoring", "self_evaluation")),
            Submission.org_id == unit_id, Submission.state != "withdrawn")):
        records.setdefault((s.project_id, s.kind, s.checkpoint if s.kind == "monitoring" else None), []).append(s)
    tasks = []
    for project in projects:
        if project.id not in with_targets:
            continue
        wanted = []
        if project.fiscal_year == on.year:  # a past year's monitoring is moot once its self-evaluation is due
            wanted = [("monitoring", month, c.due) for month, c in checkpoints_for(project).items()
                      if on >= date(project.fiscal_year, month, 1)]
        if on.year > project.fiscal_year:
            wanted.append(("self_evaluation", None, self_evaluation_due(project.fiscal_year, project.unit.parent_id,
                                                                        self_evaluation_key(project))))
        for kind, checkpoint, due in wanted:
            filed = records.get((project.id, kind, checkpoint), [])
            if any(s.state in HANDED_IN or s.state == "returned" for s in filed):
                continue
            tasks.append(Task(project, kind, checkpoint, due, next((s for s in filed if s.state == "draft"), None)))
    return sorted(tasks, key=lambda t: (t.due, t.project.code))
