"""A unit answers a rectification item with evidence in Chromium, and the bureau verifies and closes it (销号)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot, sign_in
from tests.portal.files.samples import CAMERA_MAKE, make_photo

pytestmark = pytest.mark.e2e

ITEM = "部门整体支出绩效目标未细化到二级指标"  # an open demo item of the unit


def test_unit_submits_evidence_and_bureau_closes_the_item(live_server, page):
    sign_in(page, live_server, "unit")
    page.get_by_role("link", name="整改台账").click()
    page.get_by_role("row", name=ITEM).get_by_role("link").first.click()
    page.fill("textarea[name=text]", "已将部门整体支出绩效目标细化到二级指标，并经党组会审定。")
    assert "JPG、PNG 照片" in page.locator("form", has_text="佐证材料").inner_text()
    page.set_input_files("input[name=files]", files=[{
        "name": "绩效目标细化表.txt", "mimeType": "text/plain",
        "buffer": "部门整体支出绩效目标细化表\n产出 数量 ≥ 2 个".encode()}, {
        "name": "党组会签到表.jpg", "mimeType": "image/jpeg", "buffer": make_photo()}])
    shot(page, "rectification_unit_evidence_form")
    page.get_by_role("button", name="提交整改佐证").click()
    assert "已提交整改佐证" in page.locator(".flash").inner_text()
    assert page.locator("h1 .badge").first.inner_text() == "待核验"
    assert page.get_by_role("link", name="绩效目标细化表.txt").count() == 1
    assert page.get_by_role("link", name="党组会签到表.jpg").count() == 1
    shot(page, "rectification_unit_evidence_photo")
    page.click("button:has-text('退出')")

    sign_in(page, live_server, "reviewer")
    panel = page.locator("section.panel", has_text="整改佐证待核验")
    panel.get_by_role("link", name=ITEM[:10], exact=False).click()
    # The photo is a download, never shown inline, and what is stored has no GPS or camera data.
    href = page.get_by_role("link", name="党组会签到表.jpg").get_attribute("href")
    download = page.request.get(live_server + href)
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert CAMERA_MAKE.encode() not in download.body()
    shot(page, "rectification_reviewer_evidence_photo")
    page.get_by_role("button", name="核验通过并销号").click()
    assert page.locator("h1 .badge").first.inner_text() == "已销号"
    page.goto(live_server + "/work/rectification/?state=closed")
    assert page.get_by_role("row", name=ITEM).count() == 1
    shot(page, "rectification_ledger")
    page.goto(live_server + "/work/rectification/dashboard")
    assert page.locator("svg.rectification-chart rect").count() == 12
    shot(page, "rectification_dashboard")
