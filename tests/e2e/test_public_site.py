"""A reviewer publishes seed 003's report through the preview; a citizen finds it and opens the project."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def test_reviewer_publishes_seed_003_and_citizen_finds_it(live_server, page, browser):
    page.goto(live_server + "/work/login")
    page.fill("input[name=username]", "reviewer")
    page.fill("input[name=password]", "Demo-review-2024")
    page.click("button[type=submit]")
    page.click("text=信息公开")
    row = page.locator("tr", has_text="第三方评价报告").first
    row.locator("a").click()
    assert page.locator("mark.span").count() > 0
    before = page.locator(".pane.redacted").all_inner_texts()
    places = [i for i, text in enumerate(before) if "综合办公室" in text]
    assert places, "the report names 综合办公室 in its published text"
    page.fill("textarea[name=extra]", "综合办公室")
    with page.expect_navigation():
        page.click("button[value=preview]")
    after = page.locator(".pane.redacted").all_inner_texts()
    # Exactly the words added are replaced, each by the sensitive-term label; every other pane is unchanged.
    assert after == [text.replace("综合办公室", "[敏感信息]") for text in before]
    assert all("[敏感信息]" in after[i] for i in places)
    shot(page, "public_site_preview")
    page.click("button[value=confirm]")
    assert "已发布" in page.inner_text("main")

    citizen = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    citizen.goto(live_server + "/")
    citizen.fill("#top-q", "招商引资")
    citizen.press("#top-q", "Enter")
    assert "共找到" in citizen.inner_text("main")
    assert citizen.locator("mark", has_text="招商引资").count() > 0
    citizen.locator(".pub-item h3 a", has_text="第三方评价报告").first.click()
    assert "综合办公室" not in citizen.inner_text("main")
    citizen.click("text=查看该项目历年公开信息")
    assert "ZSYZ-2022-01" in citizen.inner_text("main")
    shot(citizen, "public_site_project")
    citizen.context.close()
