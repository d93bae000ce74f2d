"""A unit answers a rectification item with evidence in Chromium, and the bureau verifies and closes it (销号)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow, shot, sign_in
from tests.portal.files.samples import CAMERA_MAKE, make_photo

pytestmark = pytest.mark.e2e

ITEM = "部门整体支出绩效目标未细化到二级指标"  # an open demo item of the unit


def test_unit_submits_evidence_and_bureau_closes_the_item(live_server, page):
    sign_in(page, live_server, "unit")
    follow(page, page.get_by_role("link", name="整改台账"))
    follow(page, page.get_by_role("row", name=ITEM).get_by_role("link").first)
    page.fill("textarea[name=text]", "已将部门整体支出绩效目标细化到二级指标，并经党组会审定。")
    expect(page.locator("form", has_text="佐证材料")).to_contain_text("JPG、PNG 照片", use_inner_text=True)
    page.set_input_files("input[name=files]", files=[{
        "name": "绩效目标细化表.txt", "mimeType": "text/plain",
        "buffer": "部门整体支出绩效目标细化表\n产出 数量 ≥ 2 个".encode()}, {
        "name": "党组会签到表.jpg", "mimeType": "image/jpeg", "buffer": make_photo()}])
    shot(page, "rectification_unit_evidence_form")
    follow(page, page.get_by_role("button", name="提交整改佐证"))
    expect(page.locator(".flash")).to_contain_text("已提交整改佐证")
    expect(page.locator("h1 .badge").first).to_have_text("待核验")
    expect(page.get_by_role("link", name="绩效目标细化表.txt")).to_have_count(1)
    expect(page.get_by_role("link", name="党组会签到表.jpg")).to_have_count(1)
    shot(page, "rectification_unit_evidence_photo")
    follow(page, "button:has-text('退出')")

    sign_in(page, live_server, "reviewer")
    panel = page.locator("section.panel", has_text="整改佐证待核验")
    follow(page, panel.get_by_role("link", name=ITEM[:10], exact=False))
    # The photo is a download, never shown inline, and what is stored has no GPS or camera data.
    href = page.get_by_role("link", name="党组会签到表.jpg").get_attribute("href")
    download = page.request.get(live_server + href)
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert CAMERA_MAKE.encode() not in download.body()
    shot(page, "rectification_reviewer_evidence_photo")
    follow(page, page.get_by_role("button", name="核验通过并销号"))
    expect(page.locator("h1 .badge").first).to_have_text("已销号")
    page.goto(live_server + "/work/rectification/?state=closed")
    expect(page.get_by_role("row", name=ITEM)).to_have_count(1)
    shot(page, "rectification_ledger")
    page.goto(live_server + "/work/rectification/dashboard")
    expect(page.locator("svg.rectification-chart rect")).to_have_count(12)
    shot(page, "rectification_dashboard")
