"""Blocks the plugin adds to core pages: findings → items on a submission, items on a project, dashboard panels."""

from __future__ import annotations

from datetime import timedelta

from flask import render_template, url_for
from markupsafe import Markup
from sqlalchemy import func, select

from plugins.rectification import queries
from plugins.rectification.dates import today
from plugins.rectification.models import SEVERITIES, RectificationItem
from plugins.rectification.operations import EVALUATION_KINDS
from plugins.rectification.workflow import may_manage
from portal import DashboardPanel, PanelRow, Section, db
from portal.accounts.models import Role

ROW_LIMIT = 8
#: Hits the workspace search shows; the ledger filtered by the same words holds the rest.
SEARCH_LIMIT = 20
#: Default deadline offered when findings become items (限期整改: three months).
DEFAULT_DAYS = 90


def submission_sections(submission, user) -> list[Section]:
    """On an approved evaluation with findings: each finding and its item; bureau staff create items."""
    from portal.submissions.models import Submission

    if not isinstance(submission, Submission) or submission.kind not in EVALUATION_KINDS \
            or submission.state != "approved":
        return []
    findings = [f for f in submission.findings if f.kind == "finding"]
    if not findings:
        return []
    manage = may_manage(user) and submission.project.unit.parent_id == user.bureau_id
    items = queries.items_for_submission(submission.id)
    body = render_template("rectification/_findings_section.html", submission=submission, findings=findings,
                           items=items, can_manage=manage, pending=len(items) < len(findings),
                           severities=SEVERITIES, today=today(),
                           default_deadline=(today() + timedelta(days=DEFAULT_DAYS)).isoformat())
    return [Section("问题整改", Markup(body), order=50)]


def project_sections(project, user) -> list[Section]:
    """The project's items, for whoever may see them."""
    from portal.projects.models import Project

    if not isinstance(project, Project):
        return []
    items = list(db.session.scalars(queries.visible_items(user).where(RectificationItem.project_id == project.id)
                                    .order_by(RectificationItem.deadline)))
    if not items:
        return []
    body = render_template("rectification/_item_rows.html", items=items, today=today())
    return [Section(f"整改事项（{len(items)} 项）", Markup(body), order=60)]


def _panel(title, query, *, order, empty, warn_overdue=True) -> DashboardPanel:
    on = today()
    count = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(RectificationItem.deadline).limit(ROW_LIMIT)).all()
    return DashboardPanel(title, count=count, order=order, empty_text=empty,
                          more_url=url_for("rectification.index"),
                          rows=[PanelRow(f"{i.project.name if i.project else i.unit.name}：{i.description[:30]}",
                                         url_for("rectification.item_detail", item_id=i.id),
                                         note=("已逾期 · " if i.is_overdue_on(on) else "") + f"期限 {i.deadline:%Y-%m-%d}",
                                         is_warning=warn_overdue and i.is_overdue_on(on)) for i in rows])


def dashboard_panels(user) -> list[DashboardPanel]:
    """Unit: items to answer and the overdue ones; bureau: evidence waiting for verification."""
    panels = []
    visible = queries.visible_items(user)
    if user.has_role(Role.UNIT_EDITOR):
        own = visible.where(RectificationItem.unit_id == user.org_id)
        panels.append(_panel("待整改事项", own.where(RectificationItem.state.in_(("open", "in_progress"))),
                             order=40, empty="没有待整改的事项"))
        panels.append(_panel("逾期整改事项", own.where(queries.overdue_condition(today())), order=41,
                             empty="没有逾期的整改事项"))
    if user.org.kind == "bureau" and user.has_role(Role.BUREAU_REVIEWER, Role.BUREAU_SECTION):
        panels.append(_panel("整改佐证待核验", visible.where(RectificationItem.state == "evidence_submitted"),
                             order=42, empty="没有待核验的整改佐证", warn_overdue=False))
        panels.append(_panel("逾期未销号整改事项", visible.where(queries.overdue_condition(today())), order=43,
                             empty="没有逾期的整改事项"))
    return panels


def menu_items(user) -> list:
    from portal import MenuItem
    from portal.accounts.models import BUREAU_ROLES

    if not ((user.org.kind == "bureau" and user.has_role(*BUREAU_ROLES)) or user.has_role(Role.UNIT_EDITOR)):
        return []
    return [MenuItem("整改台账", url_for("rectification.index"), order=210, active_prefix="rectification.")]


def workspace_search(user, q: str) -> list:
    """整改事项 the user may see whose project code or name, unit or description contains ``q``."""
    from portal import SearchGroup, SearchHit

    items = queries.ledger(user, queries.LedgerFilter(q=q))
    hits = [SearchHit(f"{item.project.code + ' ' if item.project else ''}{item.description[:60]}",
                      url_for("rectification.item_detail", item_id=item.id),
                      f"{item.fiscal_year}年度 · {item.unit.name} · {item.state_label}")
            for item in items[:SEARCH_LIMIT]]
    more = url_for("rectification.index", q=q) if len(items) > SEARCH_LIMIT else None
    return [SearchGroup("整改事项", hits, more, order=110)]
