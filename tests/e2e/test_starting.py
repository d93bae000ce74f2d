"""Chromium: 新建填报 from 申报与评价 — what may be started on a project now, and why not the rest."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow, shot, sign_in

pytestmark = pytest.mark.e2e


def _choose(page, base: str, project_text: str) -> None:
    follow(page, page.get_by_role("navigation", name="主菜单").get_by_role("link", name="申报与评价"))
    follow(page, page.get_by_role("link", name="新建填报"))
    label = next(t for t in page.locator("#project_id option").all_inner_texts() if project_text in t)
    page.get_by_label("项目", exact=True).select_option(label=label)
    follow(page, "button:has-text('查看可新建的材料')")


def test_unit_starts_a_monitoring_report_from_the_list(live_server, page):
    sign_in(page, live_server, "unit")
    # 2023 招商引资: the declaration was returned, so nothing but the declaration itself is possible.
    _choose(page, live_server, "ZSYZ-2023-01")
    row = page.locator("tr[data-kind=monitoring-5]")
    expect(row).to_contain_text("尚无已批复的绩效目标", use_inner_text=True)
    assert "已填报，当前状态：已退回" in page.locator("tr[data-kind=target_declaration]").inner_text()
    shot(page, "starting_unit_without_targets")

    # 2022 招商引资: targets approved, self-evaluation already filed.
    _choose(page, live_server, "ZSYZ-2022-01")
    expect(page.locator("tr[data-kind=self_evaluation]")).to_contain_text("已填报，当前状态：已通过",
                                                                           use_inner_text=True)
    expect(page.locator("tr[data-kind=self_evaluation] input[name=checkpoint]")).to_have_count(0)
    shot(page, "starting_unit_with_targets")
    follow(page, page.get_by_role("button", name="新建绩效监控报告（8月底）"))
    expect(page.locator(".flash")).to_contain_text("已新建绩效监控报告（8月底）草稿")
    expect(page.locator("h1")).to_have_text(re.compile("^招商引资工作经费 · 绩效监控报告（8月底）"), use_inner_text=True)


def test_firm_sees_its_filed_report_and_who_files_the_rest(live_server, page):
    sign_in(page, live_server, "firm")
    _choose(page, live_server, "ZSYZ-2022-01")
    expect(page.locator("tr[data-kind=third_party]")).to_contain_text("已填报，当前状态：已通过", use_inner_text=True)
    assert "由项目所属单位" in page.locator("tr[data-kind=monitoring-5]").inner_text()
    shot(page, "starting_firm")


def test_project_page_lists_the_same_choices(live_server, page):
    sign_in(page, live_server, "unit2")
    follow(page, page.get_by_role("navigation", name="主菜单").get_by_role("link", name="项目"))
    follow(page, page.get_by_role("link", name="学前教育幼儿资助资金").first)
    panel = page.locator(".start-options")
    expect(panel.locator("[data-kind=monitoring-8]")).to_contain_text("已填报，当前状态：", use_inner_text=True)
    expect(panel.get_by_role("button", name="新建绩效自评")).to_have_count(1)
    expect(panel.locator("[data-kind=third_party]")).to_have_count(0)  # filed by firms: not on the unit's page
    shot(page, "starting_unit_project_page")
