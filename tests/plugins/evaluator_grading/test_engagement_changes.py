"""Engagements are corrected (deadline, amount) and cancelled — each with a reason, recorded, confirmed first."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from plugins.evaluator_grading.models import Engagement
from portal.audit.models import AuditEvent
from portal.extensions import db
from tests.conftest import text_of
from tests.plugins.evaluator_grading.helpers import FIRM_A, as_user
from tests.portal.workflow.helpers import project_with_targets


def _engaged(app, world, clock):
    with app.test_request_context():
        project_id = project_with_targets(code="EG-CHG-01").id
        db.session.commit()
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    deadline = clock.today() + timedelta(days=30)
    response = reviewer.post("/work/evaluator_grading/engagements", data={
        "year": "2022", "firm_id": world["orgs"][FIRM_A], "project_id": [project_id],
        "deadline": deadline.isoformat(), "amount": "5.5"})
    assert response.status_code == 302, text_of(response)
    with app.app_context():
        engagement_id = db.session.scalar(select(Engagement.id).where(Engagement.project_id == project_id))
    return reviewer, project_id, engagement_id, deadline


def test_correcting_deadline_and_amount_needs_a_reason_and_is_recorded(app, world, clock):
    reviewer, _, eid, deadline = _engaged(app, world, clock)
    url = f"/work/evaluator_grading/engagements/{eid}"
    later = deadline + timedelta(days=15)
    refused = reviewer.post(url, data={"action": "change", "deadline": later.isoformat(), "amount": "6.00"})
    assert refused.status_code == 422 and "请填写修改原因" in text_of(refused)
    done = reviewer.post(url, data={"action": "change", "deadline": later.isoformat(), "amount": "6.00",
                                    "reason": "补充现场核查，延长15天"}, follow_redirects=True)
    page = text_of(done)
    assert f"报告提交截止日期 {deadline} → {later}" in page and "合同金额（万元） 5.50 → 6.00" in page
    assert "补充现场核查，延长15天" in page  # the history on the engagement's page
    with app.app_context():
        engagement = db.session.get(Engagement, eid)
        assert engagement.deadline == later and str(engagement.contract_amount) == "6.00"
        assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.kind == "evaluator_grading_engagement_change"))
    unchanged = reviewer.post(url, data={"action": "change", "deadline": later.isoformat(), "amount": "6",
                                         "reason": "再次保存"})
    assert "均未改变" in text_of(unchanged)


def test_cancelling_asks_first_then_the_firm_can_no_longer_report(app, world, clock):
    reviewer, project_id, eid, _ = _engaged(app, world, clock)
    firm = as_user(app, "firm", world["passwords"]["firm"])
    url = f"/work/evaluator_grading/engagements/{eid}"
    asked = reviewer.post(url, data={"action": "cancel", "reason": "机构人员变动，无法按期完成"})
    assert asked.status_code == 200 and "确认撤销委托？" in text_of(asked) and "撤销不能恢复" in text_of(asked)
    with app.app_context():
        assert db.session.get(Engagement, eid).cancelled_at is None  # nothing happened yet
    reviewer.post(url, data={"action": "cancel", "reason": "机构人员变动，无法按期完成", "confirmed": "1"})
    with app.app_context():
        engagement = db.session.get(Engagement, eid)
        assert engagement.cancelled_at is not None and engagement.cancel_reason == "机构人员变动，无法按期完成"
    listing = text_of(reviewer.get("/work/evaluator_grading/engagements?year=2022"))
    assert "已撤销：机构人员变动" in listing
    response = firm.post("/work/submissions/new", data={"project_id": project_id, "kind": "third_party"},
                         follow_redirects=True)
    assert "委托已于" in text_of(response) and "撤销" in text_of(response)
    assert not re.search(r"/work/submissions/\d+/edit", response.request.path)
    # a cancelled engagement is not corrected
    again = reviewer.post(url, data={"action": "change", "deadline": "2030-01-01", "amount": "1", "reason": "x"})
    assert "已撤销，不能修改" in text_of(again)


def test_only_the_bureaus_performance_section_changes_engagements(app, world, clock):
    _, _, eid, _ = _engaged(app, world, clock)
    section = as_user(app, "section", world["passwords"]["section"])
    firm = as_user(app, "firm", world["passwords"]["firm"])
    url = f"/work/evaluator_grading/engagements/{eid}"
    assert section.post(url, data={"action": "cancel", "reason": "x", "confirmed": "1"}).status_code == 403
    assert firm.get(url).status_code in (403, 404)
    with app.app_context():
        assert db.session.get(Engagement, eid).cancelled_at is None
