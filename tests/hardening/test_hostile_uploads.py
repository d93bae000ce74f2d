"""Every hostile file of the corpus, posted through HTTP to every upload endpoint: a Chinese refusal, no 500, nothing changed."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import select, text

from portal.extensions import db
from tests.conftest import CSRFClient, do_login, text_of
from tests.portal.files.samples import make_docx
from tests.portal.files.test_attach import HOSTILE

#: 200 Chinese characters behind path separators, control characters and a traversal.
LONG_NAME = "../../etc/\\windows\\\x00" + "绩" * 200 + ".docx"
#: Upload endpoints: (who posts, URL template, file field, extra form fields).
ENDPOINTS = {
    "submission file": ("unit", "/work/submissions/{submission_id}/files", "file", {}),
    "rectification evidence": ("unit", "/work/rectification/items/{item_id}/evidence", "files",
                               {"text": "已整改，附佐证材料", "responsible_person": "张三"}),
    "project import": ("reviewer", "/work/projects/import", "file", {}),
}
#: Tables whose rows legitimately change on every request (sign-ins are audited).
VOLATILE = {"audit_events"}


def corpus() -> dict[str, tuple[bytes, str]]:
    """The issue's hostile files: the attach-level corpus plus oversize and the long hostile name."""
    files = {case: (data, name) for case, (data, name, _) in HOSTILE.items()}
    files["oversize (2 MB over a 1 MB limit)"] = (b"a" * (2 * 1024 * 1024), "大文件.txt")
    files["path separators and 200 Chinese characters"] = (make_docx(["文件名测试"]), LONG_NAME)
    return files


def database_state() -> str:
    """A digest of every row of every table (bar the audit log), in primary-key order."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        if table.name in VOLATILE:
            continue
        order = list(table.primary_key.columns) or list(table.columns)
        for row in db.session.execute(select(table).order_by(*order)):
            digest.update(repr(tuple(row)).encode())
        digest.update(table.name.encode())
    return digest.hexdigest()


def store_state(app) -> dict[str, str]:
    root = Path(app.instance_path) / "files"
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()} if root.exists() else {}


def _post(client, url, field, extra, data, name):
    form = {**extra, field: (io.BytesIO(data), name)}
    return client.post(url, data=form, content_type="multipart/form-data", follow_redirects=True)


def test_every_hostile_file_on_every_upload_endpoint(app_factory, world, targets_factory):
    app = app_factory(MAX_CONTENT_LENGTH=1024 * 1024)
    ids = targets_factory(app)
    clients = {}
    for name in ("unit", "reviewer"):
        clients[name] = CSRFClient(app)
        assert do_login(clients[name], name, world["passwords"][name]).status_code == 302
    # Something already saved, which must survive every refusal unchanged.
    saved = _post(clients["unit"], ENDPOINTS["submission file"][1].format(**ids), "file", {},
                  make_docx(["已保存的报告"]), "已保存.docx")
    assert "已上传“已保存.docx”" in text_of(saved)

    tried, problems, messages = 0, [], set()
    for case, (data, filename) in corpus().items():
        for endpoint, (who, url, field, extra) in ENDPOINTS.items():
            with app.app_context():
                before = database_state()
            files_before = store_state(app)
            response = _post(clients[who], url.format(**ids), field, extra, data, filename)
            body = text_of(response)
            message = _refusal(response)
            response.close()
            tried += 1
            with app.app_context():
                after = database_state()
            accepted = case.startswith("path separators") and endpoint != "project import"
            if response.status_code >= 500:
                problems.append((case, endpoint, response.status_code))
            elif accepted:
                # The hostile name is cleaned, not refused: stored without separators, shown in Chinese.
                if "已上传" not in body and "已提交整改佐证" not in body:
                    problems.append((case, endpoint, "safe file with a hostile name was not accepted"))
                continue
            elif message is None:
                problems.append((case, endpoint, "no Chinese refusal", response.status_code, body[-300:]))
            else:
                messages.add(message)
            if not accepted and (after != before or store_state(app) != files_before):
                problems.append((case, endpoint, "something saved changed"))
    print(f"hostile uploads: {len(corpus())} hostile files × {len(ENDPOINTS)} endpoints = {tried} uploads refused "
          f"or cleaned over HTTP, 0 server errors")
    print("  e.g. " + " / ".join(sorted(messages)[:4]))
    assert problems == [], "\n".join(map(str, problems))
    with app.app_context():
        from portal.files.models import Attachment

        names = db.session.scalars(select(Attachment.filename)).all()
        assert all("/" not in n and "\\" not in n and "\x00" not in n for n in names)
        assert db.session.execute(text("SELECT COUNT(*) FROM attachments")).scalar() == 3  # saved + 2 cleaned names


def _refusal(response) -> str | None:
    """The Chinese message that refused the upload (a flashed error, the import's error list, the 413 page)."""
    import re

    html = response.get_data(as_text=True)
    found = re.findall(r'class="flash flash-error"[^>]*>(.*?)</div>', html, flags=re.S)
    if response.status_code == 413:
        found += re.findall(r"上传的文件超过了允许的大小[^<]*", html)
    found = [m.strip() for m in found if re.match(r"[\u4e00-\u9fff“]|PDF ", m.strip())]
    return found[0] if found else None


@pytest.fixture
def targets_factory():
    """``targets_factory(app)``: the ids of tests/hardening/conftest.py's ``targets`` for a chosen app."""
    from tests.hardening.conftest import make_targets

    return make_targets


def test_xml_is_parsed_safely_and_extraction_is_bounded(app):
    """Entities are refused before any parser runs; openpyxl itself parses through defusedxml."""
    import openpyxl.xml

    from portal.files import sniff

    assert openpyxl.xml.DEFUSEDXML is True
    assert sniff.SafeET.__name__.startswith("defusedxml")
    assert app.config["JIXIAO_EXTRACT_TIMEOUT"] > 0 and app.config["JIXIAO_EXTRACT_MAX_CHARS"] > 0
    assert app.config["MAX_CONTENT_LENGTH"] and sniff.MAX_ZIP_ENTRIES and sniff.MAX_ZIP_TOTAL


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_declaration_in_a_utf16_part_is_refused(encoding):
    """An XML part re-encoded in UTF-16 carries its DOCTYPE in two-byte characters: still refused, while the
    same part in UTF-16 without one is accepted (the UTF-16 scan runs on parts holding zero bytes)."""
    import zipfile

    from portal.files import sniff
    from portal.files.sniff import UploadRejected
    from tests.portal.files.samples import rewrite_zip

    data = make_docx(["正文"])
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    body = styles.split("?>", 1)[1]
    clean = f'<?xml version="1.0" encoding="UTF-16"?>{body}'.encode(encoding)
    hostile = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>{body}'.encode(encoding)
    assert sniff.detect_kind(rewrite_zip(data, replace={"word/styles.xml": clean})) == "docx"
    with pytest.raises(UploadRejected, match="DOCTYPE / ENTITY"):
        sniff.detect_kind(rewrite_zip(data, replace={"word/styles.xml": hostile}))
