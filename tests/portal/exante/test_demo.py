"""The demo county's 2024 ex-ante assessments: one of each conclusion and one pending; loading twice adds nothing."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from portal.exante import register
from portal.extensions import db
from portal.submissions.models import Submission
from tests.portal.workflow.helpers import user


def test_demo_shows_each_conclusion_and_a_pending_one(app):
    from portal import demo

    with app.test_request_context():
        demo.load(app)
        demo.load(app)
        assert db.session.scalar(select(func.count()).where(Submission.kind == "exante")) == 4
        rows = register.rows(user("reviewer"), 2024)
        got = {r.project.code: (r.conclusion, r.amount, r.project.exante_stage, r.project.budget, bool(r.flag))
               for r in rows}
        assert got == {
            "AQSC-2024-01": ("支持", Decimal("85.00"), "approved", Decimal("85.00"), False),
            "TJXX-2024-01": ("部分支持", Decimal("62.50"), "partial", Decimal("0.00"), True),
            "SCJK-2024-01": ("不支持", Decimal("60.00"), "rejected", Decimal("0.00"), True),
            "XQXX-2024-01": ("", Decimal("18.28"), "proposed", Decimal("0.00"), True),
        }
        # Seed 001 §(三): 3 projects assessed, 207.5 万元 requested.
        concluded = [r for r in rows if r.conclusion]
        assert len(concluded) == 3 and register.totals(concluded)["requested"] == Decimal("207.50")
