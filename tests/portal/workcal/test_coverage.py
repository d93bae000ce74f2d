"""全覆盖: every unit and project of a year, its gaps linked, the 20 % and 5-project rules, the XLSX."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from portal.extensions import db
from portal.projects.models import Project
from portal.submissions import operations
from tests.conftest import text_of
from tests.portal.workcal.helpers import approved_self_evaluation, year_2024
from tests.portal.workflow.helpers import project_with_targets, user
from tests.portal.workflow.test_full_cycle import as_user


@pytest.fixture
def year(app, clock):
    # clock: 2025-07-01 in Beijing: 3/20 and 4/20 are past, 7/20 (third-party) not yet
    with app.test_request_context():
        ids = year_2024()
        db.session.commit()
    return ids


def test_the_coverage_page_shows_gaps_and_the_rules(app, world, year, clock):
    reviewer = as_user(app, world, "reviewer")
    response = reviewer.get("/work/calendar/coverage/2024")
    assert response.status_code == 200
    page = text_of(response)
    html = response.get_data(as_text=True)
    assert "2024 年度预算绩效管理全覆盖" in page
    # 商务: 4 of 20 万元 under 部门评价 = 20 % (meets); 教育局: 0 of 10 万元 (a gap)
    assert re.search(r"阿克陶县商务科技和工业信息化局 2 20\.00 4\.00 20\.00% 达标", page)
    assert re.search(r"阿克陶县教育局 1 10\.00 0\.00 0\.00% 未达 20%", page)
    # 招商引资: May filed, August late, self-evaluation approved, under 部门评价
    assert re.search(r"COV-2024-01 招商引资工作经费 4\.00 已批复 5月底 待初审 8月底 逾期未报 已通过 待初审", page)
    # the project without targets: every gap, linked to the project where it is created
    assert re.search(r"COV-2024-02 电子商务进农村示范项目 16\.00 未申报 5月底 逾期未报 8月底 逾期未报 逾期未通过", page)
    assert f'href="/work/projects/{year["other"]}">未申报' in html.replace('class="badge returned" ', "")
    # third-party evaluations are not due before 7/20: 0 / 5 is not yet a gap
    assert "第三方重点评价 0 / 5 个" in page
    assert "缺项 9 处" in page  # 招商引资 1, the other project 4, 教育局's project 3, 教育局's share 1
    clock.set(clock.now().replace(month=7, day=21))  # 7/22 in Beijing: the 5 key evaluations are late
    assert "缺项 10 处" in text_of(reviewer.get("/work/calendar/coverage/2024"))


def test_the_coverage_xlsx_holds_the_same(app, world, year):
    response = as_user(app, world, "section").get("/work/calendar/coverage/2024.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    rows = [[c.value for c in row] for row in book["项目"].iter_rows(min_row=2, values_only=False)]
    header = rows[0]
    assert header[:6] == ["单位", "项目编码", "项目名称", "类型", "预算数（万元）", "绩效目标"]
    zsyz = next(r for r in rows if r[1] == "COV-2024-01")
    assert dict(zip(header, zsyz, strict=True)) == {
        "单位": "阿克陶县商务科技和工业信息化局", "项目编码": "COV-2024-01", "项目名称": "招商引资工作经费", "类型": "项目支出",
        "预算数（万元）": 4, "绩效目标": "已批复", "5月底监控": "待初审", "8月底监控": "—", "绩效自评": "已通过",
        "部门评价": "待初审", "第三方评价": "—", "缺项": "8月底监控未报"}
    units = {r[0]: r for r in book["单位"].iter_rows(values_only=True) if r and r[0]}
    assert units["阿克陶县商务科技和工业信息化局"][2:] == (20, 4, 20, 20, "达标")
    assert units["阿克陶县教育局"][4:] == (0, 20, "未达标")
    assert units["财政重点绩效评价（第三方）项目数"][1] == 0


def test_only_the_bureau_sees_coverage(app, world, year):
    assert as_user(app, world, "unit").get("/work/calendar/coverage/2024").status_code == 403
    assert as_user(app, world, "unit").get("/work/calendar/coverage/2024.xlsx").status_code == 403
    assert as_user(app, world, "firm").get("/work/calendar/coverage/2024").status_code == 403
    empty = text_of(as_user(app, world, "reviewer").get("/work/calendar/coverage/2030"))
    assert "2030 年度还没有项目" in empty


def test_a_second_self_evaluation_is_refused_once_one_is_approved(app, world, clock):
    with app.test_request_context():
        project = project_with_targets(code="COV-2024-09", year=2024)
        first = approved_self_evaluation(project)
        project_id, first_id = project.id, first.id
        db.session.commit()
    unit = as_user(app, world, "unit")
    refused = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "self_evaluation"})
    assert refused.headers["Location"].endswith(f"/work/submissions/{first_id}")
    assert "每个项目每年度只能有一份已通过的绩效自评" in text_of(unit.get(refused.headers["Location"]))
    with app.test_request_context():
        with pytest.raises(operations.DuplicateRecord, match="不能重复新建"):
            operations.create(kind="self_evaluation", project=db.session.get(Project, project_id), user=user("unit"))
    # 重新填报 (replacing the approved record) still works: one new version, which supersedes it once approved
    replacement = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "self_evaluation",
                                                          "replaces": first_id})
    assert "/edit" in replacement.headers["Location"]
