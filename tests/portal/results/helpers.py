"""Set-up for the results tests: approved self-evaluations of seed 003's project, flags, findings."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from portal.projects.models import ProjectFunding
from portal.submissions import operations
from tests.portal.workflow.helpers import bureau_user, project_with_targets


def approved_self_evaluation(code: str = "ZS-2022-001", *, share: str = "1", budget: str | None = None,
                             year: int = 2022, unit_name: str | None = None):
    """招商引资工作经费 self-evaluated by the unit at ``share`` of every target, approved by the bureau.

    Every indicator met and 执行率 100 % gives 100 分 → 优; ``share`` 0.7 of the targets gives a lower total."""
    kwargs = {"unit_name": unit_name} if unit_name else {}
    project = project_with_targets(code=code, year=year, **kwargs)
    if budget is not None:
        funding = db.session.query(ProjectFunding).filter_by(project_id=project.id).one()
        funding.budget = funding.allocated = funding.spent = Decimal(budget)
    unit_user = db.session.scalar(select(User).where(User.org_id == project.unit_id))
    report = operations.create(kind="self_evaluation", project=project, user=unit_user)
    operations.save_data(report, unit_user, spent=str(project.budget))
    rows = {}
    for i in report.target_version.indicators:
        value = Decimal(i.value or 1)
        actual = value if i.operator == "≤" else value * Decimal(share)
        rows[i.id] = {"actual": str(actual), "expects": True}
    operations.save_results(report, unit_user, rows)
    operations.apply_transition(report, "submit", unit_user)
    operations.apply_transition(report, "pass_first_review", bureau_user(project, "bureau_section"))
    operations.apply_transition(report, "approve", bureau_user(project, "bureau_reviewer"))
    db.session.flush()
    return report


def reviewer(project):
    return bureau_user(project, "bureau_reviewer")
