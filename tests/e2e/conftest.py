"""A live server on a free port and a headless Chromium (Debian's) driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from portal import demo

CHROMIUM = os.environ.get("JIXIAO_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_demo(instance: Path, database_url: str) -> None:
    """``jixiao init`` and ``jixiao demo`` on ``instance`` and ``database_url``."""
    env = {**os.environ, "JIXIAO_INSTANCE_PATH": str(instance), "DATABASE_URL": database_url}
    for args in (["init"], ["demo"]):
        subprocess.run([sys.executable, "-m", "portal.cli", *args], env=env, check=True, capture_output=True)


def clone_demo(template: tuple[Path, str], tmp: Path) -> tuple[Path, str]:
    """A copy of the session's demo template (``demo_template`` in tests/conftest.py) in ``tmp``: its
    instance folder (files, search index, caches; a ``config.py`` already there is kept) and its database."""
    from tests.conftest import clone_database_url

    instance = tmp / "instance"
    shutil.copytree(template[0], instance, dirs_exist_ok=True)
    return instance, clone_database_url(template[1], tmp)


@contextlib.contextmanager
def demo_server(instance: Path, database_url: str, *, prepared: bool = False):
    """A real server in a subprocess on ``instance`` (after ``jixiao init`` and ``jixiao demo`` unless
    ``prepared``, e.g. a :func:`clone_demo` copy); yields its URL."""
    env = {**os.environ, "JIXIAO_INSTANCE_PATH": str(instance), "DATABASE_URL": database_url}
    jixiao = [sys.executable, "-m", "portal.cli"]
    if not prepared:
        prepare_demo(instance, database_url)
    port = free_port()
    log = open(instance.parent / f"server-{port}.log", "wb")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen([*jixiao, "run", "--port", str(port), "--no-reload"], env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "/work/login", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(10)
        log.close()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, demo_template):
    """The demo county served on a database of the module's own (a copy of the session's template)."""
    instance, url = clone_demo(demo_template, tmp_path_factory.mktemp("live"))
    with demo_server(instance, url, prepared=True) as base:
        yield base


PASSWORDS = {u: p for u, _, _, _, p in demo.USERS}


def follow(page, target) -> None:
    """Click ``target`` (a locator, or a selector on ``page``) and wait until the page it opens has loaded.

    Playwright's ``click()`` returns once the click is dispatched, not when the navigation it starts is
    done, and ``count()``, ``is_visible()``, ``inner_text()`` … read whatever page is there at that moment
    (the old one, or none yet). Every click that leaves the page goes through here, so what the test reads
    next is the new page. A form shown again at the same URL is a navigation too (unlike ``wait_for_url``).
    ``-p tests.e2e.slow_network`` slows every page down to show a read that does not wait."""
    with page.expect_navigation():
        if isinstance(target, str):
            page.click(target)
        else:
            target.click()


def sign_in(page, base: str, username: str) -> None:
    """Sign in as a demo user through the login page; waits for the dashboard."""
    page.goto(base + "/work/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORDS[username])
    page.click("button[type=submit]")
    page.wait_for_url(base + "/work/")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 860})
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
