"""A submission's files on 申报与评价: attachments, the evaluation report that fills the form, and the
scores a report proposes (routes on the same blueprint as views.py)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from portal.extensions import db
from portal.scoring.models import Framework
from portal.submissions import operations, reports
from portal.submissions.blueprint import bp
from portal.submissions.queries import submission_or_404
from portal.submissions.workflow import is_owner


@bp.route("/<int:submission_id>/files", methods=["POST"])
@login_required
def upload(submission_id: int):
    """Attach a file (report, evidence) to an editable submission of the user's organisation."""
    from portal.files.operations import UploadRejected, attach

    submission = submission_or_404(current_user, submission_id)
    if not is_owner(current_user, submission):
        abort(403)
    if not submission.is_editable:
        flash(f"材料当前状态为“{submission.state_label}”，不能上传附件", "error")
    else:
        try:
            attachment = attach(request.files.get("file"), owner_type="submission", owner_id=submission.id,
                                user=current_user)
        except UploadRejected as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"已上传“{attachment.filename}”", "success")
    return redirect(url_for("submissions.detail", submission_id=submission.id) + "#files")


@bp.route("/<int:submission_id>/report", methods=["POST"])
@login_required
def upload_report(submission_id: int):
    """第一步: upload the evaluation report (DOCX/PDF) and fill the form from everything it holds."""
    from portal.files.operations import UploadRejected, attach

    submission = submission_or_404(current_user, submission_id)
    if not is_owner(current_user, submission) or submission.kind not in reports.REPORT_KINDS:
        abort(403)
    if not submission.is_editable:
        flash(f"材料当前状态为“{submission.state_label}”，不能上传报告", "error")
        return redirect(url_for("submissions.detail", submission_id=submission.id))
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash("请选择评价报告文件（DOCX 或 PDF）", "error")
        return redirect(url_for("submissions.edit", submission_id=submission.id))
    if not upload.filename.lower().endswith((".docx", ".pdf")):
        flash("评价报告请上传 DOCX 或 PDF 文件；其他附件可在材料页上传", "error")
        return redirect(url_for("submissions.edit", submission_id=submission.id))
    try:
        attachment = attach(upload, owner_type="submission", owner_id=submission.id, user=current_user)
        filled = reports.fill_from_report(submission, current_user, attachment)
    except (UploadRejected, operations.WorkflowError) as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("submissions.edit", submission_id=submission.id))
    operations.save_data(submission, current_user, report_attachment_id=attachment.id)
    db.session.commit()
    flash(f"已上传“{attachment.filename}”。{filled.message()}", "success")
    if filled.out_of_range:
        flash("以下得分超出本指标体系的分值，未填入，请核实：" + "；".join(filled.out_of_range), "warning")
    return redirect(url_for("submissions.edit", submission_id=submission.id))


@bp.route("/<int:submission_id>/files/<int:attachment_id>/remove", methods=["POST"])
@login_required
def remove_file(submission_id: int, attachment_id: int):
    from portal.files.models import Attachment
    from portal.files.operations import remove

    submission = submission_or_404(current_user, submission_id)
    attachment = db.session.get(Attachment, attachment_id)
    if (attachment is None or attachment.owner_type != "submission" or attachment.owner_id != submission.id
            or not is_owner(current_user, submission)):
        abort(404)
    if not submission.is_editable:
        flash("材料已提交，不能删除附件", "error")
    else:
        remove(attachment, current_user)
        db.session.commit()
        flash(f"已移除“{attachment.filename}”", "success")
    return redirect(url_for("submissions.detail", submission_id=submission.id) + "#files")


@bp.route("/<int:submission_id>/apply-proposal/<int:attachment_id>", methods=["POST"])
@login_required
def apply_proposal(submission_id: int, attachment_id: int):
    """Fill the score sheet with the scores the uploaded report states (then editable)."""
    from portal.files.queries import readable_attachment, score_proposal

    submission = submission_or_404(current_user, submission_id)
    attachment = readable_attachment(attachment_id, current_user)
    if attachment is None or attachment.owner_type != "submission" or attachment.owner_id != submission.id:
        abort(404)
    proposal = score_proposal(attachment)
    framework = db.session.get(Framework, submission.framework_id) if submission.framework_id else None
    if framework is None:
        abort(404)
    scores, skipped = {}, []
    for item in framework.items:
        value = proposal.items.get(item.name)
        if value is None:
            continue
        if 0 <= value <= item.weight:
            scores[item.id] = str(value)
        else:
            skipped.append(f"{item.name} {value} 分（分值 {item.weight}）")
    existing = {s.item_id: str(s.score) for s in submission.scores}
    try:
        operations.save_scores(submission, current_user, {**existing, **scores})
    except operations.WorkflowError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(f"已按报告填入 {len(scores)} 项得分，请逐项核对", "success")
        if skipped:
            flash("以下得分超出本指标体系的分值，未填入，请核实：" + "；".join(skipped), "warning")
    return redirect(url_for("submissions.edit", submission_id=submission.id))
