"""Demo data from the seeds' world: a county bureau, its units, firms, experts and users."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from portal.accounts.models import ROLE_LABELS, Organisation, OrgKind, Role, User
from portal.accounts.operations import create_organisation, create_user
from portal.extensions import db

REGION = "阿克陶县"
BUREAU = "阿克陶县财政局"
UNITS = ("阿克陶县商务科技和工业信息化局", "阿克陶县教育局", "阿克陶县农业农村局")
FIRMS = (("新疆正信绩效评价咨询有限公司", "91653000MA77Q8XK2B"),
         ("克州明德会计师事务所有限公司", "91653022MA78A3LD4U"))
EXPERT_POOL = "阿克陶县预算绩效评审专家库"

#: username, full name, organisation, role, password (demo only; printed by ``jixiao demo``).
USERS = (
    ("admin", "系统管理员", BUREAU, Role.ADMIN, "Demo-admin-2024"),
    ("reviewer", "李建华", BUREAU, Role.BUREAU_REVIEWER, "Demo-review-2024"),
    ("section", "王晓燕", BUREAU, Role.BUREAU_SECTION, "Demo-section-2024"),
    ("unit", "阿依古丽·买买提", UNITS[0], Role.UNIT_EDITOR, "Demo-unit-2024"),
    ("unit2", "陈志强", UNITS[1], Role.UNIT_EDITOR, "Demo-unit2-2024"),
    ("unit3", "吐尔逊·艾力", UNITS[2], Role.UNIT_EDITOR, "Demo-unit3-2024"),
    ("firm", "刘明远", FIRMS[0][0], Role.FIRM_EDITOR, "Demo-firm-2024"),
    ("firm2", "赵丽娜", FIRMS[1][0], Role.FIRM_EDITOR, "Demo-firm2-2024"),
    ("expert", "马国庆", EXPERT_POOL, Role.EXPERT, "Demo-expert-2024"),
)


def _org(name: str, kind: str, parent: Organisation | None, credit_code: str | None = None) -> Organisation:
    org = db.session.scalar(select(Organisation).where(Organisation.name == name))
    return org or create_organisation(name=name, kind=kind, region=REGION, parent=parent,
                                      credit_code=credit_code)


def organisations() -> dict[str, Organisation]:
    bureau = _org(BUREAU, OrgKind.BUREAU, None)
    orgs = {BUREAU: bureau}
    for name in UNITS:
        orgs[name] = _org(name, OrgKind.UNIT, bureau)
    for name, code in FIRMS:
        orgs[name] = _org(name, OrgKind.FIRM, bureau, code)
    orgs[EXPERT_POOL] = _org(EXPERT_POOL, OrgKind.EXPERT_POOL, bureau)
    return orgs


def load(app: Flask) -> list[tuple[str, str, str]]:
    """Create what is missing; return the demo logins (username, password, role label)."""
    orgs = organisations()
    for username, full_name, org_name, role, password in USERS:
        if db.session.scalar(select(User.id).where(User.username == username)) is None:
            create_user(username=username, full_name=full_name, org=orgs[org_name], roles=[role],
                        password=password, must_change_password=False)
    db.session.flush()
    from portal import demo_workflow  # projects, targets and submissions (core workflow)

    demo_workflow.load(app, orgs)
    from portal import demo_execution  # execution history, promised against achieved

    demo_execution.load(app, orgs)
    from portal.department import demo as department_demo  # 部门整体支出 and the indicator library

    department_demo.load(orgs)
    from portal.workcal import demo as workcal_demo  # a year in progress against the work calendar

    workcal_demo.load(app, orgs)
    from portal.exante.demo import load as load_exante  # 事前绩效评估

    load_exante(app, orgs)
    return [(u, p, ROLE_LABELS[r]) for u, _, _, r, p in USERS]
