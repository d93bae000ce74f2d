"""The list helper alone: what it accepts from a query string and the links it writes back."""

from __future__ import annotations

from sqlalchemy import column, select

from portal.listing import ListParams, ListSpec, choice, positive_int
from portal.web import BoundedParameters

SPEC = ListSpec(sorts={"code": (column("code"),), "year": (column("year"),)}, default_sort="-year",
                tiebreak=column("id"), filters={"year": positive_int, "kind": choice({"a", "b"})})


def parse(**args) -> ListParams:
    return ListParams.parse(SPEC, BoundedParameters(args))


def test_values_outside_what_the_list_declares_are_ignored():
    params = parse(year="2023", kind="a", q="  招商 ", sort="-code", page="3", other="x")
    assert (params.filters, params.q, params.sort, params.descending, params.page) == (
        {"year": 2023, "kind": "a"}, "招商", "code", True, 3)
    bad = parse(year="99999999999", kind="z", sort="drop table", page="-2", q="长" * 500)
    assert bad.filters == {} and (bad.sort, bad.descending, bad.page) == ("year", True, 1) and len(bad.q) == 100
    assert parse(year="0").filters == {} and parse(year="abc").filters == {}


def test_links_keep_the_filters_and_toggle_the_current_header():
    params = parse(year="2023", q="经费", sort="code", page="2")
    assert params.args() == {"q": "经费", "year": 2023, "sort": "code", "page": 2}
    assert params.sort_args("code") == {"q": "经费", "year": 2023, "sort": "-code"}  # toggled, first page
    assert params.sort_args("year") == {"q": "经费", "year": 2023, "sort": "year"}
    assert params.args(page=1) == {"q": "经费", "year": 2023, "sort": "code"}  # page 1 has one address
    assert parse().args() == {}  # the default order is not written out
    assert (params.sort_mark("code"), params.sort_mark("year")) == ("▲", "")
    assert params.aria_sort("code") == "ascending"


def test_the_order_is_total_and_the_keyword_escapes_wildcards():
    sql = str(parse(sort="-code").ordered(select(column("id"))))
    assert sql.endswith("ORDER BY code DESC NULLS LAST, id DESC")
    condition = str(parse(q="50%_").keyword(column("name")).compile(compile_kwargs={"literal_binds": True}))
    assert "ESCAPE '/'" in condition and "50/%/_" in condition
    assert parse().keyword(column("name")) is None
