"""事前绩效评估 pages: the register, proposing a project, the unit's filing, 初审意见表 and 审核打分表."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from portal.accounts.access import roles_required
from portal.accounts.models import BUREAU_ROLES, Role
from portal.exante import operations, register, rules
from portal.extensions import db
from portal.listing import xlsx_response
from portal.projects.queries import project_or_404
from portal.scoring.models import Framework
from portal.submissions import effects
from portal.submissions.models import Submission
from portal.submissions.operations import DuplicateRecord, WorkflowError
from portal.submissions.queries import submission_or_404
from portal.submissions.workflow import is_owner
from portal.targets import operations as target_ops
from portal.targets import tree as target_tree
from portal.targets.models import OPERATORS, UNITS
from portal.util import today

bp = Blueprint("exante", __name__, url_prefix="/work/exante", template_folder="templates")
REGISTER_ROLES = (*BUREAU_ROLES, Role.UNIT_EDITOR)


@bp.app_template_global("exante_flag")
def exante_flag(project) -> str | None:
    """原则上不安排预算 and why, for any page that shows a project."""
    return rules.flag_reason(getattr(project, "exante_stage", None))


def _year() -> int:
    year = request.args.get("year", type=int)
    return year if year and 2000 <= year <= 2100 else today().year + 1


@bp.route("/")
@roles_required(*REGISTER_ROLES)
def index():
    """事前绩效评估台账 of a year."""
    year, years = _year(), register.years(current_user)
    if "year" not in request.args and years:
        year = years[0]
    listed = register.rows(current_user, year)
    return render_template("exante/index.html", year=year, years=sorted({*years, year}, reverse=True),
                           rows=listed, totals=register.totals(listed), conclusions=rules.CONCLUSIONS,
                           major=rules.major_amount(), may_propose=current_user.has_role(Role.UNIT_EDITOR))


@bp.route("/export.xlsx")
@roles_required(*REGISTER_ROLES)
def export_xlsx():
    year = _year()
    return xlsx_response(f"事前绩效评估台账{year}.xlsx", f"{year}年度事前绩效评估台账", register.HEADERS,
                         register.export_rows(register.rows(current_user, year)))


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.UNIT_EDITOR)
def new():
    """A unit proposes a project of next year's budget (新增) or a mid-year 追加, and starts its assessment."""
    form = request.form
    if request.method == "POST":
        try:
            year = int(form.get("fiscal_year", ""))
        except ValueError:
            year = 0
        try:
            if not 2000 <= year <= 2100:
                raise WorkflowError("请填写有效的预算年度")
            submission = operations.propose(user=current_user, code=form.get("code", ""), name=form.get("name", ""),
                                            fiscal_year=year, proposal_kind=form.get("proposal_kind", ""),
                                            specialized=form.get("specialized") == "1",
                                            description=form.get("description", ""))
        except WorkflowError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return render_template("exante/new.html", fv=form, kinds=rules.PROPOSAL_KINDS,
                                   default_year=today().year + 1), 422
        db.session.commit()
        flash(f"已登记拟新增项目“{submission.project.name}”并新建事前绩效评估草稿", "success")
        return redirect(url_for(".edit", submission_id=submission.id))
    return render_template("exante/new.html", fv={}, kinds=rules.PROPOSAL_KINDS, default_year=today().year + 1)


@bp.route("/start/<int:project_id>", methods=["POST"])
@roles_required(Role.UNIT_EDITOR)
def start(project_id: int):
    """Start (again) the assessment of a proposed project of the unit (eg after a withdrawn draft)."""
    project = project_or_404(current_user, project_id)
    try:
        submission = operations.start(project, current_user)
    except DuplicateRecord as exc:
        db.session.rollback()
        flash(str(exc), "warning")
        return redirect(url_for("submissions.detail", submission_id=exc.existing.id) if exc.existing
                        else url_for("projects.detail", project_id=project.id))
    except WorkflowError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("projects.detail", project_id=project.id))
    db.session.commit()
    flash("已新建事前绩效评估草稿", "success")
    return redirect(url_for(".edit", submission_id=submission.id))


def _exante_or_404(submission_id: int) -> Submission:
    submission = submission_or_404(current_user, submission_id)
    if submission.kind != rules.KIND:
        abort(404)
    return submission


def _rows_from_form(form) -> list[dict]:
    from portal.submissions.views import _rows_from_form as rows_of

    return rows_of(form)


def _edit_page(submission: Submission, rows, fv, status=200, row_errors=None, table_errors=None):
    from portal.files.queries import attachments_of

    attachments = attachments_of("submission", submission.id)
    report = next((a for a in attachments if a.id == (submission.data or {}).get("report_attachment_id")), None)
    tree = target_tree.tree_for_project(submission.project)
    return render_template("exante/edit.html", submission=submission, rows=rows, fv=fv, fields=rules.FIELDS,
                           part=(submission.data or {}).get("exante") or {}, report=report, tree=tree,
                           operators=OPERATORS, units=UNITS, comments=submission.open_comments(),
                           row_errors=row_errors or {}, table_errors=table_errors or [],
                           tree_basis=target_tree.basis_for(submission.project.fiscal_year,
                                                            submission.project.unit.parent_id),
                           problems=operations.filing_problems(submission)), status


@bp.route("/<int:submission_id>/edit", methods=["GET", "POST"])
@login_required
def edit(submission_id: int):
    """The unit's filing: structured part, amount requested, the draft target table."""
    submission = _exante_or_404(submission_id)
    if not is_owner(current_user, submission):
        abort(403)
    if not submission.is_editable:
        flash(f"材料当前状态为“{submission.state_label}”，不能修改", "warning")
        return redirect(url_for("submissions.detail", submission_id=submission.id))
    form = request.form
    if request.method == "POST":
        rows = _rows_from_form(form)
        if "add_row" in form:
            rows.append({"operator": "≥"})
            return _edit_page(submission, rows, form)
        try:
            operations.save_filing(submission, current_user, {k: form.get(k, "") for k, _ in rules.FIELDS},
                                   form.get("amount", ""))
            target_ops.save_indicators(submission, current_user, rows, overall_goal=form.get("overall_goal", ""))
        except target_ops.TargetRowsError as exc:
            db.session.rollback()
            flash(f"绩效目标表有 {exc.count} 处需要修改，已在对应行标出；尚未保存", "error")
            return _edit_page(_exante_or_404(submission_id), rows, form, 422, exc.rows, exc.general)
        except WorkflowError as exc:
            db.session.rollback()
            flash(f"{exc}；尚未保存", "error")
            return _edit_page(_exante_or_404(submission_id), rows, form, 422)
        db.session.commit()
        flash("已保存", "success")
        if "save_submit" in form:
            from portal.submissions.views import _transition

            return _transition(submission, "submit")
        return redirect(url_for(".edit", submission_id=submission.id))
    rows = [dict(level1=i.level1, level2=i.level2, name=i.name, operator=i.operator,
                 value="" if i.value is None else f"{i.value.normalize():f}", text_value=i.text_value,
                 unit=i.unit, weight=f"{i.weight.normalize():f}",
                 core="1" if i.is_core else "") for i in submission.target_version.indicators]
    rows.append({"operator": "≥"})
    return _edit_page(submission, rows, {})


@bp.route("/<int:submission_id>/report", methods=["POST"])
@login_required
def upload_report(submission_id: int):
    """The assessment report (DOCX/PDF), extracted and indexed like every report."""
    from portal.files.operations import UploadRejected, attach

    submission = _exante_or_404(submission_id)
    if not is_owner(current_user, submission):
        abort(403)
    back = url_for(".edit", submission_id=submission.id)
    if not submission.is_editable:
        flash(f"材料当前状态为“{submission.state_label}”，不能上传报告", "error")
        return redirect(back)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash("请选择事前绩效评估报告文件（DOCX 或 PDF）", "error")
        return redirect(back)
    if not upload.filename.lower().endswith((".docx", ".pdf")):
        flash("事前绩效评估报告请上传 DOCX 或 PDF 文件", "error")
        return redirect(back)
    try:
        attachment = attach(upload, owner_type="submission", owner_id=submission.id, user=current_user)
    except UploadRejected as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    data = dict(submission.data or {})
    data["report_attachment_id"] = attachment.id
    submission.data = data
    db.session.commit()
    flash(f"已上传“{attachment.filename}”", "success")
    return redirect(back)


@bp.route("/<int:submission_id>/first-review", methods=["GET", "POST"])
@roles_required(Role.BUREAU_SECTION)
def first_review(submission_id: int):
    """业务科室's 初审意见表; saved, then 初审通过 or 初审退回 on the material's page."""
    submission = _exante_or_404(submission_id)
    form = request.form
    if request.method == "POST":
        try:
            operations.save_first_review(submission, current_user,
                                         {k: form.get(k) == "1" for k, _ in rules.FIRST_REVIEW_CHECKS},
                                         form.get("opinion", ""))
        except WorkflowError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return render_template("exante/first_review.html", submission=submission, fv=form,
                                   checks=rules.FIRST_REVIEW_CHECKS, **_shown(submission)), 422
        db.session.commit()
        flash("已保存初审意见表", "success")
        if form.get("then") in ("pass_first_review", "return_first_review"):
            from portal.submissions.views import _transition

            return _transition(submission, form["then"])
        return redirect(url_for("submissions.detail", submission_id=submission.id))
    return render_template("exante/first_review.html", submission=submission, fv={},
                           checks=rules.FIRST_REVIEW_CHECKS, **_shown(submission))


@bp.route("/<int:submission_id>/review", methods=["GET", "POST"])
@roles_required(Role.BUREAU_REVIEWER)
def review(submission_id: int):
    """绩效科's 审核打分表 and conclusion (支持 / 部分支持 / 不支持, with a reason)."""
    submission = _exante_or_404(submission_id)
    framework = db.session.get(Framework, submission.framework_id)
    form = request.form
    if request.method == "POST":
        try:
            operations.save_review(submission, current_user,
                                   {item.id: form.get(f"score_{item.id}") for item in framework.items},
                                   form.get("conclusion", ""), form.get("reason", ""))
        except WorkflowError as exc:
            db.session.rollback()
            flash(f"{exc}；尚未保存", "error")
            submission = _exante_or_404(submission_id)
            return render_template("exante/review.html", submission=submission, framework=framework, fv=form,
                                   conclusions=rules.CONCLUSIONS, **_shown(submission)), 422
        db.session.commit()
        flash("已保存审核打分表", "success")
        if form.get("then") == "approve":
            from portal.submissions.views import _transition

            return _transition(submission, "approve")
        return redirect(url_for(".review", submission_id=submission.id))
    return render_template("exante/review.html", submission=submission, framework=framework, fv={},
                           conclusions=rules.CONCLUSIONS, **_shown(submission))


def _shown(submission: Submission) -> dict:
    """What every reviewer's page shows of the filing."""
    from portal.files.queries import attachments_of

    return dict(part=(submission.data or {}).get("exante") or {}, fields=rules.FIELDS,
                attachments=attachments_of("submission", submission.id), kinds=rules.PROPOSAL_KINDS,
                amount=rules.amount_of(submission), summary=effects.score_summary(submission),
                first=(submission.data or {}).get("first_review") or {}, checks_all=rules.FIRST_REVIEW_CHECKS,
                reassess=rules.may_reassess(submission.project, rules.amount_of(submission)),
                major=rules.major_amount())
