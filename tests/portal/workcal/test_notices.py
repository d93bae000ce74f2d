"""站内消息: returns, approvals and flags from the workflow; deadlines from ``jixiao notify`` (once each)."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.extensions import db
from portal.submissions import operations
from portal.workcal.models import Notice
from tests.conftest import text_of
from tests.portal.workcal.helpers import handed_in
from tests.portal.workflow.helpers import bureau_user, filled_monitoring, project_with_targets, user
from tests.portal.workflow.test_full_cycle import as_user


def _unread_in_header(client) -> int:
    match = re.search(r'aria-label="未读消息">(\d+)<', client.get("/work/").get_data(as_text=True))
    return int(match.group(1)) if match else 0


def test_returns_approvals_and_flags_reach_the_people_concerned(app, world, clock):
    with app.test_request_context():
        project = project_with_targets(code="NT-2025-01", year=2025)
        report = filled_monitoring(project, 5)
        # one indicator not expected to be reached: a 黄标 on approval
        first = report.target_version.indicators[0]
        operations.save_results(report, user("unit"), {first.id: {"actual": "1", "expects": False}})
        handed_in(report)
        operations.apply_transition(report, "return", bureau_user(project, "bureau_reviewer"), comment="请补充偏差原因")
        db.session.commit()
        report_id = report.id
    unit = as_user(app, world, "unit")
    before = _unread_in_header(unit)  # the targets' approval of project_with_targets
    page = text_of(unit.get("/work/notices"))
    assert "被退回修改：招商引资工作经费 · 绩效监控报告（5月底）。意见：请补充偏差原因" in page
    assert "审核通过：招商引资工作经费 · 绩效目标申报" in page
    with app.test_request_context():
        from portal.submissions.models import Submission

        report = db.session.get(Submission, report_id)
        handed_in(report, approve=True)
        db.session.commit()
    assert _unread_in_header(unit) == before + 2  # approved, and the 黄标
    page = text_of(unit.get("/work/notices"))
    assert "审核通过：招商引资工作经费 · 绩效监控报告（5月底）" in page
    assert "黄标：招商引资工作经费（5月监控）预计年底无法完成的指标：举办招商引资活动数量" in page
    reviewer = text_of(as_user(app, world, "reviewer").get("/work/notices"))
    assert "黄标：招商引资工作经费" in reviewer and "被退回修改" not in reviewer
    assert "还没有消息" in text_of(as_user(app, world, "unit2").get("/work/notices"))


def test_mark_read_one_or_all_and_only_ones_own(app, world, clock):
    with app.test_request_context():
        project_with_targets(code="NT-2025-02", year=2025)
        project_with_targets(code="NT-2025-03", year=2025)
        db.session.commit()
        ids = [n.id for n in db.session.scalars(select(Notice).where(Notice.user_id == world["users"]["unit"]))]
    unit = as_user(app, world, "unit")
    count = _unread_in_header(unit)
    assert count == len(ids) >= 2
    # another user cannot mark it
    assert as_user(app, world, "unit2").post(f"/work/notices/{ids[0]}/read").status_code == 404
    assert _unread_in_header(unit) == count
    opened = unit.post(f"/work/notices/{ids[0]}/read", data={"open": "1"})
    assert re.search(r"/work/submissions/\d+$", opened.headers["Location"])  # taken to what it is about
    assert _unread_in_header(unit) == count - 1
    assert "已读" in text_of(unit.get("/work/notices"))
    assert "审核通过" in text_of(unit.get("/work/notices?unread=1"))
    unit.post("/work/notices/read-all")
    assert _unread_in_header(unit) == 0
    assert "没有未读消息" in text_of(unit.get("/work/notices?unread=1"))
    assert unit.post("/work/notices/read-all", csrf=False).status_code == 400


def test_jixiao_notify_sends_each_deadline_notice_once(app, world, clock):
    # clock: 2025-07-01 in Beijing; the May report was due 6/10
    with app.test_request_context():
        project_with_targets(code="NT-2025-04", year=2025)
        db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["notify"])
    assert first.exit_code == 0, first.output
    assert re.search(r"已发送到期提醒 [1-9]\d* 条", first.output)
    again = runner.invoke(args=["notify"])
    assert "已发送到期提醒 0 条" in again.output  # idempotent: one notice per item and threshold
    unit = text_of(as_user(app, world, "unit").get("/work/notices"))
    assert "5月底监控 · 招商引资工作经费（2025年度）：6月10日截止，已逾期 21 天" in unit
    reviewer = text_of(as_user(app, world, "reviewer").get("/work/notices"))
    assert "第二季度工作情况报自治州财政局：7月1日截止，今天截止" in reviewer
    assert "财政重点绩效评价（第三方机构）" not in reviewer  # 19 days left: not yet within 7
    clock.set(clock.now().replace(month=7, day=14))  # 7/15 in Beijing: 5 days left
    runner.invoke(args=["notify"])
    reviewer = text_of(as_user(app, world, "reviewer").get("/work/notices"))
    assert "财政重点绩效评价（第三方机构）：7月20日截止，还剩 5 天" in reviewer
    clock.set(clock.now().replace(month=8, day=2))  # 8/3: only the key evaluations are newly overdue
    assert "已发送到期提醒 1 条" in runner.invoke(args=["notify"]).output
    assert "财政重点绩效评价（第三方机构）：7月20日截止，已逾期 14 天" in text_of(
        as_user(app, world, "reviewer").get("/work/notices"))
    assert "已发送到期提醒 0 条" in runner.invoke(args=["notify"]).output
