"""The submission workflow in Chromium: every irreversible step asks first, saying what it will do."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow, shot, sign_in

pytestmark = pytest.mark.e2e


def _sign_out(page):
    follow(page, "button:has-text('退出')")


def _open(page, url, state, kind="target_declaration"):
    """The one demo declaration of the 2023 招商引资 project in ``state``, from the materials list."""
    page.goto(f"{url}/work/submissions/?state={state}&kind={kind}")
    follow(page, page.get_by_role("row", name="招商引资工作经费").get_by_role("link").first)


def _badge(page):
    """The state badge in the page's heading (checked with ``expect(...).to_have_text``)."""
    return page.locator("h1 .badge").first


def test_each_irreversible_step_is_confirmed_first(live_server, page):
    # The unit resubmits its returned declaration: a confirmation page says what 提交审核 does.
    sign_in(page, live_server, "unit")
    _open(page, live_server, "returned")
    submit = page.get_by_role("button", name="提交审核")
    void = page.get_by_role("button", name="撤回（作废草稿）")
    # 撤回（作废草稿） is in its own section, far below 提交审核.
    expect(page.locator("section#withdraw").get_by_role("button", name="撤回（作废草稿）")).to_have_count(1)
    assert void.bounding_box()["y"] - submit.bounding_box()["y"] > 300
    follow(page, submit)
    expect(page.locator("h1")).to_have_text("确认提交审核？")
    assert "不能再修改" in page.locator(".consequence").inner_text()
    shot(page, "confirm_submit")
    follow(page, page.get_by_role("link", name="返回，不提交审核"))
    expect(_badge(page)).to_have_text("已退回")  # nothing happened
    follow(page, page.get_by_role("button", name="提交审核"))
    follow(page, page.get_by_role("button", name="确认提交审核"))
    expect(page.locator(".flash-success")).to_contain_text("已提交审核")
    expect(_badge(page)).to_have_text("待初审")
    # No stale 已退回 banner: the page says which round this is and what changed since the return.
    expect(page.locator(".flash-warning")).to_have_count(0)
    assert "第 2 轮" in page.locator("main").inner_text()
    assert "自退回以来未作任何修改" in page.locator("#round").inner_text()
    _sign_out(page)

    # The section returns it: the confirmation repeats the opinion that will be recorded.
    sign_in(page, live_server, "section")
    _open(page, live_server, "submitted")
    page.fill("textarea[name=comment]", "请补充成本指标的测算依据")
    follow(page, page.get_by_role("button", name="初审退回"))
    expect(page.locator("h1")).to_have_text("确认初审退回？")
    assert "请补充成本指标的测算依据" in page.locator("main").inner_text()
    shot(page, "confirm_return_first_review")
    follow(page, page.get_by_role("button", name="确认初审退回"))
    expect(_badge(page)).to_have_text("已退回")
    _sign_out(page)
    # The unit changes the overall goal and resubmits; the section sees round 3 and the change.
    sign_in(page, live_server, "unit")
    _open(page, live_server, "returned")
    follow(page, page.get_by_role("link", name="编辑材料"))
    page.fill("textarea[name=overall_goal]", "举办招商引资活动不少于2次，签约项目不少于2个")
    follow(page, page.get_by_role("button", name="保存并提交"))
    follow(page, page.get_by_role("button", name="确认提交审核"))
    _sign_out(page)
    sign_in(page, live_server, "section")
    _open(page, live_server, "submitted")
    expect(page.locator("main")).to_contain_text("第 3 轮", use_inner_text=True)
    assert "总体目标：" in page.locator("#round").inner_text()
    assert "请补充成本指标的测算依据" in page.locator("#round").inner_text()
    shot(page, "resubmission_round_section")
    follow(page, page.get_by_role("button", name="初审退回"))  # (comment required: refused, nothing lost)
    expect(page.locator(".flash-error")).to_contain_text("须填写意见")
    _sign_out(page)

    # Passed by the section, the reviewer's 审核通过 asks too.
    sign_in(page, live_server, "section")
    _open(page, live_server, "submitted")
    follow(page, page.get_by_role("button", name="初审通过"))
    follow(page, page.get_by_role("button", name="确认初审通过"))
    expect(_badge(page)).to_have_text("待审核")
    _sign_out(page)
    sign_in(page, live_server, "reviewer")
    _open(page, live_server, "review")
    follow(page, page.get_by_role("button", name="审核通过"))
    expect(page.locator(".consequence")).to_contain_text("批复生效并冻结", use_inner_text=True)
    shot(page, "confirm_approve")
    follow(page, page.get_by_role("button", name="确认审核通过"))
    expect(_badge(page)).to_have_text("已通过")


def test_unit_takes_back_a_submission_the_section_has_not_opened(live_server, page):
    sign_in(page, live_server, "unit3")  # the 高标准农田 declaration waits for the first review
    page.goto(f"{live_server}/work/submissions/?state=submitted")
    follow(page, page.get_by_role("row", name="高标准农田").get_by_role("link").first)
    expect(page.locator("main")).to_contain_text("业务科室尚未打开本材料", use_inner_text=True)
    shot(page, "recall_offered")
    page.fill("textarea[name=comment]", "亩均投资标准有误，撤回更正")
    follow(page, page.get_by_role("button", name="撤回修改"))
    expect(page.locator(".flash-success")).to_contain_text("已撤回修改")
    expect(_badge(page)).to_have_text("草稿")
    expect(page.get_by_role("row", name="撤回修改").get_by_text("亩均投资标准有误，撤回更正")).to_have_count(1)
    follow(page, page.get_by_role("button", name="提交审核"))
    follow(page, page.get_by_role("button", name="确认提交审核"))
    _sign_out(page)

    sign_in(page, live_server, "section")
    page.goto(f"{live_server}/work/submissions/?state=submitted")
    follow(page, page.get_by_role("row", name="高标准农田").get_by_role("link").first)  # the section opens it
    _sign_out(page)
    sign_in(page, live_server, "unit3")
    page.goto(f"{live_server}/work/submissions/?state=submitted")
    follow(page, page.get_by_role("row", name="高标准农田").get_by_role("link").first)
    expect(page.locator("main")).to_contain_text("不能再撤回", use_inner_text=True)
    expect(page.get_by_role("button", name="撤回修改")).to_have_count(0)
    shot(page, "recall_too_late")


def test_withdrawing_a_publication_asks_first(live_server, page):
    sign_in(page, live_server, "reviewer")
    page.goto(f"{live_server}/work/public_site/publications")
    row = page.locator("tbody tr", has_text="公开中").first
    title = row.locator("td").nth(1).locator("a").inner_text()
    row.locator("input[name=reason]").fill("数据口径有误，核实后重新发布")
    follow(page, row.get_by_role("button", name="撤回"))
    expect(page.locator("h1")).to_have_text("确认撤回公开内容？")
    assert "不能恢复" in page.locator(".consequence").inner_text()
    assert "数据口径有误，核实后重新发布" in page.locator("main").inner_text()
    shot(page, "confirm_withdraw_publication")
    follow(page, page.get_by_role("link", name="返回，不撤回"))
    expect(page.locator("tbody tr", has_text=title).first.get_by_text("公开中")).to_have_count(1)
    row = page.locator("tbody tr", has_text=title).first
    row.locator("input[name=reason]").fill("数据口径有误，核实后重新发布")
    follow(page, row.get_by_role("button", name="撤回"))
    follow(page, page.get_by_role("button", name="确认撤回"))
    expect(page.locator(".flash-success")).to_contain_text("已撤回")
    assert "已撤回：数据口径有误" in page.locator("tbody tr", has_text=title).first.inner_text()


def test_moving_a_disclosure_date_lists_what_it_hides_and_asks_for_a_reason(live_server, page):
    sign_in(page, live_server, "reviewer")
    page.goto(f"{live_server}/work/public_site/dates")
    page.fill("input[name=fiscal_year]", "2022")
    page.select_option("select[name=disclosure]", "final_accounts")
    page.fill("input[name=day]", "2099-01-01")
    follow(page, page.get_by_role("button", name="保存"))
    expect(page.locator("h1")).to_have_text("确认修改公开日期？")
    hides = page.locator("#hides")
    assert "将立即对公众隐藏" in hides.inner_text() and hides.locator("li").count() >= 1
    shot(page, "confirm_disclosure_date")
    follow(page, page.get_by_role("button", name="确认修改公开日期"))  # without a reason: asked again
    expect(page.locator(".flash-error")).to_contain_text("请填写修改原因")
    page.fill("textarea[name=reason]", "决算批复推迟，公开日期相应顺延")
    follow(page, page.get_by_role("button", name="确认修改公开日期"))
    expect(page.locator(".flash-success")).to_contain_text("日期已设为 2099-01-01")


def test_an_approved_reworked_report_shows_no_return_banner(live_server, page):
    # The demo's 2022 third-party report: returned by its panel (85), reworked, 93, approved.
    sign_in(page, live_server, "firm")
    page.goto(f"{live_server}/work/submissions/?state=approved&kind=third_party")
    follow(page, page.get_by_role("row", name="招商引资工作经费").get_by_role("link").first)
    expect(_badge(page)).to_have_text("已通过")
    expect(page.get_by_text("本材料已被退回")).to_have_count(0)
    assert "第 2 轮" in page.locator("main").inner_text()
    assert "说明" in page.locator("#round").inner_text()  # what the firm changed in the rework
    shot(page, "approved_report_round")


def test_a_second_self_evaluation_is_refused_and_a_correction_is_an_explicit_new_version(live_server, page):
    sign_in(page, live_server, "unit")
    follow(page, page.get_by_role("link", name="项目").first)
    follow(page, page.get_by_role("row", name="ZSYZ-2022-01").get_by_role("link").first)
    # The project page offers no second 绩效自评: it says one is filed and opens the one that counts
    # (a second one posted all the same is refused with why and what to do: test_no_duplicates.py).
    option = page.locator(".start-options li[data-kind=self_evaluation]")
    expect(option).to_contain_text("已填报", use_inner_text=True)
    expect(option.get_by_role("button")).to_have_count(0)
    follow(page, option.get_by_role("link", name="打开已填报的材料"))
    expect(_badge(page)).to_have_text("已通过")
    shot(page, "duplicate_refused")
    follow(page, page.get_by_role("button", name="重新填报（替代第 1 版）"))
    follow(page, page.get_by_role("link", name="绩效自评"))  # from the edit page's crumbs to the new draft
    expect(_badge(page)).to_have_text("草稿")
    assert "本材料为第 2 版，重新填报以替代第 1 版" in page.locator("main").inner_text()
    shot(page, "replacement_draft")
