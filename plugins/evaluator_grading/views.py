"""Pages of the evaluator_grading plugin: engagements, relations, rubric, panels, satisfaction (ratings:
rating_views.py)."""

from __future__ import annotations

import io
from datetime import date

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from plugins.evaluator_grading import (
    lists,
    operations,
    panels,
    queries,
    rating_views,  # noqa: F401 - the ratings' pages: routes of the same blueprint
    reassessment_views,  # noqa: F401 - 再评估 of ex-ante assessments: routes of the same blueprint
)
from plugins.evaluator_grading.blueprint import bp, require_bureau, require_rater, years
from plugins.evaluator_grading.models import RELATION_KINDS, Engagement, FirmRating
from portal import ListParams, db
from portal.accounts.models import Organisation, User
from portal.audit.operations import record
from portal.submissions.queries import submission_or_404
from portal.util import today


@bp.route("/")
@login_required
def index():
    user = current_user
    engagements = db.session.scalars(queries.visible_engagements(user).order_by(Engagement.deadline.desc())).all()
    firm_ratings = db.session.scalars(queries.visible_ratings(user).where(FirmRating.firm_id == user.org_id)
                                      .order_by(FirmRating.fiscal_year.desc())).all()
    return render_template("evaluator_grading/index.html", engagements=engagements, today=today(),
                           panels=queries.panels_waiting_for(user), firm_ratings=firm_ratings,
                           satisfaction_due=queries.satisfaction_due(user) if user.has_role("unit_editor") else [],
                           unpanelled=queries.reports_without_panel(user) if queries.is_rater(user) else [],
                           is_bureau=queries.is_bureau(user), is_rater=queries.is_rater(user), years=years())


@bp.route("/engagements", methods=["GET", "POST"])
@login_required
def engagements():
    """List the bureau's engagements; 绩效科 engages a firm for projects of a year (conflicts explained)."""
    require_bureau()
    form = request.form if request.method == "POST" else request.args
    year = form.get("year", type=int) or today().year - 1
    firm = db.session.get(Organisation, form.get("firm_id", type=int) or 0)
    if firm is not None and (firm.kind != "firm" or firm.parent_id != current_user.bureau_id):
        firm = None
    projects = queries.region_projects(current_user, year)
    conflicts = {p.id: queries.conflicts(firm, p) for p in projects} if firm else {}
    status, problem = 200, None
    if request.method == "POST":
        require_rater()
        chosen_ids = set(request.form.getlist("project_id", type=int))
        chosen = [p for p in projects if p.id in chosen_ids]
        try:
            deadline = date.fromisoformat(request.form.get("deadline", "")) if request.form.get("deadline") else None
        except ValueError:
            deadline = None
        try:
            if firm is None:
                raise operations.GradingError("请选择第三方机构")
            made = operations.engage(firm=firm, projects=chosen, deadline=deadline, amount=request.form.get("amount"),
                                     user=current_user, override_reason=request.form.get("override_reason", ""))
        except operations.ConflictOfInterest as exc:
            db.session.rollback()
            status, problem = 422, exc
            flash("存在利益冲突，不能委托。如确需委托，请填写书面理由（将记入审计日志）", "error")
        except operations.GradingError as exc:
            db.session.rollback()
            status, problem = 422, exc
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"已委托{firm.name}评价 {len(made)} 个项目", "success")
            return redirect(url_for("evaluator_grading.engagements", year=year))
    listing = ListParams.parse(lists.ENGAGEMENT_SPEC, request.args)
    # The year and firm chosen above (also those of the engagement form) filter the list.
    listing.filters["year"] = year
    if firm is None:
        listing.filters.pop("firm_id", None)
    else:
        listing.filters["firm_id"] = firm.id
    page = listing.page_of(lists.engagements(current_user, listing, year))
    return render_template("evaluator_grading/engagements.html", listing=listing, page=page, rows=page.items,
                           year=year, years=years(), firm=firm,
                           firms=queries.region_orgs(current_user, "firm"), projects=projects,
                           conflicts=conflicts, problem=problem, form=request.form, today=today(),
                           is_rater=queries.is_rater(current_user)), status


ENGAGEMENT_HEADERS = ("预算年度", "项目编码", "项目名称", "预算单位", "第三方机构", "报告截止日期", "合同金额（万元）",
                      "利益冲突豁免理由")


@bp.route("/engagements/export.xlsx")
@login_required
def engagements_export():
    """The engagements list as XLSX: every row of the year, keyword, firm and order shown (all pages)."""
    from portal import xlsx_response

    require_bureau()
    year = request.args.get("year", type=int) or today().year - 1
    listing = ListParams.parse(lists.ENGAGEMENT_SPEC, request.args)
    rows = ([e.project.fiscal_year, e.project.code, e.project.name, e.project.unit.name, e.firm.name, e.deadline,
             e.contract_amount, e.override_reason] for e in listing.all_rows(lists.engagements(current_user, listing, year)))
    return xlsx_response(f"{year}年度第三方评价委托.xlsx", f"{year}年度第三方评价委托", ENGAGEMENT_HEADERS, rows)


@bp.route("/relations", methods=["GET", "POST"])
@login_required
def relations():
    """Service relations firm ↔ unit (audit, bookkeeping, consulting, self-evaluation) the bureau records."""
    require_bureau()
    status = 200
    if request.method == "POST":
        require_rater()
        firm = db.session.get(Organisation, request.form.get("firm_id", type=int) or 0)
        unit = db.session.get(Organisation, request.form.get("unit_id", type=int) or 0)
        try:
            if firm is None or unit is None:
                raise operations.GradingError("请选择第三方机构和部门单位")
            operations.add_relation(firm=firm, unit=unit, kind=request.form.get("kind", ""),
                                    year=request.form.get("year", ""), note=request.form.get("note", ""),
                                    user=current_user)
        except operations.GradingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            status = 422
        else:
            db.session.commit()
            flash("已登记服务关系", "success")
            return redirect(url_for("evaluator_grading.relations"))
    return render_template("evaluator_grading/relations.html", rows=queries.relations_of(current_user),
                           firms=queries.region_orgs(current_user, "firm"),
                           units=queries.region_orgs(current_user, "unit"), kinds=RELATION_KINDS,
                           form=request.form, is_rater=queries.is_rater(current_user)), status


@bp.route("/rubric/<int:year>", methods=["GET", "POST"])
@login_required
def rubric(year: int):
    """The year's report-quality rubric (评审标准), defined by the bureau."""
    require_bureau()
    if not 2000 <= year <= 2100:
        abort(404)
    status = 200
    if request.method == "POST":
        require_rater()
        rows = list(zip(request.form.getlist("name"), request.form.getlist("points"), strict=False))
        try:
            operations.save_rubric(current_user.bureau_id, year, rows, current_user)
        except operations.GradingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            status = 422
        else:
            db.session.commit()
            flash(f"已保存{year}年度评审标准", "success")
            return redirect(url_for("evaluator_grading.rubric", year=year))
    items = operations.ensure_rubric(current_user.bureau_id, year)
    db.session.commit()
    return render_template("evaluator_grading/rubric.html", items=items, year=year,
                           is_rater=queries.is_rater(current_user)), status


@bp.route("/reports/<int:submission_id>/panel", methods=["POST"])
@login_required
def form_panel(submission_id: int):
    submission = submission_or_404(current_user, submission_id)
    require_rater()
    members = db.session.scalars(select(User).where(User.id.in_(request.form.getlist("member_id", type=int))))
    try:
        panels.form_panel(submission, list(members), current_user)
    except operations.GradingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash("已组建评审组", "success")
    return redirect(url_for("submissions.detail", submission_id=submission.id) + "#panel")


@bp.route("/panels/<int:panel_id>/replace", methods=["POST"])
@login_required
def replace_member(panel_id: int):
    """绩效科 replaces a member who has not scored yet, with a reason."""
    require_rater()
    panel = queries.panel_or_404(current_user, panel_id)
    try:
        new = panels.replace_member(panel, request.form.get("member_id", type=int) or 0,
                                        request.form.get("user_id", type=int) or 0, request.form.get("reason", ""),
                                        current_user)
    except operations.GradingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(f"已更换评审组成员，新成员：{new.user.full_name}", "success")
    return redirect(url_for("evaluator_grading.panel", panel_id=panel_id) + "#members")


@bp.route("/panels/<int:panel_id>", methods=["GET", "POST"])
@login_required
def panel(panel_id: int):
    """A panel: a member scores each rubric item with a comment; others' scores once one's own are in."""
    panel = queries.panel_or_404(current_user, panel_id)
    submission = panel.submission
    items = queries.rubric(submission.project.unit.parent_id, submission.project.fiscal_year)
    member = panel.member_for(current_user)
    status = 200
    if request.method == "POST" and request.form.get("back"):
        pass  # back from the confirmation: the form again with what was entered
    elif request.method == "POST":
        if member is None:
            abort(403)
        values = {i.id: (request.form.get(f"score_{i.id}", ""), request.form.get(f"comment_{i.id}", ""))
                  for i in items}
        try:
            if request.form.get("confirmed") != "1":
                # 提交后不能修改: show the scores and total and ask first.
                _member, scores = panels.check_scores(panel, current_user, values)
                names = {i.id: i for i in items}
                return render_template("evaluator_grading/panel_confirm.html", panel=panel, submission=submission,
                                       rows=[(names[s.rubric_item_id], s) for s in scores],
                                       total=sum(s.score for s in scores))
            panels.submit_scores(panel, current_user, values)
        except operations.GradingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            status = 422
            panel = queries.panel_or_404(current_user, panel_id)
            member = panel.member_for(current_user)
        else:
            db.session.commit()
            flash("评分已提交", "success")
            return redirect(url_for("evaluator_grading.panel", panel_id=panel.id))
    if request.method == "GET" and current_user.org_id != submission.org_id:
        # Panel members read the firm's unpublished report here: "who has read it?" must be answerable.
        record("view_unpublished", target_type="submission", target_id=submission.id, material=submission.kind,
               org=submission.org.name, via="panel")
        db.session.commit()
    # Members see the others' scores only after submitting their own; the bureau once the panel is closed.
    show_all = (member is not None and member.submitted_at is not None) or panel.state != "open"
    may_replace = queries.is_rater(current_user) and panel.state == "open"
    candidates = queries.eligible_members(current_user) if may_replace else []
    return render_template("evaluator_grading/panel.html", panel=panel, submission=submission, items=items,
                           member=member, show_all=show_all, form=request.form, may_replace=may_replace,
                           candidates=candidates), status


@bp.get("/panels/<int:panel_id>/review-form/<fmt>")
@login_required
def review_form(panel_id: int, fmt: str):
    """第三方评价报告评审表 of a closed panel: the A4 print view, or the Word / Excel file."""
    from plugins.evaluator_grading.review_form import review_form as build
    from portal.paperforms import writers
    from portal.paperforms.views import DOCX, XLSX

    panel = queries.panel_or_404(current_user, panel_id)
    if fmt not in ("print", "docx", "xlsx"):
        abort(404)
    if panel.state not in ("passed", "returned"):
        flash("评审尚未结束：全部成员提交评分后才生成评审表", "error")
        return redirect(url_for("evaluator_grading.panel", panel_id=panel.id))
    form = build(panel)
    if fmt == "print":
        return render_template("paperforms/print.html", form=form)
    data, mimetype = (writers.docx_bytes(form), DOCX) if fmt == "docx" else (writers.xlsx_bytes(form), XLSX)
    response = send_file(io.BytesIO(data), as_attachment=True, download_name=f"{form.filename}.{fmt}",
                         mimetype=mimetype)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/engagements/<int:engagement_id>", methods=["GET", "POST"])
@login_required
def engagement(engagement_id: int):
    """One engagement: its history; 绩效科 corrects the deadline and amount, or cancels it (with reasons)."""
    require_bureau()
    item = queries.engagement_or_404(current_user, engagement_id)
    form, status = request.form, 200
    if request.method == "POST":
        require_rater()
        action = request.form.get("action")
        try:
            if action == "change":
                try:
                    deadline = date.fromisoformat(request.form.get("deadline", ""))
                except ValueError:
                    deadline = None
                changes = operations.change_engagement(item, current_user, deadline=deadline,
                                                       amount=request.form.get("amount"),
                                                       reason=request.form.get("reason", ""))
                db.session.commit()
                flash("已修改委托：" + "；".join(f"{c.field_label} {c.old_value} → {c.new_value}" for c in changes),
                      "success")
                return redirect(url_for("evaluator_grading.engagement", engagement_id=item.id))
            if action == "cancel":
                reason = (request.form.get("reason") or "").strip()
                if not reason:
                    raise operations.GradingError("请填写撤销原因")
                if request.form.get("confirmed") != "1":
                    return render_template("evaluator_grading/engagement_cancel_confirm.html", item=item,
                                           reason=reason, report=queries.delivered_report(item))
                operations.cancel_engagement(item, current_user, reason)
                db.session.commit()
                flash(f"已撤销对{item.firm.name}的委托（{item.project.name}）", "success")
                return redirect(url_for("evaluator_grading.engagement", engagement_id=item.id))
            abort(400)
        except operations.GradingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            status = 422
    return render_template("evaluator_grading/engagement.html", item=item, form=form,
                           report=queries.delivered_report(item), is_rater=queries.is_rater(current_user)), status


@bp.route("/engagements/<int:engagement_id>/satisfaction", methods=["GET", "POST"])
@login_required
def satisfaction(engagement_id: int):
    """The evaluated unit's short satisfaction questionnaire about the firm's work."""
    engagement = queries.engagement_or_404(current_user, engagement_id)
    existing = queries.satisfaction_for(engagement.id)
    may_rate = current_user.has_role("unit_editor") and engagement.project.unit_id == current_user.org_id
    status = 200
    if request.method == "POST":
        if not may_rate:
            abort(403)
        try:
            operations.rate_satisfaction(engagement, current_user, request.form, request.form.get("comment", ""))
        except operations.GradingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            status = 422
        else:
            db.session.commit()
            flash("满意度评价已提交", "success")
            return redirect(url_for("evaluator_grading.satisfaction", engagement_id=engagement.id))
    return render_template("evaluator_grading/satisfaction.html", engagement=engagement, existing=existing,
                           questions=operations.QUESTIONS, may_rate=may_rate and existing is None,
                           delivered=queries.delivered_report(engagement), form=request.form), status
