"""整改佐证 as people make it: photos of sign-in sheets and site visits (JPG / PNG) and scanned PDFs.

The photos are made here with EXIF GPS and camera data; what the bureau downloads has none of it, and
comes as a download (never shown inline), with nosniff."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from PIL import Image

from plugins.rectification.dates import today
from portal.extensions import db
from tests.conftest import text_of
from tests.plugins.rectification.helpers import as_user
from tests.portal.files.samples import CAMERA_MAKE, make_photo, make_scanned_pdf
from tests.portal.workflow.helpers import project_with_targets


def _item(app, world) -> int:
    with app.test_request_context():
        project = project_with_targets(code="ZS-2022-021")
        db.session.commit()
        project_id = project.id
    response = as_user(app, world, "reviewer").post("/work/rectification/new", data={
        "project_id": project_id, "description": "抽查发现：培训签到表缺失", "severity": "general",
        "deadline": (today() + timedelta(days=20)).isoformat()})
    assert response.status_code == 302, text_of(response)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_unit_hands_in_photos_and_a_scan_and_the_bureau_downloads_them_stripped(app, world):
    item_id = _item(app, world)
    unit = as_user(app, world, "unit")
    page = unit.get(f"/work/rectification/items/{item_id}").get_data(as_text=True)
    assert ".jpg" in page and "JPG、PNG 照片" in page

    response = unit.post(f"/work/rectification/items/{item_id}/evidence", content_type="multipart/form-data", data={
        "text": "已补齐培训签到表，附签到表照片、现场照片和整改报告扫描件",
        "files": [(io.BytesIO(make_photo()), "培训签到表.jpg"), (io.BytesIO(make_photo("png")), "现场照片.png"),
                  (io.BytesIO(make_scanned_pdf()), "整改报告扫描件.pdf")]})
    assert response.status_code == 302, text_of(response)

    reviewer = as_user(app, world, "reviewer")
    page = reviewer.get(f"/work/rectification/items/{item_id}").get_data(as_text=True)
    links = dict((name, url) for url, name in re.findall(r'<a href="(/work/files/\d+)">([^<]+)</a>', page))
    assert set(links) >= {"培训签到表.jpg", "现场照片.png", "整改报告扫描件.pdf"}
    for name, media_type in (("培训签到表.jpg", "image/jpeg"), ("现场照片.png", "image/png")):
        download = reviewer.get(links[name])
        assert download.status_code == 200
        assert download.headers["Content-Disposition"].startswith("attachment;")
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        assert download.mimetype == media_type
        data = download.get_data()
        download.close()
        image = Image.open(io.BytesIO(data))
        assert not image.getexif().get_ifd(0x8825) and CAMERA_MAKE.encode() not in data


def test_a_fake_photo_is_refused_with_a_chinese_message_and_the_text_kept(app, world):
    item_id = _item(app, world)
    unit = as_user(app, world, "unit")
    response = unit.post(f"/work/rectification/items/{item_id}/evidence", content_type="multipart/form-data", data={
        "text": "签到表照片见附件", "files": [(io.BytesIO(b"\xff\xd8\xff\xe0" + b"x" * 200), "签到表.jpg")]})
    assert response.status_code == 422
    assert "无法读取该图片" in text_of(response) and "签到表照片见附件" in text_of(response)
