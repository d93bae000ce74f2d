"""Hook implementations of the rectification plugin: its table of contents."""

from __future__ import annotations

from portal import hookimpl


@hookimpl
def register_blueprints(app):
    from plugins.rectification.views import bp

    return [bp]


@hookimpl
def register_commands():
    from plugins.rectification.cli import rectification_group

    return [rectification_group]


@hookimpl
def nav_menu_items(user):
    from plugins.rectification.sections import menu_items

    return menu_items(user)


@hookimpl
def dashboard_panels(user):
    from plugins.rectification.sections import dashboard_panels

    return dashboard_panels(user)


@hookimpl
def workspace_search(user, q):
    from plugins.rectification.sections import workspace_search

    return workspace_search(user, q)


@hookimpl
def project_sections(project, user):
    from plugins.rectification.sections import project_sections

    return project_sections(project, user)


@hookimpl
def submission_sections(submission, user):
    from plugins.rectification.sections import submission_sections

    return submission_sections(submission, user)


@hookimpl
def attachment_access_for_owner(owner_type, owner_id, user):
    """Evidence files of an item are readable by whoever may see the item."""
    if owner_type != "rectification_item":
        return None
    from plugins.rectification.queries import may_see_item

    return may_see_item(user, owner_id)


@hookimpl
def on_monitoring_flag(flag):
    """A 红标 becomes a rectification item automatically; a 黄标 does not."""
    from plugins.rectification.operations import item_from_flag

    item_from_flag(flag)


@hookimpl
def register_publishers():
    from plugins.rectification.publishing import RectificationSummaryPublisher

    return [RectificationSummaryPublisher()]


@hookimpl
def known_person_names():
    from plugins.rectification.publishing import responsible_names

    return responsible_names()


@hookimpl
def load_demo_data(app):
    from plugins.rectification.demo import load

    load(app)


@hookimpl
def finding_outcomes(finding_ids):
    """Findings taken up as items: closed (销号) or still open (for the firm rating's effect)."""
    from plugins.rectification.queries import finding_outcomes as outcomes

    return outcomes(finding_ids)


@hookimpl
def yearly_report_sections(bureau, year):
    from plugins.rectification.yearly import section

    return [section(bureau, year)]


@hookimpl
def on_truthfulness_veto(check):
    """An untrue core indicator (一票否决) becomes a major item 收回资金 (once per self-evaluation)."""
    from plugins.rectification.operations import item_from_truth_check

    item_from_truth_check(check)


@hookimpl
def open_rectification_counts(project_ids):
    from plugins.rectification.queries import open_counts

    return open_counts(project_ids)
