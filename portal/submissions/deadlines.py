"""What a budget unit owes and by when: the year's dated tasks on its dashboard.

The dates are seed 004's (克州 2023 notice on 全过程预算绩效管理): a monitoring checkpoint's report is
due by the 10th of the month after it (5月底 → 6月10日, 8月底 → 9月10日) and a project's self-evaluation
by 20 March of the next year.  A task is shown from the day it can be filed (a checkpoint opens on the
first of its month; a self-evaluation once the year is over) until its report is handed in, with the
days left or overdue counted in Beijing days; a past year's monitoring is no longer asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.submissions.effects import current_targets
from portal.submissions.models import CHECKPOINT_LABELS, Submission, checkpoints_for

#: Handed in (or beyond): the task is done.
HANDED_IN = ("submitted", "review", "approved")


def monitoring_due(fiscal_year: int, checkpoint: int) -> date:
    return date(fiscal_year, checkpoint + 1, 10)


def self_evaluation_due(fiscal_year: int) -> date:
    return date(fiscal_year + 1, 3, 20)


@dataclass(frozen=True)
class Task:
    project: object
    kind: str
    checkpoint: int | None
    due: date
    draft: Submission | None

    @property
    def label(self) -> str:
        what = f"{CHECKPOINT_LABELS[self.checkpoint]}监控" if self.kind == "monitoring" else "绩效自评"
        return f"{what} · 截止 {self.due.month}月{self.due.day}日 · {self.project.name}"

    def note(self, on: date) -> str:
        days = (self.due - on).days
        state = "草稿未提交，" if self.draft is not None else ""
        if days < 0:
            return f"{state}已逾期 {-days} 天"
        return f"{state}今天截止" if days == 0 else f"{state}还剩 {days} 天"


def unit_tasks(user, projects, on: date) -> list[Task]:
    """Open dated tasks of ``user``'s unit on ``projects`` (its own), soonest first."""
    tasks = []
    for project in projects:
        if project.unit_id != user.org_id or current_targets(project) is None:
            continue
        # monitoring within the year (a past year's is moot once its self-evaluation is due)
        wanted = [("monitoring", c, monitoring_due(project.fiscal_year, c)) for c in checkpoints_for(project)
                  if project.fiscal_year == on.year and on >= date(project.fiscal_year, c, 1)]
        if on.year > project.fiscal_year:
            wanted.append(("self_evaluation", None, self_evaluation_due(project.fiscal_year)))
        for kind, checkpoint, due in wanted:
            query = select(Submission).where(Submission.project_id == project.id, Submission.kind == kind,
                                             Submission.org_id == user.org_id, Submission.state != "withdrawn")
            if checkpoint is not None:
                query = query.where(Submission.checkpoint == checkpoint)
            filed = db.session.scalars(query).all()
            if any(s.state in HANDED_IN or s.state == "returned" for s in filed):
                continue
            tasks.append(Task(project, kind, checkpoint, due, next((s for s in filed if s.state == "draft"), None)))
    return sorted(tasks, key=lambda t: (t.due, t.project.code))
