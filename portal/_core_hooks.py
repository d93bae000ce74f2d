"""The core's own hook implementations, registered like any plugin (name ``core``)."""

from __future__ import annotations

from flask import url_for

from portal.accounts.models import BUREAU_ROLES, Role
from portal.exante import hooks as exante_hooks
from portal.exante.hooks import (  # noqa: F401 - hook implementations of the ex-ante assessment
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
    if user.has_role(*BUREAU_ROLES, Role.UNIT_EDITOR):
        items.append(MenuItem("部门整体支出", url_for("department.index"), order=25, active_prefix="department.", group="基础数据"))
    if user.has_role(*BUREAU_ROLES):
        items.append(MenuItem("指标库", url_for("library.index"), order=35, active_prefix="library.", group="基础数据"))
    if user.has_role(Role.ADMIN):
        items.append(MenuItem("单位管理", url_for("admin.organisations"), order=80, active_prefix="admin.org", group="系统管理"))
        items.append(MenuItem("用户管理", url_for("admin.users"), order=81, active_prefix="admin.user", group="系统管理"))
    if user.has_role(Role.ADMIN):
        items.append(MenuItem("安全审计", url_for("audit.events"), order=85, active_prefix="audit.", group="系统管理"))
        items.append(MenuItem("插件", url_for("admin.plugins_list"), order=87, active_prefix="admin.plugins", group="系统管理"))
    if user.is_bureau:
        items.append(MenuItem("工作日历", url_for("workcal.calendar_index"), order=40, active_prefix="workcal.calendar", group="年度管理"))
        items.append(MenuItem("全覆盖", url_for("workcal.coverage_index"), order=41, active_prefix="workcal.coverage", group="年度管理"))
    from portal.exante.hooks import menu_item

    items += menu_item(user)
    if user.has_role(Role.ADMIN, Role.BUREAU_REVIEWER):
        items.append(MenuItem("敏感词管理", url_for("deid.terms"), order=86, active_prefix="deid.", group="系统管理"))
    from portal.results.sections import menu_items as results_menu

    items.extend(results_menu(user))
    return items


@hookimpl
def workspace_search(user, q):
    from portal.dashboard.search import project_hits, submission_hits

    return [project_hits(user, q), submission_hits(user, q)]


@hookimpl
def dashboard_panels(user):
    from portal.yearly.views import dashboard_panels as yearly_panels

    return core_dashboard_panels(user) + yearly_panels(user)


@hookimpl
def yearly_report_sections(bureau, year):
    from portal.yearly.cycle import coverage_section, exante_section
    from portal.yearly.results import results_use_section, truthfulness_section
    from portal.yearly.sections import core_sections

    return [exante_section(bureau, year), *core_sections(bureau, year), coverage_section(bureau, year),
            truthfulness_section(bureau, year), results_use_section(bureau, year)]


@hookimpl
def attachment_access_for_owner(owner_type, owner_id, user):
    """Files attached to a submission are readable by whoever may see the submission."""
    if owner_type == "truth_check":  # 真实性核查 evidence: the bureau of the draw
        from portal.results.queries import may_read_check

        return may_read_check(user, owner_id)
    if owner_type != "submission":
        return None
    from portal.extensions import db
    from portal.submissions.models import Submission
    from portal.submissions.queries import visible_submissions

    return db.session.scalar(visible_submissions(user).where(Submission.id == owner_id)
                             .with_only_columns(Submission.id)) is not None


@hookimpl
def register_publishers():
    from portal.results.publishing import ResultsUseSummaryPublisher, TruthSummaryPublisher
    from portal.submissions.publishing import EvaluationResultPublisher
    from portal.targets.publishing import TargetTablePublisher

    return [TargetTablePublisher(), EvaluationResultPublisher(), TruthSummaryPublisher(), ResultsUseSummaryPublisher(),
            *exante_hooks.publishers()]


@hookimpl
def project_sections(project, user):
    """The execution history, grade caps' findings, last year's results use and the ex-ante assessment."""
    from portal.execution.views import history_section
    from portal.projects.models import Project
    from portal.results.sections import project_sections as results_sections

    if not isinstance(project, Project):
        return []
    return [*history_section(project, user), *results_sections(project, user),
            *(exante_hooks.project_sections(project, user) or [])]


@hookimpl
def known_person_names():
    from portal.submissions.publishing import team_member_names

    return team_member_names()


@hookimpl
def on_submission_transition(submission, transition):
    """站内消息 for returns and approvals."""
    from portal.submissions.models import Submission
    from portal.workcal.notices import on_transition

    if isinstance(submission, Submission):
        on_transition(submission, transition)
    exante_hooks.on_submission_transition(submission, transition)


@hookimpl
def on_monitoring_flag(flag):
    """站内消息 for 黄标 / 红标."""
    from portal.submissions.models import MonitoringFlag
    from portal.workcal.notices import on_flag

    if isinstance(flag, MonitoringFlag):
        on_flag(flag)


@hookimpl(trylast=True)
def load_demo_data(app):
    """A year of grade caps, 真实性核查 and 结果应用 — after the plugins' demos, whose idempotency checks
    look for their own first records (the rectification demo would skip if the 收回资金 item came first)."""
    from portal.demo import organisations
    from portal.results import demo as results_demo

    results_demo.load(app, organisations())
