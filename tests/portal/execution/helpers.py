"""Seed 003's 招商引资工作经费 (budget 4 万元) with its execution moving over 2022."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from portal.projects.operations import create_project
from portal.submissions import operations
from tests.portal.workflow.helpers import bureau_user, org, project_with_targets  # noqa: F401

UNIT = "阿克陶县商务科技和工业信息化局"


def unit_user(project) -> User:
    return db.session.scalar(select(User).where(User.org_id == project.unit_id))


def approve(submission) -> None:
    project = submission.project
    operations.apply_transition(submission, "submit", unit_user(project))
    operations.apply_transition(submission, "pass_first_review", bureau_user(project, "bureau_section"))
    operations.apply_transition(submission, "approve", bureau_user(project, "bureau_reviewer"))
    db.session.flush()


def monitoring(project, checkpoint: int, spent: str, execution: dict | None = None):
    """A monitoring report of the unit with 执行数 (and per-source figures when given), not yet submitted."""
    user = unit_user(project)
    report = operations.create(kind="monitoring", project=project, user=user, checkpoint=checkpoint)
    operations.save_data(report, user, spent=spent, execution=execution)
    operations.save_results(report, user, {i.id: {"actual": "1"} for i in report.target_version.indicators})
    db.session.flush()
    return report


def approved_targets(project) -> None:
    from portal.targets import operations as target_ops

    declaration = target_ops.declare(project, unit_user(project))
    target_ops.save_indicators(declaration, unit_user(project), [
        dict(level1="产出", level2="数量", name="养护农村公路里程", operator="≥", value="120", unit="公里", weight="60"),
        dict(level1="效益", level2="社会效益", name="公路优良路率", operator="≥", value="80", unit="%", weight="40")])
    approve(declaration)


def two_source_project(code: str = "EX-2022-002"):
    """A project funded by 中央 30 and 本级 10 万元, with 到位数 20 / 10 and nothing spent at creation."""
    project = create_project(code=code, name="农村公路养护", unit=org(UNIT), fiscal_year=2022, kind="project",
                          category="一般公共预算",
                          funding={"central": {"budget": Decimal("30"), "allocated": Decimal("20")},
                                   "local": {"budget": Decimal("10"), "allocated": Decimal("10")}})
    approved_targets(project)
    return project


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
