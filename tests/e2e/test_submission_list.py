"""申报与评价 in Chromium: the section filters, sorts by a header, pages on, and reviews rows in bulk."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import clone_demo, demo_server, follow, shot, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def small_pages_server(tmp_path_factory, demo_template):
    """The demo county served with 3 rows a page (``JIXIAO_LIST_PAGE_SIZE``), so its lists have pages."""
    instance, database_url = clone_demo(demo_template, tmp_path_factory.mktemp("lists"))
    (instance / "config.py").write_text("JIXIAO_LIST_PAGE_SIZE = 3\n", encoding="utf-8")
    with demo_server(instance, database_url, prepared=True) as url:
        yield url


def _column(page, index: int) -> list[str]:
    return [c.strip() for c in page.locator(f"table.table tbody tr td:nth-child({index})").all_inner_texts()]


def test_section_filters_sorts_and_pages(small_pages_server, page):
    url = small_pages_server
    sign_in(page, url, "section")
    follow(page, page.get_by_role("link", name="申报与评价").first)
    page.select_option("select[name=state]", label="已通过")
    follow(page, page.get_by_role("button", name="查询"))
    assert "state=approved" in page.url
    total = int(page.locator(".list-tools .muted").first.inner_text().split()[1])
    assert total > 3
    follow(page, page.get_by_role("link", name="项目编码"))
    assert "sort=code" in page.url and "state=approved" in page.url
    # Column 1 is the bulk checkbox for the section; year is 2, code 3, state 8.
    first_page = _column(page, 3)
    assert first_page == sorted(first_page) and len(first_page) == 3
    assert set(_column(page, 8)) == {"已通过"}
    follow(page, page.get_by_role("link", name="下一页"))
    assert "page=2" in page.url and "sort=code" in page.url and "state=approved" in page.url
    second_page = _column(page, 3)
    assert second_page and min(second_page) >= max(first_page)
    assert set(_column(page, 8)) == {"已通过"}
    assert f"第 2 / {-(-total // 3)} 页，共 {total} 条" in page.locator(".pager").inner_text()
    assert page.locator("select[name=state]").input_value() == "approved"  # the form shows the filter kept
    shot(page, "submission_list_filtered_sorted_page2")

    # The header sorts the other way round.
    follow(page, page.get_by_role("link", name="项目编码"))
    assert "sort=-code" in page.url and "page=" not in page.url  # back to the first page
    descending = _column(page, 3)
    assert descending == sorted(descending, reverse=True)


def test_section_reviews_in_bulk_after_a_confirmation(small_pages_server, page):
    url = small_pages_server
    sign_in(page, url, "section")
    page.goto(url + "/work/submissions/?state=submitted")
    boxes = page.locator("input[name=ids]")
    assert boxes.count() >= 1
    boxes.first.check()
    follow(page, page.get_by_role("button", name="批量初审通过…"))
    expect(page.locator("h1")).to_contain_text("批量初审通过", use_inner_text=True)
    assert "将初审通过" in page.locator("table.table").inner_text()
    shot(page, "submission_list_bulk_confirm")
    follow(page, page.get_by_role("button", name="确认初审通过"))
    expect(page.locator("main")).to_contain_text("已办理（1 份）", use_inner_text=True)
    assert "待审核" in page.locator("table.table").first.inner_text()
    shot(page, "submission_list_bulk_done")


def test_header_search_finds_only_what_the_user_may_see(small_pages_server, page):
    url = small_pages_server
    sign_in(page, url, "unit")  # 阿克陶县商务科技和工业信息化局
    page.fill(".topsearch input[name=q]", "招商")
    with page.expect_navigation(url="**/work/search?q=*"):
        page.press(".topsearch input[name=q]", "Enter")
    main = page.locator("main").inner_text()
    assert "项目（" in main and "招商引资工作经费" in main and "申报与评价材料（" in main
    shot(page, "workspace_search_unit")
    page.fill(".topsearch input[name=q]", "幼儿资助")  # 教育局's project
    with page.expect_navigation(url="**/work/search?q=*"):
        page.press(".topsearch input[name=q]", "Enter")
    expect(page.locator("main")).to_contain_text("没有找到", use_inner_text=True)
