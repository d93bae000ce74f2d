"""再评估 (seed 004 §二.1): for a major project (above 50 万元) or one marked 专业性较强, 绩效科 may engage a
firm to re-assess the ex-ante assessment independently; its report joins the review before the conclusion."""

from __future__ import annotations

import re
from io import BytesIO

from sqlalchemy import select

from plugins.evaluator_grading.models import Engagement
from portal.extensions import db
from portal.submissions.models import Submission
from tests.conftest import text_of
from tests.portal.exante.helpers import FULL, file, first_review, propose, review
from tests.portal.files.samples import make_docx
from tests.portal.workflow.helpers import user


def _in_review(login, code: str, amount: str, *, specialized: bool = False) -> int:
    unit = login("unit")
    sid = propose(unit, code, "安全生产监管信息化平台", 2026, specialized=specialized)
    file(unit, sid, amount)
    first_review(login("section"), sid)
    return sid


def _engage(client, app, sid: int):
    with app.app_context():
        firm_id = user("firm").org_id
    return client.post(f"/work/evaluator_grading/reassessment/engage/{sid}",
                       data={"firm_id": str(firm_id), "deadline": "2025-09-30", "amount": "2.00"},
                       follow_redirects=True)


def test_major_project_waits_for_the_firms_reassessment(app, login, clock):
    sid = _in_review(login, "EX-2026-501", "85.00")
    reviewer = login("reviewer")
    page = text_of(reviewer.get(f"/work/submissions/{sid}"))
    assert "第三方再评估" in page and "委托再评估" in page
    assert "已委托" in text_of(_engage(reviewer, app, sid))
    with app.app_context():
        engagement = db.session.scalar(select(Engagement).where(Engagement.exante_submission_id == sid))
        eid = engagement.id
        assert engagement.purpose == "reassessment"
    # The conclusion waits for the firm.
    review(reviewer, app, sid, FULL, "support", "立项必要")
    with app.app_context():
        assert db.session.get(Submission, sid).state == "review"
    assert "再评估结论尚未提交" in text_of(reviewer.get(f"/work/submissions/{sid}"))

    firm = login("firm")
    assert "事前绩效评估独立再评估" in text_of(firm.get(f"/work/evaluator_grading/reassessment/{eid}"))
    refused = firm.post(f"/work/evaluator_grading/reassessment/{eid}",
                        data={"conclusion": "support", "opinion": "同意"}, follow_redirects=True)
    assert "请先上传再评估报告" in text_of(refused)
    firm.post(f"/work/evaluator_grading/reassessment/{eid}", content_type="multipart/form-data",
              data={"file": (BytesIO(make_docx(["再评估报告", "结论：部分支持"])), "再评估报告.docx")})
    done = firm.post(f"/work/evaluator_grading/reassessment/{eid}",
                     data={"conclusion": "partial", "opinion": "建设内容偏大，建议压减硬件投入"}, follow_redirects=True)
    assert "已提交再评估结论" in text_of(done)

    reviewer = login("reviewer")
    page = text_of(reviewer.get(f"/work/submissions/{sid}"))
    assert "再评估结论 部分支持" in page and "建议压减硬件投入" in page
    assert re.search(r"再评估报告\.docx", page)
    review(reviewer, app, sid, FULL, "partial", "采纳第三方再评估意见")
    with app.app_context():
        submission = db.session.get(Submission, sid)
        assert submission.state == "approved" and submission.project.exante_stage == "partial"


def test_only_major_or_specialised_projects_may_be_reassessed(app, login, clock):
    small = _in_review(login, "EX-2026-502", "30.00")
    reviewer = login("reviewer")
    assert "委托再评估" not in text_of(reviewer.get(f"/work/submissions/{small}"))
    assert "只有重大项目" in text_of(_engage(reviewer, app, small))
    specialised = _in_review(login, "EX-2026-503", "30.00", specialized=True)
    reviewer = login("reviewer")
    assert "已委托" in text_of(_engage(reviewer, app, specialised))
    # The section does not engage firms.
    section = login("section")
    assert section.post(f"/work/evaluator_grading/reassessment/engage/{small}", data={}).status_code == 403


def test_the_major_amount_is_configurable(app_factory, clock):
    from tests.conftest import CSRFClient, do_login

    app = app_factory(JIXIAO_EXANTE_MAJOR_AMOUNT=100)
    from portal import demo

    clients = {}

    def login(name):
        client = clients.get(name) or CSRFClient(app)
        clients[name] = client
        do_login(client, name, {u: p for u, _, _, _, p in demo.USERS}[name])
        return client

    sid = _in_review(login, "EX-2026-504", "85.00")
    reviewer = login("reviewer")
    assert "只有重大项目（申请金额超过 100 万元）" in text_of(_engage(reviewer, app, sid))


def test_the_firm_finds_its_reassessment_on_its_dashboard_and_the_project(app, login, clock):
    sid = _in_review(login, "EX-2026-505", "85.00")
    _engage(login("reviewer"), app, sid)
    with app.app_context():
        engagement = db.session.scalar(select(Engagement).where(Engagement.exante_submission_id == sid))
        eid, pid = engagement.id, engagement.project_id
    firm = login("firm")
    link = f"/work/evaluator_grading/reassessment/{eid}"
    assert link in firm.get("/work/").get_data(as_text=True)
    assert link in firm.get(f"/work/projects/{pid}").get_data(as_text=True)
    assert login("firm2").get(link).status_code == 404
