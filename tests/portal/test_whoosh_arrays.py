"""Whoosh searched with arrays gives exactly the results of the earlier per-posting path.

A corpus like ``bench/search.py`` builds (seed sentences, two-character Chinese words such as 资金,
绩效, 整改; facets; scheduled and unscheduled items), written in batches (several segments, merges),
with deletions and re-indexed documents; a set of queries, filters, orders and pages runs through
``search_postings`` (the earlier path) and ``search`` (arrays): totals, facet counts, the order of
the hits, their scores and their snippets are identical.
"""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from portal.search.backend import Document, SearchQuery
from portal.search.whoosh_backend import FACET_FIELDS, WhooshBackend
from tests.conftest import seeds_dir

ON = date(2024, 6, 1)
REGIONS = ("城关镇", "东城镇", "西湖乡", "南山乡")
UNITS = ("县教育局", "县卫生健康委", "县农业农村局", "县交通运输局", "县民政局")
GRADES = ("优", "良", "中", "差")


def _sentences() -> list[str]:
    out = []
    for path in sorted(seeds_dir().glob("0*.txt")):
        for part in re.split(r"(?<=[。；！？])", path.read_text(encoding="utf-8")):
            part = re.sub(r"\s+", "", part)
            if 12 <= len(part) <= 160:
                out.append(part)
    return out


def _document(i: int, pool: list[str], version: int = 0) -> Document:
    rnd = random.Random(i * 7 + version)
    year, unit = 2019 + i % 5, UNITS[i % len(UNITS)]
    visible = None if i % 37 == 0 else (date(2025, 1, 1) if i % 29 == 0 else date(2023, 1 + i % 12, 1))
    return Document(id=str(i), text={"title": f"{unit}第{i}号项目（{year}年度）绩效评价结果",
                                     "summary": rnd.choice(pool),
                                     "body": "".join(rnd.choice(pool) for _ in range(1 + i % 6))},
                    facets={"kind": "evaluation_result" if i % 3 else "target_table", "year": str(year),
                            "region": REGIONS[i % len(REGIONS)], "unit": unit, "grade": GRADES[rnd.randrange(4)],
                            "project_code": f"P-{i:04d}"},
                    visible_from=visible, published=1_700_000_000 + (i * 7919) % 500 * 60)


QUERIES = [
    SearchQuery(text="资金 绩效", filters={"grade": "良"}, facet_fields=FACET_FIELDS),
    SearchQuery(text="资金 绩效", page=2, facet_fields=("grade", "year")),
    SearchQuery(text="绩效", per_page=7, page=3, facet_fields=("unit",)),
    SearchQuery(text="整改", facet_fields=("region", "kind")),
    SearchQuery(text="整改措施"),
    SearchQuery(text="预算执行率", filters={"year": "2021", "unit": "县民政局"}, facet_fields=("grade",)),
    SearchQuery(text="项目", sort="newest", page=2, facet_fields=("year",)),
    SearchQuery(text="满意度", sort="oldest"),
    SearchQuery(text="招商引资 工作经费"),
    SearchQuery(text="资金", page=40),
    SearchQuery(text="没有这个词语xyz"),
    SearchQuery(filters={"region": "西湖乡"}, facet_fields=FACET_FIELDS),
    SearchQuery(sort="oldest", page=3, facet_fields=("kind",)),
    SearchQuery(),
    SearchQuery(text="评价", on=date(2025, 2, 1), per_page=20),
    SearchQuery(text="评价 资金", allowed_ids={str(i) for i in range(0, 400, 3)}, facet_fields=("grade",)),
    SearchQuery(text="绩效", allowed_ids=set()),
    SearchQuery(text="Z", filters={"grade": "无此等级"}),
]


def _same(backend: WhooshBackend, query: SearchQuery):
    if query.on is None:
        query.on = ON
    old, new = backend.search_postings(query), backend.search(query)
    assert backend._arrays.fallbacks == 0
    assert (new.total, new.facets, new.page, new.per_page) == (old.total, old.facets, old.page, old.per_page), query
    assert [(h.id, h.score, h.snippet) for h in new.hits] == [(h.id, h.score, h.snippet) for h in old.hits], query
    return new


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    pool = _sentences()
    backend = WhooshBackend(tmp_path_factory.mktemp("arrays") / "search")
    for first in range(0, 400, 40):  # one write per batch: several segments, merged down to a few
        backend.index(_document(i, pool) for i in range(first, first + 40))
    backend.delete([str(i) for i in range(5, 400, 23)])
    backend.index(_document(i, pool, version=1) for i in range(10, 400, 31))  # updates: deletions in old segments
    return backend, pool


def test_every_query_gives_the_earlier_results(corpus):
    backend, _ = corpus
    found = [_same(backend, query) for query in QUERIES]
    # The corpus is broad like the bench's: the two-word query matches many documents, facets counted.
    assert found[0].total > 10 and found[0].hits and "<mark>" in found[0].hits[0].snippet
    assert found[1].total > 100 and len(found[1].hits) == 10
    assert found[10].total == 0 and found[16].total == 0
    assert dict(found[11].facets["region"]) == {"西湖乡": found[11].total}


def test_results_stay_equal_after_writes_and_with_a_small_postings_cache(corpus):
    backend, pool = corpus
    for query in QUERIES[:4]:
        _same(backend, query)  # fills the caches
    backend.index(_document(i, pool, version=2) for i in range(400, 460))  # a new segment
    backend.delete([str(i) for i in range(1, 60, 4)])  # deletions in cached segments
    backend._arrays.postings.max_postings = 200  # evicts at once
    for query in QUERIES:
        _same(backend, query)
    assert len(backend._arrays.postings) <= 30
    assert backend.search(SearchQuery(text="绩效", on=ON)).total == backend.search_postings(
        SearchQuery(text="绩效", on=ON)).total


def test_one_segment_after_a_rebuild(corpus, tmp_path):
    _, pool = corpus
    backend = WhooshBackend(tmp_path / "search")
    backend.rebuild(_document(i, pool) for i in range(300))
    for query in QUERIES:
        _same(backend, query)


def test_a_segment_of_more_than_5000_documents(corpus, tmp_path):
    """Whoosh builds another matcher tree for segments above 5,000 documents (unions, not an array):
    the scores are still Whoosh's to the last bit, with deletions in that segment too."""
    _, pool = corpus
    backend = WhooshBackend(tmp_path / "search")
    rnd = random.Random(5)
    backend.rebuild(Document(id=str(i), text={"title": f"{UNITS[i % 5]}第{i}号项目绩效评价", "summary": rnd.choice(pool)},
                             facets={"grade": GRADES[i % 4], "year": str(2019 + i % 5)}, visible_from=date(2023, 1, 1),
                             published=i % 977)
                    for i in range(5100))
    backend.delete([str(i) for i in range(0, 5100, 50)])
    for query in (SearchQuery(text="资金 绩效", facet_fields=("grade",)), SearchQuery(text="绩效", page=7),
                  SearchQuery(text="项目 资金", filters={"grade": "良"}, page=3),
                  SearchQuery(text="县教育局 预算", sort="newest", facet_fields=("year",))):
        found = _same(backend, query)
    assert found.total > 0
