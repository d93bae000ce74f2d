"""Withdrawal never resurrects: withdrawing the corrected version does not bring the leaky one back.

v1 leaks a place name, v2 redacts it; withdrawing v2 takes the item off every public surface (pages,
downloads, search and the index itself, open data, feed, sitemap, home, project page); the 410 pages
show the Beijing date and the de-identified reason and no 现行版本. Only a new publication (v3) brings
the item back. Every test runs on each search backend.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.search.backend import SearchQuery
from portal.search.service import backend
from public_site.models import Publication
from tests.conftest import PG_URL, CSRFClient, text_of
from tests.public_site.helpers import (
    PAST,
    approved_evaluation,
    project_with_targets,
    publish,
    set_dates,
    without_query_echo,
)

BACKENDS = ["whoosh", pytest.param("postgres", marks=pytest.mark.skipif(
    not PG_URL, reason="the postgres search backend needs JIXIAO_TEST_DATABASE_URL (PostgreSQL)"))]

LEAK = "城东仓库"  # what v1 shows and v2 redacts
NAME = "张振宇"  # in the withdrawal reason: must never be shown
REASON = f"报告中含有评价组长{NAME}的联系方式，已撤回核实"
PUBLIC_SURFACES = ("/", "/feed.atom", "/sitemap.xml", "/data/publications.csv", "/data/publications.json",
                   "/search", "/search?q=满意度", f"/search?q={LEAK}", "/search?q=招商引资")


@pytest.fixture(params=BACKENDS)
def app(request, app_factory):
    return app_factory(JIXIAO_SEARCH_BACKEND=request.param)


def _two_versions(app):
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="WD-01")
        evaluation = approved_evaluation(project, paragraphs=[f"项目由{LEAK}实施，客商满意度较高。"])
        key = f"submission:{evaluation.id}"
        targets = publish("target_table", f"project:{project.id}").id
        v1 = publish("evaluation_result", key).id
        v2 = publish("evaluation_result", key, extras=[LEAK]).id
        db.session.commit()
        return key, targets, v1, v2


def _links_to(html: str, pub_id: int) -> bool:
    return re.search(rf"/publications/{pub_id}(?![0-9])", html) is not None


def _indexed_ids(app, text: str) -> set[str]:
    """What the search index itself holds for ``text`` (no public-query filter)."""
    with app.test_request_context():
        results = backend().search(SearchQuery(text=text, per_page=100))
        return {h.id for h in results.hits}


def _withdraw_as_reviewer(client, login, pub_id: int, reason: str):
    login("reviewer")
    response = client.post(f"/work/public_site/publications/{pub_id}/withdraw",
                           data={"reason": reason, "confirmed": "1"})
    assert response.status_code == 302
    assert "已撤回" in text_of(client.get("/work/public_site/publications"))
    client.post("/work/logout")


def test_withdrawing_the_current_version_takes_every_version_off(app, client, login):
    key, targets, v1, v2 = _two_versions(app)
    citizen = CSRFClient(app)
    # Before: v2 is current, v1 redirects to it, the leaked place is not findable.
    assert citizen.get(f"/publications/{v2}").status_code == 200
    moved = citizen.get(f"/publications/{v1}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/publications/{v2}")
    assert "共找到 0 条" in text_of(citizen.get(f"/search?q={LEAK}"))

    _withdraw_as_reviewer(client, login, v2, REASON)

    with app.app_context():  # the withdrawal's own Beijing date (a run may cross midnight in Beijing)
        from portal.util import local_date
        from public_site.models import Publication

        today = local_date(db.session.get(Publication, v2).withdrawn_at).strftime("%Y年%m月%d日")
    for pub_id in (v1, v2):
        gone = citizen.get(f"/publications/{pub_id}")
        page = text_of(gone)
        assert gone.status_code == 410, pub_id
        assert today in page and "撤回原因：报告中含有评价组长" in page and "已撤回核实" in page
        assert NAME not in gone.get_data(as_text=True)
        assert "现行版本" not in page and LEAK not in page
        assert citizen.get(f"/publications/{pub_id}/document.docx").status_code == 410
    for url in PUBLIC_SURFACES:
        html = citizen.get(url).get_data(as_text=True)
        assert not _links_to(html, v1) and not _links_to(html, v2), url
        assert LEAK not in without_query_echo(html), url
    assert "共找到 0 条" in text_of(citizen.get(f"/search?q={LEAK}"))
    assert "共找到 0 条" in text_of(citizen.get("/search?kind=evaluation_result"))
    # The project page keeps what was not withdrawn (the targets), and nothing of the results.
    project_page = citizen.get("/projects/WD-01").get_data(as_text=True)
    assert _links_to(project_page, targets) and not _links_to(project_page, v1) and not _links_to(project_page, v2)
    # The index itself no longer holds either version.
    assert not {str(v1), str(v2)} & _indexed_ids(app, "满意度")
    assert not {str(v1), str(v2)} & _indexed_ids(app, LEAK)
    # The staff list shows the reason as stored: de-identified too.
    with app.app_context():
        stored = db.session.get(Publication, v2).withdrawal_reason
        assert NAME not in stored and "已撤回核实" in stored

    # Only a new publication brings the item back; the old addresses lead to it.
    with app.test_request_context():
        v3 = publish("evaluation_result", key, extras=[LEAK]).id
        db.session.commit()
    shown = citizen.get(f"/publications/{v3}")
    assert shown.status_code == 200 and "客商满意度较高" in text_of(shown) and LEAK not in text_of(shown)
    moved = citizen.get(f"/publications/{v1}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/publications/{v3}")
    gone = citizen.get(f"/publications/{v2}")  # v2 itself was withdrawn: 410, now with the current version
    assert gone.status_code == 410 and "现行版本" in text_of(gone) and _links_to(gone.get_data(as_text=True), v3)
    found = citizen.get("/search?q=满意度").get_data(as_text=True)
    assert _links_to(found, v3) and not _links_to(found, v1) and not _links_to(found, v2)
    assert {str(v3)} == _indexed_ids(app, "满意度") - {str(targets)}
    for url in ("/feed.atom", "/sitemap.xml", "/data/publications.json"):
        html = citizen.get(url).get_data(as_text=True)
        assert _links_to(html, v3) and not _links_to(html, v1) and not _links_to(html, v2), url


def test_withdrawing_an_old_version_leaves_the_current_one(app, client, login):
    _, _, v1, v2 = _two_versions(app)
    _withdraw_as_reviewer(client, login, v1, "旧版本数据有误")
    citizen = CSRFClient(app)
    assert citizen.get(f"/publications/{v2}").status_code == 200
    gone = citizen.get(f"/publications/{v1}")
    assert gone.status_code == 410 and "旧版本数据有误" in text_of(gone)
    assert "现行版本" in text_of(gone) and _links_to(gone.get_data(as_text=True), v2)
    assert _links_to(citizen.get("/search?q=满意度").get_data(as_text=True), v2)


def test_reindex_keeps_withdrawn_items_out(app, client, login, runner):
    _, targets, v1, v2 = _two_versions(app)
    _withdraw_as_reviewer(client, login, v2, "数据有误")
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "已索引 1 条" in result.output  # the targets only
    assert _indexed_ids(app, "满意度") <= {str(targets)}
    with app.app_context():
        current = db.session.scalars(select(Publication.id).where(Publication.is_current.is_(True))).all()
        assert current == [targets]
