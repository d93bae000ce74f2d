"""The demo county shows a year like seed 004's: 中 and 差, a capped grade, one untrue indicator, a confirmed list."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from portal.extensions import db
from portal.results.models import ResultsUse, TruthCheck, TruthDraw
from portal.submissions.models import Submission


def test_demo_holds_caps_a_draw_and_a_confirmed_list_and_is_idempotent(app, clock):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        rows = db.session.scalars(select(ResultsUse).where(ResultsUse.fiscal_year == 2022)).all()
        grades = sorted(r.grade for r in rows if r.grade)
        assert grades.count("中") == 4 and grades.count("差") == 3
        assert all(r.confirmed for r in rows)
        assert {r.action for r in rows} >= {"cut", "recover", "notify", "none"}
        capped = db.session.scalars(select(Submission).where(Submission.grade_cap != "")).all()
        assert {s.project.code for s in capped if s.project.fiscal_year == 2022} == {
            "SW-DSNC", "NY-RJHJ", "NY-JSTG", "JY-YYGS"}
        assert db.session.scalar(select(func.count(TruthCheck.id)).where(TruthCheck.outcome == "untrue")) == 1
        # 基层农业技术推广 marked two core indicators: only those were checked; its 收回资金 is its 执行数.
        jstg = [c.indicator.name for c in db.session.scalars(select(TruthCheck)) if c.submission.project.code == "NY-JSTG"]
        assert sorted(jstg) == sorted(["基层农业技术推广补助项目覆盖对象数量", "受益群众人数"])  # in no set order
        recover = next(r for r in rows if r.action == "recover")
        assert (recover.project.code, recover.amount) == ("NY-JSTG", Decimal("30.00"))
        counts = (db.session.scalar(select(func.count(ResultsUse.id))),
                  db.session.scalar(select(func.count(TruthDraw.id))))
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        assert (db.session.scalar(select(func.count(ResultsUse.id))),
                db.session.scalar(select(func.count(TruthDraw.id)))) == counts
    assert counts == (len(rows), 1)  # one row per object of 2022 (projects and 部门整体), one draw
