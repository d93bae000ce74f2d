"""Security headers on every response, templates without inline script or style, downloads never inline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CSRFClient
from tests.portal.files.samples import make_docx

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "portal", ROOT / "plugins", ROOT / "public_site"]
#: Pages of every area, signed in as the reviewer (the audit log is the admin's; the reviewer keeps 敏感词管理).
PAGES = ["/", "/about", "/search", "/search?q=绩效", "/work/login", "/work/", "/work/projects/", "/work/submissions/",
         "/work/admin/terms/", "/work/rectification/", "/work/rectification/dashboard", "/work/evaluator_grading/",
         "/work/public_site/", "/data/publications.json", "/robots.txt", "/work/nowhere", "/static/css/portal.css"]


def _csp(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def _check(response, url: str, https: bool) -> None:
    csp = _csp(response)
    assert csp, f"{url}: no Content-Security-Policy"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"], url
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"], url
    if "sandbox" not in csp:  # downloads carry their own, stricter policy
        assert csp["frame-ancestors"] == "frame-ancestors 'none'", url
        assert csp["script-src"] == "script-src 'self'" and csp["style-src"] == "style-src 'self'", url
    assert response.headers["X-Content-Type-Options"] == "nosniff", url
    assert response.headers.get("Referrer-Policy") in ("same-origin", "no-referrer", "strict-origin"), url
    assert ("Strict-Transport-Security" in response.headers) == https, url
    if https:
        assert "max-age=" in response.headers["Strict-Transport-Security"]


@pytest.mark.parametrize("https", [False, True], ids=["http", "https"])
def test_every_page_carries_the_security_headers(app_factory, world, https):
    app = app_factory(JIXIAO_HTTPS=https)
    client = CSRFClient(app)
    # Over HTTPS Flask-WTF also checks that the Referer is this site.
    base = {"base_url": "https://localhost", "headers": {"Referer": "https://localhost/work/login"}} if https else {}
    checked = 0
    for url in ["/", "/work/login", "/work/nowhere"]:
        _check(client.get(url, **base), url, https)
        checked += 1
    signed_in = client.post("/work/login", data={"username": "reviewer",
                                                  "password": world["passwords"]["reviewer"]}, **base)
    assert signed_in.status_code == 302 and "/work/login" not in signed_in.headers["Location"]
    for url in PAGES:
        response = client.get(url, **base)
        response.close()
        assert response.status_code in (200, 302, 404), (url, response.status_code)
        _check(response, url, https)
        checked += 1
    print(f"security headers: {checked} responses checked ({'HTTPS' if https else 'HTTP'})")


def _templates() -> list[Path]:
    return sorted(p for d in TEMPLATE_DIRS for p in d.rglob("*.html") if ".venv" not in p.parts)


def test_no_template_has_inline_script_style_or_event_handlers():
    templates = _templates()
    assert len(templates) > 40
    offenders = []
    for path in templates:
        html = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b([^>]*)>", html):
            if "src=" not in match.group(1):
                offenders.append(f"{path}: inline <script>")
        if re.search(r"<style\b", html):
            offenders.append(f"{path}: <style> element")
        for attribute in re.findall(r"\s(on[a-z]+|style)\s*=\s*[\"']", html):
            offenders.append(f"{path}: {attribute}= attribute")
        if "javascript:" in html:
            offenders.append(f"{path}: javascript: URL")
    print(f"templates scanned for inline script/style: {len(templates)}")
    assert offenders == []


@pytest.mark.parametrize("name, data, media", [
    ("报告.docx", make_docx(["下载测试"]), "application/vnd.openxmlformats"),
    ("说明.txt", "绩效自评说明：综合得分97.96分。".encode(), "text/plain"),
])
def test_downloads_are_attachments_in_a_sandbox(app, client, login, targets, name, data, media):
    from io import BytesIO

    from sqlalchemy import select

    from portal.extensions import db
    from portal.files.models import Attachment

    login("unit")
    submission_id = targets["submission_id"]
    response = client.post(f"/work/submissions/{submission_id}/files",
                           data={"file": (BytesIO(data), name)}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        attachment_id = db.session.scalar(select(Attachment.id).where(Attachment.owner_id == submission_id,
                                                                      Attachment.owner_type == "submission"))
    download = client.get(f"/work/files/{attachment_id}")
    download.close()
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["Content-Type"].startswith(media)
    assert "text/html" not in download.headers["Content-Type"] and "svg" not in download.headers["Content-Type"]
    assert "sandbox" in download.headers["Content-Security-Policy"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_public_document_download_is_an_attachment(app, client):
    response = client.get("/publications/1/document.docx")
    if response.status_code == 200:
        assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
