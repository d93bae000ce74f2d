"""The Whoosh index keeps few segments however it is written, and finds everything it holds."""

from __future__ import annotations

from datetime import date

from whoosh import index as whoosh_index

from portal.search.backend import Document, SearchQuery
from portal.search.whoosh_backend import MAX_SEGMENTS, WhooshBackend

PAST = date(2024, 1, 1)


def _segments(folder) -> int:
    return len(whoosh_index.open_dir(str(folder)).reader().leaf_readers()) if folder.exists() else 0


def test_batches_are_merged_down_to_a_few_segments(tmp_path):
    backend = WhooshBackend(tmp_path / "search")
    for batch in range(20):
        backend.index(Document(id=f"{batch}-{n}", text={"title": f"第{batch}批", "body": "项目资金绩效评价整改"},
                               visible_from=PAST)
                      for n in range(25))
        assert _segments(tmp_path / "search") <= MAX_SEGMENTS
    backend.delete([f"0-{n}" for n in range(25)])
    found = backend.search(SearchQuery(text="绩效 整改", per_page=5))
    assert found.total == 19 * 25 and len(found.hits) == 5


def test_rebuild_writes_one_segment_with_progress(tmp_path):
    backend = WhooshBackend(tmp_path / "search")
    seen = []
    docs = (Document(id=str(n), text={"title": "招商引资", "body": f"第{n}号报告"}, visible_from=PAST) for n in range(450))
    assert backend.rebuild(docs, progress=seen.append) == 450
    assert sum(seen) == 450 and _segments(tmp_path / "search") == 1
    assert backend.search(SearchQuery(text="招商引资")).total == 450


def test_a_rebuild_never_serves_the_old_index_columns(tmp_path):
    """Cached columns belong to one index: after a rebuild (new numbering) searches see the new documents."""
    backend = WhooshBackend(tmp_path / "search")
    backend.rebuild([Document(id="old", text={"title": "整改报告"}, visible_from=PAST)])
    assert [h.id for h in backend.search(SearchQuery(text="整改", allowed_ids={"old"})).hits] == ["old"]
    backend.rebuild([Document(id="new", text={"title": "整改报告"}, visible_from=PAST)])
    found = backend.search(SearchQuery(text="整改", allowed_ids={"new"}))
    assert [h.id for h in found.hits] == ["new"] and found.total == 1


def test_a_new_index_without_documents_finds_nothing(tmp_path):
    """A fresh instance's index has no segment yet: every search answers "nothing", with empty facets."""
    backend = WhooshBackend(tmp_path / "search")
    for query in (SearchQuery(), SearchQuery(text="绩效", facet_fields=("year", "kind")),
                  SearchQuery(filters={"year": "2022"}, sort="newest", page=2)):
        found = backend.search(query)
        assert (found.total, found.hits) == (0, [])
        assert found.facets == {name: [] for name in query.facet_fields}
    # Everything deleted again: still an answer, not an error.
    backend.index([Document(id="1", text={"title": "绩效评价"}, visible_from=PAST)])
    backend.delete(["1"])
    assert backend.search(SearchQuery(text="绩效")).total == 0
