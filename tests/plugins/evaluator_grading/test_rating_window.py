"""The yearly rating's comment window: no empty draft opened unawares, 定稿 locked until the window
closes (or an early close with a reason), the computed level as the default, the firm's countdown card,
and an answer the firm may rewrite, with files, until the deadline."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from portal.extensions import db
from tests.conftest import text_of
from tests.plugins.evaluator_grading.helpers import FIRM_A, as_user
from tests.portal.workflow.helpers import project_with_targets, user

BASE = "/work/evaluator_grading/ratings"


def _rating(app, *, with_data: bool) -> int:
    """新疆正信's computed 2022 rating: without data (engagement not yet due), or with a composite."""
    from plugins.evaluator_grading import operations as grading
    from plugins.evaluator_grading import ratings
    from portal.accounts.models import Organisation

    with app.test_request_context():
        project = project_with_targets()
        firm = db.session.scalar(select(Organisation).where(Organisation.name == FIRM_A))
        reviewer = user("reviewer")
        grading.engage(firm=firm, projects=[project], deadline=date(2025, 12, 31), amount="3.00", user=reviewer)
        (rating,) = ratings.compute_year(reviewer.bureau_id, 2022, reviewer)
        if with_data:
            rating.quality, rating.composite, rating.level = Decimal("83.60"), Decimal("83.60"), "B"
        db.session.commit()
        return rating.id


def _state(app, rating_id: int):
    from plugins.evaluator_grading.models import FirmRating

    with app.app_context():
        rating = db.session.get(FirmRating, rating_id)
        return rating.state, rating.level, rating.window_closes_at, rating.window_closed_early_reason


def _audit(app, action: str) -> list[dict]:
    from portal.audit.models import AuditEvent

    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.kind == "evaluator_grading_rating")).all()
        return [e.detail for e in events if (e.detail or {}).get("action") == action]


def _selected_level(html: str) -> str | None:
    select_html = re.search(r'<select id="level".*?</select>', html, re.S).group(0)
    chosen = re.search(r'<option value="([^"]*)" selected', select_html)
    return chosen.group(1) if chosen else None


def test_an_empty_draft_is_opened_only_when_confirmed_and_finalised_only_after_the_window(app, world, clock):
    rating_id = _rating(app, with_data=False)
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    firm = as_user(app, "firm", world["passwords"]["firm"])

    # A draft of only "—": the page warns, and opening without the confirmation is refused.
    page = text_of(reviewer.get(f"{BASE}/{rating_id}"))
    assert "该草稿没有任何数据" in page and "我已知悉草稿没有数据" in page
    refused = reviewer.post(f"{BASE}/{rating_id}/open", follow_redirects=True)
    assert "没有任何数据" in text_of(refused)
    assert _state(app, rating_id)[0] == "computed"
    assert reviewer.post(f"{BASE}/{rating_id}/open", data={"confirm_no_data": "1"}).status_code == 302
    assert _state(app, rating_id)[0] == "open"
    assert _audit(app, "open")[-1]["without_data"] is True

    # The firm's dashboard counts down in Beijing days: opened 2025-07-01 01:00 (Beijing), closes in 14 days.
    dashboard = text_of(firm.get("/work/"))
    assert "执业质量评价征求意见" in dashboard and "还剩 14 天" in dashboard and "2025-07-15" in dashboard

    # 定稿 is locked while the window runs, even once the firm has answered.
    firm.post(f"{BASE}/{rating_id}/respond", data={"response": "本年度委托尚未到期，请暂缓评级。"})
    page = reviewer.get(f"{BASE}/{rating_id}").get_data(as_text=True)
    assert 'id="level"' not in page and "提前结束意见反馈期" in page
    refused = reviewer.post(f"{BASE}/{rating_id}/finalise", data={"level": "C", "reason": "按上年情况定级"},
                            follow_redirects=True)
    assert "反馈期结束后方可定稿" in text_of(refused)
    assert _state(app, rating_id)[0] == "open"

    # An early close needs a reason; it is recorded on the rating and in the audit log.
    refused = reviewer.post(f"{BASE}/{rating_id}/close-window", data={"reason": " "}, follow_redirects=True)
    assert "须说明理由" in text_of(refused)
    assert reviewer.post(f"{BASE}/{rating_id}/close-window",
                         data={"reason": "机构书面确认无补充意见"}).status_code == 302
    assert _state(app, rating_id)[3] == "机构书面确认无补充意见"
    assert _audit(app, "close_window_early")[-1]["reason"] == "机构书面确认无补充意见"

    # After the window the firm can no longer change its answer.
    refused = firm.post(f"{BASE}/{rating_id}/respond", data={"response": "补充"}, follow_redirects=True)
    assert "意见反馈期已于" in text_of(refused) and "不能再提交或修改意见" in text_of(refused)

    # No computed level: nothing is preselected (no silent A), and 定稿 without a choice is refused.
    page = reviewer.get(f"{BASE}/{rating_id}").get_data(as_text=True)
    assert _selected_level(page) == ""
    refused = reviewer.post(f"{BASE}/{rating_id}/finalise", data={"level": ""}, follow_redirects=True)
    assert "请选择最终等级" in text_of(refused)
    assert reviewer.post(f"{BASE}/{rating_id}/finalise",
                         data={"level": "C", "reason": "本年度委托尚未到期，按上年情况定级"}).status_code == 302
    assert _state(app, rating_id)[:2] == ("final", "C")


def test_final_level_defaults_to_the_computed_one_after_the_window(app, world, clock):
    rating_id = _rating(app, with_data=True)
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    page = text_of(reviewer.get(f"{BASE}/{rating_id}"))
    assert "没有任何数据" not in page
    assert reviewer.post(f"{BASE}/{rating_id}/open").status_code == 302

    clock.set(clock.now() + timedelta(days=15))
    page = reviewer.get(f"{BASE}/{rating_id}").get_data(as_text=True)
    assert _selected_level(page) == "B"
    assert reviewer.post(f"{BASE}/{rating_id}/finalise", data={"level": "B"}).status_code == 302
    assert _state(app, rating_id)[:2] == ("final", "B")


def test_the_firm_rewrites_its_answer_and_attaches_a_file_until_the_deadline(app, world, clock):
    from docx import Document

    rating_id = _rating(app, with_data=True)
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    firm = as_user(app, "firm", world["passwords"]["firm"])
    reviewer.post(f"{BASE}/{rating_id}/open")

    assert firm.post(f"{BASE}/{rating_id}/respond", data={"response": "初稿意见"}).status_code == 302
    doc = Document()
    doc.add_paragraph("关于2022年度执业质量评价的情况说明")
    buffer = io.BytesIO()
    doc.save(buffer)
    clock.set(clock.now() + timedelta(days=13))
    assert "还剩 1 天" in text_of(firm.get("/work/"))
    assert firm.post(f"{BASE}/{rating_id}/respond", data={
        "response": "修改后的意见：第二个项目资料提供滞后。",
        "files": (io.BytesIO(buffer.getvalue()), "情况说明.docx")}).status_code == 302
    page = firm.get(f"{BASE}/{rating_id}").get_data(as_text=True)
    assert "修改后的意见" in page and "初稿意见" not in page and "情况说明.docx" in page
    assert _audit(app, "edit_response")[-1]["files"] == ["情况说明.docx"]

    # The bureau reads the file; it is sent as a download.
    link = re.search(r'href="(/work/files/\d+)"', page).group(1)
    download = reviewer.get(link)
    assert download.status_code == 200 and download.headers["Content-Disposition"].startswith("attachment")
    download.close()

    # A refused file leaves the answer as it was, with a Chinese message.
    refused = firm.post(f"{BASE}/{rating_id}/respond", data={
        "response": "再改", "files": (io.BytesIO(b"MZ\x90\x00binary"), "说明.exe")}, follow_redirects=True)
    assert "未能上传" in text_of(refused)
    assert "再改" not in text_of(firm.get(f"{BASE}/{rating_id}"))

    # After the deadline: refused with a message.
    clock.set(clock.now() + timedelta(days=2))
    refused = firm.post(f"{BASE}/{rating_id}/respond", data={"response": "逾期意见"}, follow_redirects=True)
    assert "不能再提交或修改意见" in text_of(refused)
    assert "逾期意见" not in text_of(firm.get(f"{BASE}/{rating_id}"))
