"""Chinese search: words of seed 003, satisfaction, two-character words, facets, highlighting, paging, dates.

Every test runs on each search backend: ``whoosh`` always, ``postgres`` when the suite runs on PostgreSQL.
"""

from __future__ import annotations

import pytest

from portal.extensions import db
from tests.conftest import PG_URL, text_of
from tests.portal.files.samples import seed_text
from tests.public_site.helpers import (
    FUTURE,
    PAST,
    approved_evaluation,
    project_with_targets,
    publish,
    set_dates,
)

BACKENDS = ["whoosh", pytest.param("postgres", marks=pytest.mark.skipif(
    not PG_URL, reason="the postgres search backend needs JIXIAO_TEST_DATABASE_URL (PostgreSQL)"))]


@pytest.fixture(params=BACKENDS)
def app(request, app_factory):
    """The app on each search backend (the test's client and runner follow it)."""
    return app_factory(JIXIAO_SEARCH_BACKEND=request.param)


def _publish_reports(app):
    with app.test_request_context():
        set_dates(2022, PAST)
        seed = project_with_targets(code="SEED-003")
        seed_report = approved_evaluation(seed, paragraphs=[line for line in seed_text("003").splitlines()
                                                            if line.strip()][:200])
        other = project_with_targets(code="OTHER-01")
        other_report = approved_evaluation(other, paragraphs=["受助家庭满意度调查结果为96%。", "已按期完成整改。"])
        third = project_with_targets(code="THIRD-01")
        third_report = approved_evaluation(third, paragraphs=["资金拨付及时，项目按期完工。"], findings=["台账不完整"])
        ids = {name: publish("evaluation_result", f"submission:{s.id}").id
               for name, s in (("seed", seed_report), ("other", other_report), ("third", third_report))}
        db.session.commit()
        return ids


def test_chinese_words_facets_highlighting_and_paging(app, client):
    ids = _publish_reports(app)
    page = client.get("/search?q=招商引资")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and f"/publications/{ids['seed']}" in html
    assert "<mark>招商引资</mark>" in html
    satisfied = client.get("/search?q=满意度").get_data(as_text=True)
    assert f"/publications/{ids['seed']}" in satisfied and f"/publications/{ids['other']}" in satisfied
    assert f"/publications/{ids['third']}" not in satisfied
    for word in ("整改", "绩效"):
        found = client.get(f"/search?q={word}").get_data(as_text=True)
        assert f"/publications/{ids['other']}" in found or f"/publications/{ids['seed']}" in found, word
        assert f"<mark>{word}</mark>" in found
    # Facets show counts and filter.
    listing = text_of(client.get("/search"))
    assert "评价等级" in listing and "共找到 3 条" in listing
    filtered = text_of(client.get("/search?q=满意度&grade=优&kind=evaluation_result"))
    assert "共找到 2 条" in filtered
    assert "共找到 0 条" in text_of(client.get("/search?q=满意度&year=1999"))
    # Pagination: 3 results, forced to one per page through the URL is not possible; use the page arg.
    assert "没有找到" in text_of(client.get("/search?q=满意度&page=5"))


def test_scheduled_items_are_invisible_until_their_date(app, client):
    with app.test_request_context():
        set_dates(2022, FUTURE)
        project = project_with_targets(code="LATER-01")
        pub = publish("target_table", f"project:{project.id}")
        db.session.commit()
        pub_id = pub.id
    assert client.get(f"/publications/{pub_id}").status_code == 404
    for url in ("/search?q=招商引资", "/data/publications.json", "/feed.atom", "/sitemap.xml", "/"):
        assert f"/publications/{pub_id}" not in client.get(url).get_data(as_text=True), url
    with app.test_request_context():
        set_dates(2022, PAST)
        db.session.commit()
    assert client.get(f"/publications/{pub_id}").status_code == 200
    assert f"/publications/{pub_id}" in client.get("/search?q=招商引资").get_data(as_text=True)


def test_new_version_supersedes_and_old_address_redirects(app, client):
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="VER-01")
        first = publish("target_table", f"project:{project.id}").id
        second = publish("target_table", f"project:{project.id}").id
        db.session.commit()
    moved = client.get(f"/publications/{first}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/publications/{second}")
    found = client.get("/search?q=招商引资").get_data(as_text=True)
    assert f"/publications/{second}" in found and f"/publications/{first}\"" not in found
    response = client.get(f"/publications/{second}")
    assert response.headers["Cache-Control"].startswith("public")


def test_reindex_rebuilds_from_publications(app, runner):
    ids = _publish_reports(app)
    import shutil
    from pathlib import Path

    from portal.search.models import SearchDocument
    from portal.search.service import backend

    with app.app_context():
        if app.config["JIXIAO_SEARCH_BACKEND"] == "whoosh":
            shutil.rmtree(Path(app.instance_path) / "search")
            backend().__init__(Path(app.instance_path) / "search")
        else:
            db.session.execute(db.delete(SearchDocument))
            db.session.commit()
    assert f"/publications/{ids['seed']}" not in app.test_client().get("/search?q=招商引资").get_data(as_text=True)
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "已索引 3 条" in result.output
    client = app.test_client()
    assert f"/publications/{ids['seed']}" in client.get("/search?q=招商引资").get_data(as_text=True)


def test_withdrawn_items_leave_results_and_facet_counts(app, client):
    ids = _publish_reports(app)
    assert "共找到 2 条" in text_of(client.get("/search?q=满意度"))
    with app.test_request_context():
        from public_site import operations
        from public_site.models import Publication
        from tests.public_site.helpers import user

        operations.withdraw(db.session.get(Publication, ids["other"]), user("reviewer"), "数据有误")
        db.session.commit()
    found = client.get("/search?q=满意度")
    assert f"/publications/{ids['other']}" not in found.get_data(as_text=True)
    assert "共找到 1 条" in text_of(found)
    assert "共找到 2 条" in text_of(client.get("/search"))
