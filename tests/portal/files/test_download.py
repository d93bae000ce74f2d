"""Downloading attachments through HTTP: access by the owner's hook, RFC 6266 names, never inline."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from flask import request

from portal import hookimpl, plugins
from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.files.models import Attachment
from portal.files.operations import UploadRejected, attach, remove
from tests.conftest import CSRFClient, do_login, text_of
from tests.portal.files.samples import make_docx, upload

NAME = "招商引资工作经费绩效评价报告（终稿）.docx"


class ReportOwner:
    """A test owner type: reports of the unit's organisation; the bureau reads all of them."""

    def __init__(self, unit_org_id):
        self.unit_org_id = unit_org_id

    @hookimpl
    def attachment_access_for_owner(self, owner_type, owner_id, user):
        if owner_type != "test_report":
            return None
        return user.org_id == self.unit_org_id or user.username == "reviewer"


@pytest.fixture
def report(app, world):
    """An attached DOCX report (committed), readable by its unit and the reviewer."""
    unit = world["users"]["unit"]
    with app.test_request_context():
        user = db.session.get(User, unit)
        plugins.manager(app).register(ReportOwner(user.org_id), name="test_report_owner")
        data = make_docx(["招商引资工作经费绩效评价报告"])
        attachment = attach(upload(data, NAME), owner_type="test_report", owner_id=7, user=user)
        db.session.commit()
        return attachment.id, data


def test_owner_downloads_with_the_chinese_name_as_attachment(login, report):
    attachment_id, data = report
    response = login("unit").get(f"/work/files/{attachment_id}")
    body = response.get_data()
    response.close()
    assert response.status_code == 200 and body == data
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(NAME, safe='')}" in disposition
    fallback = disposition.split('filename="')[1].split('"')[0]
    assert fallback.isascii() and fallback.endswith(".docx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_reader_outside_the_organisation_is_audited(app, login, report):
    attachment_id, _ = report
    response = login("reviewer").get(f"/work/files/{attachment_id}")
    response.get_data()
    response.close()
    assert response.status_code == 200
    with app.app_context():
        event = db.session.query(AuditEvent).filter_by(kind="download_unpublished").one()
        assert event.username == "reviewer" and event.target_id == str(attachment_id)


def test_others_get_404_not_403(login, report):
    attachment_id, _ = report
    client = login("firm")
    assert client.get(f"/work/files/{attachment_id}").status_code == 404
    assert client.get("/work/files/999999").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, report):
    attachment_id, _ = report
    response = client.get(f"/work/files/{attachment_id}")
    assert response.status_code == 302 and "/work/login" in response.headers["Location"]


def test_removed_attachment_is_gone(app, login, report, world):
    attachment_id, _ = report
    with app.test_request_context():
        remove(db.session.get(Attachment, attachment_id), db.session.get(User, world["users"]["unit"]))
        db.session.commit()
    assert login("unit").get(f"/work/files/{attachment_id}").status_code == 404


def test_html_uploaded_as_text_is_refused_so_it_can_never_render(ctx):
    with pytest.raises(UploadRejected):
        attach(upload(b"<html><script>alert(1)</script></html>", "a.txt"), owner_type="test_report",
               owner_id=1, user=ctx)


def test_oversize_form_upload_gets_the_chinese_413_page(app_factory, world):
    app = app_factory(MAX_CONTENT_LENGTH=2048)

    @app.post("/work/test-upload")
    def test_upload():
        request.files.get("file")
        return "ok"

    client = CSRFClient(app)
    do_login(client, "unit", world["passwords"]["unit"])
    response = client.post("/work/test-upload", data={"file": (io.BytesIO(b"x" * 10_000), "大.docx")},
                           content_type="multipart/form-data", csrf=False)
    assert response.status_code == 413
    page = text_of(response)
    assert "文件过大" in page and "超过了允许的大小" in page
