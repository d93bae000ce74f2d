"""工作日历: seed 004's dates by default, changed by 绩效科, read wherever monitoring checkpoints are offered."""

from __future__ import annotations

from datetime import date

import pytest

from portal.extensions import db
from portal.projects.models import Project
from portal.submissions import operations
from portal.workcal import dates
from tests.conftest import text_of
from tests.portal.workflow.helpers import project_with_targets, user
from tests.portal.workflow.test_full_cycle import as_user


def _form(**changes) -> dict:
    """The editor's fields as seed 004 has them for 2025, with ``changes``."""
    form = {"cp_month": ["5", "8", "6", ""], "cp_scope": ["project", "project", "department", "project"],
            "cp_due": ["2025-06-10", "2025-09-10", "2025-07-10", ""],
            **{f"item_{k}": v for k, v in {
                "self_evaluation": "2025-03-20", "department_evaluation": "2025-04-20", "department_self_evaluation": "2025-04-20", "truthfulness": "2025-06-20",
                "third_party": "2025-07-20", "yearly_summary": "2025-11-20", "quarter_1": "2025-04-01",
                "quarter_2": "2025-07-01", "quarter_3": "2025-10-01", "quarter_4": "2026-01-01"}.items()},
            "share": "20", "key_count": "5"}
    form.update(changes)
    return form


def test_the_default_calendar_is_seed_004s(app):
    with app.app_context():
        cal = dates.default_calendar(2024)
    # seed 004: 以2024年5月、8月底为节点…次月10日前; 部门整体 6月底; 3月20日、4月20日、6月20日、7月20日、11月20日
    assert {c.month: c.due for c in cal.checkpoints if c.scope == "project"} == {
        5: date(2024, 6, 10), 8: date(2024, 9, 10)}
    assert [c.month for c in cal.checkpoints if c.scope == "department"] == [6]
    assert (cal.items["self_evaluation"], cal.items["department_evaluation"], cal.items["truthfulness"],
            cal.items["third_party"], cal.items["yearly_summary"]) == (
        date(2024, 3, 20), date(2024, 4, 20), date(2024, 6, 20), date(2024, 7, 20), date(2024, 11, 20))
    # 每季度结束次月1日前 to the prefecture
    assert [cal.items[f"quarter_{q}"] for q in (1, 2, 3, 4)] == [
        date(2024, 4, 1), date(2024, 7, 1), date(2024, 10, 1), date(2025, 1, 1)]
    assert cal.share == 20 and cal.key_count == 5
    assert cal.items["department_self_evaluation"] == date(2024, 4, 20)  # §二.8 部门整体 4月20日前


def test_department_wide_expenditure_has_its_june_checkpoint(app, world, clock):
    # clock: 2025-07-01 in Beijing
    with app.test_request_context():
        project = project_with_targets(code="CAL-BM-2025", year=2025)
        project.kind = "department"
        last_year = project_with_targets(code="CAL-BM-2024", year=2024)
        last_year.kind = "department"
        db.session.commit()
        project_id = project.id
    unit = as_user(app, world, "unit")
    start = text_of(unit.get(f"/work/submissions/start?project_id={project_id}"))
    assert "新建绩效监控报告（6月底）" in start and "5月底" not in start and "8月底" not in start
    page = text_of(unit.get("/work/"))
    assert "6月底监控 · 招商引资工作经费（2025年度） · 截止 7月10日 还剩 9 天" in page
    assert "绩效自评 · 招商引资工作经费（2024年度） · 截止 4月20日 已逾期 72 天" in page


def test_reviewer_adds_a_checkpoint_and_units_are_offered_it(app, world, clock):
    with app.test_request_context():
        project_id = project_with_targets(code="CAL-2025-01", year=2025).id
        db.session.commit()
    reviewer = as_user(app, world, "reviewer")
    page = text_of(reviewer.get("/work/calendar/2025"))
    assert "2025 年度工作日历" in page and "默认日期" in page
    response = reviewer.post("/work/calendar/2025", data=_form(
        cp_month=["5", "8", "6", "10"], cp_scope=["project", "project", "department", "project"],
        cp_due=["2025-06-10", "2025-09-15", "2025-07-10", "2025-11-10"]))
    assert response.status_code == 302
    page = text_of(reviewer.get("/work/calendar/2025"))
    assert "已保存2025年度工作日历" in page and "本局自定" in page
    unit = as_user(app, world, "unit")
    clock.set(clock.now().replace(month=10, day=5))  # 6 October in Beijing
    start = text_of(unit.get(f"/work/submissions/start?project_id={project_id}"))
    assert "新建绩效监控报告（10月底）" in start
    # the unit's dashboard asks for it with the calendar's dates
    dashboard = text_of(unit.get("/work/"))
    assert "10月底监控 · 招商引资工作经费（2025年度） · 截止 11月10日 还剩 35 天" in dashboard
    assert "8月底监控 · 招商引资工作经费（2025年度） · 截止 9月15日 已逾期 21 天" in dashboard
    with app.test_request_context():
        report = operations.create(kind="monitoring", project=db.session.get(Project, project_id),
                                   user=user("unit"), checkpoint=10)
        assert report.display_title.endswith("（10月底）")
        with pytest.raises(operations.WorkflowError, match="5月底或8月底或10月底"):
            operations.create(kind="monitoring", project=db.session.get(Project, project_id),
                              user=user("unit"), checkpoint=7)


@pytest.mark.parametrize(("changes", "message"), [
    ({"cp_due": ["2025-05-20", "2025-09-10", "2025-07-10", ""]},
     "5月底监控报告的截止日期（2025-05-20）不能早于监控节点（5月31日）"),
    ({"cp_month": ["5", "5", "6", ""]}, "项目支出的5月底监控节点重复"),
    ({"cp_month": ["13", "8", "6", ""]}, "监控节点月份“13”无效"),
    ({"item_self_evaluation": "2025-02-30"}, "项目支出绩效自评（上年度项目）的日期“2025-02-30”无效"),
    ({"item_department_evaluation": "2025-03-01"}, "部门评价的截止日期不能早于项目支出绩效自评的截止日期"),
    ({"share": "120"}, "部门评价覆盖比例须大于 0 且不超过 100"),
    ({"key_count": "-1"}, "重点评价项目数须为不小于 0 的整数"),
    ({"cp_month": ["", "", "6", ""], "cp_due": ["", "", "2025-07-10", ""]}, "至少需要一个项目支出监控节点"),
])
def test_bad_calendars_are_refused_in_chinese_and_the_form_is_kept(app, world, changes, message):
    reviewer = as_user(app, world, "reviewer")
    response = reviewer.post("/work/calendar/2025", data=_form(**changes))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in text_of(response)
    assert 'value="2025-11-20"' in page  # what was typed comes back
    assert "默认日期" in text_of(reviewer.get("/work/calendar/2025"))  # nothing saved


def test_only_the_bureau_sees_it_and_only_the_reviewer_changes_it(app, world):
    section = as_user(app, world, "section")
    page = text_of(section.get("/work/calendar/2025"))
    assert "工作日历由绩效科维护" in page and "保存工作日历" not in page
    assert section.post("/work/calendar/2025", data=_form()).status_code == 403
    unit = as_user(app, world, "unit")
    assert unit.get("/work/calendar/2025").status_code == 403
    assert unit.post("/work/calendar/2025", data=_form()).status_code == 403
    assert as_user(app, world, "reviewer").get("/work/calendar/1900").status_code == 404
    assert as_user(app, world, "reviewer").post("/work/calendar/2025", data=_form(), csrf=False).status_code == 400
