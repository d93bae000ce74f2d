"""What projects a user may see: one scoping query, used by every view and CLI command."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import aliased

from portal import plugins
from portal.accounts.models import BUREAU_ROLES, Organisation, Role
from portal.extensions import db
from portal.listing import ListParams, ListSpec, choice, positive_int
from portal.projects.models import CATEGORIES, KINDS, Project, ProjectFunding


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


#: The unit as the list joins it (an alias, so the scoping subqueries stay uncorrelated).
_ListedUnit = aliased(Organisation, name="listed_unit")
#: 预算数 of a project (sum over its sources), for sorting by it.
_budget = (select(func.coalesce(func.sum(ProjectFunding.budget), 0)).where(ProjectFunding.project_id == Project.id)
           .correlate(Project).scalar_subquery())

#: 项目: what the list accepts (see :mod:`portal.listing`).
LIST_SPEC = ListSpec(
    sorts={"year": (Project.fiscal_year,), "code": (Project.code,), "name": (Project.name,),
           "unit": (_ListedUnit.name,), "kind": (Project.kind,), "category": (Project.category,),
           "budget": (_budget,)},
    default_sort="-year", tiebreak=Project.id,
    filters={"year": positive_int, "unit_id": positive_int, "kind": choice(KINDS), "category": choice(CATEGORIES),
             "exante": choice(("flagged", "proposed", "approved", "partial", "rejected", "any"))})
#: 事前评估 filter of the list: 原则上不安排预算 (flagged), one stage, or every proposed project (any).
EXANTE_FILTER = {"flagged": "原则上不安排预算", "any": "拟新增（追加）项目", "proposed": "待事前评估", "approved": "事前评估支持",
                 "partial": "事前评估部分支持", "rejected": "事前评估不支持"}


def listed(user, params: ListParams) -> Select:
    """The projects list of ``user``: visible projects matching the keyword (code, name, unit) and the
    filters (year, unit, 项目支出/部门整体支出, 预算类别); unordered."""
    query = visible_projects(user).join(_ListedUnit, Project.unit_id == _ListedUnit.id)
    if (exante := params.get("exante")) is not None:
        query = query.where(Project.exante_stage.in_(("proposed", "partial", "rejected")) if exante == "flagged"
                            else Project.exante_stage.is_not(None) if exante == "any"
                            else Project.exante_stage == exante)
    return params.matching(query, (Project.code, Project.name, _ListedUnit.name),
                           {"year": Project.fiscal_year, "unit_id": Project.unit_id, "kind": Project.kind,
                            "category": Project.category})
