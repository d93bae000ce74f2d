"""Chromium: the unit opens the 绩效自评表 print view from its self-evaluation and prints it to PDF (A4)."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import ARTIFACTS, follow, shot, sign_in

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("username", ["unit", "reviewer"])
def test_self_evaluation_prints_on_a4_without_navigation(live_server, page, username):
    sign_in(page, live_server, username)
    page.goto(live_server + "/work/submissions/")
    follow(page, page.locator("tr", has_text="招商引资工作经费").get_by_role("link", name="绩效自评", exact=True).first)
    expect(page.get_by_role("link", name="下载 Word")).to_have_count(1)
    shot(page, f"paperforms_detail_links_{username}")
    page.goto(live_server + page.get_by_role("link", name="打印版式").get_attribute("href"))
    expect(page.locator("h1")).to_have_text("项目支出绩效自评表")
    expect(page.locator("nav")).to_have_count(0)
    shot(page, f"paperforms_self_evaluation_print_{username}")

    pdf = page.pdf(format="A4", print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"paperforms_self_evaluation_{username}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4 in points (210 × 297 mm)
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")
    for expected in ("项目支出绩效自评表", "招商引资工作经费", "阿克陶县商务科技和工业信息化局", "举办招商引资活动数量",
                     "总分", "评价等级", "填报单位（盖章）"):
        assert expected in text, expected
    for navigation in ("工作台", "退出", "整改台账", "浏览器的“打印”"):
        assert navigation not in text, navigation


def test_review_form_of_a_closed_panel_prints_on_a4(live_server, page):
    # The demo's 2022 report on 招商引资工作经费: round 1 returned (85.00), round 2 passed (93.00).
    sign_in(page, live_server, "reviewer")
    page.goto(live_server + "/work/submissions/")
    follow(page, page.locator("tr", has_text="招商引资工作经费").get_by_role("link", name="第三方评价报告",
                                                                         exact=True).first)
    follow(page, page.locator("#panel, section", has_text="报告质量评审").get_by_role("link", name="查看").last)
    expect(page.locator("main")).to_contain_text("评审表：", use_inner_text=True)
    shot(page, "paperforms_review_panel_links")
    page.goto(live_server + page.locator(".paper-links").get_by_role("link", name="打印版式").get_attribute("href"))
    expect(page.locator("nav")).to_have_count(0)  # (page.goto has waited for the print page)
    shot(page, "paperforms_review_form_print")
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "paperforms_review_form.pdf").write_bytes(pdf)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")
    for expected in ("第三方评价报告评审表", "招商引资工作经费", "新疆正信绩效评价咨询有限公司", "评价方案与指标体系",
                     "合计", "评审组得分93.00分", "通过", "评审专家（签字）"):
        assert expected in text, expected
    assert "工作台" not in text and "退出" not in text
