"""Staff pages of the public site (信息公开): candidates, preview and confirm, dates, withdrawal."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal import db, plugins
from portal.accounts.access import roles_required
from public_site import operations, queries
from public_site.forms import DisclosureDateForm, PublicationPreviewForm, PublicationWithdrawForm
from public_site.models import Publication
from public_site.redaction import KIND_LABELS as SPAN_LABELS

bp = Blueprint("public_site_admin", __name__, url_prefix="/work/public_site", template_folder="templates")


def may_publish(user) -> bool:
    return user.has_role(*operations.PUBLISHER_ROLES)


@bp.before_request
@roles_required(*operations.PUBLISHER_ROLES)
def _reviewers_only():
    """The performance section (绩效科) and admins decide what is published."""


@bp.route("/")
def candidates():
    groups = []
    latest = {(p.kind, p.item_key): p for p in db.session.scalars(
        queries.bureau_publications(current_user.bureau_id).order_by(Publication.id))}
    for kind, publisher in sorted(plugins.publishers().items()):
        items = [(c, latest.get((kind, c.key))) for c in publisher.candidates(current_user)]
        groups.append((kind, publisher, items))
    return render_template("public_site/admin_candidates.html", groups=groups)


def _decisions() -> tuple[dict[str, str], dict[str, str]]:
    """The reviewer's choices: detections kept (with their reasons) and review spans decided as redact."""
    reason = lambda det_id: (request.form.get(f"reason-{det_id}") or "").strip()[:500]  # noqa: E731
    keeps = {det_id: reason(det_id) for det_id in request.form.getlist("keep")}
    reviews = {}
    for name, value in request.form.items():
        if name.startswith("review-"):
            det_id = name.removeprefix("review-")
            if value == "keep":
                keeps[det_id] = reason(det_id)
            elif value == "redact":
                reviews[det_id] = "redact"
    return keeps, reviews


@bp.route("/preview", methods=["GET", "POST"])
def preview():
    kind, key = request.values.get("kind", ""), request.values.get("key", "")
    form = PublicationPreviewForm()
    extras, (keeps, reviews) = (form.extras(), _decisions()) if request.method == "POST" else ([], ({}, {}))
    try:
        snapshot, result = operations.prepare(kind, key, current_user, extras, keeps, reviews)
    except LookupError:
        abort(404)
    if form.validate_on_submit() and form.action.data == "confirm":
        try:
            if not form.digest.data:
                raise operations.PublishError("请先预览并核对脱密结果后再确认发布")
            pub, _ = operations.publish(kind, key, current_user, extras=extras, keeps=keeps, reviews=reviews,
                                        digest=form.digest.data)
        except operations.PublishError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            when = "已公开" if pub.visible_from and pub.visible_from <= queries.today() else (
                f"将于 {pub.visible_from} 公开" if pub.visible_from else "将在设置本年度公开日期后公开")
            flash(f"已发布“{pub.title}”（第 {pub.version_no} 版），{when}。", "success")
            return redirect(url_for("public_site_admin.publications"))
    form.digest.data = result.digest
    return render_template("public_site/admin_preview.html", form=form, kind=kind, key=key, snapshot=snapshot,
                           preview=result, keeps=keeps, reviews=reviews, span_labels=SPAN_LABELS,
                           label=plugins.publishers()[kind].label)


@bp.route("/dates", methods=["GET", "POST"])
def dates():
    form = DisclosureDateForm()
    if form.validate_on_submit():
        args = (current_user.bureau_id, form.fiscal_year.data, form.disclosure.data, form.day.data)
        reason = (form.reason.data or "").strip()
        if request.form.get("confirmed") != "1" or not reason:
            # Moving the day hides or reveals what is public: list it, and ask for a confirmation and a reason.
            if request.form.get("confirmed") == "1":
                flash("请填写修改原因", "error")
            hides, reveals = operations.disclosure_date_effect(*args)
            return render_template("public_site/admin_dates_confirm.html", form=form, hides=hides, reveals=reveals,
                                   previous=queries.disclosure_day(*args[:3]), today=queries.today(),
                                   disclosure_label=operations.DISCLOSURE_LABELS[form.disclosure.data]), (
                422 if request.form.get("confirmed") == "1" else 200)
        try:
            row = operations.set_disclosure_date(*args, current_user, reason=reason)
        except operations.PublishError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"{row.fiscal_year}年度{row.label}日期已设为 {row.day}", "success")
            return redirect(url_for("public_site_admin.dates"))
    return render_template("public_site/admin_dates.html", form=form, rows=queries.disclosure_dates(current_user.bureau_id))


@bp.route("/publications")
def publications():
    rows = db.session.scalars(queries.bureau_publications(current_user.bureau_id)
                              .order_by(Publication.published_at.desc(), Publication.id.desc())).all()
    current = queries.published_ids()
    return render_template("public_site/admin_publications.html", rows=rows, current=current,
                           today=queries.today(), form=PublicationWithdrawForm())


@bp.route("/publications/<int:publication_id>/withdraw", methods=["POST"])
def withdraw(publication_id: int):
    pub = queries.publication_of_bureau(publication_id, current_user.bureau_id)
    if pub is None:
        abort(404)
    form = PublicationWithdrawForm()
    if not form.validate_on_submit():
        flash("撤回失败：" + "；".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("public_site_admin.publications"))
    if pub.withdrawn_at is not None:
        flash("该公开内容已撤回", "error")
        return redirect(url_for("public_site_admin.publications"))
    if request.form.get("confirmed") != "1":
        # Withdrawing cannot be undone: say what it does and ask first.
        return render_template("public_site/admin_withdraw_confirm.html", pub=pub, reason=form.reason.data.strip())
    try:
        operations.withdraw(pub, current_user, form.reason.data)
    except operations.PublishError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(f"已撤回“{pub.title}”，原网址将显示撤回说明。", "success")
    return redirect(url_for("public_site_admin.publications"))
