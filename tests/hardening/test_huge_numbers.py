"""Numbers beyond what an id column holds are 404 in a path and ignored in a query, on both databases.

SQLite's integers are 64-bit (its driver raises ``OverflowError`` beyond), PostgreSQL's ``integer``
32-bit ("integer out of range").  Ids are read by the ``int`` URL converter and integer query values
by the request's ``type=int`` conversion, both bounded to that range; nothing is fixed page by page.
"""

from __future__ import annotations

import pytest

from tests.conftest import text_of

HUGE = "99999999999999999999999"
#: The largest 64-bit integer: SQLite takes it, PostgreSQL's ``integer`` does not.
INT64_MAX = str(2**63 - 1)
#: The largest value of an ``integer`` column: every database takes it, arithmetic on it (an offset) may not.
INT32_MAX = str(2**31 - 1)

#: Addresses with an id (or a year in the path): one no column holds is "not found", as any unknown id.
ID_PAGES = (
    "/publications/{n}", "/publications/{n}/document.docx", "/work/projects/{n}", "/work/submissions/{n}",
    "/work/files/{n}", "/work/rectification/items/{n}", "/work/rectification/samples/{n}",
    "/work/evaluator_grading/ratings/{n}", "/work/evaluator_grading/panels/{n}",
    "/work/evaluator_grading/ratings/year/{n}", "/work/evaluator_grading/ratings/year/{n}/export.xlsx",
    "/work/submissions/frameworks/evaluation/{n}", "/work/evaluator_grading/rubric/{n}",
)

#: List pages with a huge ``year``, ``page`` or id filter, and what the page still shows.
LIST_PAGES = (
    (f"/work/projects/?year={HUGE}", "项目"),
    (f"/work/projects/?year={INT64_MAX}", "项目"),
    (f"/work/rectification/?year={HUGE}", "整改台账"),
    (f"/work/rectification/?page={HUGE}", "整改台账"),
    (f"/work/rectification/?unit_id={HUGE}", "整改台账"),
    (f"/work/rectification/export.xlsx?year={HUGE}", None),
    (f"/work/rectification/dashboard?year={HUGE}", "统计看板"),
    (f"/work/rectification/dashboard?year={INT64_MAX}", "统计看板"),
    (f"/work/rectification/results?unit_id={HUGE}&year={HUGE}", "结果应用"),
    (f"/work/rectification/results?year={INT64_MAX}", "结果应用"),
    (f"/work/rectification/samples?year={HUGE}", "随机抽查"),
    (f"/work/admin/audit/?page={HUGE}", "安全审计日志"),
    (f"/work/admin/audit/?page={INT64_MAX}", "安全审计日志"),
    (f"/work/admin/audit/?page={INT32_MAX}", "安全审计日志"),
    (f"/work/projects/?year={INT32_MAX}", "项目"),
    (f"/work/evaluator_grading/ratings/year/{INT32_MAX}", "执业质量评价"),
    (f"/work/admin/users?org={HUGE}", "用户"),
    (f"/work/evaluator_grading/engagements?year={HUGE}", "委托"),
    (f"/work/evaluator_grading/engagements?year={INT64_MAX}", "委托"),
    (f"/search?page={HUGE}", "公开信息查询"),
    (f"/search?year={HUGE}", "公开信息查询"),
    ("/search?page=²", "公开信息查询"),
)


@pytest.mark.parametrize("principal", ["admin", "reviewer", "unit"])
def test_ids_no_column_holds_are_not_found(login, principal):
    client = login(principal)
    for url in (page.format(n=n) for page in ID_PAGES for n in (HUGE, INT64_MAX, 2**31)):
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
        assert "页面不存在" in text_of(response), url


def test_anonymous_huge_publication_id_is_not_found(client, world):
    for url in (f"/publications/{HUGE}", f"/publications/{HUGE}/document.docx", f"/publications/{INT64_MAX}",
                f"/publications/{INT32_MAX}", f"/publications/{2**31}"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("url,shown", LIST_PAGES)
def test_huge_query_values_are_ignored(login, url, shown):
    client = login("admin")
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if shown:
        assert shown in text_of(response), url


def test_a_huge_value_is_ignored_like_any_other_bad_value(login):
    """``?year=<huge>`` lists what ``?year=abc`` lists: every year."""
    client = login("reviewer")
    assert text_of(client.get(f"/work/projects/?year={HUGE}")) == text_of(client.get("/work/projects/?year=abc"))


@pytest.mark.parametrize("kind,key", [
    ("evaluation_result", f"submission:{HUGE}"), ("target_table", f"project:{HUGE}"),
    ("firm_rating", f"firm_rating:{HUGE}"), ("rectification_summary", f"project:{HUGE}"),
    ("evaluation_result", "submission:²"), ("target_table", "project:١٢"), ("evaluation_result", "submission:-1"),
])
def test_preview_of_a_key_beyond_64_bits_is_not_found(login, kind, key):
    client = login("reviewer")
    response = client.get("/work/public_site/preview", query_string={"kind": kind, "key": key})
    assert response.status_code == 404, (kind, key, response.status_code)
