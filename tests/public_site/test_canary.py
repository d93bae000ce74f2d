"""Canary: PII and a secret phrase planted in every record kind never reach any public URL."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import docx

from portal.extensions import db
from portal.files.operations import attach
from portal.projects.models import Project
from portal.submissions import operations
from public_site import operations as pub_ops
from tests.conftest import text_of
from tests.portal.files.samples import upload
from tests.public_site.helpers import (
    PAST,
    approved_evaluation,
    project_with_targets,
    publish,
    set_dates,
    user,
)

ID_NUMBER = "11010519491231002X"  # valid GB 11643 check digit
MOBILE = "13912345678"
EMAIL = "canary.zhang@example.com"
NAME = "欧阳青松"
SECRET = "金丝雀暗语七号"
PII = (ID_NUMBER, MOBILE, EMAIL, NAME)


def _docx_with_author(paragraphs: list[str], author: str) -> bytes:
    document = docx.Document()
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _plant(app):
    with app.test_request_context():
        set_dates(2022, PAST)
        # Published: targets and an evaluation whose report holds PII (must be redacted).
        shown = project_with_targets(code="CANARY-PUB")
        report = [f"评价组长{NAME}，身份证号{ID_NUMBER}，手机{MOBILE}，邮箱{EMAIL}。", "客商满意度达到98%。"]
        evaluation = approved_evaluation(shown, paragraphs=report, team=[NAME])
        attach(upload(_docx_with_author(["附件：现场照片说明。"], NAME), f"{NAME}的说明.docx"),
               owner_type="submission", owner_id=evaluation.id, user=user("unit"))
        # Unpublished: the secret phrase in a project, its targets, a submission, a comment and a file.
        hidden = project_with_targets(code="CANARY-HIDDEN")
        hidden.description = f"{SECRET}项目说明"
        hidden.name = f"{SECRET}项目"
        unit = user("unit")
        draft = operations.create(kind="department_evaluation", project=hidden, user=unit)
        from portal.scoring.models import Framework

        operations.save_scores(draft, unit, {i.id: str(i.weight) for i in
                                             db.session.get(Framework, draft.framework_id).items})
        operations.save_findings(draft, unit, [f"{SECRET}问题"], [f"{SECRET}建议"])
        attach(upload(_docx_with_author([f"{SECRET}报告正文"], f"{SECRET}作者"), f"{SECRET}.docx"),
               owner_type="submission", owner_id=draft.id, user=unit)
        operations.apply_transition(draft, "submit", unit)
        operations.apply_transition(draft, "return_first_review", user("section"), comment=f"{SECRET}退回意见")
        # An approved evaluation that is never published (of another project: a project has one
        # active evaluation of a kind).
        approved_evaluation(project_with_targets(code="CANARY-UNPUB"), paragraphs=[f"{SECRET}未公开报告"],
                            findings=[f"{SECRET}未公开问题"], kind="department_evaluation")
        publish("target_table", f"project:{shown.id}")
        pub = publish("evaluation_result", f"submission:{evaluation.id}")
        db.session.commit()
        return pub.id, db.session.query(Project.code).filter_by(id=shown.id).scalar()


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', html) + re.findall(r"<loc>([^<]+)</loc>", html) + \
        re.findall(r'"(?:url|document_url)": "([^"]+)"', html)


def _crawl(client) -> dict[str, str]:
    """Every public URL reachable from /, the sitemap, the feed and the open data → its text."""
    queue = ["/", "/sitemap.xml", "/feed.atom", "/data/publications.csv", "/data/publications.json",
             "/data/datapackage.json", "/robots.txt", "/search?q=报告"]
    seen: dict[str, str] = {}
    while queue:
        url = queue.pop()
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/") \
                or parts.path.startswith(("/work", "/static", "/public_site/static")):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or len(seen) > 400:
            continue
        response = client.get(path)
        assert response.status_code in (200, 301, 302), (path, response.status_code)
        if response.content_type.startswith("application/vnd.openxmlformats"):
            document = docx.Document(io.BytesIO(response.data))
            props = document.core_properties
            text = "\n".join([p.text for p in document.paragraphs]
                             + [c.text for t in document.tables for row in t.rows for c in row.cells]
                             + [props.author or "", props.last_modified_by or "", props.title or ""])
            assert not props.author and not props.last_modified_by
        else:
            text = response.get_data(as_text=True)
            queue.extend(_links(text))
            if response.status_code in (301, 302):
                queue.append(response.headers["Location"])
        seen[path] = text
    return seen


def test_no_planted_pii_or_unpublished_text_on_any_public_url(app, client):
    pub_id, code = _plant(app)
    pages = _crawl(client)
    assert f"/publications/{pub_id}" in pages and f"/projects/{code}" in pages
    assert any(path.endswith("document.docx") for path in pages)
    leaks = [(path, needle) for path, text in pages.items() for needle in (*PII, SECRET) if needle in text]
    assert leaks == []
    for needle in (SECRET, NAME, MOBILE):  # the page repeats the query itself, nothing else
        assert "共找到 0 条" in text_of(client.get(f"/search?q={needle}"))
    # The published report is there, redacted.
    assert "客商满意度达到98%" in pages[f"/publications/{pub_id}"] and "[身份证号]" in pages[f"/publications/{pub_id}"]

    with app.test_request_context():
        from public_site.models import Publication

        pub_ops.withdraw(db.session.get(Publication, pub_id), user("reviewer"), "报告数据有误，待更正后重新公开")
        db.session.commit()
    gone = client.get(f"/publications/{pub_id}")
    assert gone.status_code == 410 and "报告数据有误" in gone.get_data(as_text=True)
    assert client.get(f"/publications/{pub_id}/document.docx").status_code == 410
    for url in ("/search?q=满意度", "/feed.atom", "/sitemap.xml", "/data/publications.csv", "/data/publications.json",
                f"/projects/{code}", "/"):
        assert f"/publications/{pub_id}\"" not in client.get(url).get_data(as_text=True).replace("<", "\""), url
