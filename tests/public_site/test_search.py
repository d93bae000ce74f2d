"""Chinese search: words of seed 003, satisfaction, two-character words, facets, highlighting, paging, dates.

Every test runs on each search backend: ``whoosh`` always, ``postgres`` when the suite runs on PostgreSQL.
"""

from __future__ import annotations

import re

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


def hits(response) -> list[int]:
    """The publication ids listed as results, in order, on a search page that answered 200."""
    assert response.status_code == 200, f"search answered {response.status_code}"
    html = response.get_data(as_text=True)
    listing = re.search(r'<ul class="pub-list">(.*?)</ul>', html, flags=re.S)
    return [int(i) for i in re.findall(r'href="/publications/(\d+)"', listing.group(1))] if listing else []


def links(response) -> set[int]:
    """Every publication id linked from a page that answered 200 (feeds, sitemap, open data, home)."""
    assert response.status_code == 200, f"{response.request.path} answered {response.status_code}"
    return {int(i) for i in re.findall(r"/publications/(\d+)", response.get_data(as_text=True))}


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


def test_chinese_words_facets_and_highlighting(app, client):
    ids = _publish_reports(app)
    page = client.get("/search?q=招商引资")
    assert set(hits(page)) == set(ids.values())  # the project's name is in every title
    assert "<mark>招商引资</mark>" in page.get_data(as_text=True)
    assert set(hits(client.get("/search?q=满意度"))) == {ids["seed"], ids["other"]}
    # Two-character words inside longer ones: 整改 is in seed 003 and in "已按期完成整改"; 绩效 only in seed 003.
    for word, expected in (("整改", {ids["seed"], ids["other"]}), ("绩效", {ids["seed"]})):
        found = client.get(f"/search?q={word}")
        assert set(hits(found)) == expected, word
        assert f"<mark>{word}</mark>" in found.get_data(as_text=True)
    # Facets show counts and filter.
    listing = text_of(client.get("/search"))
    assert "评价等级" in listing and "共找到 3 条" in listing
    filtered = text_of(client.get("/search?q=满意度&grade=优&kind=evaluation_result"))
    assert "共找到 2 条" in filtered
    assert "共找到 0 条" in text_of(client.get("/search?q=满意度&year=1999"))


def test_paging_shows_the_rest_on_the_next_page(app, client):
    from public_site.views import PER_PAGE

    with app.test_request_context():
        set_dates(2022, PAST)
        ids = {publish("target_table", f"project:{project_with_targets(code=f'PAGE-{n:02d}').id}").id
               for n in range(1, PER_PAGE + 3)}
        db.session.commit()
    first = client.get("/search?q=招商引资")
    one = hits(first)
    assert f"共找到 {PER_PAGE + 2} 条" in text_of(first) and "第 1 / 2 页" in text_of(first)
    assert "/search?q=%E6%8B%9B%E5%95%86%E5%BC%95%E8%B5%84&amp;page=2" in first.get_data(as_text=True)
    second = client.get("/search?q=招商引资&page=2")
    two = hits(second)
    assert "第 2 / 2 页" in text_of(second)
    assert len(one) == PER_PAGE and len(two) == 2 and not set(one) & set(two) and set(one) | set(two) == ids
    assert hits(client.get("/search?q=招商引资&page=3")) == []


def test_scheduled_items_are_invisible_until_their_date(app, client):
    with app.test_request_context():
        set_dates(2022, FUTURE)
        project = project_with_targets(code="LATER-01")
        pub = publish("target_table", f"project:{project.id}")
        db.session.commit()
        pub_id = pub.id
    assert client.get(f"/publications/{pub_id}").status_code == 404
    assert hits(client.get("/search?q=招商引资")) == []
    for url in ("/data/publications.json", "/feed.atom", "/sitemap.xml", "/"):
        assert pub_id not in links(client.get(url)), url
    with app.test_request_context():
        set_dates(2022, PAST)
        db.session.commit()
    assert client.get(f"/publications/{pub_id}").status_code == 200
    assert hits(client.get("/search?q=招商引资")) == [pub_id]
    assert pub_id in links(client.get("/feed.atom")) and pub_id in links(client.get("/sitemap.xml"))


def test_new_version_supersedes_and_old_address_redirects(app, client):
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="VER-01")
        first = publish("target_table", f"project:{project.id}").id
        second = publish("target_table", f"project:{project.id}").id
        db.session.commit()
    moved = client.get(f"/publications/{first}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/publications/{second}")
    assert hits(client.get("/search?q=招商引资")) == [second]
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
    # An empty index answers with no results (not an error page, whose body holds no link either).
    empty = app.test_client().get("/search?q=招商引资")
    assert hits(empty) == [] and "共找到 0 条" in text_of(empty)
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "已索引 3 条" in result.output
    assert set(hits(app.test_client().get("/search?q=招商引资"))) == set(ids.values())


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
    assert hits(found) == [ids["seed"]] and "共找到 1 条" in text_of(found)
    assert "共找到 2 条" in text_of(client.get("/search"))
