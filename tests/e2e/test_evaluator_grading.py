"""Chromium: an expert scores a third-party report on its panel; a firm reads its draft rating and answers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow, shot, sign_in

pytestmark = pytest.mark.e2e


def _logout(page, base: str) -> None:
    page.click("button:has-text('退出')")
    page.wait_for_url(base + "/work/login")


def test_expert_scores_and_firm_answers_its_draft(live_server, page):
    # The demo's 2023 report on 学前教育 waits for the expert's scores.
    sign_in(page, live_server, "expert")
    follow(page, page.get_by_role("link", name="学前教育幼儿资助资金 · 第三方评价报告").first)
    expect(page.locator("h1")).to_have_text(re.compile("^报告质量评审"), use_inner_text=True)
    rows = page.locator("#score-form tbody tr")
    expect(rows).to_have_count(5)
    for index, value in enumerate(("20", "24", "23", "19", "9")):
        rows.nth(index).locator("input").fill(value)
    rows.nth(1).locator("textarea").fill("受助幼儿名单抽样核对比例未说明")
    rows.nth(2).locator("textarea").fill("资金执行偏慢的原因分析不够深入")
    rows.nth(3).locator("textarea").fill("建议应明确责任科室和完成时限")
    rows.nth(4).locator("textarea").fill("报告提交略晚于约定时间")
    shot(page, "evaluator_grading_expert_scoring")
    follow(page, "button:has-text('提交评分')")
    # 提交后不能修改: the expert is asked first, with the scores and total; going back keeps them.
    expect(page.locator("h1")).to_have_text("确认提交评分？")
    assert "提交后不能修改" in page.locator(".consequence").inner_text()
    assert "95.00" in page.locator("table").first.inner_text()
    shot(page, "evaluator_grading_expert_confirm")
    follow(page, "button:has-text('返回修改，暂不提交')")
    expect(page.locator("#score-form tbody tr").nth(1).locator("input")).to_have_value("24.00")
    follow(page, "button:has-text('提交评分')")
    follow(page, "button:has-text('确认提交评分')")
    expect(page.locator(".flash")).to_contain_text("评分已提交")
    assert "95.00" in page.locator("table").first.inner_text()
    shot(page, "evaluator_grading_expert_scored")
    _logout(page, live_server)

    # The bureau computes 2023 and opens 克州明德's draft (its engagement is overdue).
    sign_in(page, live_server, "reviewer")
    page.goto(live_server + "/work/evaluator_grading/ratings/year/2023")
    follow(page, "button:has-text('计算')")
    follow(page, page.locator("tr", has_text="克州明德会计师事务所有限公司").get_by_role("link", name="详情"))
    follow(page, "button:has-text('开放草稿征求机构意见')")
    expect(page.locator(".flash")).to_contain_text("已开放草稿")
    _logout(page, live_server)

    # The firm reads its draft with the breakdown and answers within the window.
    sign_in(page, live_server, "firm2")
    page.goto(live_server + "/work/evaluator_grading/")
    follow(page, page.get_by_role("link", name="查看").first)
    expect(page.locator("h2").first).to_contain_text("草稿", use_inner_text=True)
    assert "数量（按期完成委托）" in page.content()
    page.fill("#response", "高标准农田项目因单位验收资料提供滞后，报告未能按期提交，请予考虑。")
    shot(page, "evaluator_grading_firm_draft")
    follow(page, "button:has-text('提交意见')")
    expect(page.locator(".flash")).to_contain_text("意见已保存")
    assert "验收资料提供滞后" in page.locator("main").inner_text()
    shot(page, "evaluator_grading_firm_answered")

    # Its dashboard counts the window down; it rewrites the answer and attaches a file before the deadline.
    page.goto(live_server + "/work/")
    card = page.locator("section.panel", has_text="执业质量评价征求意见")
    assert "还剩 14 天" in card.inner_text()
    shot(page, "evaluator_grading_firm_dashboard_countdown")
    follow(page, card.get_by_role("link", name="2023 年度执业质量评价草稿"))
    expect(page.locator("#response")).to_have_value(re.compile("^高标准农田项目"))
    page.fill("#response", "高标准农田项目因单位验收资料提供滞后未能按期提交，附单位来函，请予考虑。")
    page.set_input_files("#files", files=[{"name": "单位来函.txt", "mimeType": "text/plain",
                                           "buffer": "关于高标准农田项目验收资料提供时间的说明".encode()}])
    follow(page, "button:has-text('保存修改')")
    expect(page.locator(".flash")).to_contain_text("意见已保存")
    assert "单位来函.txt" in page.locator("main").inner_text()
    shot(page, "evaluator_grading_firm_answer_edited")
    _logout(page, live_server)

    # The bureau cannot finalise during the window: it closes it early with a reason, then 定稿 at the
    # computed level, which the form preselects.
    sign_in(page, live_server, "reviewer")
    page.goto(live_server + "/work/evaluator_grading/ratings/year/2023")
    follow(page, page.locator("tr", has_text="克州明德会计师事务所有限公司").get_by_role("link", name="详情"))
    expect(page.locator("main")).to_contain_text("单位来函.txt", use_inner_text=True)
    expect(page.locator("#level")).to_have_count(0)
    shot(page, "evaluator_grading_reviewer_window_running")
    page.fill("#close_reason", "机构已书面反馈并附来函，确认无其他补充意见")
    follow(page, "button:has-text('提前结束意见反馈期')")
    expect(page.locator(".flash")).to_contain_text("已提前结束")
    computed = page.locator("#level option[selected]").get_attribute("value")
    assert computed in ("A", "B", "C", "D")
    assert "（计算结果）" in page.locator("#level option[selected]").inner_text()
    shot(page, "evaluator_grading_reviewer_finalise")
    follow(page, "button:has-text('定稿')")
    expect(page.locator(".flash")).to_contain_text("评价已定稿")
    assert "财政局提前结束：机构已书面反馈并附来函" in page.locator("main").inner_text()
