"""Issue 8's acceptance: findings → items, evidence, 销号 / reopen, overdue, 红标 → item, ledger = XLSX, sample."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from openpyxl import load_workbook
from sqlalchemy import func, select

from plugins.rectification.models import RectificationItem, SampleDraw
from portal.extensions import db
from portal.submissions.models import Finding, MonitoringFlag, Submission
from tests.conftest import text_of
from tests.plugins.rectification.helpers import FINDINGS, as_user, item_ids, monitoring, submitted_report
from tests.portal.files.samples import make_docx, make_pdf


def _approve_through_http(app, world, sid: int) -> None:
    section, reviewer = as_user(app, world, "section"), as_user(app, world, "reviewer")
    assert section.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "pass_first_review"}).status_code == 302
    assert reviewer.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "approve"}).status_code == 302
    with app.app_context():
        assert db.session.get(Submission, sid).state == "approved"


def test_issue_acceptance(app, world, runner, clock):
    # The bureau's date is 2025-07-01 (01:00 in Beijing); the server's UTC date is still 2025-06-30.
    assert clock.today() == date(2025, 7, 1)
    with app.test_request_context():
        sid = submitted_report()
        db.session.commit()
    reviewer, unit = as_user(app, world, "reviewer"), as_user(app, world, "unit")

    # Before approval the report offers no rectification; after it, each finding can become an item.
    assert "问题整改" not in text_of(reviewer.get(f"/work/submissions/{sid}"))
    _approve_through_http(app, world, sid)
    page = reviewer.get(f"/work/submissions/{sid}").get_data(as_text=True)
    assert "将所选问题转为整改事项" in page and all(f in page for f in FINDINGS)
    with app.app_context():
        finding_ids = list(db.session.scalars(select(Finding.id).where(Finding.submission_id == sid,
                                                                       Finding.kind == "finding")))
    deadline = date(2025, 7, 31)
    # A bad deadline is refused in Chinese and creates nothing.
    response = reviewer.post(f"/work/rectification/from-submission/{sid}", follow_redirects=True,
                             data={"finding_id": finding_ids, "severity": "general", "deadline": "下月底"})
    assert "请按“年-月-日”填写日期" in text_of(response)
    response = reviewer.post(f"/work/rectification/from-submission/{sid}", follow_redirects=True, data={
        "finding_id": finding_ids, "severity": "major", "deadline": deadline.isoformat(),
        "responsible_person": "阿依古丽·买买提"})
    assert "已将 3 条问题转为整改事项" in text_of(response)
    with app.app_context():
        items = db.session.scalars(select(RectificationItem).where(RectificationItem.submission_id == sid)
                                   .order_by(RectificationItem.id)).all()
        assert [i.description for i in items] == FINDINGS and {i.state for i in items} == {"open"}
        first, second, third = (i.id for i in items)
    # A second click does not duplicate: every finding already has its item.
    response = reviewer.post(f"/work/rectification/from-submission/{sid}", follow_redirects=True, data={
        "finding_id": finding_ids, "severity": "major", "deadline": deadline.isoformat()})
    assert "请至少选择一条尚未转为整改事项的问题" in text_of(response)

    # The unit submits evidence (text and real files) for two items; a hostile file is refused, text kept.
    assert set(item_ids(unit.get("/work/rectification/").get_data(as_text=True))) >= {first, second, third}
    response = unit.post(f"/work/rectification/items/{first}/evidence", content_type="multipart/form-data", data={
        "text": "已细化量化全部绩效指标", "files": (io.BytesIO(b"MZ\x90\x00not a document"), "整改报告.docx")})
    assert response.status_code == 422 and "已细化量化全部绩效指标" in response.get_data(as_text=True)
    pdf, _ = make_pdf(["整改报告"])
    response = unit.post(f"/work/rectification/items/{first}/evidence", content_type="multipart/form-data", data={
        "text": "已细化量化全部绩效指标，修订后的指标表经局党组审定",
        "files": [(io.BytesIO(make_docx(["整改报告", "指标修订表"])), "整改报告.docx"),
                  (io.BytesIO(pdf), "党组会纪要.pdf")]})
    assert response.status_code == 302
    response = unit.post(f"/work/rectification/items/{second}/evidence", data={"text": "已委托第三方复核"})
    assert response.status_code == 302
    detail = unit.get(f"/work/rectification/items/{first}").get_data(as_text=True)
    assert "待核验" in detail and "整改报告.docx" in detail and "党组会纪要.pdf" in detail
    file_id = int(re.search(r"/work/files/(\d+)", detail).group(1))
    download = reviewer.get(f"/work/files/{file_id}")
    assert download.status_code == 200 and download.data[:2] == b"PK"
    download.close()
    assert as_user(app, world, "firm").get(f"/work/files/{file_id}").status_code == 404
    assert as_user(app, world, "unit2").get(f"/work/files/{file_id}").status_code == 404
    # The unit cannot close its own item.
    unit.post(f"/work/rectification/items/{first}/transition", data={"action": "close"})

    # The bureau closes one (销号) and reopens the other, which needs a reason.
    assert reviewer.post(f"/work/rectification/items/{first}/transition", data={"action": "close"}).status_code == 302
    response = reviewer.post(f"/work/rectification/items/{second}/transition", follow_redirects=True,
                             data={"action": "reopen", "comment": " "})
    assert "“退回重新整改”须填写理由" in text_of(response)
    reviewer.post(f"/work/rectification/items/{second}/transition",
                  data={"action": "reopen", "comment": "复核报告未附，请补充"})
    page = text_of(unit.get(f"/work/rectification/items/{second}"))
    assert "整改中" in page and "财政局退回重新整改" in page and "复核报告未附，请补充" in page
    with app.app_context():
        states = {i.id: i.state for i in db.session.scalars(select(RectificationItem).where(
            RectificationItem.id.in_([first, second, third])))}
        assert states == {first: "closed", second: "in_progress", third: "open"}
        closed = db.session.get(RectificationItem, first)
        assert [t.action for t in closed.transitions] == ["create", "submit_evidence", "close"]
        assert closed.transitions[-1].actor.username == "reviewer"

    # The third passes its deadline: overdue is derived, nothing stored changes but the date.
    with app.app_context():
        db.session.get(RectificationItem, third).deadline = date(2025, 6, 30)
        db.session.commit()
    overdue_page = reviewer.get("/work/rectification/?overdue=1").get_data(as_text=True)
    assert item_ids(overdue_page) == [third] and "逾期" in overdue_page
    board = text_of(reviewer.get("/work/rectification/dashboard"))
    assert re.search(r"阿克陶县商务科技和工业信息化局 3 2 1 1 0 100\.0%", board), board
    assert "逾期整改事项 1" in text_of(unit.get("/work/"))

    # A 红标 from monitoring creates an item by itself; the 黄标 before it does not.
    with app.test_request_context():
        project = db.session.get(Submission, sid).project
        monitoring(project, 5, spent="0.5")
        assert db.session.scalar(select(func.count(RectificationItem.id)).where(
            RectificationItem.source_kind == "flag")) == 0
        monitoring(project, 8, spent="1")
        red = db.session.scalar(select(MonitoringFlag).where(MonitoringFlag.color == "red"))
        flag_item = db.session.scalar(select(RectificationItem).where(RectificationItem.flag_id == red.id))
        assert flag_item is not None and flag_item.state == "open" and flag_item.severity == "major"
        assert flag_item.unit.name == "阿克陶县商务科技和工业信息化局" and flag_item.transitions[0].actor is None
        flag_item_id = flag_item.id
        db.session.commit()
    assert "监控红标" in text_of(unit.get(f"/work/rectification/items/{flag_item_id}"))

    # The ledger's filters and the XLSX export agree with the page.
    for query in ("year=2022", "source_kind=finding", "state=closed", "severity=major&overdue=0",
                  "source_kind=flag", "overdue=1"):
        listed = item_ids(reviewer.get(f"/work/rectification/?{query}").get_data(as_text=True))
        response = reviewer.get(f"/work/rectification/export.xlsx?{query}")
        assert response.status_code == 200 and response.data[:2] == b"PK"
        sheet = load_workbook(io.BytesIO(response.data)).active
        assert "整改台账" in sheet["A1"].value
        headers = [c.value for c in sheet[3]]
        assert headers[:3] == ["序号", "年度", "整改单位"] and "整改期限" in headers and "是否逾期" in headers
        rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=4)]
        with app.app_context():
            expected = [db.session.get(RectificationItem, i) for i in listed]
            assert [r["问题描述"] for r in rows] == [i.description for i in expected], query
            assert all(isinstance(r["整改期限"], datetime) for r in rows)
            assert [r["整改期限"].date() for r in rows] == [i.deadline for i in expected]
            # Only the third item is past its deadline (06-30, yesterday in Beijing) and not closed.
            assert [r["是否逾期"] for r in rows] == ["是" if i.id == third else "否" for i in expected], query
    assert item_ids(reviewer.get("/work/rectification/?source_kind=flag").get_data(as_text=True)) == [flag_item_id]
    assert item_ids(reviewer.get("/work/rectification/?state=closed").get_data(as_text=True)) == [first]

    # The sample command is reproducible for the same seed, and every draw is recorded.
    with app.test_request_context():
        assert isinstance(db.session.get(RectificationItem, first).deadline, date)
    args = ["rectification", "sample", "2022", "--share", "0.10", "--seed", "42", "--bureau", "阿克陶县财政局"]
    one, two = runner.invoke(args=args), runner.invoke(args=args)
    assert one.exit_code == 0, one.output
    assert item_ids(one.output) == item_ids(two.output) == [first]
    assert "随机种子 42" in one.output
    with app.app_context():
        draws = db.session.scalars(select(SampleDraw).where(SampleDraw.seed == 42)).all()
        assert len(draws) == 2 and draws[0].item_ids == draws[1].item_ids == [first]
    listing = text_of(reviewer.get("/work/rectification/samples"))
    assert "42" in listing and "抽中名单" in listing
