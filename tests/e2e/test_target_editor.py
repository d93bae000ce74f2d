"""Chromium: the unit edits its 绩效目标 table in place — rows added and removed, 二级 filtered, weights totalled."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow, shot, sign_in

pytestmark = pytest.mark.e2e


def _open_returned_declaration(page, base: str) -> None:
    # The demo's 2023 招商引资 declaration was returned by the section; the unit corrects it.
    page.goto(base + "/work/submissions/?state=returned&kind=target_declaration")
    follow(page, page.get_by_role("link", name="绩效目标申报").first)
    follow(page, page.get_by_role("link", name="编辑材料"))
    expect(page.locator("#indicator-editor")).to_be_visible()


def test_rows_are_added_and_removed_in_place_and_errors_shown_on_their_rows(live_server, page):
    sign_in(page, live_server, "unit")
    _open_returned_declaration(page, live_server)
    rows = page.locator("#indicator-editor tbody tr")
    before = rows.count()
    # A marker on the window survives only if the page is not reloaded.
    page.evaluate("window.notReloaded = true")

    page.click("button:has-text('增加一行')")
    page.click("button:has-text('增加一行')")
    expect(rows).to_have_count(before + 2)
    assert page.evaluate("window.notReloaded") is True

    # 二级 offers only what belongs to the chosen 一级.
    new = rows.nth(before)
    new.locator("select[name=ind_level1]").select_option("满意度")
    expect(new.locator("select[name=ind_level2] optgroup:not([disabled]) option")).to_have_text(["服务对象满意度"])
    new.locator("select[name=ind_level2]").select_option("服务对象满意度")

    rows.nth(before + 1).get_by_role("button", name="删除此行").click()
    expect(rows).to_have_count(before + 1)
    assert page.evaluate("window.notReloaded") is True

    # The running weight total: the demo rows weigh 100; 10 more makes 110.
    total = page.locator("#weight-total")
    expect(total).to_have_text("100")
    new.locator("input[name=ind_weight]").fill("10")
    expect(total).to_have_text("110")
    expect(total).to_contain_class("off")

    # Two rows wrong at once, and the total: every message on its row, nothing saved.
    new.locator("input[name=ind_name]").fill("")
    new.locator("input[name=ind_value]").fill("九十五")
    rows.nth(0).locator("input[name=ind_value]").fill("两个")
    shot(page, "target_editor_unit_before_save")
    follow(page, "button:has-text('保存草稿')")
    expect(page.locator(".flash")).to_contain_text("3 处需要修改")
    first_errors = rows.nth(0).locator(".row-errors").inner_text()
    assert "“两个”不是有效数字" in first_errors
    new_errors = rows.nth(before).locator(".row-errors").inner_text()
    assert "请填写三级指标名称" in new_errors and "“九十五”不是有效数字" in new_errors
    expect(rows.nth(1).locator(".row-errors")).to_have_count(0)
    # What was typed is still there.
    assert rows.nth(before).locator("input[name=ind_weight]").input_value() == "10"
    shot(page, "target_editor_unit_row_errors")

    # Fixed, but weighing 110 in all: refused with the total named.
    rows.nth(0).locator("input[name=ind_value]").fill("2")
    rows.nth(before).locator("input[name=ind_name]").fill("客商满意度（签约企业）")
    rows.nth(before).locator("input[name=ind_value]").fill("95")
    follow(page, "button:has-text('保存草稿')")
    expect(page.locator(".field-error")).to_contain_text("权重合计应为 100，现为 110")
    rows.nth(0).locator("input[name=ind_weight]").fill("10")  # 活动数量 gives 10 to the new row
    expect(page.locator("#weight-total")).to_have_text("100")
    follow(page, "button:has-text('保存草稿')")
    expect(page.locator(".flash")).to_contain_text("已保存")
    assert page.locator("#indicator-editor tbody tr", has_text="").count() >= before + 1
    names = [rows.nth(i).locator("input[name=ind_name]").input_value() for i in range(rows.count())]
    assert "客商满意度（签约企业）" in names


def test_copy_last_years_approved_targets(live_server, page):
    sign_in(page, live_server, "unit")
    _open_returned_declaration(page, live_server)
    panel = page.locator("form.copy-targets")
    expect(panel).to_contain_text("2022年度“招商引资工作经费”（ZSYZ-2022-01）已批准的第 1 版", use_inner_text=True)
    follow(page, panel.get_by_role("button", name="从上年已批准目标复制"))
    expect(page.locator(".flash")).to_contain_text("已复制2022年度")
    names = page.locator("#indicator-editor input[name=ind_name]")
    values = [names.nth(i).input_value() for i in range(names.count())]
    assert "招商引资工作经费" in values and "带动本地劳动力就业" in values  # the 成本 and 数量 rows are back
    expect(page.locator("#weight-total")).to_have_text("100")
    shot(page, "target_editor_unit_copied")


def test_the_years_tree_decides_the_choices(live_server, page):
    # 绩效科 switches 2023 to 财预〔2021〕101号: 成本 becomes a 一级 indicator.
    sign_in(page, live_server, "reviewer")
    page.goto(live_server + "/work/submissions/frameworks")
    expect(page.get_by_role("link", name="财预〔2020〕10号：成本列在产出之下（默认）")).to_have_count(3)
    page.goto(live_server + "/work/submissions/target-tree/2023")  # past years: by the 上一年度 links
    expect(page.locator("h1")).to_have_text("2023 年度绩效目标指标体系")
    follow(page, page.get_by_role("button", name="套用财预〔2021〕101号"))
    expect(page.locator(".flash")).to_contain_text("已保存2023年度绩效目标指标体系")
    shot(page, "target_tree_reviewer_2023")
    follow(page, "button:has-text('退出')")

    sign_in(page, live_server, "unit")
    _open_returned_declaration(page, live_server)
    row = page.locator("#indicator-editor tbody tr").last
    row.locator("select[name=ind_level1]").select_option("成本")
    # the page's script enables the chosen level-1 group: wait for it rather than read at once
    expect(row.locator("select[name=ind_level2] optgroup:not([disabled]) option")).to_have_text(
        ["经济成本", "社会成本", "生态环境成本"])
    # The copied 2022 row 产出/成本 no longer fits the year's tree: said on its row when saved.
    follow(page, "button:has-text('保存草稿')")
    cost_row = page.locator("#indicator-editor tbody tr", has=page.locator("input[value='招商引资工作经费']"))
    expect(cost_row.locator(".row-errors")).to_contain_text("本年度为一级指标")
    shot(page, "target_editor_unit_2021_tree")


def test_core_marks_follow_their_rows_when_rows_are_added_and_removed_in_place(live_server, page):
    sign_in(page, live_server, "unit")
    _open_returned_declaration(page, live_server)
    rows = page.locator("#indicator-editor tbody tr")
    names = [rows.nth(i).locator("input[name=ind_name]").input_value() for i in range(rows.count())]
    # Drop the blank row and the 成本 row in place (it fits either year's tree once gone), then add a row:
    # the indexes after them shift.
    rows.last.get_by_role("button", name="删除此行").click()
    expect(rows).to_have_count(len(names) - 1)
    cost = names.index("招商引资工作经费") if "招商引资工作经费" in names else 0  # copied by the test above
    first_weight = rows.nth(cost).locator("input[name=ind_weight]").input_value()
    rows.nth(cost).get_by_role("button", name="删除此行").click()
    names.pop(cost)
    expect(rows).to_have_count(len(names) - 1)
    page.click("button:has-text('增加一行')")
    expect(rows).to_have_count(len(names))
    new = rows.last
    new.locator("select[name=ind_level1]").select_option("效益")
    new.locator("select[name=ind_level2]").select_option("社会效益")
    new.locator("input[name=ind_name]").fill("签约项目带动就业人数")
    new.locator("input[name=ind_value]").fill("20")
    new.locator("input[name=ind_unit]").fill("人")
    new.locator("input[name=ind_weight]").fill(first_weight)
    new.locator("input[name=ind_core]").check()
    rows.nth(cost).locator("input[name=ind_core]").check()
    marked = [names[cost], "签约项目带动就业人数"]
    shot(page, "target_editor_unit_core_marks")
    follow(page, "button:has-text('保存草稿')")
    expect(page.locator(".flash")).to_contain_text("已保存")
    ticked = page.locator("#indicator-editor tbody tr", has=page.locator("input[name=ind_core]:checked"))
    assert [ticked.nth(i).locator("input[name=ind_name]").input_value() for i in range(ticked.count())] == marked
