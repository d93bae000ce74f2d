"""项目 as a list that finds things: keyword, filters, sort, pages, export, and another unit's rows never."""

from __future__ import annotations

import dataclasses
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from portal.accounts.operations import create_organisation
from portal.extensions import db
from portal.projects.operations import create_project
from tests.conftest import text_of
from tests.portal.workflow.helpers import UNIT, org

EDU = "阿克陶县教育局"


def project(code, name, unit, year, budget, kind="project", category="一般公共预算"):
    return create_project(code=code, name=name, unit=org(unit), fiscal_year=year, kind=kind, category=category,
                          funding={"local": {"budget": Decimal(budget), "allocated": Decimal(budget),
                                             "spent": Decimal("1")}})


@pytest.fixture
def projects(app):
    with app.test_request_context():
        project("ZS-2023-001", "招商引资工作经费", UNIT, 2023, "4")
        project("ZS-2022-001", "招商引资工作经费", UNIT, 2022, "3.5")
        project("JY-2023-001", "学生资助经费", EDU, 2023, "120")
        project("JY-2023-900", "=cmd|' /C calc'!A0", EDU, 2023, "8", kind="department", category="政府性基金预算")
        bureau = create_organisation(name="尉犁县财政局", kind="bureau", region="尉犁县", parent=None)
        create_organisation(name="尉犁县教育局", kind="unit", region="尉犁县", parent=bureau)
        project("YL-2023-001", "学生资助经费（尉犁）", "尉犁县教育局", 2023, "50")
        db.session.commit()


def codes(response) -> list[str]:
    body = response.get_data(as_text=True).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<td>([A-Z]{2}-\d{4}-\d{3})</td>", body)


def test_keyword_filters_and_access(client, login, projects):
    login("reviewer")
    assert sorted(codes(client.get("/work/projects/"))) == ["JY-2023-001", "JY-2023-900", "ZS-2022-001",
                                                            "ZS-2023-001"]
    assert sorted(codes(client.get("/work/projects/?q=资助"))) == ["JY-2023-001"]
    assert sorted(codes(client.get("/work/projects/?q=教育局"))) == ["JY-2023-001", "JY-2023-900"]
    assert codes(client.get("/work/projects/?q=ZS-2022")) == ["ZS-2022-001"]
    assert sorted(codes(client.get("/work/projects/?year=2022"))) == ["ZS-2022-001"]
    assert codes(client.get("/work/projects/?kind=department")) == ["JY-2023-900"]
    assert codes(client.get("/work/projects/?category=政府性基金预算")) == ["JY-2023-900"]
    with client.app.app_context():
        edu = org(EDU).id
    assert sorted(codes(client.get(f"/work/projects/?unit_id={edu}"))) == ["JY-2023-001", "JY-2023-900"]
    for bad in ("year=x", "unit_id=99999999999", "kind=zz", "category=x", "sort=;drop", "page=-1"):
        assert len(codes(client.get(f"/work/projects/?{bad}"))) == 4, bad
    login("unit")
    assert sorted(codes(client.get("/work/projects/"))) == ["ZS-2022-001", "ZS-2023-001"]
    assert codes(client.get(f"/work/projects/?unit_id={edu}&q=资助")) == []


def test_sort_pages_and_export(client, login, projects, monkeypatch):
    from portal.projects import views

    login("section")
    assert codes(client.get("/work/projects/?sort=-budget")) == ["JY-2023-001", "JY-2023-900", "ZS-2023-001",
                                                                 "ZS-2022-001"]
    assert codes(client.get("/work/projects/?sort=code")) == ["JY-2023-001", "JY-2023-900", "ZS-2022-001",
                                                              "ZS-2023-001"]
    monkeypatch.setattr(views, "LIST_SPEC", dataclasses.replace(views.LIST_SPEC, page_size=3))
    first = client.get("/work/projects/?sort=code&year=2023")
    assert codes(first) == ["JY-2023-001", "JY-2023-900", "ZS-2023-001"]
    assert "第" not in text_of(first).split("共 3 个项目")[1].split("预算数")[0]
    page2 = client.get("/work/projects/?sort=code&page=2")
    assert codes(page2) == ["ZS-2023-001"] and "第 2 / 2 页，共 4 条" in text_of(page2)
    assert 'href="/work/projects/?sort=code" rel="prev"' in page2.get_data(as_text=True)
    sheet = load_workbook(io.BytesIO(client.get("/work/projects/export.xlsx?sort=-budget&page=2").data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("预算年度", "项目编码", "项目名称", "预算单位")
    assert [r[1] for r in rows[2:]] == ["JY-2023-001", "JY-2023-900", "ZS-2023-001", "ZS-2022-001"]
    assert rows[2][6] == 120 and isinstance(rows[2][6], int | float)  # 预算数 stays a number
    assert rows[3][2].startswith("'=cmd")  # a formula stays text
    assert "尉犁" not in str(rows)
    login("unit2")
    rows = list(load_workbook(io.BytesIO(client.get("/work/projects/export.xlsx").data)).active.iter_rows(
        values_only=True))
    assert sorted(r[1] for r in rows[2:]) == ["JY-2023-001", "JY-2023-900"]
