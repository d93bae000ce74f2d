"""The search box in the workspace header (/work/search): what each user finds, and what they never find."""

from __future__ import annotations

from datetime import date

import pytest

from portal.accounts.operations import create_organisation, create_user
from portal.extensions import db
from tests.conftest import do_login, text_of
from tests.portal.workflow.test_submission_list import declared


@pytest.fixture
def searchable(app):
    """Own-region projects of two units with submissions and rectification items, and a foreign bureau's."""
    from plugins.rectification.operations import create_item

    with app.test_request_context():
        zs = declared("ZS-2023-001", "招商引资工作经费", "阿克陶县商务科技和工业信息化局", 2023)
        jy = declared("JY-2023-001", "学生资助经费", "阿克陶县教育局", 2023)
        bureau = create_organisation(name="尉犁县财政局", kind="bureau", region="尉犁县", parent=None)
        unit = create_organisation(name="尉犁县教育局", kind="unit", region="尉犁县", parent=bureau)
        create_user(username="yuli_unit", full_name="某某", org=unit, roles=["unit_editor"],
                    password="Foreign-pass-1", must_change_password=False)
        create_user(username="yuli_reviewer", full_name="某某", org=bureau, roles=["bureau_reviewer"],
                    password="Foreign-pass-1", must_change_password=False)
        yl = declared("YL-2023-001", "学生资助经费（尉犁）", "尉犁县教育局", 2023)
        for submission, text in ((zs, "招商台账不全"), (jy, "资助对象核实不严"), (yl, "尉犁资助发放滞后")):
            create_item(unit=submission.project.unit, project=submission.project, fiscal_year=2023,
                        source_kind="manual", description=text, severity="general", deadline=date(2030, 6, 30),
                        responsible_person="", user=None)
        db.session.commit()


def groups(client, q: str) -> str:
    response = client.get("/work/search", query_string={"q": q})
    assert response.status_code == 200
    return text_of(response)


def test_bureau_finds_projects_submissions_and_items_of_its_region_only(client, login, searchable):
    login("reviewer")
    found = groups(client, "资助")
    assert "项目（1）" in found and "JY-2023-001 学生资助经费" in found
    assert "申报与评价材料（1）" in found and "绩效目标申报" in found
    assert "整改事项（1）" in found and "资助对象核实不严" in found
    assert "尉犁" not in found and "YL-2023-001" not in found
    assert "JY-2023-001" in groups(client, "JY-2023")  # by code
    assert "ZS-2023-001" in groups(client, "商务科技")  # by unit
    assert "没有找到" in groups(client, "%")  # LIKE wildcards are literal
    client.post("/work/logout")
    assert do_login(client, "yuli_reviewer", "Foreign-pass-1").status_code == 302
    foreign = groups(client, "资助")
    assert "YL-2023-001" in foreign and "JY-2023-001" not in foreign and "资助对象核实不严" not in foreign


def test_a_unit_never_finds_another_units_records(client, login, searchable):
    login("unit2")  # 阿克陶县教育局
    found = groups(client, "经费")
    assert "JY-2023-001" in found and "ZS-2023-001" not in found and "招商" not in found
    assert "没有找到" in groups(client, "招商台账")
    assert "没有找到" in groups(client, "ZS-2023-001")
    login("firm")  # not engaged on either project
    assert "没有找到" in groups(client, "经费")


def test_the_header_box_is_on_every_staff_page_and_bad_input_is_harmless(client, login, searchable):
    assert client.get("/work/search?q=经费").status_code == 302  # signed-in users only
    login("section")
    html = client.get("/work/projects/").get_data(as_text=True)
    assert 'class="topsearch"' in html and 'action="/work/search"' in html
    assert client.get("/work/search?q=" + "资" * 5000).status_code == 200
    assert "输入项目编码" in text_of(client.get("/work/search?q=%20%20"))
