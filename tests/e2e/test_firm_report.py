"""Chromium: the firm uploads its report first, finds the form filled from it, and submits last."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow, shot, sign_in
from tests.portal.files.samples import make_docx, seed_text
from tests.portal.files.test_proposal import _score_table_003

pytestmark = pytest.mark.e2e


def test_firm_uploads_first_and_the_form_is_filled(live_server, page, tmp_path):
    text = seed_text("003")
    report = tmp_path / "高标准农田建设项目绩效评价报告.docx"
    report.write_bytes(make_docx([line for line in text.splitlines() if line.strip()],
                                 tables=[_score_table_003(text)], table_after=10))

    # 克州明德 is engaged on 2023 高标准农田 and has not reported yet.
    sign_in(page, live_server, "firm2")
    follow(page, page.get_by_role("navigation", name="主菜单").get_by_role("link", name="申报与评价"))
    follow(page, page.get_by_role("link", name="新建填报"))
    label = next(t for t in page.locator("#project_id option").all_inner_texts() if "GBNT-2023-01" in t)
    page.get_by_label("项目", exact=True).select_option(label=label)
    follow(page, "button:has-text('查看可新建的材料')")
    follow(page, page.get_by_role("button", name="上传第三方评价报告"))

    # The first thing on the page is the upload (a pattern: a plain string would let the ideographic
    # space match any whitespace).
    expect(page.locator("main h2").first).to_have_text(re.compile("^第一步　上传评价报告$"), use_inner_text=True)
    shot(page, "firm_report_step1")
    page.set_input_files("#report-file", str(report))
    follow(page, page.get_by_role("button", name="上传并按报告填入"))
    expect(page.locator(".flash-success")).to_contain_text(
        "已按报告填入：17/19 项得分、评价组成员 3 人、存在问题 4 条、有关建议 3 条", use_inner_text=True)
    assert page.locator("#team").input_value() == "张子琦\n阿不来提·托合提\n周淑花"
    assert "缺少带着问题去评价的意识" in page.locator("#findings").input_value()
    assert page.get_by_label("立项依据充分性得分").input_value() == "3.00"
    shot(page, "firm_report_filled")

    # Submitting with the two scores the report overstates still blank: the message says what to do.
    follow(page, page.get_by_role("button", name="保存并提交"))
    expect(page.locator(".flash-error")).to_contain_text(
        "评分表尚未填写完整（缺：社会效益、服务对象满意度）：已上传的报告未给出这些得分", use_inner_text=True)
    shot(page, "firm_report_incomplete")
