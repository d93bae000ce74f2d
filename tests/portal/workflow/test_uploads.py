"""Reports uploaded to submissions: score proposals from seeds 002/003 as DOCX, hostile files refused."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from portal.extensions import db
from portal.files.models import Attachment, StoredFile
from portal.submissions import operations
from portal.submissions.models import Submission
from tests.conftest import CSRFClient, do_login, text_of
from tests.portal.files.samples import make_docx, rewrite_zip, seed_text
from tests.portal.files.test_proposal import _score_table_003
from tests.portal.workflow.helpers import project_with_targets, user


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _setup(app, kind: str, owner: str):
    with app.test_request_context():
        project = project_with_targets()
        firm_or_unit = user(owner)
        submission = operations.create(kind=kind, project=project, user=firm_or_unit)
        db.session.commit()
        return submission.id


def _client(app, world, username):
    client = CSRFClient(app)
    do_login(client, username, world["passwords"][username])
    return client


def _upload(client, sid, data: bytes, name: str):
    from io import BytesIO

    return client.post(f"/work/submissions/{sid}/files", data={"file": (BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_seed_003_report_proposes_its_scores_and_fills_the_sheet(app, world):
    sid = _setup(app, "third_party", "firm")
    firm = _client(app, world, "firm")
    text = seed_text("003")
    report = make_docx(_paragraphs(text), tables=[_score_table_003(text)], table_after=10)
    response = _upload(firm, sid, report, "招商引资工作经费绩效评价报告.docx")
    assert response.status_code == 302
    page = text_of(firm.get(f"/work/submissions/{sid}"))
    assert "招商引资工作经费绩效评价报告.docx" in page
    assert "总得分 100 分" in page or "总得分 100.00 分" in page
    assert "报告所写等级“优”" in page
    match = re.search(r"/work/submissions/\d+/apply-proposal/(\d+)", firm.get(f"/work/submissions/{sid}")
                      .get_data(as_text=True))
    assert match
    response = firm.post(match.group(0), follow_redirects=True)
    page = text_of(response)
    # Seed 003 claims 10 points for items the framework weighs 5 (社会效益, 服务对象满意度): those are
    # not filled in, and the reviewer is told the sheet and the report disagree.
    assert "未填入" in page and "社会效益 10 分（分值 5.00）" in page
    with app.app_context():
        s = db.session.get(Submission, sid)
        filled = {entry.item_id for entry in s.scores}
        assert len(filled) == 17
        assert str(s.total_score) == "80.00" and s.grade == "良"
    detail = text_of(firm.get(f"/work/submissions/{sid}"))
    assert "评分表合计 80.00 分，与报告所写 100 分不一致" in detail


def test_seed_002_self_evaluation_report_proposes_97_96(app, world):
    sid = _setup(app, "department_evaluation", "unit")
    unit = _client(app, world, "unit")
    _upload(unit, sid, make_docx(_paragraphs(seed_text("002"))), "2024年度部门整体支出绩效自评报告.docx")
    page = text_of(unit.get(f"/work/submissions/{sid}"))
    assert "总得分 97.96 分" in page and "报告所写等级“优”" in page


def _counts(app):
    with app.app_context():
        return (db.session.scalar(select(func.count(Attachment.id))),
                db.session.scalar(select(func.count()).select_from(StoredFile)))


def test_hostile_uploads_are_refused_and_change_nothing(app, world):
    sid = _setup(app, "third_party", "firm")
    firm = _client(app, world, "firm")
    good = make_docx(["评价报告正文"])
    assert _upload(firm, sid, good, "报告.docx").status_code == 302
    before = _counts(app)
    exe = b"MZ\x90\x00" + b"\x00" * 200
    docm = rewrite_zip(good, replace={"[Content_Types].xml": rewrite_zip_content_types(good)})
    cases = [(exe, "报告.pdf"), (exe, "setup.exe"), (docm, "宏.docm")]
    for data, name in cases:
        response = _upload(firm, sid, data, name)
        assert response.status_code == 302
        page = text_of(firm.get(f"/work/submissions/{sid}"))
        assert re.search(r"[\u4e00-\u9fff]", page)
        assert _counts(app) == before, name
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = _upload(firm, sid, b"x" * 4096, "大文件.txt")
    assert response.status_code == 413 and "文件过大" in text_of(response)
    assert _counts(app) == before
    assert "报告.docx" in text_of(firm.get(f"/work/submissions/{sid}"))


def rewrite_zip_content_types(docx: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        types = z.read("[Content_Types].xml")
    return types.replace(b"wordprocessingml.document.main+xml", b"word.document.macroEnabled.main+xml")


def test_other_firm_cannot_read_or_upload(app, world):
    sid = _setup(app, "third_party", "firm")
    firm = _client(app, world, "firm")
    _upload(firm, sid, make_docx(["正文"]), "报告.docx")
    with app.app_context():
        att_id = db.session.scalar(select(Attachment.id).where(Attachment.owner_id == sid))
    other = _client(app, world, "firm2")
    assert other.get(f"/work/submissions/{sid}").status_code == 404
    assert other.get(f"/work/files/{att_id}").status_code == 404
    assert _upload(other, sid, make_docx(["x"]), "x.docx").status_code == 404
    response = firm.get(f"/work/files/{att_id}")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    response.close()


def test_reading_someone_elses_unpublished_report_is_audited(app, world):
    from portal.audit.models import AuditEvent

    sid = _setup(app, "third_party", "firm")
    with app.test_request_context():
        from portal.scoring.models import Framework

        report = db.session.get(Submission, sid)
        items = db.session.get(Framework, report.framework_id).items
        operations.save_scores(report, user("firm"), {i.id: str(i.weight) for i in items})
        operations.apply_transition(report, "submit", user("firm"))
        db.session.commit()
    firm = _client(app, world, "firm")
    firm.get(f"/work/submissions/{sid}")
    with app.app_context():
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.kind == "view_unpublished")) == 0
    admin = _client(app, world, "admin")
    admin.get(f"/work/submissions/{sid}")
    page = text_of(admin.get(f"/work/admin/audit/?kind=view_unpublished&target_type=submission&target_id={sid}"))
    assert "查看未公开报告" in page and "admin" in page
