"""申报与评价 as a list that finds things: columns, keyword, filters, sort, pages, export, 批量初审, access."""

from __future__ import annotations

import dataclasses
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from portal.accounts.models import User
from portal.accounts.operations import create_organisation, create_user
from portal.extensions import db
from portal.projects.operations import create_project
from portal.submissions import operations
from portal.submissions.models import Submission, Transition
from portal.targets import operations as target_ops
from tests.conftest import text_of
from tests.portal.workflow.helpers import UNIT, org, project_with_targets

EDU = "阿克陶县教育局"
AGRI = "阿克陶县农业农村局"
ROWS = [dict(level1="产出", level2="数量", name="活动数量", operator="≥", value="2", unit="个", weight="40"),
        dict(level1="效益", level2="社会效益", name="受益人数", operator="≥", value="100", unit="人", weight="30"),
        dict(level1="满意度", level2="服务对象满意度", name="满意度", operator="≥", value="90", unit="%", weight="30")]


def declared(code: str, name: str, unit_name: str, year: int, *, submit: bool = True) -> Submission:
    """A project with a target declaration, handed in (待初审) unless ``submit`` is false."""
    project = create_project(code=code, name=name, unit=org(unit_name), fiscal_year=year, kind="project",
                             category="一般公共预算",
                             funding={"local": {"budget": Decimal("10"), "allocated": Decimal("10"),
                                                "spent": Decimal("5")}})
    unit_user = db.session.scalar(select(User).where(User.org_id == project.unit_id))
    declaration = target_ops.declare(project, unit_user)
    target_ops.save_indicators(declaration, unit_user, ROWS)
    if submit:
        operations.apply_transition(declaration, "submit", unit_user)
    return declaration


@pytest.fixture
def listed(app):
    """Five own-region submissions in three units and two years, and a foreign bureau's."""
    with app.test_request_context():
        approved = project_with_targets()  # ZS-2022-001, its declaration approved
        ids = {
            "zs23": declared("ZS-2023-001", "招商引资工作经费", UNIT, 2023).id,
            "jy23": declared("JY-2023-001", "学生资助经费", EDU, 2023).id,
            "jy22": declared("JY-2022-007", "学生资助经费", EDU, 2022).id,
            "ny23": declared("NY-2023-001", "=HYPERLINK(\"http://x\",\"农机补贴\")", AGRI, 2023).id,
            "draft": declared("NY-2023-002", "草稿项目", AGRI, 2023, submit=False).id,
        }
        ids["zs22"] = db.session.scalar(select(Submission.id).where(Submission.project_id == approved.id))
        bureau = create_organisation(name="尉犁县财政局", kind="bureau", region="尉犁县", parent=None)
        create_organisation(name="尉犁县教育局", kind="unit", region="尉犁县", parent=bureau)
        create_user(username="yuli_unit", full_name="某某", org=org("尉犁县教育局"), roles=["unit_editor"],
                    password="Foreign-pass-1", must_change_password=False)
        ids["foreign"] = declared("YL-2023-001", "学生资助经费（尉犁）", "尉犁县教育局", 2023).id
        db.session.commit()
    return ids


def codes(response) -> list[str]:
    """Project codes of the list's rows, in order."""
    body = response.get_data(as_text=True).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<td>([A-Z]{2}-\d{4}-\d{3})</td>", body)


def test_rows_show_year_code_and_unit_and_only_what_the_user_may_see(client, login, listed):
    login("section")
    response = client.get("/work/submissions/")
    assert response.status_code == 200
    text = text_of(response)
    for words in ("年度", "项目编码", "预算单位", "ZS-2023-001", "ZS-2022-001", "阿克陶县教育局"):
        assert words in text
    assert sorted(codes(response)) == ["JY-2022-007", "JY-2023-001", "NY-2023-001", "ZS-2022-001", "ZS-2023-001"]
    assert "尉犁" not in text and "NY-2023-002" not in text  # another bureau's; a unit's draft
    login("unit2")
    assert sorted(codes(client.get("/work/submissions/"))) == ["JY-2022-007", "JY-2023-001"]
    # Another unit's rows never appear, whatever is asked for.
    assert codes(client.get(f"/work/submissions/?unit_id={org_id(client, UNIT)}&q=招商")) == []


def org_id(client, name: str) -> int:
    with client.app.app_context():
        return org(name).id


def test_keyword_and_filters(client, login, listed):
    login("reviewer")
    assert sorted(codes(client.get("/work/submissions/?q=学生资助"))) == ["JY-2022-007", "JY-2023-001"]
    assert codes(client.get("/work/submissions/?q=ZS-2023")) == ["ZS-2023-001"]
    assert codes(client.get("/work/submissions/?q=zs-2023")) == ["ZS-2023-001"]  # case does not matter
    assert sorted(codes(client.get("/work/submissions/?q=农业农村局"))) == ["NY-2023-001"]  # by unit
    assert codes(client.get("/work/submissions/?q=%25")) == []  # LIKE wildcards are literal
    assert sorted(codes(client.get("/work/submissions/?year=2022"))) == ["JY-2022-007", "ZS-2022-001"]
    edu = org_id(client, EDU)
    assert sorted(codes(client.get(f"/work/submissions/?unit_id={edu}&year=2023"))) == ["JY-2023-001"]
    assert codes(client.get("/work/submissions/?state=approved")) == ["ZS-2022-001"]
    assert len(codes(client.get("/work/submissions/?kind=target_declaration"))) == 5
    assert codes(client.get("/work/submissions/?kind=monitoring")) == []
    # Bad values are ignored, never a server error.
    for bad in ("year=abc", "year=99999999999999", "unit_id=-3", "state=nope", "kind=%00", "sort=drop",
                "page=0", "page=abc", "page=99999999999"):
        response = client.get(f"/work/submissions/?{bad}")
        assert response.status_code == 200, bad
        assert len(codes(response)) == 5, bad
    assert client.get("/work/submissions/?q=" + "长" * 5000).status_code == 200


def test_sortable_headers_keep_filters_and_order_is_stable(client, login, listed):
    login("reviewer")
    assert codes(client.get("/work/submissions/?sort=code")) == [
        "JY-2022-007", "JY-2023-001", "NY-2023-001", "ZS-2022-001", "ZS-2023-001"]
    assert codes(client.get("/work/submissions/?sort=-code"))[0] == "ZS-2023-001"
    by_year = codes(client.get("/work/submissions/?sort=year"))
    assert set(by_year[:2]) == {"JY-2022-007", "ZS-2022-001"}
    assert by_year == codes(client.get("/work/submissions/?sort=year"))  # ties broken by id: stable
    html = client.get("/work/submissions/?year=2023&sort=code&q=经费").get_data(as_text=True)
    # The header of the current key reverses it and keeps the filters; another header starts ascending.
    assert re.search(r'href="/work/submissions/\?[^"]*sort=-code', html)
    link = re.search(r'href="(/work/submissions/\?[^"]*sort=unit[^"]*)"', html).group(1).replace("&amp;", "&")
    assert "year=2023" in link and "q=" in link
    assert sorted(codes(client.get(link))) == ["JY-2023-001", "ZS-2023-001"]  # 2023 and 经费 only


def test_pages_keep_filters(client, login, listed, monkeypatch):
    from portal.submissions import views

    monkeypatch.setattr(views, "LIST_SPEC", dataclasses.replace(views.LIST_SPEC, page_size=2))
    login("reviewer")
    first = client.get("/work/submissions/?sort=code")
    assert codes(first) == ["JY-2022-007", "JY-2023-001"]
    assert "第 1 / 3 页，共 5 条" in text_of(first)
    html = first.get_data(as_text=True)
    next_link = re.search(r'href="([^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
    assert "sort=code" in next_link and "page=2" in next_link
    assert codes(client.get(next_link)) == ["NY-2023-001", "ZS-2022-001"]
    assert codes(client.get("/work/submissions/?sort=code&page=3")) == ["ZS-2023-001"]
    assert codes(client.get("/work/submissions/?sort=code&page=40")) == ["ZS-2023-001"]  # past the end: last
    filtered = client.get("/work/submissions/?year=2023&sort=code&page=2")
    assert codes(filtered) == ["ZS-2023-001"] and "year=2023" in filtered.get_data(as_text=True)


def test_export_holds_exactly_the_filtered_rows_of_every_page(client, login, listed, monkeypatch):
    from portal.submissions import views

    monkeypatch.setattr(views, "LIST_SPEC", dataclasses.replace(views.LIST_SPEC, page_size=2))
    login("reviewer")
    response = client.get("/work/submissions/export.xlsx?year=2023&sort=-code&page=2")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "申报与评价材料"
    assert rows[1][:4] == ("预算年度", "项目编码", "项目名称", "预算单位")
    assert [r[1] for r in rows[2:]] == ["ZS-2023-001", "NY-2023-001", "JY-2023-001"]  # all pages, same order
    assert all(r[0] == 2023 for r in rows[2:])  # years stay numbers
    hyperlink = next(r for r in rows[2:] if r[1] == "NY-2023-001")
    assert hyperlink[2].startswith("'=HYPERLINK")  # a formula stays text
    assert "尉犁" not in str(rows)
    login("unit2")
    sheet = load_workbook(io.BytesIO(client.get("/work/submissions/export.xlsx").data)).active
    assert sorted(r[1] for r in list(sheet.iter_rows(values_only=True))[2:]) == ["JY-2022-007", "JY-2023-001"]


def test_bulk_first_review_confirms_then_records_each_and_refuses_per_row(client, login, listed, app):
    login("section")
    page = client.get("/work/submissions/").get_data(as_text=True)
    assert "批量初审通过" in page and page.count('name="ids"') == 4  # only 待初审 rows can be ticked
    chosen = [listed["zs23"], listed["jy23"], listed["zs22"], listed["foreign"]]
    confirm = client.post("/work/submissions/first-review", data={"action": "pass_first_review", "ids": chosen})
    assert confirm.status_code == 200
    text = text_of(confirm)
    assert "ZS-2023-001" in text and "JY-2023-001" in text and "确认初审通过 2 份" in text
    assert "不办理" in text and "已通过" in text  # the approved one is listed with its reason
    assert "尉犁" not in text and "材料不存在或无权办理" in text  # a foreign id reveals nothing
    with app.app_context():
        assert db.session.get(Submission, listed["zs23"]).state == "submitted"  # nothing happened yet
    done = client.post("/work/submissions/first-review", data={
        "action": "pass_first_review", "confirmed": "1", "ids": chosen, "comment": "材料齐全"})
    assert done.status_code == 200
    assert "已办理（2 份）" in text_of(done) and "未办理（2 份）" in text_of(done)
    with app.app_context():
        for key in ("zs23", "jy23"):
            submission = db.session.get(Submission, listed[key])
            assert submission.state == "review"
            last = submission.transitions[-1]
            assert (last.action, last.from_state, last.to_state, last.comment) == (
                "pass_first_review", "submitted", "review", "材料齐全")
            assert last.actor.username == "section"
        assert db.session.get(Submission, listed["zs22"]).state == "approved"
        assert db.session.get(Submission, listed["foreign"]).state == "submitted"


def test_bulk_return_needs_an_opinion_and_only_the_section_may(client, login, listed, app):
    login("section")
    refused = client.post("/work/submissions/first-review", data={
        "action": "return_first_review", "confirmed": "1", "ids": [listed["jy22"]]})
    assert "须填写意见" in text_of(refused)
    returned = client.post("/work/submissions/first-review", data={
        "action": "return_first_review", "confirmed": "1", "ids": [listed["jy22"]], "comment": "请补充佐证"})
    assert "已办理（1 份）" in text_of(returned)
    with app.app_context():
        assert db.session.get(Submission, listed["jy22"]).state == "returned"
        assert db.session.scalar(select(Transition.comment).where(
            Transition.submission_id == listed["jy22"]).order_by(Transition.id.desc()).limit(1)) == "请补充佐证"
    assert client.post("/work/submissions/first-review", data={"action": "approve", "ids": [1]}).status_code == 400
    assert client.post("/work/submissions/first-review", data={"action": "pass_first_review", "ids": [1]},
                       csrf=False).status_code == 400
    for who in ("reviewer", "unit"):
        login(who)
        assert client.post("/work/submissions/first-review", data={
            "action": "pass_first_review", "confirmed": "1", "ids": [listed["zs23"]]}).status_code == 403
    with app.app_context():
        assert db.session.get(Submission, listed["zs23"]).state == "submitted"
