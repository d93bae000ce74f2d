"""What submissions a user may see: one scoping query."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, and_, false, or_, select

from portal import plugins
from portal.accounts.models import BUREAU_ROLES, Organisation, Role
from portal.extensions import db
from portal.projects.models import Project
from portal.submissions.models import Submission

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
