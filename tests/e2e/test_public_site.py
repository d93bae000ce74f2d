"""A reviewer publishes seed 003's report through the preview; a citizen finds it and opens the project."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow, shot

pytestmark = pytest.mark.e2e


def test_reviewer_publishes_seed_003_and_citizen_finds_it(live_server, page, browser):
    page.goto(live_server + "/work/login")
    page.fill("input[name=username]", "reviewer")
    page.fill("input[name=password]", "Demo-review-2024")
    follow(page, "button[type=submit]")
    follow(page, "text=信息公开")
    row = page.locator("tr", has_text="第三方评价报告").first
    follow(page, row.locator("a"))
    expect(page.locator("mark.span")).not_to_have_count(0)
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
    follow(page, "button[value=confirm]")
    expect(page.locator("main")).to_contain_text("已发布", use_inner_text=True)

    citizen = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    citizen.goto(live_server + "/")
    citizen.fill("#top-q", "招商引资")
    with citizen.expect_navigation():
        citizen.press("#top-q", "Enter")
    expect(citizen.locator("main")).to_contain_text("共找到", use_inner_text=True)
    expect(citizen.locator("mark", has_text="招商引资")).not_to_have_count(0)
    follow(citizen, citizen.locator(".pub-item h3 a", has_text="第三方评价报告").first)
    assert "综合办公室" not in citizen.inner_text("main")  # (the report's page has loaded: read at once)
    follow(citizen, "text=查看该项目历年公开信息")
    expect(citizen.locator("main")).to_contain_text("ZSYZ-2022-01", use_inner_text=True)
    shot(citizen, "public_site_project")
    citizen.context.close()
