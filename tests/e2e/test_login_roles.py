"""Each demo role signs in through Chromium and sees its own dashboard and menu."""

from __future__ import annotations

import pytest

from portal import demo
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e

EXPECTED_MENU = {"admin": "用户管理", "reviewer": "敏感词管理", "section": "工作台", "unit": "工作台",
                 "firm": "工作台", "expert": "工作台"}


def test_each_role_signs_in_in_chromium(live_server, page):
    passwords = {u: p for u, _, _, _, p in demo.USERS}
    for username, menu_label in EXPECTED_MENU.items():
        page.goto(live_server + "/work/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", passwords[username])
        page.click("button[type=submit]")
        page.wait_for_url(live_server + "/work/")
        assert page.locator("h1").inner_text().startswith("工作台")
        assert page.locator("nav.mainnav").get_by_text(menu_label).count() >= 1
        if username != "admin":
            assert page.locator("nav.mainnav").get_by_text("用户管理").count() == 0
            assert page.locator("nav.mainnav").get_by_text("安全审计").count() == 0
        shot(page, f"dashboard_{username}")
        page.click("button:has-text('退出')")
        page.wait_for_url(live_server + "/work/login")
