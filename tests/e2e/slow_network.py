"""Opt-in pytest plugin: every page the e2e tests open gets a slow network, to provoke their races.

    python -m pytest -p tests.e2e.slow_network tests/e2e

Each new page gets Chromium's network emulation (DevTools ``Network.emulateNetworkConditions``): a
latency per request and a download rate, so a page's HTML arrives in pieces well after the click that
asked for it. A test that reads the page without waiting for it (``count()``, ``is_visible()``,
``inner_text()`` right after a navigating ``click()``) then reads an empty or half-parsed page and fails,
as it did on faster CI machines; tests that wait (``follow`` in conftest.py, ``expect``) pass, only slower.
``JIXIAO_E2E_LATENCY_MS`` (default 200) and ``JIXIAO_E2E_DOWNLOAD_BPS`` (bytes a second, default 30000)
tune it. Not loaded unless asked for with ``-p``.
"""

from __future__ import annotations

import os

from playwright.sync_api import BrowserContext

LATENCY_MS = int(os.environ.get("JIXIAO_E2E_LATENCY_MS", "200"))
DOWNLOAD_BPS = int(os.environ.get("JIXIAO_E2E_DOWNLOAD_BPS", "30000"))

_new_page = BrowserContext.new_page


def _slow_new_page(self, *args, **kwargs):
    page = _new_page(self, *args, **kwargs)
    session = self.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS, "downloadThroughput": DOWNLOAD_BPS, "uploadThroughput": -1})
    return page


def pytest_configure(config):
    BrowserContext.new_page = _slow_new_page


def pytest_unconfigure(config):
    BrowserContext.new_page = _new_page
