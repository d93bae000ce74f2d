"""Promised against achieved: a published self-evaluation carries its indicator table; the public project
page sets each approved target beside its result, with the deviation and its (de-identified) reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from portal.execution.operations import record_execution
from portal.extensions import db
from portal.projects.operations import create_project
from portal.submissions import operations
from tests.conftest import text_of
from tests.portal.execution.helpers import approve, unit_user
from tests.portal.workflow.helpers import org, user
from tests.public_site.helpers import PAST, publish, set_dates

UNIT = "阿克陶县商务科技和工业信息化局"
#: Seed 002: 招商引资到位资金增幅率 — expected ≥15 %, mid-year 15.6 %, actual 18.03 %, completion 120.2 %.
REASON = ("开发区2024年不断优化完善招商引资工作机制，积极参加新疆产业推介活动，促成疆内外企业点对点来准考察，"
          "联系人王建国，电话13912345678")


def _seed_002_project():
    from portal.targets import operations as target_ops

    project = create_project(code="ZD-2024-ZS", name="招商引资专项经费", unit=org(UNIT), fiscal_year=2024,
                             kind="project", category="一般公共预算",
                             funding={"local": {"budget": Decimal("50"), "allocated": Decimal("50")}})
    unit = unit_user(project)
    declaration = target_ops.declare(project, unit)
    target_ops.save_indicators(declaration, unit, [
        dict(level1="产出", level2="数量", name="开展招商推介活动次数", operator="≥", value="7", unit="次", weight="50"),
        dict(level1="效益", level2="经济效益", name="招商引资到位资金增幅率", operator="≥", value="15", unit="%",
             weight="50")])
    approve(declaration)
    ids = {i.name: i.id for i in declaration.target_version.indicators}
    may = operations.create(kind="monitoring", project=project, user=unit, checkpoint=8)
    operations.save_data(may, unit, spent="30")
    operations.save_results(may, unit, {ids["开展招商推介活动次数"]: {"actual": "5"},
                                        ids["招商引资到位资金增幅率"]: {"actual": "15.6"}})
    approve(may)
    self_eval = operations.create(kind="self_evaluation", project=project, user=unit)
    operations.save_data(self_eval, unit, spent="48")
    operations.save_results(self_eval, unit, {
        ids["开展招商推介活动次数"]: {"actual": "6", "note": "下半年一次推介会因故取消"},
        ids["招商引资到位资金增幅率"]: {"actual": "18.03", "note": REASON}})
    approve(self_eval)
    return project, self_eval


def test_published_self_evaluation_sets_targets_beside_results(app, client):
    with app.test_request_context():
        project, self_eval = _seed_002_project()
        set_dates(2024, PAST)
        publish("target_table", f"project:{project.id}")
        pub = publish("evaluation_result", f"submission:{self_eval.id}")
        # a later, unpublished update of the execution must not reach the public site
        record_execution(project, as_of=date(2024, 12, 31), origin="form", user=user("reviewer"),
                         figures={"local": (Decimal("50"), Decimal("49.9"))})
        db.session.commit()
        title, rows = pub.tables[1]
        assert title == "绩效指标完成情况"
        by_name = {row[2]: row for row in rows[1:]}
        growth = by_name["招商引资到位资金增幅率"]
        assert growth[3:7] + growth[9:10] == ["≥15%", "15.6%", "18.03%", "120.2", "+3.03%"]
        assert growth[7] == growth[8] != ""  # completion over 100 %: full points (the score is capped)
        assert by_name["预算执行率"][3:7] == ["100%", "60.00%", "96.00%", "96"]
        reason = by_name["招商引资到位资金增幅率"][10]
        assert reason.startswith("开发区2024年不断优化完善招商引资工作机制") and "13912345678" not in reason
        assert "王建国" not in reason, reason  # the stated reason is de-identified like any published text
        assert pub.figures["execution"]["rate"] == "96.00"
        pub_id = pub.id
    page = client.get("/projects/ZD-2024-ZS")
    assert page.status_code == 200
    text = text_of(page)
    assert "承诺与完成对照" in text
    assert "预算执行率 96.00%" in text and "99.80" not in text
    assert "招商引资到位资金增幅率 ≥15% 15.6% 18.03% 120.2% +3.03%" in text
    assert "开展招商推介活动次数 ≥7次 5次 6次 85.71% -1次 下半年一次推介会因故取消" in text
    assert "共 3 项，1 项达到或超过目标" in text
    assert "13912345678" not in page.get_data(as_text=True) and "王建国" not in page.get_data(as_text=True)
    assert "13912345678" not in client.get(f"/publications/{pub_id}").get_data(as_text=True)
    rows = {row["id"]: row for row in client.get("/data/publications.json").get_json()["publications"]}
    assert rows[pub_id]["execution_rate"] == "96.00"


def test_project_page_without_a_result_table_shows_no_comparison(app, client):
    from tests.public_site.helpers import approved_evaluation, project_with_targets

    with app.test_request_context():
        project = project_with_targets("ZS-2022-PUB")
        evaluation = approved_evaluation(project)
        set_dates(2022, PAST)
        publish("evaluation_result", f"submission:{evaluation.id}")
        db.session.commit()
    text = text_of(client.get("/projects/ZS-2022-PUB"))
    assert "承诺与完成对照" not in text
