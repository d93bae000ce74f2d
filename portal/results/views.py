"""Pages of 结果应用: findings of 审计/财会监督/检查, truthfulness draws (真实性核查), the results-use list.

Access: every bureau role (admin, 绩效科, 业务科室) reads the region's register and list — the 预算科 has no
role of its own and reads the confirmed list with a 业务科室 (bureau_section) account; only 绩效科
(bureau_reviewer) records findings, draws, checks and confirms.  Units and firms get 403 here; a unit sees
the findings and the carried cut of its own projects on the project page.
"""

from __future__ import annotations

import io
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.accounts.models import BUREAU_ROLES, Organisation
from portal.extensions import db
from portal.files.operations import attach
from portal.files.sniff import UploadRejected
from portal.projects.models import Project
from portal.projects.queries import project_or_404, years_of
from portal.results import export, operations, uselist
from portal.results.models import (
    ACTIONS,
    CHECK_OUTCOMES,
    FINDING_SEVERITIES,
    FINDING_SOURCES,
    ProjectFinding,
    ResultsUse,
    TruthCheck,
    TruthDraw,
)
from portal.submissions.models import Submission
from portal.util import today

bp = Blueprint("results", __name__, url_prefix="/work/results", template_folder="templates")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_bureau() -> None:
    if not (current_user.org.kind == "bureau" and current_user.has_role(*BUREAU_ROLES)):
        abort(403)


def _year() -> int:
    years = years_of(current_user)
    year = request.args.get("year", type=int) or request.form.get("year", type=int)
    if year and 2000 <= year <= 2100:
        return year
    # Default: the newest year already in the list, else the newest year with an approved self-evaluation.
    listed = db.session.scalar(select(ResultsUse.fiscal_year).where(ResultsUse.bureau_id == current_user.bureau_id)
                               .order_by(ResultsUse.fiscal_year.desc()).limit(1))
    evaluated = db.session.scalar(
        select(Project.fiscal_year).join(Submission, Submission.project_id == Project.id)
        .join(Organisation, Project.unit_id == Organisation.id)
        .where(Organisation.parent_id == current_user.bureau_id, Submission.kind == "self_evaluation",
               Submission.state == "approved").order_by(Project.fiscal_year.desc()).limit(1))
    return listed or evaluated or (years[0] if years else today().year - 1)


def _fail(exc: Exception) -> None:
    db.session.rollback()
    flash(str(exc), "error")


# -- findings ------------------------------------------------------------------------------------

@bp.route("/projects/<int:project_id>/findings", methods=["GET", "POST"])
@login_required
def findings(project_id: int):
    _require_bureau()
    project = project_or_404(current_user, project_id)
    form = {k: request.form.get(k, "") for k in ("source", "found_on", "document_no", "severity", "description")}
    status = 200
    if request.method == "POST":
        try:
            found_on = date.fromisoformat(form["found_on"]) if form["found_on"] else None
        except ValueError:
            found_on, form["found_on_error"] = None, "请按“年-月-日”填写日期，例如 2023-05-10"
        try:
            if form.get("found_on_error"):
                raise operations.ResultsError(form["found_on_error"])
            operations.add_finding(project, current_user, source=form["source"], found_on=found_on,
                                   document_no=form["document_no"], severity=form["severity"],
                                   description=form["description"])
        except operations.ResultsError as exc:
            _fail(exc)
            status = 422
        else:
            db.session.commit()
            flash("已记录问题，评价等级已按规定重新确定", "success")
            return redirect(url_for("results.findings", project_id=project.id))
    return render_template("results/findings.html", project=project, findings=operations.findings_of(project.id),
                           form=form, sources=FINDING_SOURCES, severities=FINDING_SEVERITIES,
                           can_manage=operations.may_manage(current_user), today=today()), status


@bp.route("/findings/<int:project_finding_id>/delete", methods=["POST"])
@login_required
def delete_finding(project_finding_id: int):
    _require_bureau()
    finding = db.session.get(ProjectFinding, project_finding_id)
    if finding is None:
        abort(404)
    project = project_or_404(current_user, finding.project_id)
    try:
        operations.remove_finding(finding, current_user)
    except operations.ResultsError as exc:
        _fail(exc)
    else:
        db.session.commit()
        flash("已删除该问题记录", "success")
    return redirect(url_for("results.findings", project_id=project.id))


# -- truthfulness checks -------------------------------------------------------------------------

def _draw_or_404(draw_id: int) -> TruthDraw:
    draw = db.session.get(TruthDraw, draw_id)
    if draw is None or draw.bureau_id != current_user.bureau_id:
        abort(404)
    return draw


@bp.route("/truth", methods=["GET", "POST"])
@login_required
def truth():
    _require_bureau()
    year = _year()
    status = 200
    if request.method == "POST":
        if not operations.may_manage(current_user):
            abort(403)
        seed_raw = request.form.get("seed", "").strip()
        try:
            if seed_raw and not seed_raw.isdigit():
                raise operations.ResultsError("随机种子应为非负整数，留空则由系统生成")
            bureau = db.session.get(Organisation, current_user.bureau_id)
            record = operations.draw(bureau=bureau, year=year, share=request.form.get("share", "10"),
                                     seed=int(seed_raw) if seed_raw else None, user=current_user)
        except operations.ResultsError as exc:
            _fail(exc)
            status = 422
        else:
            db.session.commit()
            flash(f"已抽取 {len(record.submission_ids)} 份绩效自评（随机种子 {record.seed}）", "success")
            return redirect(url_for("results.truth_draw", truth_draw_id=record.id))
    return render_template("results/truth.html", year=year, years=years_of(current_user),
                           draws=operations.draws_of(current_user), can_manage=operations.may_manage(current_user),
                           share=request.form.get("share", "10"), seed=request.form.get("seed", "")), status


@bp.route("/truth/<int:truth_draw_id>")
@login_required
def truth_draw(truth_draw_id: int):
    _require_bureau()
    draw = _draw_or_404(truth_draw_id)
    rules = {c.submission_id: operations.CORE_RULES[operations.core_rule(c.submission)] for c in draw.checks}
    return render_template("results/truth_draw.html", draw=draw, outcomes=CHECK_OUTCOMES, core_rules=rules,
                           can_manage=operations.may_manage(current_user),
                           attachments=export.check_attachments(draw))


@bp.route("/truth/checks/<int:truth_check_id>", methods=["POST"])
@login_required
def truth_check(truth_check_id: int):
    _require_bureau()
    check = db.session.get(TruthCheck, truth_check_id)
    if check is None:
        abort(404)
    draw = _draw_or_404(check.draw_id)
    try:
        operations.record_check(check, current_user, outcome=request.form.get("outcome", ""),
                                evidence=request.form.get("evidence", ""), onsite=bool(request.form.get("onsite")),
                                onsite_note=request.form.get("onsite_note", ""),
                                responsible_person=request.form.get("responsible_person", ""))
        upload = request.files.get("evidence_file")
        if upload is not None and (upload.filename or "").strip():
            attach(upload, owner_type="truth_check", owner_id=check.id, user=current_user, allow_images=True)
    except (operations.ResultsError, UploadRejected) as exc:  # both carry a Chinese message
        _fail(exc)
    else:
        db.session.commit()
        flash("已记录核查结果" + ("：核心指标不属实，一票否决，自评等级为“差”，已下达“收回资金”整改事项"
                                  if check.outcome == "untrue" else ""), "success")
    return redirect(url_for("results.truth_draw", truth_draw_id=draw.id) + f"#check-{check.id}")


@bp.route("/truth/<int:truth_draw_id>.xlsx")
@login_required
def truth_xlsx(truth_draw_id: int):
    _require_bureau()
    draw = _draw_or_404(truth_draw_id)
    return send_file(io.BytesIO(export.truth_workbook(draw)), as_attachment=True, mimetype=XLSX,
                     download_name=f"{draw.fiscal_year}年度真实性核查登记表.xlsx")


# -- results-use list ----------------------------------------------------------------------------

def _rows(year: int) -> list[ResultsUse]:
    return uselist.rows_of(current_user.bureau_id, year)


@bp.route("/")
@login_required
def index():
    _require_bureau()
    return redirect(url_for("results.use", year=_year()))


@bp.route("/use")
@login_required
def use():
    _require_bureau()
    year = _year()
    rows = _rows(year)
    only = request.args.get("only")
    shown = [r for r in rows if r.confirmed] if only == "confirmed" else rows
    counts = uselist.open_rectification([r.project_id for r in rows])
    next_projects = {}
    for project in db.session.scalars(select(Project).where(
            Project.fiscal_year == year + 1, Project.unit_id.in_({r.project.unit_id for r in rows}))):
        next_projects.setdefault(project.unit_id, []).append(project)
    return render_template("results/use.html", year=year, years=years_of(current_user), rows=shown, all_rows=rows,
                           counts=counts, flags=uselist.verdicts([r.project for r in rows]), actions=ACTIONS,
                           totals=uselist.unit_totals([r for r in rows if r.confirmed]), only=only,
                           can_manage=operations.may_manage(current_user), next_projects=next_projects)


@bp.route("/use/build", methods=["POST"])
@login_required
def use_build():
    _require_bureau()
    year = _year()
    try:
        rows = uselist.build(bureau_id=current_user.bureau_id, year=year, user=current_user)
    except operations.ResultsError as exc:
        _fail(exc)
    else:
        db.session.commit()
        flash(f"已按{year}年度评价结果生成（更新）清单，共 {len(rows)} 个项目", "success")
    return redirect(url_for("results.use", year=year))


@bp.route("/use/<int:results_use_id>", methods=["POST"])
@login_required
def use_decide(results_use_id: int):
    _require_bureau()
    row = db.session.get(ResultsUse, results_use_id)
    if row is None or row.bureau_id != current_user.bureau_id:
        abort(404)
    try:
        uselist.decide(row, current_user, action=request.form.get("action", ""),
                       amount=request.form.get("amount", ""), reason=request.form.get("reason", ""),
                       next_project_id=request.form.get("next_project_id", type=int))
    except operations.ResultsError as exc:
        _fail(exc)
    else:
        db.session.commit()
        flash(f"已确认“{row.project.name}”的结果应用：{row.action_label}", "success")
    return redirect(url_for("results.use", year=row.fiscal_year) + f"#row-{row.id}")


@bp.route("/use.xlsx")
@login_required
def use_xlsx():
    _require_bureau()
    year = _year()
    rows = _rows(year)
    data = export.use_workbook(rows, year=year, counts=uselist.open_rectification([r.project_id for r in rows]))
    return send_file(io.BytesIO(data), as_attachment=True, mimetype=XLSX,
                     download_name=f"{year}年度绩效管理结果应用清单.xlsx")


@bp.route("/use/print")
@login_required
def use_print():
    _require_bureau()
    year = _year()
    rows = [r for r in _rows(year) if r.confirmed]
    bureau = db.session.get(Organisation, current_user.bureau_id)
    return render_template("results/use_print.html", year=year, rows=rows, bureau=bureau,
                           totals=uselist.unit_totals(rows), grades=uselist.grade_summary(rows), today=today())
