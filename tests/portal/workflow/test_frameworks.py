"""The bureau defines its own scoring framework for a year; new submissions of that year are scored on it."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.operations import create_organisation
from portal.extensions import db
from portal.scoring.frameworks import EVALUATION_ITEMS, bureau_framework
from portal.scoring.models import Framework
from portal.submissions import operations
from tests.conftest import text_of
from tests.portal.workflow.helpers import project_with_targets, user

URL = "/work/submissions/frameworks/evaluation/2023"


def _form(rows, name="2023年度项目支出绩效评价指标体系"):
    return {"framework_name": name, "level1": [r[0] for r in rows], "level2": [r[1] for r in rows],
            "name": [r[2] for r in rows], "weight": [str(r[3]) for r in rows]}


def _bureau_id(app):
    with app.app_context():
        return user("reviewer").bureau_id


def _own_rows():
    """Seed 003's items with 服务对象满意度 raised to 10 points, 可持续影响 dropped, and one item added."""
    rows = [list(r) for r in EVALUATION_ITEMS if r[2] != "可持续影响"]
    for row in rows:
        if row[2] == "服务对象满意度":
            row[3] = 7
    rows.append(["效益", "项目效益", "带动就业人数", 3])
    return rows


def test_reviewer_defines_a_year_framework_and_new_reports_are_scored_on_it(app, client, login):
    login("reviewer")
    page = client.get(URL).get_data(as_text=True)
    assert "本局尚未设置" in page and 'value="立项依据充分性"' in page  # starts from the default
    response = client.post(URL, data=_form(_own_rows()))
    assert response.status_code == 302, text_of(response)
    page = client.get(URL).get_data(as_text=True)
    assert 'value="带动就业人数"' in page and "可持续影响" not in page and "本局已设置该年度指标体系" in page
    listing = text_of(client.get("/work/submissions/frameworks"))
    assert "2023年度项目支出绩效评价指标体系" in listing and "本局设置" in listing

    with app.test_request_context():
        framework = bureau_framework("evaluation", 2023, _bureau_id(app))
        assert [i.name for i in framework.items][-1] == "带动就业人数" and framework.total_weight == 100
        # A report of 2023 uses it; one of 2022 keeps the default.
        report_2023 = operations.create(kind="department_evaluation", project=project_with_targets(
            code="FW-2023", year=2023), user=user("unit"))
        report_2022 = operations.create(kind="department_evaluation", project=project_with_targets(
            code="FW-2022", year=2022), user=user("unit"))
        assert report_2023.framework_id == framework.id
        assert db.session.get(Framework, report_2022.framework_id).is_default
        items = {i.name: i for i in framework.items}
        scores = {i.id: str(i.weight) for i in framework.items}
        scores[items["带动就业人数"].id] = "1.5"
        operations.save_scores(report_2023, user("unit"), scores)
        assert report_2023.total_score == 98.5 and report_2023.grade == "优"
        db.session.commit()

    # Once a submission is scored on it, it is frozen: the page says so and a change is refused.
    page = text_of(client.get(URL))
    assert "已有 1 份材料按它评分，不能再修改" in page and "保存指标体系" not in page
    response = client.post(URL, data=_form(list(EVALUATION_ITEMS)))
    assert response.status_code == 422 and "不能再修改" in text_of(response)
    with app.app_context():
        assert "带动就业人数" in [i.name for i in bureau_framework("evaluation", 2023, _bureau_id(app)).items]


def test_bad_frameworks_are_refused_with_the_reason_and_nothing_saved(app, client, login):
    login("reviewer")
    rows = [list(r) for r in EVALUATION_ITEMS]
    rows[0][3] = 8  # 105 in all
    cases = [
        (rows, "各三级指标分值合计应为 100 分，现为 105 分"),
        ([*EVALUATION_ITEMS[:-1], ("效益", "项目效益", "社会效益", 5)], "与前面的指标重复"),
        ([*EVALUATION_ITEMS[:-1], ("效益", "", "服务对象满意度", 5)], "一级、二级、三级指标名称都要填写"),
        ([*EVALUATION_ITEMS[:-1], ("效益", "项目效益", "服务对象满意度", "五")], "不是有效数字"),
        ([*EVALUATION_ITEMS[:-1], ("效益", "项目效益", "服务对象满意度", "-5")], "应大于 0"),
    ]
    for form_rows, message in cases:
        response = client.post(URL, data=_form(form_rows))
        html = text_of(response)
        assert response.status_code == 422 and message in html, message
        assert 'value="立项依据充分性"' in response.get_data(as_text=True)  # what was typed is shown again
    response = client.post(URL, data=_form(EVALUATION_ITEMS, name=" "))
    assert response.status_code == 422 and "请填写指标体系名称" in text_of(response)
    with app.app_context():
        assert bureau_framework("evaluation", 2023, _bureau_id(app)) is None


def test_only_the_reviewer_defines_and_each_bureau_sees_its_own(app, client, login):
    login("section")
    assert client.get(URL).status_code == 200
    assert client.post(URL, data=_form(EVALUATION_ITEMS)).status_code == 403
    login("unit")
    assert client.get(URL).status_code == 403
    assert client.get("/work/submissions/frameworks/unknown/2023").status_code == 404
    with app.test_request_context():
        other = create_organisation(name="尉犁县财政局", kind="bureau", region="尉犁县", parent=None)
        db.session.add(Framework(code="other-evaluation-2023", name="尉犁县2023年度指标体系", kind="evaluation",
                                 fiscal_year=2023, bureau_id=other.id))
        db.session.commit()
    login("reviewer")
    listing = text_of(client.get("/work/submissions/frameworks"))
    assert "尉犁县2023年度指标体系" not in listing and "项目支出绩效评价指标体系（默认）" in listing
    assert "本局尚未设置" in text_of(client.get(URL))
    with app.app_context():
        assert db.session.scalar(select(Framework.id).where(Framework.code == "other-evaluation-2023"))


def test_a_self_evaluation_framework_sets_the_level1_points(app, client, login):
    login("reviewer")
    url = "/work/submissions/frameworks/self_evaluation/2023"
    bad = [("预算执行率", "预算执行率", "预算执行率", 20), ("决策", "项目立项", "立项规范", 80)]
    response = client.post(url, data=_form(bad))
    assert response.status_code == 422 and "“决策”不在其中" in text_of(response)
    rows = [("预算执行率", "预算执行率", "预算执行率", 20), ("产出", "产出指标", "产出指标完成情况", 40),
            ("效益", "效益指标", "效益指标完成情况", 30), ("满意度", "满意度指标", "满意度指标完成情况", 10)]
    assert client.post(url, data=_form(rows, name="2023年度绩效自评指标体系")).status_code == 302
    from portal.submissions import effects

    with app.test_request_context():
        own = operations.create(kind="self_evaluation", project=project_with_targets(code="SE-2023", year=2023),
                                user=user("unit"))
        default = operations.create(kind="self_evaluation", project=project_with_targets(code="SE-2022"),
                                    user=user("unit"))
        points = {k: w for k, (_, w) in effects.score_summary(own).by_level1.items()}
        assert points["预算执行率"] == 20 and points["产出"] + points["效益"] + points.get("满意度", 0) == 80
        points = {k: w for k, (_, w) in effects.score_summary(default).by_level1.items()}
        assert points["预算执行率"] == 10
