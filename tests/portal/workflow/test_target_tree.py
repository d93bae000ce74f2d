"""The indicator tree of targets follows the year: 财预〔2020〕10号 (成本 under 产出) or 〔2021〕101号 (成本 a 一级)."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

from portal.extensions import db
from portal.projects.operations import create_project
from portal.scoring.compute import self_evaluation_scores
from tests.conftest import text_of
from tests.portal.workflow.helpers import UNIT, org, project_with_targets

FIELDS = ("ind_level1", "ind_level2", "ind_name", "ind_operator", "ind_value", "ind_text_value", "ind_unit",
          "ind_weight")


def _form(rows) -> dict:
    data = {"overall_goal": "举办招商引资活动", "save": "1"}
    for index, key in enumerate(FIELDS):
        data[key] = [row[index] for row in rows]
    return data


def _declaration(client, project_id: int) -> int:
    response = client.post("/work/submissions/new", data={"project_id": project_id, "kind": "target_declaration"})
    return int(re.search(r"/submissions/(\d+)/edit", response.headers["Location"]).group(1))


COST_UNDER_OUTPUT = [("产出", "数量", "举办招商引资活动数量", "≥", "2", "", "个", "60"),
                     ("产出", "成本", "招商引资工作经费", "≤", "4", "", "万元", "40")]
COST_OF_ITS_OWN = [("产出", "数量", "举办招商引资活动数量", "≥", "2", "", "个", "60"),
                   ("成本", "经济成本", "招商引资工作经费", "≤", "4", "", "万元", "40")]


def test_each_year_follows_its_own_tree(app, login):
    with app.test_request_context():
        project_with_targets(code="ZS-2022-001", year=2022)  # seed 003: 产出成本 under 产出, approved
        old_id = create_project(code="ZS-2022-002", name="招商引资补充经费", unit=org(UNIT), fiscal_year=2022,
                                kind="project", category="一般公共预算", funding={}).id
        new_id = create_project(code="ZS-2023-001", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2023,
                                kind="project", category="一般公共预算", funding={}).id
        db.session.commit()
    reviewer = login("reviewer")
    assert "财预〔2020〕10号" in text_of(reviewer.get("/work/submissions/frameworks"))
    response = reviewer.post("/work/submissions/target-tree/2023", data={"preset": "caiyu2021"})
    assert response.status_code == 302
    page = text_of(reviewer.get("/work/submissions/target-tree/2023"))
    assert "现行：财预〔2021〕101号" in page and "经济成本、社会成本、生态环境成本" in page

    unit = login("unit")
    sid = _declaration(unit, new_id)
    editor = unit.get(f"/work/submissions/{sid}/edit").get_data(as_text=True)
    assert '<optgroup label="成本"><option>经济成本</option><option>社会成本</option><option>生态环境成本</option>' in editor
    response = unit.post(f"/work/submissions/{sid}/edit", data=_form(COST_UNDER_OUTPUT))
    assert response.status_code == 422
    assert "二级指标“成本”不属于“产出”，本年度为一级指标" in text_of(response)
    assert unit.post(f"/work/submissions/{sid}/edit", data=_form(COST_OF_ITS_OWN)).status_code == 302

    # 2022 keeps the 2020 practice: 成本 is a 二级 under 产出, and 成本 as a 一级 is refused.
    sid = _declaration(unit, old_id)
    response = unit.post(f"/work/submissions/{sid}/edit", data=_form(COST_OF_ITS_OWN))
    assert response.status_code == 422 and "一级指标“成本”不在本年度绩效目标指标体系中" in text_of(response)
    assert unit.post(f"/work/submissions/{sid}/edit", data=_form(COST_UNDER_OUTPUT)).status_code == 302


def test_changing_a_years_tree_keeps_approved_targets(app, login):
    with app.test_request_context():
        project_id = project_with_targets(code="ZS-2022-001", year=2022).id
        db.session.commit()
    reviewer = login("reviewer")
    reviewer.post("/work/submissions/target-tree/2022", data={"preset": "caiyu2021"})
    page = text_of(login("unit").get(f"/work/projects/{project_id}"))
    assert "招商引资工作经费" in page and "≤4万元" in page


def test_a_bureau_writes_its_own_tree_checked_line_by_line(app, login):
    reviewer = login("reviewer")
    response = reviewer.post("/work/submissions/target-tree/2024", data={"tree": "产出：数量、质量\n效益 经济效益"})
    assert response.status_code == 422 and "第 2 行：请按“一级指标：二级指标、二级指标”填写" in text_of(response)
    assert "效益 经济效益" in response.get_data(as_text=True)  # what was typed stays
    response = reviewer.post("/work/submissions/target-tree/2024",
                             data={"tree": "产出：数量、质量\n效益：数量"})
    assert "二级指标“数量”重复" in text_of(response)
    response = reviewer.post("/work/submissions/target-tree/2024",
                             data={"tree": "产出：数量、质量、时效\n成本：经济成本\n满意度：服务对象满意度"})
    assert response.status_code == 302
    assert "现行：本局自定" in text_of(reviewer.get("/work/submissions/target-tree/2024"))
    # 业务科室 reads it; only 绩效科 changes it; units do not manage it.
    section = login("section")
    assert section.get("/work/submissions/target-tree/2024").status_code == 200
    assert section.post("/work/submissions/target-tree/2024", data={"preset": "caiyu2020"}).status_code == 403
    assert login("unit").get("/work/submissions/target-tree/2024").status_code == 403


def test_self_evaluation_counts_cost_with_output_unless_weighed_apart():
    indicators = [SimpleNamespace(id=1, level1="产出", weight=Decimal(60)),
                  SimpleNamespace(id=2, level1="成本", weight=Decimal(40)),
                  SimpleNamespace(id=3, level1="效益", weight=Decimal(0)),
                  SimpleNamespace(id=4, level1="满意度", weight=Decimal(0))]
    rates = {1: Decimal(100), 2: Decimal(100), 3: Decimal(100), 4: Decimal(100)}
    scores, totals, total = self_evaluation_scores(indicators, rates, Decimal(100))
    points = {s.indicator_id: s.points for s in scores}
    assert points == {1: Decimal("30.00"), 2: Decimal("20.00"), 3: Decimal("30.00"), 4: Decimal("10.00")}
    assert total == Decimal("100.00")
    # A framework that weighs 成本 on its own gives it its own points.
    weights = {"预算执行率": Decimal(10), "产出": Decimal(40), "成本": Decimal(10), "效益": Decimal(30),
               "满意度": Decimal(10)}
    scores, totals, _ = self_evaluation_scores(indicators, rates, Decimal(100), weights)
    assert totals["成本"] == Decimal("10.00") and totals["产出"] == Decimal("40.00")
