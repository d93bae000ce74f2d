"""Shared set-up for workflow tests: a project with approved targets, built through the operations."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from portal.accounts.models import Organisation, User
from portal.extensions import db
from portal.projects.operations import create_project
from portal.submissions import operations
from portal.targets import operations as target_ops

UNIT = "阿克陶县商务科技和工业信息化局"


def user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def org(name: str) -> Organisation:
    return db.session.scalar(select(Organisation).where(Organisation.name == name))


def bureau_user(project, role: str) -> User:
    """A user holding ``role`` in the bureau of the project's region."""
    from portal.accounts.models import UserRole

    return db.session.scalar(select(User).join(UserRole).where(
        User.org_id == project.unit.parent_id, UserRole.role == role).limit(1))


def project_with_targets(code: str = "ZS-2022-001", unit_name: str = UNIT, year: int = 2022):
    """招商引资工作经费 (seed 003) with seed 003's targets declared and approved."""
    project = create_project(code=code, name="招商引资工作经费", unit=org(unit_name), fiscal_year=year,
                             kind="project", category="一般公共预算",
                             funding={"local": {"budget": Decimal("4"), "allocated": Decimal("4"),
                                                "spent": Decimal("4")}})
    unit_user = db.session.scalar(select(User).where(User.org_id == project.unit_id))
    declaration = target_ops.declare(project, unit_user)
    target_ops.save_indicators(declaration, unit_user, [
        dict(level1="产出", level2="数量", name="举办招商引资活动数量", operator="≥", value="2", unit="个", weight="20"),
        dict(level1="产出", level2="时效", name="招商引资工作周期", operator="=", value="12", unit="月", weight="10"),
        dict(level1="产出", level2="成本", name="招商引资工作经费", operator="≤", value="4", unit="万元", weight="10"),
        dict(level1="效益", level2="经济效益", name="招商活动的签约项目个数", operator="≥", value="2", unit="个",
             weight="30"),
        dict(level1="满意度", level2="服务对象满意度", name="客商满意度", operator="≥", value="98", unit="%",
             weight="30"),
    ])
    operations.apply_transition(declaration, "submit", unit_user)
    operations.apply_transition(declaration, "pass_first_review", bureau_user(project, "bureau_section"))
    operations.apply_transition(declaration, "approve", bureau_user(project, "bureau_reviewer"))
    db.session.flush()
    return project


def filled_monitoring(project, checkpoint: int = 5):
    """A monitoring draft of the unit with 执行数 and every indicator's actual value, ready to submit."""
    unit_user = db.session.scalar(select(User).where(User.org_id == project.unit_id))
    report = operations.create(kind="monitoring", project=project, user=unit_user, checkpoint=checkpoint)
    operations.save_data(report, unit_user, spent="1.5")
    operations.save_results(report, unit_user, {i.id: {"actual": "1"} for i in report.target_version.indicators})
    db.session.flush()
    return report
