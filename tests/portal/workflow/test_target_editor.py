"""The 绩效目标 editor without a script: every error on its row, weights totalling 100, copying last year's."""

from __future__ import annotations

import re

import lxml.html
from sqlalchemy import select

from portal.extensions import db
from portal.projects.operations import create_project
from portal.targets.models import TargetVersion
from tests.conftest import text_of
from tests.portal.workflow.helpers import UNIT, org, project_with_targets

FIELDS = ("ind_level1", "ind_level2", "ind_name", "ind_operator", "ind_value", "ind_text_value", "ind_unit",
          "ind_weight")


def _form(rows) -> dict:
    data = {"overall_goal": "举办招商引资活动", "save": "1"}
    for index, key in enumerate(FIELDS):
        data[key] = [row[index] for row in rows]
    return data


def _new_declaration(client, project_id: int) -> int:
    response = client.post("/work/submissions/new", data={"project_id": project_id, "kind": "target_declaration"})
    return int(re.search(r"/submissions/(\d+)/edit", response.headers["Location"]).group(1))


def test_every_error_is_shown_on_its_row_and_nothing_is_saved(app, login):
    with app.test_request_context():
        project_id = create_project(code="ZS-2023-009", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2023,
                                    kind="project", category="一般公共预算", funding={}).id
        db.session.commit()
    unit = login("unit")
    sid = _new_declaration(unit, project_id)
    rows = [("产出", "数量", "举办招商引资活动数量", "≥", "两个", "", "个", "50"),
            ("产出", "经济效益", "", "≥", "2", "", "个", "30"),
            ("满意度", "服务对象满意度", "客商满意度", "定性", "", "", "", "20")]
    response = unit.post(f"/work/submissions/{sid}/edit", data=_form(rows))
    assert response.status_code == 422
    page = lxml.html.fromstring(response.get_data(as_text=True))  # python-docx's own parser
    assert "4 处需要修改" in page.xpath("string(//*[contains(@class, 'flash-error')])")
    table_rows = page.xpath("//table[@id='indicator-editor']/tbody/tr")
    errors = [[li.text_content() for li in tr.xpath(".//ul[@class='row-errors']/li")] for tr in table_rows]
    assert errors[0] == ["指标值：“两个”不是有效数字"]
    assert errors[1] == ["二级指标“经济效益”不属于“产出”，本年度属于“效益”", "请填写三级指标名称"]
    assert errors[2] == ["定性指标请填写定性目标（如“有效提升”）"]
    # What was typed comes back as typed.
    assert table_rows[0].xpath(".//input[@name='ind_value']/@value") == ["两个"]
    with app.app_context():
        version = db.session.scalar(select(TargetVersion).where(TargetVersion.project_id == project_id))
        assert version.indicators == []


def test_weights_must_total_100_when_given(app, login):
    with app.test_request_context():
        project_id = create_project(code="ZS-2023-010", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2023,
                                    kind="project", category="一般公共预算", funding={}).id
        db.session.commit()
    unit = login("unit")
    sid = _new_declaration(unit, project_id)
    rows = [("产出", "数量", "举办招商引资活动数量", "≥", "2", "", "个", "60"),
            ("满意度", "服务对象满意度", "客商满意度", "≥", "98", "", "%", "30")]
    response = unit.post(f"/work/submissions/{sid}/edit", data=_form(rows))
    assert response.status_code == 422
    assert "各指标权重合计应为 100，现为 90" in text_of(response)
    # No weights at all is allowed (points are then shared equally within each 一级).
    unweighted = [row[:7] + ("",) for row in rows]
    assert unit.post(f"/work/submissions/{sid}/edit", data=_form(unweighted)).status_code == 302
    rows[1] = rows[1][:7] + ("40",)
    assert unit.post(f"/work/submissions/{sid}/edit", data=_form(rows)).status_code == 302


def test_add_row_without_script_keeps_what_was_typed(app, login):
    with app.test_request_context():
        project_id = create_project(code="ZS-2023-011", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2023,
                                    kind="project", category="一般公共预算", funding={}).id
        db.session.commit()
    unit = login("unit")
    sid = _new_declaration(unit, project_id)
    data = _form([("产出", "数量", "举办招商引资活动数量", "≥", "2", "", "个", "100")])
    data.pop("save")
    data["add_row"] = "1"
    page = lxml.html.fromstring(unit.post(f"/work/submissions/{sid}/edit", data=data).get_data(as_text=True))
    names = page.xpath("//table[@id='indicator-editor']/tbody//input[@name='ind_name']/@value")
    assert names == ["举办招商引资活动数量", ""]


def test_copy_last_years_approved_targets_of_the_same_code(app, login):
    with app.test_request_context():
        project_with_targets(code="ZS-001", year=2022)
        project_id = create_project(code="ZS-001", name="招商引资专项经费", unit=org(UNIT), fiscal_year=2023,
                                    kind="project", category="一般公共预算", funding={}).id
        db.session.commit()
    unit = login("unit")
    sid = _new_declaration(unit, project_id)
    editor = text_of(unit.get(f"/work/submissions/{sid}/edit"))
    assert "2022年度“招商引资工作经费”（ZS-001）已批准的第 1 版" in editor
    response = unit.post(f"/work/submissions/{sid}/copy-targets")
    assert response.status_code == 302
    page = text_of(unit.get(response.headers["Location"]))
    assert "已复制2022年度“招商引资工作经费”第 1 版的 5 项指标" in page
    form = unit.get(f"/work/submissions/{sid}/edit").get_data(as_text=True)
    assert 'value="招商活动的签约项目个数"' in form and 'value="客商满意度"' in form
    # Another unit can neither see nor copy into this declaration.
    other = login("unit2")
    assert other.post(f"/work/submissions/{sid}/copy-targets").status_code == 404


def test_nothing_to_copy_is_said_so(app, login):
    with app.test_request_context():
        project_id = create_project(code="NEW-2023-01", name="全新项目", unit=org(UNIT), fiscal_year=2023,
                                    kind="project", category="一般公共预算", funding={}).id
        db.session.commit()
    unit = login("unit")
    sid = _new_declaration(unit, project_id)
    assert "上年度没有同一项目（项目编码或名称相同）已批准的绩效目标" in text_of(unit.get(f"/work/submissions/{sid}/edit"))
    response = unit.post(f"/work/submissions/{sid}/copy-targets")
    assert "无可复制" in text_of(unit.get(response.headers["Location"]))


def test_an_adjustment_copies_the_projects_own_approved_version(app, login):
    with app.test_request_context():
        project_with_targets(code="ZS-001", year=2022)
        project_id = project_with_targets(code="ZS-001", year=2023).id
        db.session.commit()
    unit = login("unit")
    response = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "target_declaration",
                                                       "reason": "8月监控节点：活动场次调整"})
    sid = int(re.search(r"/submissions/(\d+)/edit", response.headers["Location"]).group(1))
    assert "2023年度“招商引资工作经费”（ZS-001）已批准的第 1 版" in text_of(unit.get(f"/work/submissions/{sid}/edit"))
