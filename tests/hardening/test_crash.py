"""Crash safety: the real server is SIGKILLed mid-upload and mid-publication, then restarted.

After an upload killed in its body or while its blob is stored, no half-written file is in the
store, no row points at a missing file, ``jixiao fsck`` is clean and the same upload succeeds.
After a publication killed when its snapshot is written and indexed but not committed, no
publication (nor half of one) exists, the public search shows nothing of it, and publishing
again succeeds and is found.  The kills land inside those windows through the test-only
``JIXIAO_TEST_PAUSE=<point>:<seconds>`` (``portal.util.crash_window``).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from portal.files.models import Attachment
from tests.portal.files.samples import make_docx
from tests.servers import Instance, clone_instance, serve

pytestmark = pytest.mark.slow


class Browser:
    """A signed-in HTTP client over http.client, with its session cookie and CSRF token."""

    def __init__(self, url: str, username: str, password: str):
        parts = urlsplit(url)
        self.host, self.port, self.cookie = parts.hostname, parts.port, ""
        page = self.request("GET", "/work/login")
        self.token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page[1]).group(1)
        status, _ = self.request("POST", "/work/login", f"csrf_token={self.token}&username={username}"
                                 f"&password={password}", "application/x-www-form-urlencoded")
        assert status == 302
        # Signing in starts a new session: take the token of the signed-in session.
        self.token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                               self.request("GET", "/work/account/password")[1]).group(1)

    def request(self, method, path, body=None, content_type=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if content_type:
            headers["Content-Type"] = content_type
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        if cookie := response.getheader("Set-Cookie"):
            self.cookie = cookie.split(";", 1)[0]
        data = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, data

    def multipart(self, filename: str, data: bytes) -> tuple[str, bytes]:
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{self.token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        return f"multipart/form-data; boundary={boundary}", body

    def raw_socket(self, path: str, content_type: str, body: bytes) -> socket.socket:
        """Send the headers and only half the body, then stop: an upload in flight."""
        sock = socket.create_connection((self.host, self.port), timeout=10)
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nCookie: {self.cookie}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        sock.sendall(head + body[: len(body) // 2])
        return sock


def _kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


def _store(instance: Instance) -> list[Path]:
    return sorted(p for p in (instance.path / "files").rglob("*") if p.is_file()) \
        if (instance.path / "files").exists() else []


def _make_draft(instance: Instance) -> str:
    """A draft 运行监控 report of the demo unit's first project, made in the instance's database (the id)."""
    from portal import create_app
    from portal.accounts.models import User
    from portal.extensions import db
    from portal.projects.models import Project
    from portal.submissions import operations

    app = create_app({"INSTANCE_PATH": str(instance.path), "SQLALCHEMY_DATABASE_URI": instance.database_url,
                      "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool}, "TESTING": True})
    with app.test_request_context():
        unit = db.session.scalar(select(User).where(User.username == "unit"))
        project = db.session.scalar(select(Project).where(Project.unit_id == unit.org_id).order_by(Project.id))
        submission = operations.create(kind="monitoring", project=project, user=unit, checkpoint=8)
        db.session.commit()
        draft = str(submission.id)
        db.engine.dispose()
    return draft


def _attachments(instance: Instance, submission_id: str) -> str:
    """The file names attached to the submission, read from the instance's database (as ``str(list)``)."""
    from portal.config import _normalise_db_url

    engine = create_engine(_normalise_db_url(instance.database_url), poolclass=NullPool)
    with engine.connect() as conn:
        names = conn.scalars(select(Attachment.filename).where(Attachment.owner_type == "submission",
                                                               Attachment.owner_id == int(submission_id))).all()
    engine.dispose()
    return str(names)


def _wait_for_pause(instance: Instance, url: str, point: str, timeout: float = 20) -> None:
    """Until the server says it holds a request at ``point`` (``portal.util.crash_window``)."""
    log = instance.path / f"server-{urlsplit(url).port}.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if f"JIXIAO_TEST_PAUSE: paused at {point}" in log.read_text(errors="replace"):
            return
        time.sleep(0.05)
    raise AssertionError(f"the server never reached the crash point {point!r}")


def test_kill_mid_upload_and_mid_store_then_restart(tmp_path, demo_template):
    instance = clone_instance(demo_template, tmp_path)
    draft = _make_draft(instance)
    path = f"/work/submissions/{draft}/files"
    report = make_docx(["崩溃测试：" + "监控报告正文。" * 2000])
    password = "Demo-unit-2024"
    crash_points = 0
    store_at_start = _store(instance)
    assert _attachments(instance, draft) == "[]"

    # 1. Killed while the body is arriving: half of it sent, the request held at its first read of the body.
    instance.extra_env["JIXIAO_TEST_PAUSE"] = "body:30"
    with serve(instance, workers=1) as (url, process):
        browser = Browser(url, "unit", password)
        content_type, body = browser.multipart("监控报告.docx", report)
        sock = browser.raw_socket(path, content_type, body)
        _wait_for_pause(instance, url, "body")
        _kill(process)
        sock.close()
    del instance.extra_env["JIXIAO_TEST_PAUSE"]
    crash_points += 1
    # Nothing of the killed upload exists: no file (not even a temporary one) and no attachment row.
    assert _store(instance) == store_at_start
    assert _attachments(instance, draft) == "[]"

    # 2. Killed after the temporary file is written, before it is linked into place.
    instance.extra_env["JIXIAO_TEST_PAUSE"] = "store:30"
    with serve(instance, workers=1) as (url, process):
        browser = Browser(url, "unit", password)
        content_type, body = browser.multipart("监控报告.docx", report)
        sock = socket.create_connection((browser.host, browser.port), timeout=10)
        sock.sendall((f"POST {path} HTTP/1.1\r\nHost: x\r\nCookie: {browser.cookie}\r\nContent-Type: {content_type}"
                      f"\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body)
        deadline = time.monotonic() + 20
        while not list((instance.path / "files").glob("??/.tmp-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list((instance.path / "files").glob("??/.tmp-*")), "the writer never reached the store"
        _kill(process)
        sock.close()
    crash_points += 1
    leftovers = list((instance.path / "files").glob("??/.tmp-*"))
    assert leftovers, "a killed writer leaves its temp file (removed at the next start)"
    assert [p for p in _store(instance) if not p.name.startswith(".tmp-")] == store_at_start
    assert _attachments(instance, draft) == "[]"
    del instance.extra_env["JIXIAO_TEST_PAUSE"]

    # Restart: the leftovers are gone, fsck is clean, the same upload succeeds.
    with serve(instance, workers=1) as (url, _):
        assert not list((instance.path / "files").glob("??/.tmp-*"))
        fsck = instance.cli("fsck", check=False)
        assert fsck.returncode == 0, fsck.stdout + fsck.stderr
        browser = Browser(url, "unit", password)
        content_type, body = browser.multipart("监控报告.docx", report)
        status, _ = browser.request("POST", path, body, content_type)
        assert status == 302
        status, page = browser.request("GET", f"/work/submissions/{draft}")
        assert status == 200 and "监控报告.docx" in page
    assert _attachments(instance, draft) == "['监控报告.docx']"
    fsck = instance.cli("fsck", check=False)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr
    print(f"crash safety: {crash_points} upload crash points survived (SIGKILL mid-body, mid-store); fsck clean")


def _index_generation(instance: Instance) -> int:
    """The Whoosh index's commit generation (its newest ``_MAIN_<n>.toc``)."""
    tocs = (instance.path / "search").glob("_MAIN_*.toc")
    return max((int(p.stem.rsplit("_", 1)[1]) for p in tocs), default=-1)


def test_kill_mid_publication_then_restart(tmp_path, demo_template):
    import html
    import threading
    import urllib.parse

    from portal.demo import USERS
    from tests.production.http import Browser as FormBrowser
    from tests.production.http import field
    from tests.production.test_concurrent_publishing import current_publications, published_items

    password = {name: pw for name, _, _, _, pw in USERS}["reviewer"]
    instance = clone_instance(demo_template, tmp_path, JIXIAO_SEARCH_BACKEND="whoosh")
    instance.cli("reindex")

    instance.extra_env["JIXIAO_TEST_PAUSE"] = "publish:30"
    with serve(instance, workers=1) as (url, process):
        reviewer = FormBrowser(url, timeout=60)
        reviewer.login("reviewer", password)
        before = current_publications(reviewer)
        item = published_items(reviewer)[0]
        page = reviewer.get(item).text
        form = {"csrf_token": field(page, "csrf_token"), "digest": field(page, "digest"), "extra": "",
                "action": "confirm"}
        generation = _index_generation(instance)

        def confirm() -> None:
            with contextlib.suppress(OSError):  # the server dies under it
                reviewer.post(item, form)

        threading.Thread(target=confirm, daemon=True).start()
        deadline = time.monotonic() + 30
        while _index_generation(instance) == generation and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _index_generation(instance) > generation, "the publication never reached its index write"
        _kill(process)
    del instance.extra_env["JIXIAO_TEST_PAUSE"]

    with serve(instance, workers=1) as (url, _):
        reviewer = FormBrowser(url)
        reviewer.login("reviewer", password)
        assert current_publications(reviewer) == before, "a killed publication left a version behind"
        citizen = FormBrowser(url)
        listing = re.sub(r"<[^>]+>|\s+", "", citizen.get("/search").text)
        assert f"共找到{len(before)}条" in listing, "the index shows a publication that was never committed"
        fsck = instance.cli("fsck", check=False)
        assert fsck.returncode == 0, fsck.stdout + fsck.stderr
        page = reviewer.get(item).text
        form = {"csrf_token": field(page, "csrf_token"), "digest": field(page, "digest"), "extra": "",
                "action": "confirm"}
        assert reviewer.post(item, form).status == 302
        new = {pid: title for pid, title in current_publications(reviewer).items() if pid not in before}
        assert len(new) == 1, new
        (pid, title), = new.items()
        found = citizen.get("/search?q=" + urllib.parse.quote(html.unescape(title))).text
        assert f'href="/publications/{pid}"' in found
    print("crash safety: publication killed between index write and commit; nothing of it visible; "
          "published again and found")
