"""Leak crawl: identifiers and names planted in every writing of every record never reach a public URL.

Records of one county are built through the real operations, every free-text field carrying a
:class:`~tests.public_site.plants.Kit` of its own (IDs, mobiles, landlines, bank cards, e-mails, an
individual business's credit code in every way people write them, and Han, dotted Uyghur, one-part
Uyghur and letter-spaced names). A 绩效科 reviewer publishes everything the 信息公开 page offers
through the real preview over HTTP, accepting only the engine's own decisions (every uncertain span of
the review tier answered ``redact``), then withdraws one publication with a reason naming people. An
anonymous citizen then crawls every public URL: pages, search (also for each planted string), every
``/publications/N`` and its Word file (text and properties), feed, sitemap, open data, the 410 page.

Three tests read the same crawl:

* ``test_unpublished_writings_never_reach_a_public_url`` — writings no publisher takes (descriptions,
  comments, evidence, responses, metadata, file names…) are nowhere; passes today.
* ``test_withdrawn_publication_page`` — the 410 page: Beijing date, the reason without its names, no
  现行版本; passes today.
* ``test_every_planted_identifier_is_redacted_on_every_surface`` — THE TARGET of the engine work: no
  planted string of any published writing survives anywhere, and what must stay (李某, an organisation,
  a 文号) is still there. Expected to fail until the engine knows every writing; its message (and
  ``tests/artifacts/leak_crawl.json``) lists each leak by writing, variant and surface.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import quote, urlsplit

import docx
import pytest
from fpdf import FPDF
from sqlalchemy import select

from portal.extensions import db
from portal.util import local_date
from tests.conftest import ARTIFACTS, CSRFClient, create_world, do_login, fresh_database_url, migrated_app
from tests.portal.files.samples import CJK_FONT, upload
from tests.public_site.helpers import PAST, without_query_echo
from tests.public_site.plants import MUST_STAY, Kit, Plant, normalise

UNIT = "阿克陶县商务科技和工业信息化局"
FIRM = "新疆正信绩效评价咨询有限公司"
PASSWORDS = {"reviewer": "Demo-review-2024"}

#: Every writing → its kit number (distinct numbers and names per writing).
PUBLISHED_WRITINGS = {
    "project_name": 0, "indicator_names": 1, "indicator_text_value": 2, "overall_goal": 3,
    "target_adjust_reason": 4, "findings": 5, "recommendations": 6, "report_txt": 7, "report_docx": 8,
    "report_pdf": 9, "third_party_findings": 10, "third_party_recommendations": 11, "third_party_report_docx": 12,
    "rating_change_reason": 13, "withdrawal_reason": 14,
    # Known names of the evaluation team: entered on the submissions, and written in the report text too.
    "team_members": 17,
}
UNPUBLISHED_WRITINGS = {
    "project_description": 15, "submission_comments": 16, "rectification_description": 18,
    "rectification_evidence_text": 19, "rectification_evidence_file": 20, "rectification_responsible": 21,
    "rectification_comments": 22, "firm_response": 23, "satisfaction_comment": 24, "panel_comment": 25,
    "docx_author_and_file_names": 26, "submission_summary": 27, "target_comments": 28,
}
KITS = {name: Kit(n) for name, n in {**PUBLISHED_WRITINGS, **UNPUBLISHED_WRITINGS}.items()}
#: Which plants each writing carries (all of its kit unless listed: short fields hold a few).
CARRIED: dict[str, tuple[str, ...]] = {
    "project_name": ("name_han", "mobile_spaces", "id_grouped_spaces"),
    "indicator_names": ("name_han", "mobile_plain", "id_plain", "email_plain", "email_brackets", "name_one_part",
                        "name_spaced", "name_dotted", "landline_paren"),
    "indicator_text_value": ("name_han", "mobile_hyphens"),
    "team_members": ("name_han", "name_dotted", "name_spaced"),
    "rectification_responsible": ("name_han", "name_dotted"),
    "docx_author_and_file_names": ("name_han", "name_dotted", "name_spaced", "mobile_plain"),
    "withdrawal_reason": ("name_han", "name_one_part", "name_dotted"),
}
#: The part of the withdrawal reason the 410 test reads (names the engine knows today).
WITHDRAWAL_NAMES = ("name_han", "name_one_part")


def planted(writing: str) -> list[Plant]:
    return KITS[writing].planted(*CARRIED.get(writing, ()))


def text(writing: str) -> str:
    return KITS[writing].text()


def lines(writing: str) -> list[str]:
    return KITS[writing].lines()


def must_stay_sentence() -> str:
    pseudonym, org, number = MUST_STAY
    return f"根据{number}文件要求，{org}对{pseudonym}等受益对象开展了电话回访。"


# -- files -------------------------------------------------------------------------------------------


def make_txt(writing: str, extra: list[str]) -> bytes:
    return "\n".join([*lines(writing), *extra]).encode("utf-8")


def make_docx_with_author(paragraphs: list[str], author: str) -> bytes:
    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = author
    props.title = props.subject = props.comments = f"{author}的评价报告"
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)  # a line break inside becomes a <w:br/>
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(paragraphs: list[str]) -> bytes:
    assert CJK_FONT.exists(), "the WenQuanYi font is needed for a Chinese PDF"
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("wqy", fname=str(CJK_FONT))
    pdf.set_font("wqy", size=9)
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):  # the ID broken over two lines stays broken in the PDF
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# -- the county's records ----------------------------------------------------------------------------


def _users():
    from tests.portal.workflow.helpers import user

    return {name: user(name) for name in ("reviewer", "section", "unit", "firm", "expert")}


def _approve(submission, users, comment_writing: str):
    from portal.submissions import operations

    comments = lines(comment_writing)
    operations.apply_transition(submission, "submit", users["unit"] if submission.org_id == users["unit"].org_id
                                else users["firm"])
    operations.apply_transition(submission, "pass_first_review", users["section"], comment=comments[0])
    operations.apply_transition(submission, "approve", users["reviewer"], comment="\n".join(comments[1:]))


def _indicator_rows() -> list[dict]:
    k, v = KITS["indicator_names"], KITS["indicator_text_value"]
    return [
        dict(level1="产出", level2="数量", name=f"举办招商引资活动数量（联系人{k['name_han']}，手机{k['mobile_plain']}）",
             operator="≥", value="2", unit="个", weight="20"),
        dict(level1="产出", level2="时效", name=f"招商引资工作周期（经办人身份证号{k['id_plain']}）",
             operator="=", value="12", unit="月", weight="10"),
        dict(level1="产出", level2="成本", name=f"招商引资工作经费（报账邮箱{k['email_plain']}、{k['email_brackets']}）",
             operator="≤", value="4", unit="万元", weight="10"),
        dict(level1="效益", level2="经济效益", name=f"签约项目个数（村民{k['name_one_part']}、联络员{k['name_spaced']}）",
             operator="≥", value="2", unit="个", weight="30"),
        dict(level1="满意度", level2="服务对象满意度",
             name=f"客商满意度（调查员{k['name_dotted']}，电话{k['landline_paren']}）",
             operator="定性", text_value=f"有效提升（回访人{v['name_han']}，手机{v['mobile_hyphens']}）", weight="30"),
    ]


def _project_and_targets(users):
    from portal.projects.operations import create_project
    from portal.targets import operations as target_ops
    from tests.portal.workflow.helpers import org

    k = KITS["project_name"]
    name = f"招商引资工作经费（联系人{k['name_han']}，电话{k['mobile_spaces']}，身份证{k['id_grouped_spaces']}）"
    project = create_project(code="LEAK-2022-01", name=name, unit=org(UNIT), fiscal_year=2022, kind="project",
                             category="一般公共预算", description=text("project_description"),
                             funding={"local": {"budget": Decimal("4"), "allocated": Decimal("4"),
                                                "spent": Decimal("4")}})
    unit = users["unit"]
    first = target_ops.declare(project, unit, overall_goal=text("overall_goal"))
    target_ops.save_indicators(first, unit, _indicator_rows(), overall_goal=text("overall_goal"))
    _approve(first, users, "target_comments")
    # A change after approval: a second version with its reason (disclosed with the targets).
    second = target_ops.declare(project, unit, reason=text("target_adjust_reason"), overall_goal=text("overall_goal"))
    target_ops.save_indicators(second, unit, _indicator_rows(), overall_goal=text("overall_goal"),
                               reason=text("target_adjust_reason"))
    _approve(second, users, "target_comments")
    return project


def _scores(submission) -> dict:
    from portal.scoring.models import Framework

    return {i.id: str(i.weight) for i in db.session.get(Framework, submission.framework_id).items}


def _department_evaluation(project, users):
    from portal.files.operations import attach
    from portal.submissions import operations

    unit, meta = users["unit"], KITS["docx_author_and_file_names"]
    team = KITS["team_members"]
    evaluation = operations.create(kind="department_evaluation", project=project, user=unit)
    operations.save_data(evaluation, unit, team=[team["name_han"], team["name_dotted"], team["name_spaced"]],
                         summary=text("submission_summary"))
    operations.save_scores(evaluation, unit, _scores(evaluation))
    operations.save_findings(evaluation, unit, lines("findings"), lines("recommendations"))
    report = make_txt("report_txt", [
        f"评价组成员：{team['name_han']}、{team['name_dotted']}、{team['name_spaced']}。", must_stay_sentence(),
        "客商满意度调查结果为97%。"])
    for data, filename in (
            (report, f"评价报告（{meta['name_han']}）.txt"),
            (make_docx_with_author(lines("report_docx"), meta["name_han"]), f"{meta['name_dotted']}的报告.docx"),
            (make_pdf(lines("report_pdf")), f"{meta['name_spaced']}扫描件{meta['mobile_plain']}.pdf")):
        attach(upload(data, filename), owner_type="submission", owner_id=evaluation.id, user=unit)
    comments = lines("submission_comments")
    operations.apply_transition(evaluation, "submit", unit)
    operations.apply_transition(evaluation, "return_first_review", users["section"], comment=comments[0])
    operations.apply_transition(evaluation, "submit", unit, comment=comments[1])
    operations.apply_transition(evaluation, "pass_first_review", users["section"], comment=comments[2])
    operations.apply_transition(evaluation, "approve", users["reviewer"], comment="\n".join(comments[3:]))
    return evaluation


def _third_party_report_and_rating(project, users):
    """Firm A's report (panel 99 → approved), the unit's satisfaction, and the firm's final 2022 rating."""
    from plugins.evaluator_grading import operations as grading
    from plugins.evaluator_grading import panels, queries, ratings
    from portal.files.operations import attach
    from portal.submissions import operations
    from tests.portal.workflow.helpers import org

    reviewer, firm, unit = users["reviewer"], users["firm"], users["unit"]
    grading.engage(firm=org(FIRM), projects=[project], deadline=date.today() + timedelta(days=30), amount="3.5",
                   user=reviewer)
    report = operations.create(kind="third_party", project=project, user=firm)
    team = KITS["team_members"]
    operations.save_data(report, firm, team=[team["name_han"], team["name_dotted"]],
                         summary=text("submission_summary"))
    operations.save_scores(report, firm, _scores(report))
    operations.save_findings(report, firm, lines("third_party_findings"), lines("third_party_recommendations"))
    attach(upload(make_docx_with_author(lines("third_party_report_docx"), KITS["docx_author_and_file_names"]
                                        ["name_dotted"]), "第三方评价报告.docx"),
           owner_type="submission", owner_id=report.id, user=firm)
    operations.apply_transition(report, "submit", firm)
    panel = panels.form_panel(report, [reviewer, users["expert"]], reviewer)
    comment = text("panel_comment")
    items = queries.rubric(reviewer.bureau_id, 2022)
    for member in (reviewer, users["expert"]):  # one point off with a comment each: 99 ≥ 90 passes
        values = {i.id: (str(i.points), "") for i in items}
        values[items[0].id] = (str(items[0].points - 1), comment)
        panels.submit_scores(panel, member, values)
    operations.apply_transition(report, "pass_first_review", users["section"], comment=lines("submission_comments")[0])
    operations.apply_transition(report, "approve", reviewer, comment=lines("submission_comments")[1])
    grading.rate_satisfaction(queries.engagement_for(report), unit, {
        "communication": "5", "expertise": "4", "timeliness": "5", "report": "4", "integrity": "5"},
        text("satisfaction_comment"))
    rating = next(r for r in ratings.compute_year(reviewer.bureau_id, 2022, reviewer) if r.firm_id == firm.org_id)
    ratings.open_draft(rating, reviewer)
    ratings.respond(rating, firm, text("firm_response"))
    other = "B" if rating.level != "B" else "C"
    ratings.close_window_early(rating, reviewer, text("rating_change_reason"))
    ratings.finalise(rating, reviewer, level=other, reason=text("rating_change_reason"))
    return report


def _rectification(project, evaluation, users):
    from plugins.rectification import operations as ops
    from plugins.rectification.dates import today

    reviewer, unit = users["reviewer"], users["unit"]
    person = KITS["rectification_responsible"]
    comments = lines("rectification_comments")
    from_findings = ops.items_from_findings(evaluation, [f.id for f in evaluation.findings if f.kind == "finding"][:2],
                                            reviewer, severity="general", deadline=today() + timedelta(days=30),
                                            responsible_person=person["name_han"])
    manual = ops.manual_item(project=project, user=reviewer, description=text("rectification_description"),
                             severity="major", deadline=today() + timedelta(days=60),
                             responsible_person=person["name_dotted"])
    for item in (*from_findings, manual):
        ops.apply_transition(item, "start", unit)
        ops.submit_evidence(item, unit, text=text("rectification_evidence_text"),
                            uploads=[upload(make_txt("rectification_evidence_file", []), "整改佐证.txt")])
    ops.apply_transition(from_findings[0], "close", reviewer, comment=comments[0])
    ops.apply_transition(manual, "reopen", reviewer, comment="\n".join(comments[1:]))


def _plant(app) -> None:
    from tests.portal.workflow.helpers import project_with_targets
    from tests.public_site.helpers import set_dates

    with app.test_request_context():
        users = _users()
        set_dates(2022, PAST, users["reviewer"])
        project = _project_and_targets(users)
        evaluation = _department_evaluation(project, users)
        _third_party_report_and_rating(project, users)
        _rectification(project, evaluation, users)
        project_with_targets(code="LEAK-WD-01")  # published, then withdrawn with a reason naming people
        db.session.commit()
        _check_planted()


def _check_planted() -> None:
    """The records hold every unpublished writing in full (else the canary would pass for nothing)."""
    from plugins.evaluator_grading.models import FirmRating, PanelScore, SatisfactionRating
    from plugins.rectification.models import ItemTransition, RectificationItem
    from portal.files.models import StoredFile
    from portal.projects.models import Project
    from portal.submissions.models import Submission, Transition

    def strings(value):
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    def column(attribute) -> str:
        return "\n".join(s for v in db.session.scalars(select(attribute)) for s in strings(v))

    stored = {
        "project_description": column(Project.description), "submission_comments": column(Transition.comment),
        "target_comments": column(Transition.comment), "rectification_description": column(RectificationItem.description),
        "rectification_evidence_text": column(RectificationItem.evidence_text),
        "rectification_evidence_file": column(StoredFile.text), "rectification_comments": column(ItemTransition.comment),
        "rectification_responsible": column(RectificationItem.responsible_person),
        "firm_response": column(FirmRating.firm_response), "satisfaction_comment": column(SatisfactionRating.comment),
        "panel_comment": column(PanelScore.comment), "submission_summary": column(Submission.data),
        "team_members": column(Submission.data),
    }
    for writing, haystack in stored.items():
        for plant in planted(writing):
            assert plant.written in haystack, (writing, plant.variant)


# -- publishing through the staff pages --------------------------------------------------------------


@dataclass
class Published:
    urls: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    review_inputs: int = 0


def _publish_everything(reviewer: CSRFClient) -> Published:
    """Every candidate on 信息公开, through its preview: only the engine's decisions, uncertain ones redacted."""
    page = reviewer.get("/work/public_site/").get_data(as_text=True)
    previews = sorted({m.replace("&amp;", "&") for m in re.findall(r'href="(/work/public_site/preview\?[^"]+)"', page)})
    out = Published(urls=previews)
    for url in previews:
        html = reviewer.get(url).get_data(as_text=True)
        digest = re.search(r'name="digest"[^>]*value="([^"]+)"', html) or re.search(
            r'value="([^"]+)"[^>]*name="digest"', html)
        reviews = sorted(set(re.findall(r'name="(review-[^"]+)"', html)))
        out.review_inputs += len(reviews)
        form = {"digest": digest.group(1), "action": "confirm", "extra": "", **{name: "redact" for name in reviews}}
        response = reviewer.post(url, data=form)
        if response.status_code != 302:
            errors = re.findall(r'<div class="flash flash-error"[^>]*>(.*?)</div>', response.get_data(as_text=True),
                                re.S)
            out.refused[url] = "；".join(errors) or f"HTTP {response.status_code}"
    return out


def _withdraw(app, reviewer: CSRFClient) -> tuple[int, str]:
    from public_site.models import Publication

    with app.app_context():
        pub_id = db.session.scalar(select(Publication.id).where(Publication.project_code == "LEAK-WD-01"))
    k = KITS["withdrawal_reason"]
    reason = (f"公开文本中误含村民{k['name_one_part']}和经办人{k['name_han']}的个人信息，"
              f"经{k['name_dotted']}核实后撤回更正")
    response = reviewer.post(f"/work/public_site/publications/{pub_id}/withdraw",
                             data={"reason": reason, "confirmed": "1"})
    assert response.status_code == 302
    return pub_id, reason


# -- crawling as a citizen ---------------------------------------------------------------------------


@dataclass
class Page:
    url: str
    status: int
    surface: str
    text: str  # normalised


def surface_of(path: str, content_type: str, status: int) -> str:
    if status == 410:
        return "410 page"
    if content_type.startswith("application/vnd.openxmlformats"):
        return "Word download"
    for prefix, name in (("/search", "search"), ("/publications/", "publication page"), ("/projects/", "project page"),
                         ("/firms/", "firm page"), ("/data/publications.csv", "open data CSV"),
                         ("/data/publications.json", "open data JSON"), ("/data/", "data package"),
                         ("/feed.atom", "Atom feed"), ("/sitemap.xml", "sitemap"), ("/about", "about")):
        if path.startswith(prefix):
            return name
    return "home" if path == "/" else path


def _links(body: str) -> list[str]:
    return (re.findall(r'(?:href|src)="([^"]+)"', body) + re.findall(r"<loc>([^<]+)</loc>", body)
            + re.findall(r'"(?:url|document_url|path)": "([^"]+)"', body))


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    parts += [str(getattr(props, name) or "") for name in (
        "author", "last_modified_by", "title", "subject", "keywords", "comments", "category", "identifier",
        "content_status", "language", "version")]
    return "\n".join(parts)


def _path(url: str) -> str | None:
    parts = urlsplit(url.replace("&amp;", "&"))
    if parts.netloc not in ("", "localhost") or not parts.path.startswith("/") \
            or parts.path.startswith(("/work", "/static", "/public_site/static")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(citizen: CSRFClient, start: list[str], queries: list[str], limit: int = 400) -> dict[str, Page]:
    """Every public URL reachable from ``start`` (links followed), and the searches for ``queries``."""
    pages: dict[str, Page] = {}
    queue = list(reversed(start))
    searched = {f"/search?q={quote(q)}": q for q in queries}
    queue += list(searched)
    while queue:
        path = _path(queue.pop())
        if path is None or path in pages:
            continue
        assert len(pages) < limit + len(searched), "the crawl does not end"
        response = citizen.get(path)
        assert response.status_code in (200, 301, 302, 404, 410), (path, response.status_code)
        headers = "\n".join(response.headers.get(h, "") for h in ("Content-Disposition", "Location"))
        if response.content_type.startswith("application/vnd.openxmlformats"):
            body = _docx_text(response.data)
        else:
            body = response.get_data(as_text=True)
            if path not in searched:  # a planted query's results are checked, not followed
                queue.extend(_links(body))
            if response.status_code in (301, 302):
                queue.append(response.headers["Location"])
        shown = without_query_echo(body) if path.startswith("/search") else body
        pages[path] = Page(path, response.status_code,
                           surface_of(urlsplit(path).path, response.content_type, response.status_code),
                           normalise(shown + "\n" + headers))
    return pages


@dataclass
class Crawl:
    pages: dict[str, Page]
    published: Published
    publication_ids: list[int]
    withdrawn_id: int
    withdrawal_reason: str
    evaluation_page: str  # the department evaluation's publication address
    withdrawn_day: date = date.min  # the withdrawal's Beijing date, as the 410 page must show it


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Crawl:
    """One county planted, published and crawled once for the tests of this module (its own database)."""
    tmp = tmp_path_factory.mktemp("leak_crawl")
    app = migrated_app(tmp / "instance", fresh_database_url(tmp))
    with app.test_request_context():
        create_world()
        db.session.commit()
    _plant(app)
    reviewer = CSRFClient(app)
    assert do_login(reviewer, "reviewer", PASSWORDS["reviewer"]).status_code == 302
    published = _publish_everything(reviewer)
    withdrawn_id, reason = _withdraw(app, reviewer)
    from public_site.models import Publication

    with app.app_context():
        ids = list(db.session.scalars(select(Publication.id).order_by(Publication.id)))
        evaluation = db.session.scalar(select(Publication.id).where(
            Publication.kind == "evaluation_result", Publication.firm.is_(None)))
        withdrawn_day = local_date(db.session.get(Publication, withdrawn_id).withdrawn_at)
    start = ["/", "/search", "/about", "/robots.txt", "/sitemap.xml", "/feed.atom", "/data/publications.csv",
             "/data/publications.json", "/data/datapackage.json"]
    start += [u for i in ids for u in (f"/publications/{i}", f"/publications/{i}/document.docx")]
    queries = sorted({p.written.replace("\n", " ") for writing in KITS for p in planted(writing)})
    pages = crawl(CSRFClient(app), start, queries)
    with app.app_context():
        db.engine.dispose()
    return Crawl(pages, published, ids, withdrawn_id, reason,
                 f"/publications/{evaluation}" if evaluation else "", withdrawn_day)


@dataclass(frozen=True)
class Leak:
    writing: str
    variant: str
    written: str
    surface: str
    url: str


def leaks_of(crawl: Crawl, writings) -> list[Leak]:
    found = []
    for writing in writings:
        for plant in planted(writing):
            for page in crawl.pages.values():
                if any(needle in page.text for needle in plant.needles):
                    found.append(Leak(writing, plant.variant, plant.written, page.surface, page.url))
    return found


def report(leaks: list[Leak]) -> str:
    """writing / variant “written” → surfaces (one example address each)."""
    grouped: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
    for leak in leaks:
        grouped[(leak.writing, leak.variant, leak.written)].setdefault(leak.surface, leak.url)
    out = []
    for (writing, variant, written), surfaces in sorted(grouped.items()):
        where = "; ".join(f"{s} ({u})" for s, u in sorted(surfaces.items()))
        out.append(f"{writing} / {variant} {written!r}: {where}")
    return "\n".join(out)


def _save_artifact(name: str, payload) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


# -- the tests ---------------------------------------------------------------------------------------


def test_the_crawl_reaches_every_surface(crawled):
    """What the other tests rely on: everything publishable was offered and crawled (or its refusal known)."""
    kinds = {re.search(r"kind=([a-z_]+)", u).group(1) for u in crawled.published.urls}
    assert kinds == {"target_table", "evaluation_result", "firm_rating", "rectification_summary"}
    surfaces = {p.surface for p in crawled.pages.values()}
    assert {"home", "search", "publication page", "Word download", "project page", "firm page", "open data CSV",
            "open data JSON", "data package", "Atom feed", "sitemap", "410 page"} <= surfaces, surfaces


def test_unpublished_writings_never_reach_a_public_url(crawled):
    """Writings no publisher takes are nowhere, and the known team names written plainly in the report
    (the canary of the existing writings) are redacted everywhere."""
    leaks = leaks_of(crawled, UNPUBLISHED_WRITINGS)
    team = {p.written for p in KITS["team_members"].planted("name_han", "name_dotted")}
    leaks += [x for x in leaks_of(crawled, ["team_members"]) if x.written in team]
    assert leaks == [], "\n" + report(leaks)


def test_withdrawn_publication_page(crawled):
    page = crawled.pages[f"/publications/{crawled.withdrawn_id}"]
    assert page.status == 410
    # the day of the withdrawal itself (not the day the test ends: a run may cross midnight in Beijing)
    day = normalise(crawled.withdrawn_day.strftime("%Y年%m月%d日"))
    assert day in page.text and "撤回原因" in page.text and "撤回更正" in page.text
    assert "现行版本" not in page.text
    k = KITS["withdrawal_reason"]
    for key in WITHDRAWAL_NAMES:
        assert normalise(k[key]) not in page.text, key
    download = crawled.pages[f"/publications/{crawled.withdrawn_id}/document.docx"]
    assert download.status == 410
    for path, other in crawled.pages.items():
        if path.startswith(("/data/", "/feed", "/sitemap", "/search", "/projects/", "/firms/")) or path == "/":
            assert not re.search(rf"/publications/{crawled.withdrawn_id}(?![0-9])", other.text), path


def test_every_planted_identifier_is_redacted_on_every_surface(crawled):
    """THE TARGET of the engine work (issue 13): every writing, every way of writing, every surface.

    Fails while the engine misses a writing; the message lists each leak (writing / variant “as
    written”: surfaces), also saved to tests/artifacts/leak_crawl.json.
    """
    leaks = leaks_of(crawled, PUBLISHED_WRITINGS)
    evaluation = crawled.pages.get(crawled.evaluation_page)
    missing = [s for s in MUST_STAY if evaluation is None or normalise(s) not in evaluation.text]
    _save_artifact("leak_crawl.json", {
        "refused": crawled.published.refused, "review_inputs": crawled.published.review_inputs,
        "over_redacted": missing,
        "pages": dict(sorted(Counter(page.surface for page in crawled.pages.values()).items())),
        "leaks": [leak.__dict__ for leak in leaks]})
    problems = []
    if crawled.published.refused:
        problems.append("publishing refused: " + json.dumps(crawled.published.refused, ensure_ascii=False))
    if missing:
        problems.append(f"over-redacted (must stay readable on {crawled.evaluation_page}): {missing}")
    if leaks:
        problems.append(f"{len({(x.writing, x.variant) for x in leaks})} planted strings leak:\n" + report(leaks))
    assert not problems, "\n".join(problems)
