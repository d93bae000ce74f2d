"""What the plugin adds to core pages: report panel blocks, project engagements, dashboard panels."""

from __future__ import annotations

from flask import render_template, url_for
from markupsafe import Markup

from plugins.evaluator_grading import queries
from plugins.evaluator_grading.models import Engagement
from portal import DashboardPanel, PanelRow, Section, db
from portal.ui import local_time
from portal.util import today, utcnow


def submission_sections(submission, user) -> list[Section]:
    """报告质量评审 on a third-party report's page: engagement, panels, forming a panel."""
    if submission.kind != "third_party":
        return []
    engagement = queries.engagement_for(submission)
    panels = queries.panels_of(submission.id)
    if not queries.is_bureau(user) and not any(p.member_for(user) for p in panels) \
            and user.org_id != submission.org_id:
        return []
    current = queries.current_panel(submission)
    may_form = (queries.is_rater(user) and submission.state in ("submitted", "review") and current is None
                and submission.project.unit.parent_id == user.bureau_id)
    body = render_template("evaluator_grading/_submission_section.html", submission=submission,
                           engagement=engagement, panels=panels, current=current, may_form=may_form,
                           candidates=queries.eligible_members(user) if may_form else [],
                           is_bureau=queries.is_bureau(user))
    return [Section("报告质量评审", Markup(body), order=110)]


def project_sections(project, user) -> list[Section]:
    engagements = [e for e in queries.engagements_of_project(project.id)
                   if queries.is_bureau(user) or e.firm_id == user.org_id or project.unit_id == user.org_id]
    if not engagements:
        return []
    body = render_template("evaluator_grading/_project_section.html", engagements=engagements,
                           today=today(), user=user)
    return [Section("第三方评价委托", Markup(body), order=110)]


def dashboard_panels(user) -> list[DashboardPanel]:
    panels = []
    if user.has_role("firm_editor"):
        engagements = db.session.scalars(queries.visible_engagements(user).where(
            Engagement.firm_id == user.org_id).order_by(Engagement.deadline)).all()
        on, rows = today(), []
        for e in engagements:
            if e.purpose == "reassessment":  # 事前绩效评估再评估: the firm's page of that engagement
                rows.append(PanelRow(f"{e.project.fiscal_year} · {e.project.name}（事前评估再评估）",
                                     url_for("evaluator_grading.reassessment_report", engagement_id=e.id),
                                     note=f"截止 {e.deadline}" + (" · 已提交" if e.reassessment_at else " · 未提交"),
                                     is_warning=e.reassessment_at is None and e.deadline < on))
                continue
            report = queries.delivered_report(e)
            overdue = report is None and e.deadline < on
            note = f"截止 {e.deadline}" + ("（已逾期）" if overdue else "") + (
                f" · {report.state_label}" if report else " · 未提交")
            rows.append(PanelRow(f"{e.project.fiscal_year} · {e.project.name}",
                                 url_for("projects.detail", project_id=e.project_id), note=note, is_warning=overdue))
        panels.append(DashboardPanel("委托评价项目", count=len(rows), rows=rows, order=105,
                                     empty_text="暂无委托", more_url=url_for("evaluator_grading.index")))
    panels.extend(_rating_window_panels(user))
    waiting = queries.panels_waiting_for(user)
    if waiting:
        panels.append(DashboardPanel("待评分报告", count=len(waiting), order=106, rows=[
            PanelRow(p.submission.display_title, url_for("evaluator_grading.panel", panel_id=p.id),
                     note=f"第 {p.round} 轮评审") for p in waiting]))
    if queries.is_rater(user):
        reports = queries.reports_without_panel(user)
        panels.append(DashboardPanel("待组建评审组", count=len(reports), order=107, empty_text="没有待组建评审组的报告",
                                     rows=[PanelRow(r.display_title, url_for("submissions.detail",
                                                                             submission_id=r.id) + "#panel",
                                                    note=r.org.name) for r in reports]))
    if user.has_role("unit_editor"):
        due = queries.satisfaction_due(user)
        if due:
            panels.append(DashboardPanel("待评价第三方机构满意度", count=len(due), order=108, rows=[
                PanelRow(f"{e.firm.name} · {e.project.name}",
                         url_for("evaluator_grading.satisfaction", engagement_id=e.id)) for e in due]))
    return panels


def _rating_window_panels(user) -> list[DashboardPanel]:
    """A firm's card per draft rating open for comment: the countdown in Beijing days and a link to answer."""
    from plugins.evaluator_grading.ratings import days_left

    now, rows = utcnow(), []
    for rating in queries.open_ratings_of_firm(user):
        left = days_left(rating)
        if not rating.window_is_open(now):
            note, warn = "意见反馈期已结束，等待财政局定稿", False
        else:
            note = "今天截止" if left == 0 else f"还剩 {left} 天"
            note += f"（截止 {local_time(rating.window_closes_at)}）"
            note += " · 已提交意见，可修改" if rating.firm_response else " · 尚未提交意见"
            warn = left <= 3
        rows.append(PanelRow(f"{rating.fiscal_year} 年度执业质量评价草稿",
                             url_for("evaluator_grading.rating", rating_id=rating.id), note=note, is_warning=warn))
    if not rows:
        return []
    return [DashboardPanel("执业质量评价征求意见", count=len(rows), rows=rows, order=104)]
