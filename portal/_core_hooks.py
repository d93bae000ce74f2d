"""The core's own hook implementations, registered like any plugin (name ``core``)."""

from __future__ import annotations

from flask import url_for

from portal.accounts.models import Role
from portal.exante.hooks import (  # noqa: F401 - hook implementations of the ex-ante assessment
    on_submission_transition,
    project_sections,
    submission_sections,
    transition_guard,
)
from portal.hooks_dashboard import core_dashboard_panels
from portal.hookspecs import hookimpl
from portal.hooktypes import MenuItem


@hookimpl
def nav_menu_items(user):
    items = [MenuItem("工作台", url_for("dashboard.index"), order=10, active_prefix="dashboard.index"),
             MenuItem("项目", url_for("projects.index"), order=20, active_prefix="projects."),
             MenuItem("申报与评价", url_for("submissions.index"), order=30, active_prefix="submissions.")]
    if user.has_role(Role.ADMIN):
        items.append(MenuItem("单位管理", url_for("admin.organisations"), order=80, active_prefix="admin.org"))
        items.append(MenuItem("用户管理", url_for("admin.users"), order=81, active_prefix="admin.user"))
    if user.has_role(Role.ADMIN):
        items.append(MenuItem("安全审计", url_for("audit.events"), order=85, active_prefix="audit."))
    from portal.exante.hooks import menu_item

    items += menu_item(user)
    if user.has_role(Role.ADMIN, Role.BUREAU_REVIEWER):
        items.append(MenuItem("敏感词管理", url_for("deid.terms"), order=86, active_prefix="deid."))
    return items


@hookimpl
def workspace_search(user, q):
    from portal.dashboard.search import project_hits, submission_hits

    return [project_hits(user, q), submission_hits(user, q)]


@hookimpl
def dashboard_panels(user):
    return core_dashboard_panels(user)


@hookimpl
def attachment_access_for_owner(owner_type, owner_id, user):
    """Files attached to a submission are readable by whoever may see the submission."""
    if owner_type != "submission":
        return None
    from portal.extensions import db
    from portal.submissions.models import Submission
    from portal.submissions.queries import visible_submissions

    return db.session.scalar(visible_submissions(user).where(Submission.id == owner_id)
                             .with_only_columns(Submission.id)) is not None


@hookimpl
def register_publishers():
    from portal.exante.hooks import publishers
    from portal.submissions.publishing import EvaluationResultPublisher
    from portal.targets.publishing import TargetTablePublisher

    return [TargetTablePublisher(), EvaluationResultPublisher(), *publishers()]


@hookimpl
def known_person_names():
    from portal.submissions.publishing import team_member_names

    return team_member_names()
