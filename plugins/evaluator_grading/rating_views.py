"""执业质量评价 pages: the year's ratings, computing them, the comment window, the firm's answer, 定稿."""

from __future__ import annotations

import io

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from plugins.evaluator_grading import lists, queries, ratings, signals
from plugins.evaluator_grading.blueprint import bp, require_bureau, require_rater, years
from plugins.evaluator_grading.export import ratings_workbook
from plugins.evaluator_grading.models import RATING_STATES
from portal import ListParams, db
from portal.util import today, utcnow


@bp.route("/ratings/")
@login_required
def ratings_index():
    require_bureau()
    return redirect(url_for("evaluator_grading.ratings_year", year=today().year - 1))


@bp.route("/ratings/year/<int:year>")
@login_required
def ratings_year(year: int):
    """The bureau's rating page: every firm's rating of the year and the consistency signals."""
    require_bureau()
    bureau_id = current_user.bureau_id
    listing = ListParams.parse(lists.RATING_SPEC, request.args)
    page = listing.page_of(lists.ratings(current_user, listing, year))
    return render_template("evaluator_grading/ratings_year.html", year=year, years=years(), listing=listing,
                           page=page, ratings=page.items, components=ratings.COMPONENTS, levels=ratings.LEVELS,
                           states=RATING_STATES,
                           gaps=signals.project_gaps(bureau_id, [year]), units=signals.unit_signals(bureau_id),
                           firms=signals.firm_signals(bureau_id, year), is_rater=queries.is_rater(current_user))


@bp.route("/ratings/year/<int:year>/compute", methods=["POST"])
@login_required
def compute(year: int):
    require_rater()
    rows = ratings.compute_year(current_user.bureau_id, year, current_user)
    db.session.commit()
    flash(f"已计算 {len(rows)} 家机构的{year}年度评价（已开放或定稿的不变）", "success")
    return redirect(url_for("evaluator_grading.ratings_year", year=year))


@bp.route("/ratings/year/<int:year>/export.xlsx")
@login_required
def export(year: int):
    require_bureau()
    listing = ListParams.parse(lists.RATING_SPEC, request.args)
    data = ratings_workbook(listing.all_rows(lists.ratings(current_user, listing, year)))
    response = send_file(io.BytesIO(data), as_attachment=True, download_name=f"{year}年度第三方机构执业质量评价.xlsx",
                         mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/ratings/<int:rating_id>")
@login_required
def rating(rating_id: int):
    """One firm's rating with its breakdown; the firm answers here while the window is open."""
    from portal.files.queries import attachments_of

    rating = queries.rating_or_404(current_user, rating_id)
    return render_template("evaluator_grading/rating.html", rating=rating, components=ratings.COMPONENTS,
                           levels=ratings.LEVELS, now=utcnow(), is_rater=queries.is_rater(current_user),
                           is_firm=rating.firm_id == current_user.org_id, days_left=ratings.days_left(rating),
                           attachments=attachments_of("firm_rating", rating.id))


@bp.route("/ratings/<int:rating_id>/open", methods=["POST"])
@login_required
def rating_open(rating_id: int):
    """Open the draft to the firm: its comment window starts (a draft without data only when confirmed)."""
    require_rater()
    confirmed = request.form.get("confirm_no_data") == "1"
    return _rating_change(rating_id, lambda r: ratings.open_draft(r, current_user, confirm_no_data=confirmed),
                          "已开放草稿，机构可在反馈期内提出意见")


@bp.route("/ratings/<int:rating_id>/respond", methods=["POST"])
@login_required
def rating_respond(rating_id: int):
    """The firm's written answer and files; it may change them while the window is open."""
    return _rating_change(rating_id, lambda r: ratings.respond(r, current_user, request.form.get("response", ""),
                                                               uploads=request.files.getlist("files")),
                          "意见已保存，反馈期结束前仍可修改")


@bp.route("/ratings/<int:rating_id>/close-window", methods=["POST"])
@login_required
def rating_close_window(rating_id: int):
    """End the comment window early, with a recorded reason, so that the rating can be finalised."""
    require_rater()
    return _rating_change(rating_id, lambda r: ratings.close_window_early(r, current_user,
                                                                          request.form.get("reason", "")),
                          "已提前结束意见反馈期，可以定稿")


@bp.route("/ratings/<int:rating_id>/finalise", methods=["POST"])
@login_required
def rating_finalise(rating_id: int):
    """定稿, recording whether the bureau changed the level and why."""
    require_rater()
    return _rating_change(rating_id, lambda r: ratings.finalise(r, current_user, level=request.form.get("level") or None,
                                                                reason=request.form.get("reason", "")),
                          "评价已定稿")


def _rating_change(rating_id: int, change, done: str):
    rating = queries.rating_or_404(current_user, rating_id)
    try:
        change(rating)
    except ratings.RatingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("evaluator_grading.rating", rating_id=rating.id))
