"""What submissions a user may see: one scoping query."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, and_, false, or_, select
from sqlalchemy.orm import aliased

from portal import plugins
from portal.accounts.models import BUREAU_ROLES, Organisation, Role
from portal.extensions import db
from portal.listing import ListParams, ListSpec, choice, positive_int
from portal.projects.models import Project
from portal.submissions.models import KINDS, STATES, Submission

#: The bureau sees a submission once it has been handed in.
HANDED_IN = ("submitted", "review", "returned", "approved")


def visible_submissions(user) -> Select:
    """``select(Submission)`` limited to what ``user`` may see.

    Owners (the submitting unit or firm) see their own, drafts included.  Bureau roles see
    what was handed in for projects of their region.  A unit also sees approved external
    reports on its own projects.  Plugins grant more (e.g. panel members the report they score).
    """
    conditions = []
    if user.has_role(Role.UNIT_EDITOR, Role.FIRM_EDITOR):
        conditions.append(Submission.org_id == user.org_id)
    if user.has_role(Role.UNIT_EDITOR):
        own_projects = select(Project.id).where(Project.unit_id == user.org_id)
        conditions.append(and_(Submission.project_id.in_(own_projects), Submission.state == "approved"))
    if user.has_role(*BUREAU_ROLES) and user.org.kind == "bureau":
        region_projects = select(Project.id).join(Organisation, Project.unit_id == Organisation.id).where(
            Organisation.parent_id == user.bureau_id)
        conditions.append(and_(Submission.project_id.in_(region_projects), Submission.state.in_(HANDED_IN)))
    for grant in plugins.visible_submission_ids(user):
        conditions.append(Submission.id.in_(grant))
    return select(Submission).where(or_(*conditions) if conditions else false())


def submission_or_404(user, submission_id: int) -> Submission:
    submission = db.session.scalar(visible_submissions(user).where(Submission.id == submission_id))
    if submission is None:
        abort(404)
    return submission


def for_project(user, project_id: int) -> list[Submission]:
    return list(db.session.scalars(visible_submissions(user).where(Submission.project_id == project_id)
                                   .order_by(Submission.created_at)))


#: The project and its unit as the list joins them (aliases, so the scoping subqueries stay uncorrelated).
_ListedProject = aliased(Project, name="listed_project")
_ListedUnit = aliased(Organisation, name="listed_unit")
_ListedOrg = aliased(Organisation, name="listed_org")

#: 申报与评价: what the list accepts (see :mod:`portal.listing`).
LIST_SPEC = ListSpec(
    sorts={"year": (_ListedProject.fiscal_year,), "code": (_ListedProject.code,), "project": (_ListedProject.name,),
           "unit": (_ListedUnit.name,), "kind": (Submission.kind, Submission.checkpoint),
           "org": (_ListedOrg.name,), "state": (Submission.state,), "score": (Submission.total_score,),
           "updated": (Submission.updated_at,)},
    default_sort="-updated", tiebreak=Submission.id,
    filters={"year": positive_int, "unit_id": positive_int, "kind": choice(KINDS), "state": choice(STATES)})


def listed(user, params: ListParams) -> Select:
    """The submissions list (申报与评价) of ``user``: visible ones, matching the keyword (project code,
    project name, unit, title) and the filters (year, the project's unit, kind, state); unordered."""
    query = (visible_submissions(user)
             .join(_ListedProject, Submission.project_id == _ListedProject.id)
             .join(_ListedUnit, _ListedProject.unit_id == _ListedUnit.id)
             .join(_ListedOrg, Submission.org_id == _ListedOrg.id))
    return params.matching(
        query, (_ListedProject.code, _ListedProject.name, _ListedUnit.name, Submission.title, _ListedOrg.name),
        {"year": _ListedProject.fiscal_year, "unit_id": _ListedProject.unit_id, "kind": Submission.kind,
         "state": Submission.state})
