"""Chromium: 新建填报 from 申报与评价 — what may be started on a project now, and why not the rest."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot, sign_in

pytestmark = pytest.mark.e2e


def _choose(page, base: str, project_text: str) -> None:
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="申报与评价").click()
    page.get_by_role("link", name="新建填报").click()
    label = next(t for t in page.locator("#project_id option").all_inner_texts() if project_text in t)
    page.get_by_label("项目", exact=True).select_option(label=label)
    page.click("button:has-text('查看可新建的材料')")


def test_unit_starts_a_monitoring_report_from_the_list(live_server, page):
    sign_in(page, live_server, "unit")
    # 2023 招商引资: the declaration was returned, so nothing but the declaration itself is possible.
    _choose(page, live_server, "ZSYZ-2023-01")
    row = page.locator("tr[data-kind=monitoring-5]")
    assert "尚无已批复的绩效目标" in row.inner_text()
    assert "已填报，当前状态：已退回" in page.locator("tr[data-kind=target_declaration]").inner_text()
    shot(page, "starting_unit_without_targets")

    # 2022 招商引资: targets approved, self-evaluation already filed.
    _choose(page, live_server, "ZSYZ-2022-01")
    assert "已填报，当前状态：已通过" in page.locator("tr[data-kind=self_evaluation]").inner_text()
    assert page.locator("tr[data-kind=self_evaluation] input[name=checkpoint]").count() == 0
    shot(page, "starting_unit_with_targets")
    page.get_by_role("button", name="新建绩效监控报告（8月底）").click()
    assert "已新建绩效监控报告（8月底）草稿" in page.locator(".flash").inner_text()
    assert page.locator("h1").inner_text().startswith("招商引资工作经费 · 绩效监控报告（8月底）")


def test_firm_sees_its_filed_report_and_who_files_the_rest(live_server, page):
    sign_in(page, live_server, "firm")
    _choose(page, live_server, "ZSYZ-2022-01")
    assert "已填报，当前状态：已通过" in page.locator("tr[data-kind=third_party]").inner_text()
    assert "由项目所属单位" in page.locator("tr[data-kind=monitoring-5]").inner_text()
    shot(page, "starting_firm")


def test_project_page_lists_the_same_choices(live_server, page):
    sign_in(page, live_server, "unit2")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="项目").click()
    page.get_by_role("link", name="学前教育幼儿资助资金").first.click()
    panel = page.locator(".start-options")
    assert "已填报，当前状态：" in panel.locator("[data-kind=monitoring-8]").inner_text()
    assert panel.get_by_role("button", name="新建绩效自评").count() == 1
    assert panel.locator("[data-kind=third_party]").count() == 0  # filed by firms: not on the unit's page
    shot(page, "starting_unit_project_page")
