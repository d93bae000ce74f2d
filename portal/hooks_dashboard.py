"""The core's dashboard panels: what waits for each role, with counts."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.extensions import db
from portal.hooktypes import DashboardPanel, PanelRow
from portal.submissions.models import MonitoringFlag, Submission
from portal.submissions.queries import visible_submissions

ROW_LIMIT = 8


def _panel(title: str, query, *, empty: str, order: int, note=None, warn=None) -> DashboardPanel:
    count = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(Submission.updated_at.desc()).limit(ROW_LIMIT)).all()
    return DashboardPanel(
        title, count=count, order=order, empty_text=empty,
        rows=[PanelRow(s.display_title, url_for("submissions.detail", submission_id=s.id),
                       note=note(s) if note else s.state_label, is_warning=bool(warn and warn(s)))
              for s in rows])


def _dated_tasks(user) -> DashboardPanel:
    """按期填报: what the unit owes by the bureau's work calendar, with days left or overdue."""
    from portal.util import today
    from portal.workcal.due import unit_items

    on = today()
    items = unit_items(user.org, on)
    return DashboardPanel(
        "按期填报", count=len(items), order=5, empty_text="目前没有到期或临近的监控、自评、部门评价任务",
        rows=[PanelRow(f"{i.item} · 截止 {i.due.month}月{i.due.day}日", i.unit_url, note=i.note(on),
                       is_warning=i.is_overdue(on)) for i in items[:ROW_LIMIT]])


def _bureau_due(user) -> DashboardPanel:
    """各单位到期事项: the units' open items and the bureau's own, overdue first; the table behind it."""
    from portal.util import today
    from portal.workcal.due import bureau_items, bureau_tasks

    on = today()
    items = bureau_tasks(user, on) + bureau_items(user, on)
    overdue = sum(1 for i in items if i.is_overdue(on))
    return DashboardPanel(
        "各单位到期事项" + (f"（逾期 {overdue} 项）" if overdue else ""), count=len(items), order=6,
        empty_text="各单位目前没有到期或临近的事项", more_url=url_for("workcal.due_table"),
        rows=[PanelRow(f"{i.unit.name if i.unit else '本局'} · {i.item}", i.bureau_url, note=i.note(on),
                       is_warning=i.is_overdue(on)) for i in items[:ROW_LIMIT]])


def core_dashboard_panels(user) -> list[DashboardPanel]:
    panels: list[DashboardPanel] = []
    mine = visible_submissions(user)
    if user.has_role(Role.UNIT_EDITOR):
        panels.append(_dated_tasks(user))
    if user.is_bureau:
        panels.append(_bureau_due(user))
    if user.has_role(Role.UNIT_EDITOR, Role.FIRM_EDITOR):
        own = mine.where(Submission.org_id == user.org_id)
        panels.append(_panel("被退回待修改", own.where(Submission.state == "returned"), empty="没有被退回的材料",
                             order=10, note=lambda s: "请按审核意见修改后重新提交", warn=lambda s: True))
        panels.append(_panel("草稿待提交", own.where(Submission.state == "draft"), empty="没有未提交的草稿", order=11))
        panels.append(_panel("审核中", own.where(Submission.state.in_(("submitted", "review"))),
                             empty="没有审核中的材料", order=12))
    if user.has_role(Role.BUREAU_SECTION):
        panels.append(_panel("待初审", mine.where(Submission.state == "submitted"), empty="没有待初审的材料",
                             order=20, note=lambda s: f"{s.org.name}"))
    if user.has_role(Role.BUREAU_REVIEWER):
        panels.append(_panel("待审核", mine.where(Submission.state == "review"), empty="没有待审核的材料",
                             order=21, note=lambda s: f"{s.org.name}"))
    if user.has_role(Role.BUREAU_REVIEWER, Role.BUREAU_SECTION, Role.UNIT_EDITOR):
        from portal.projects.models import Project
        from portal.projects.queries import visible_projects

        project_ids = visible_projects(user).with_only_columns(Project.id)
        flags = db.session.scalars(select(MonitoringFlag).where(MonitoringFlag.project_id.in_(project_ids),
                                                                MonitoringFlag.resolved_at.is_(None))
                                   .order_by(MonitoringFlag.color.desc(), MonitoringFlag.created_at.desc())).all()
        panels.append(DashboardPanel(
            "监控预警（黄标 / 红标）", count=len(flags), order=30, empty_text="没有未解决的监控预警",
            rows=[PanelRow(f"{f.label} · {f.project.name}", url_for("projects.detail", project_id=f.project_id),
                           note=f"{f.checkpoint}月监控", is_warning=f.color == "red") for f in flags[:ROW_LIMIT]]))
    if user.has_role(Role.ADMIN):
        panels.append(DashboardPanel(
            "系统管理", rows=[PanelRow("管理单位", url_for("admin.organisations")),
                          PanelRow("管理用户", url_for("admin.users")),
                          PanelRow("安全审计日志", url_for("audit.events"))], order=90))
    return panels
