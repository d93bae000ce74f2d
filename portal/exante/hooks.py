"""The core's ex-ante hook implementations (registered through ``portal._core_hooks``)."""

from __future__ import annotations

from flask import render_template, url_for
from markupsafe import Markup

from portal.hookspecs import hookimpl
from portal.hooktypes import MenuItem, Section


def menu_item(user) -> list[MenuItem]:
    from portal.accounts.models import BUREAU_ROLES, Role

    if user.has_role(*BUREAU_ROLES, Role.UNIT_EDITOR):
        return [MenuItem("事前评估", url_for("exante.index"), order=35, active_prefix="exante.")]
    return []


def publishers() -> list:
    from portal.exante.register import ExAnteRegisterPublisher

    return [ExAnteRegisterPublisher()]


def _real(**objects) -> bool:
    """Whether the hook was called with the portal's own records (the hook tests pass stand-ins)."""
    from portal.accounts.models import User
    from portal.projects.models import Project
    from portal.submissions.models import Submission

    types = {"project": Project, "submission": Submission, "user": User}
    return all(isinstance(value, types[name]) for name, value in objects.items())


@hookimpl
def submission_sections(submission, user):
    """On an ex-ante assessment's page: the filing, the 初审意见表, the 审核打分表 and the conclusion."""
    from portal.exante import rules
    from portal.exante.views import _shown

    if not _real(submission=submission, user=user) or submission.kind != rules.KIND:
        return []
    body = render_template("exante/_section.html", submission=submission, user=user,
                           conclusions=rules.CONCLUSIONS, **_shown(submission))
    return [Section("事前绩效评估", Markup(body), order=5)]


def project_sections(project, user):
    """Called by the core's ``project_sections`` hook. On a proposed project's page: the flag, and its assessment (or the button to start one)."""
    from portal.accounts.models import Role
    from portal.exante import operations, rules

    if not _real(project=project, user=user) or project.exante_stage is None:
        return []
    submission = operations.latest_of(project)
    may_start = (submission is None and user.has_role(Role.UNIT_EDITOR) and user.org_id == project.unit_id)
    body = render_template("exante/_project.html", project=project, submission=submission, may_start=may_start,
                           flag=rules.flag_reason(project.exante_stage), stages=rules.STAGES,
                           kinds=rules.PROPOSAL_KINDS, amount=rules.amount_of(submission) if submission else None)
    return [Section("事前绩效评估", Markup(body), order=1)]


@hookimpl
def transition_guard(submission, transition, user):
    from portal.exante.operations import guard

    return guard(submission, transition) if _real(submission=submission) else None


def on_submission_transition(submission, transition):
    """Called by the core's ``on_submission_transition`` hook."""
    from portal.exante import operations, rules

    if not _real(submission=submission) or submission.kind != rules.KIND:
        return
    if transition.action == "submit":
        operations.on_resubmitted(submission)
    if transition.to_state == "approved":
        operations.on_approved(submission)
