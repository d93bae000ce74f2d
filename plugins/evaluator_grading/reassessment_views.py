"""再评估 pages: 绩效科 engages a firm from the assessment's page; the firm files its report and conclusion."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from plugins.evaluator_grading import operations, reassessment
from plugins.evaluator_grading.blueprint import bp, require_rater
from plugins.evaluator_grading.models import Engagement
from portal import db
from portal.accounts.models import Organisation
from portal.exante import rules
from portal.submissions.queries import submission_or_404


@bp.route("/reassessment/engage/<int:submission_id>", methods=["POST"])
@login_required
def reassessment_engage(submission_id: int):
    require_rater()
    submission = submission_or_404(current_user, submission_id)
    back = url_for("submissions.detail", submission_id=submission.id)
    firm = db.session.get(Organisation, request.form.get("firm_id", type=int) or 0)
    try:
        deadline = date.fromisoformat(request.form.get("deadline", "")) if request.form.get("deadline") else None
    except ValueError:
        flash("请填写有效的报告截止日期", "error")
        return redirect(back)
    try:
        if firm is None:
            raise operations.GradingError("请选择第三方机构")
        engagement = reassessment.engage(submission, current_user, firm=firm, deadline=deadline,
                                         amount=request.form.get("amount"),
                                         override_reason=request.form.get("override_reason", ""))
    except operations.ConflictOfInterest as exc:
        db.session.rollback()
        flash("存在利益冲突：" + "；".join(exc.reasons) + "。如确需委托，请填写理由", "error")
        return redirect(back)
    except operations.GradingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(f"已委托{engagement.firm.name}独立再评估，截止 {engagement.deadline}", "success")
    return redirect(back)


def _engagement_or_404(engagement_id: int) -> Engagement:
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None or engagement.purpose != reassessment.PURPOSE or \
            not reassessment.firm_may_read(engagement_id, current_user):
        abort(404)
    return engagement


@bp.route("/reassessment/<int:engagement_id>", methods=["GET", "POST"])
@login_required
def reassessment_report(engagement_id: int):
    """The firm's 再评估报告 (upload) and its conclusion; the bureau reads it here too."""
    from portal.files.operations import UploadRejected, attach
    from portal.files.queries import attachments_of

    engagement = _engagement_or_404(engagement_id)
    is_firm = engagement.firm_id == current_user.org_id
    if request.method == "POST":
        if not is_firm:
            abort(403)
        upload = request.files.get("file")
        try:
            if upload is not None and upload.filename:
                if not upload.filename.lower().endswith((".docx", ".pdf")):
                    raise operations.GradingError("再评估报告请上传 DOCX 或 PDF 文件")
                if engagement.reassessment_at is not None:
                    raise operations.GradingError("再评估结论已提交，不能再上传")
                attach(upload, owner_type=reassessment.OWNER_TYPE, owner_id=engagement.id, user=current_user)
                message = f"已上传“{upload.filename}”"
            else:
                reassessment.file_report(engagement, current_user, conclusion=request.form.get("conclusion", ""),
                                         opinion=request.form.get("opinion", ""))
                message = "已提交再评估结论"
        except (operations.GradingError, UploadRejected) as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(message, "success")
        return redirect(url_for(".reassessment_report", engagement_id=engagement.id))
    return render_template("evaluator_grading/reassessment.html", engagement=engagement, is_firm=is_firm,
                           files=attachments_of(reassessment.OWNER_TYPE, engagement.id),
                           conclusions=rules.CONCLUSIONS)
