"""What projects a user may see: one scoping query, used by every view and CLI command."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, false, or_, select

from portal import plugins
from portal.accounts.models import BUREAU_ROLES, Organisation, Role
from portal.extensions import db
from portal.projects.models import Project


def visible_projects(user) -> Select:
    """``select(Project)`` limited to what ``user`` may see.

    Bureau roles: every project of a unit under their bureau.  Unit editors: their unit's.
    Firms and experts: what plugins grant (engagements, panels) plus projects they submitted on.
    """
    conditions = []
    if user.has_role(*BUREAU_ROLES) and user.org.kind == "bureau":
        region_units = select(Organisation.id).where(Organisation.parent_id == user.bureau_id)
        conditions.append(Project.unit_id.in_(region_units))
    if user.has_role(Role.UNIT_EDITOR):
        conditions.append(Project.unit_id == user.org_id)
    if user.has_role(Role.FIRM_EDITOR):
        from portal.submissions.models import Submission

        conditions.append(Project.id.in_(select(Submission.project_id).where(Submission.org_id == user.org_id)))
    for grant in plugins.visible_project_ids(user):
        conditions.append(Project.id.in_(grant))
    return select(Project).where(or_(*conditions) if conditions else false())


def project_or_404(user, project_id: int) -> Project:
    project = db.session.scalar(visible_projects(user).where(Project.id == project_id))
    if project is None:
        abort(404)
    return project


def years_of(user) -> list[int]:
    stmt = visible_projects(user).with_only_columns(Project.fiscal_year).distinct().order_by(
        Project.fiscal_year.desc())
    return list(db.session.scalars(stmt))


def units_of(user) -> list[Organisation]:
    """The budget units whose projects ``user`` may see (the choices of a unit filter)."""
    unit_ids = visible_projects(user).with_only_columns(Project.unit_id).distinct()
    return list(db.session.scalars(select(Organisation).where(Organisation.id.in_(unit_ids))
                                   .order_by(Organisation.name)))
