"""Firm ratings speak Chinese wherever they are shown: the public firm page and ``jixiao ratings compute``."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from portal.accounts.models import Organisation
from portal.extensions import db
from tests.conftest import text_of
from tests.plugins.evaluator_grading.helpers import FIRM_A
from tests.portal.workflow.helpers import project_with_targets, user


def _engaged(deadline: date) -> Organisation:
    """新疆正信 engaged for the 2022 招商引资 project with ``deadline`` (no report handed in)."""
    from plugins.evaluator_grading import operations as grading

    project = project_with_targets()
    firm = db.session.scalar(select(Organisation).where(Organisation.name == FIRM_A))
    grading.engage(firm=firm, projects=[project], deadline=deadline, amount="3.00", user=user("reviewer"))
    return firm


def test_public_firm_page_labels_the_rating_in_chinese(app, client):
    from plugins.evaluator_grading import ratings
    from public_site import operations as pub_ops

    with app.test_request_context():
        _engaged(date.today() - timedelta(days=30))  # due and not delivered: 数量 0
        reviewer = user("reviewer")
        (rating,) = ratings.compute_year(reviewer.bureau_id, 2022, reviewer)
        rating.quality, rating.composite, rating.level = Decimal("92.00"), Decimal("83.60"), "B"
        ratings.open_draft(rating, reviewer)
        ratings.finalise(rating, reviewer, now=rating.window_closes_at + timedelta(days=1))
        pub_ops.publish("firm_rating", f"firm_rating:{rating.id}", reviewer)
        db.session.commit()

    page = text_of(client.get(f"/firms/{FIRM_A}"))
    assert "执业质量评价" in page
    assert "综合得分 83.60 分；等级 B；数量 0.00；质量 92.00" in page
    for raw in ("composite", "level", "quantity", "quality", "effect", "satisfaction"):
        assert raw not in page, raw


def test_ratings_compute_says_no_data_yet_instead_of_none(app, runner):
    with app.test_request_context():
        _engaged(date.today() + timedelta(days=60))  # not due yet, nothing handed in: no component has data
        db.session.commit()
    result = runner.invoke(args=["ratings", "compute", "2022"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if FIRM_A in line)
    assert "None" not in line, line
    assert "综合 暂无数据" in line and "等级 暂无数据" in line, line


def test_a_rating_finalised_without_data_is_published_as_no_data(app, client):
    """The bureau may finalise a rating with no component data by choosing a level: nothing reads "None"."""
    from plugins.evaluator_grading import ratings
    from public_site import operations as pub_ops

    with app.test_request_context():
        _engaged(date.today() + timedelta(days=60))
        reviewer = user("reviewer")
        (rating,) = ratings.compute_year(reviewer.bureau_id, 2022, reviewer)
        assert rating.composite is None
        ratings.open_draft(rating, reviewer, confirm_no_data=True)
        ratings.finalise(rating, reviewer, level="C", reason="本年度委托尚未到期，按上年情况定级",
                         now=rating.window_closes_at + timedelta(days=1))
        # the reviewer's preview names the plugin's figures in Chinese (its publisher's field_labels)
        _snapshot, preview = pub_ops.prepare("firm_rating", f"firm_rating:{rating.id}", reviewer)
        assert "数据“等级”" in {f.place for f in preview.fields}
        pub = pub_ops.publish("firm_rating", f"firm_rating:{rating.id}", reviewer)[0]
        db.session.commit()
        pub_id = pub.id

    firm_page = text_of(client.get(f"/firms/{FIRM_A}"))
    assert "综合得分 暂无数据；等级 C" in firm_page
    publication = text_of(client.get(f"/publications/{pub_id}"))
    assert "综合得分 暂无数据" in publication
    for page in (firm_page, publication):
        assert "None" not in page
