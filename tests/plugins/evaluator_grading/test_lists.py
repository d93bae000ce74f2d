"""委托 and 执业质量评价 as lists that find things: keyword, filters, sort, pages, export, and another bureau's rows never."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from portal.accounts.operations import create_organisation, create_user
from portal.extensions import db
from portal.projects.operations import create_project
from tests.conftest import CSRFClient, do_login, text_of
from tests.plugins.evaluator_grading.helpers import FIRM_A, FIRM_B, as_user
from tests.portal.workflow.helpers import UNIT, org, user

EDU = "阿克陶县教育局"


def _engage(firm, code, name, unit, deadline, amount, reviewer):
    from plugins.evaluator_grading.models import Engagement

    project = create_project(code=code, name=name, unit=org(unit), fiscal_year=2023, kind="project",
                             category="一般公共预算",
                             funding={"local": {"budget": Decimal("10"), "allocated": Decimal("10"),
                                                "spent": Decimal("1")}})
    db.session.add(Engagement(bureau_id=reviewer.bureau_id, firm_id=firm.id, project_id=project.id,
                              deadline=deadline, contract_amount=Decimal(amount), created_by_id=reviewer.id))


@pytest.fixture
def engaged(app):
    """Three engagements of 2023 here (two firms, two units), ratings of two firms, and a foreign bureau's."""
    from plugins.evaluator_grading.models import FirmRating

    with app.test_request_context():
        reviewer = user("reviewer")
        _engage(org(FIRM_A), "ZS-2023-001", "招商引资工作经费", UNIT, date(2024, 3, 31), "3.50", reviewer)
        _engage(org(FIRM_A), "JY-2023-001", "学生资助经费", EDU, date(2024, 5, 31), "12.00", reviewer)
        _engage(org(FIRM_B), "JY-2023-002", "营养改善计划", EDU, date(2024, 4, 30), "2.00", reviewer)
        for firm, composite, level, state in ((FIRM_A, "92.50", "A", "final"), (FIRM_B, "71.00", "C", "open")):
            db.session.add(FirmRating(bureau_id=reviewer.bureau_id, firm_id=org(firm).id, fiscal_year=2023,
                                      state=state, composite=Decimal(composite), level=level,
                                      quality=Decimal(composite), breakdown={}))
        bureau = create_organisation(name="尉犁县财政局", kind="bureau", region="尉犁县", parent=None)
        create_organisation(name="尉犁县教育局", kind="unit", region="尉犁县", parent=bureau)
        foreign_firm = create_organisation(name="尉犁某评价公司", kind="firm", region="尉犁县", parent=bureau)
        foreign_reviewer = create_user(username="yuli_reviewer", full_name="某某", org=bureau,
                                       roles=["bureau_reviewer"], password="Foreign-pass-1",
                                       must_change_password=False)
        _engage(foreign_firm, "YL-2023-001", "学生资助经费（尉犁）", "尉犁县教育局", date(2024, 5, 1), "9",
                foreign_reviewer)
        db.session.add(FirmRating(bureau_id=bureau.id, firm_id=foreign_firm.id, fiscal_year=2023, state="final",
                                  composite=Decimal("99"), level="A", breakdown={}))
        db.session.commit()


def codes(response) -> list[str]:
    body = response.get_data(as_text=True).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<td>([A-Z]{2}-\d{4}-\d{3})</td>", body)


def test_engagements_keyword_filter_sort_pages_export(app, world, engaged, monkeypatch):
    from plugins.evaluator_grading import lists

    client = as_user(app, "reviewer", world["passwords"]["reviewer"])
    base = "/work/evaluator_grading/engagements?year=2023"
    assert codes(client.get(base)) == ["ZS-2023-001", "JY-2023-002", "JY-2023-001"]  # by deadline
    assert sorted(codes(client.get(base + "&q=教育局"))) == ["JY-2023-001", "JY-2023-002"]
    assert codes(client.get(base + "&q=明德")) == ["JY-2023-002"]
    assert codes(client.get(base + "&q=营养")) == ["JY-2023-002"]
    with app.app_context():
        firm_a = org(FIRM_A).id
    assert codes(client.get(f"{base}&firm_id={firm_a}")) == ["ZS-2023-001", "JY-2023-001"]
    assert codes(client.get(base + "&sort=-amount")) == ["JY-2023-001", "ZS-2023-001", "JY-2023-002"]
    for bad in ("&firm_id=abc", "&firm_id=99999999999", "&sort=x", "&page=-4"):
        assert len(codes(client.get(base + bad))) == 3, bad
    monkeypatch.setattr(lists, "ENGAGEMENT_SPEC", dataclasses.replace(lists.ENGAGEMENT_SPEC, page_size=2))
    first = client.get(base + "&sort=code")
    assert codes(first) == ["JY-2023-001", "JY-2023-002"]
    next_link = re.search(r'href="([^"]+)" rel="next"', first.get_data(as_text=True)).group(1).replace("&amp;", "&")
    assert "year=2023" in next_link and "sort=code" in next_link
    assert codes(client.get(next_link)) == ["ZS-2023-001"]
    response = client.get("/work/evaluator_grading/engagements/export.xlsx?year=2023&sort=code&page=2")
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("预算年度", "项目编码", "项目名称", "预算单位", "第三方机构")
    assert [r[1] for r in rows[2:]] == ["JY-2023-001", "JY-2023-002", "ZS-2023-001"]  # every page
    assert rows[2][6] == 12 and "尉犁" not in str(rows)
    other = CSRFClient(app)
    assert do_login(other, "yuli_reviewer", "Foreign-pass-1").status_code == 302
    assert codes(other.get(base)) == ["YL-2023-001"]
    assert codes(other.get(base + f"&firm_id={firm_a}&q=招商")) == []


def test_ratings_keyword_filters_sort_and_export(app, world, engaged):
    client = as_user(app, "reviewer", world["passwords"]["reviewer"])
    base = "/work/evaluator_grading/ratings/year/2023"

    def firms(response):
        table = response.get_data(as_text=True).split("<h2>评价结果</h2>", 1)[1].split("</table>", 1)[0]
        return re.findall(r"<tr><td>([^<]+)</td>", table)

    assert firms(client.get(base)) == [FIRM_A, FIRM_B]  # best first
    assert firms(client.get(base + "?sort=composite")) == [FIRM_B, FIRM_A]
    assert firms(client.get(base + "?q=明德")) == [FIRM_B]
    assert firms(client.get(base + "?level=A")) == [FIRM_A]
    assert firms(client.get(base + "?state=open")) == [FIRM_B]
    assert "没有符合条件的评价" in text_of(client.get(base + "?level=D"))
    assert firms(client.get(base + "?level=Z&state=zz&sort=bad")) == [FIRM_A, FIRM_B]
    html = client.get(base + "?state=final").get_data(as_text=True)
    assert "export.xlsx?state=final" in html
    assert "尉犁" not in text_of(client.get(base))
    sheet = load_workbook(io.BytesIO(client.get(base + "/export.xlsx?level=C").data))["执业质量评价"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [FIRM_B]
    sheet = load_workbook(io.BytesIO(client.get(base + "/export.xlsx?sort=composite").data))["执业质量评价"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [FIRM_B, FIRM_A]
