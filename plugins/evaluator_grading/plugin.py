"""Hook implementations of the evaluator_grading plugin: its table of contents."""

from __future__ import annotations

from flask import url_for

from portal import MenuItem, hookimpl
from portal.accounts.models import User
from portal.projects.models import Project
from portal.submissions.models import Submission


@hookimpl
def register_blueprints(app):
    from plugins.evaluator_grading.views import bp

    return [bp]


@hookimpl
def register_commands():
    from plugins.evaluator_grading.cli import commands

    return commands()


@hookimpl
def nav_menu_items(user):
    return [MenuItem("第三方评价", url_for("evaluator_grading.index"), order=200, active_prefix="evaluator_grading.")]


@hookimpl
def dashboard_panels(user):
    from plugins.evaluator_grading.sections import dashboard_panels

    return dashboard_panels(user)


@hookimpl
def project_sections(project, user):
    if not isinstance(project, Project) or not isinstance(user, User):
        return []
    from plugins.evaluator_grading.sections import project_sections

    return project_sections(project, user)


@hookimpl
def submission_sections(submission, user):
    if not isinstance(submission, Submission) or not isinstance(user, User):
        return []
    from plugins.evaluator_grading import reassessment
    from plugins.evaluator_grading.sections import submission_sections

    return submission_sections(submission, user) + reassessment.submission_sections(submission, user)


@hookimpl
def visible_project_ids(user):
    """A firm sees the projects it is engaged on; a panel member the projects of the reports it scores."""
    if not isinstance(user, User):
        return []
    from plugins.evaluator_grading import queries

    grants = [queries.panel_project_ids(user.id)]
    if user.has_role("firm_editor"):
        grants.append(queries.engaged_project_ids(user.org_id))
    return grants


@hookimpl
def visible_submission_ids(user):
    """A panel member (expert) sees the reports their panels score."""
    if not isinstance(user, User):
        return []
    from plugins.evaluator_grading import queries

    return [queries.panel_submission_ids(user.id)]


@hookimpl
def attachment_access_for_owner(owner_type, owner_id, user):
    """Files the firm attached to its answer on a rating are readable by whoever may see the rating."""
    if owner_type == "engagement_reassessment" and isinstance(user, User):
        from plugins.evaluator_grading.reassessment import firm_may_read

        return firm_may_read(owner_id, user)
    if owner_type != "firm_rating" or not isinstance(user, User):
        return None
    from plugins.evaluator_grading.queries import may_see_rating

    return may_see_rating(user, owner_id)


@hookimpl
def transition_guard(submission, transition, user):
    if not isinstance(submission, Submission):
        return None
    from plugins.evaluator_grading import reassessment
    from plugins.evaluator_grading.operations import guard

    return guard(submission, transition, user) or reassessment.guard(submission, transition)


@hookimpl
def on_submission_transition(submission, transition):
    if not isinstance(submission, Submission):
        return
    from plugins.evaluator_grading.operations import on_report_transition

    on_report_transition(submission, transition)


@hookimpl
def register_publishers():
    from plugins.evaluator_grading.publishing import FirmRatingPublisher

    return [FirmRatingPublisher()]


@hookimpl
def load_demo_data(app):
    from plugins.evaluator_grading.demo import load

    load(app)


@hookimpl
def yearly_report_sections(bureau, year):
    from plugins.evaluator_grading.yearly import section

    return [section(bureau, year)]
