"""The main menu: the bureau's many entries gathered under drop-down groups, a lone group entry flat."""

from __future__ import annotations

import re

from portal.hooktypes import MenuItem
from portal.ui import MenuGroup, menu_entries
from tests.conftest import do_login


def _menu(html: str) -> str:
    return re.search(r'<nav class="mainnav".*?</nav>', html, flags=re.S).group(0)


def _groups(menu: str) -> dict[str, list[str]]:
    return {m.group(1): re.findall(r">([^<]+)</a>", m.group(2))
            for m in re.finditer(r"<summary[^>]*>([^<]+)</summary>(.*?)</details>", menu, flags=re.S)}


def test_the_reviewer_finds_the_year_and_reference_pages_under_their_groups(client, world):
    do_login(client, "reviewer", world["passwords"]["reviewer"])
    menu = _menu(client.get("/work/calendar/2026").get_data(as_text=True))
    groups = _groups(menu)
    assert groups["年度管理"] == ["工作日历", "全覆盖", "结果应用"]
    assert groups["基础数据"] == ["部门整体支出", "指标库"]
    # the page's own entry is marked, and so is the heading of its group
    assert re.search(r'<summary class="active">年度管理</summary>', menu)
    assert re.search(r'class="active" aria-current="page">工作日历</a>', menu)
    # everyday entries stay on the bar
    top = re.sub(r"<details>.*?</details>", "", menu, flags=re.S)
    assert all(f">{label}</a>" in top for label in ("工作台", "项目", "申报与评价", "事前评估"))


def test_a_unit_sees_its_one_entry_of_a_group_flat(client, world):
    do_login(client, "unit", world["passwords"]["unit"])
    menu = _menu(client.get("/work/").get_data(as_text=True))
    assert "<details>" not in menu and ">部门整体支出</a>" in menu


def test_menu_entries_place_a_group_where_its_first_entry_stands():
    items = [MenuItem("甲", "/a", 10), MenuItem("乙", "/b", 20, group="组"), MenuItem("丙", "/c", 30),
             MenuItem("丁", "/d", 40, group="组"), MenuItem("戊", "/e", 50, group="独")]
    entries = menu_entries(items)
    assert [e.label for e in entries] == ["甲", "组", "丙", "戊"]
    assert isinstance(entries[1], MenuGroup) and [i.label for i in entries[1].items] == ["乙", "丁"]
    assert isinstance(entries[3], MenuItem)
