"""The demo's 2022: engagement, two panel rounds (85 → 93), satisfaction and a final rating 92.50 / A; idempotent."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.extensions import db


def test_demo_has_a_finalised_2022_rating_and_loads_twice(app):
    from plugins.evaluator_grading import demo
    from plugins.evaluator_grading.models import Engagement, FirmRating, Panel
    from portal import demo as core_demo

    with app.test_request_context():
        core_demo.load(app)
        demo.load(app)
        demo.load(app)
        counts = [db.session.scalar(select(func.count()).select_from(model)) for model in (Engagement, Panel)]
        rating = db.session.scalar(select(FirmRating).where(FirmRating.fiscal_year == 2022))
        # quantity 100 (1 of 1 on time), quality (85 + 93) / 2 = 89, satisfaction 4.6 × 20 = 92, effect left out:
        # (100×20 + 89×40 + 92×20) / 80 = 92.50 → A.
        assert (rating.quantity, rating.quality, rating.effect, rating.satisfaction) == (100, 89, None, 92)
        assert str(rating.composite) == "92.50" and rating.level == "A"
        assert rating.state == "final" and rating.firm_response and not rating.is_changed
        assert sorted(p.score for p in db.session.scalars(select(Panel)) if p.score is not None) == [85, 93]
        assert counts == [3, 3]  # 2022 正信, 2023 正信 (panel open) and 明德 (overdue); panels 85, 93, open
