"""Each demo role signs in through Chromium and sees its own dashboard and menu."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal import demo
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e

EXPECTED_MENU = {"admin": "安全审计", "reviewer": "信息公开", "section": "工作台", "unit": "工作台",
                 "firm": "工作台", "expert": "工作台"}


def test_each_role_signs_in_in_chromium(live_server, page):
    passwords = {u: p for u, _, _, _, p in demo.USERS}
    for username, menu_label in EXPECTED_MENU.items():
        page.goto(live_server + "/work/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", passwords[username])
        page.click("button[type=submit]")
        page.wait_for_url(live_server + "/work/")
        expect(page.locator("h1")).to_have_text(re.compile("^工作台"), use_inner_text=True)
        expect(page.locator("nav.mainnav").get_by_text(menu_label)).not_to_have_count(0)
        if username != "admin":  # only an admin manages users and reads the security audit log
            expect(page.locator("nav.mainnav").get_by_text("用户管理")).to_have_count(0)
            expect(page.locator("nav.mainnav").get_by_text("安全审计")).to_have_count(0)
        shot(page, f"dashboard_{username}")
        page.click("button:has-text('退出')")
        page.wait_for_url(live_server + "/work/login")
