"""Rectification pages beyond the acceptance path: 抽查 items by hand, sample draws, results use, disclosure, demo."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from plugins.rectification.dates import today
from plugins.rectification.models import RectificationItem, SampleDraw
from portal import plugins
from portal.extensions import db
from portal.scoring.models import Framework
from portal.submissions import operations
from portal.submissions.models import Submission
from tests.conftest import text_of
from tests.plugins.rectification.helpers import as_user, item_ids, submitted_report
from tests.portal.workflow.helpers import bureau_user, project_with_targets, user


def _manual_item(app, world, **overrides) -> int:
    with app.test_request_context():
        project = project_with_targets(code="ZS-2022-009")
        db.session.commit()
        project_id = project.id
    reviewer = as_user(app, world, "reviewer")
    data = {"project_id": project_id, "description": "抽查发现：支出凭证缺少审批签字", "severity": "general",
            "deadline": (today() + timedelta(days=20)).isoformat(), "responsible_person": "阿依古丽·买买提",
            **overrides}
    response = reviewer.post("/work/rectification/new", data=data)
    assert response.status_code == 302, text_of(response)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_manual_item_from_a_check_is_scoped_and_bad_input_is_refused_in_chinese(app, world):
    with app.test_request_context():
        project = project_with_targets(code="ZS-2022-010")
        db.session.commit()
        project_id = project.id
    reviewer = as_user(app, world, "reviewer")
    bad = reviewer.post("/work/rectification/new", data={
        "project_id": project_id, "description": "凭证不全", "severity": "general",
        "deadline": (today() - timedelta(days=1)).isoformat()})
    assert bad.status_code == 422 and "整改期限不能早于今天" in text_of(bad) and "凭证不全" in text_of(bad)
    bad = reviewer.post("/work/rectification/new", data={"project_id": project_id, "description": "",
                                                          "severity": "general", "deadline": "2099-13-45"})
    assert bad.status_code == 422 and "请填写问题描述" in text_of(bad) and "请按“年-月-日”填写日期" in text_of(bad)
    item_id = _manual_item(app, world)
    assert "抽查发现" in text_of(as_user(app, world, "unit").get(f"/work/rectification/items/{item_id}"))
    assert as_user(app, world, "unit2").get(f"/work/rectification/items/{item_id}").status_code == 404
    unit2 = as_user(app, world, "unit2")
    assert unit2.post(f"/work/rectification/items/{item_id}/evidence", data={"text": "x"}).status_code == 404
    assert as_user(app, world, "firm").get("/work/rectification/").status_code == 403
    assert as_user(app, world, "unit").get("/work/rectification/new").status_code == 403
    # Evidence without text is refused and the item stays open.
    unit = as_user(app, world, "unit")
    response = unit.post(f"/work/rectification/items/{item_id}/evidence", data={"text": "  "})
    assert response.status_code == 422 and "请填写整改情况说明" in text_of(response)
    with app.app_context():
        assert db.session.get(RectificationItem, item_id).state == "open"


def test_sample_draw_on_the_page_is_recorded_and_reproducible(app, world):
    ids = [_manual_item(app, world)]
    with app.test_request_context():
        item = db.session.get(RectificationItem, ids[0])
        item.state, item.closed_at = "closed", item.created_at
        db.session.commit()
    reviewer = as_user(app, world, "reviewer")
    bad = reviewer.post("/work/rectification/samples", data={"year": "2022", "share": "2", "seed": ""})
    assert bad.status_code == 422 and "抽查比例应在 0.01 至 1 之间" in text_of(bad)
    response = reviewer.post("/work/rectification/samples", data={"year": "2022", "share": "0.10", "seed": "7"})
    assert response.status_code == 302
    page = reviewer.get(response.headers["Location"]).get_data(as_text=True)
    assert item_ids(page) == ids and "jixiao rectification sample 2022 --share 0.1 --seed 7" in page
    with app.app_context():
        draw = db.session.scalar(select(SampleDraw).where(SampleDraw.seed == 7))
        assert draw.drawn_by_name == "李建华" and draw.population == 1 and draw.share == Decimal("0.1")
    assert as_user(app, world, "unit").get("/work/rectification/samples").status_code == 403


def test_results_use_shows_flags_grades_and_open_items_with_the_budget_cut(app, world):
    with app.test_request_context():
        sid = submitted_report(code="ZS-2022-011")
        report = db.session.get(Submission, sid)
        firm = user("firm")
        report.state = "returned"
        framework = db.session.get(Framework, report.framework_id)
        operations.save_scores(report, firm, {i.id: str(i.weight * Decimal("0.7")) for i in framework.items})
        operations.apply_transition(report, "submit", firm)
        operations.apply_transition(report, "pass_first_review", bureau_user(report.project, "bureau_section"))
        operations.apply_transition(report, "approve", bureau_user(report.project, "bureau_reviewer"))
        assert report.grade == "中"
        db.session.commit()
        unit_id = report.project.unit_id
    _manual_item(app, world)
    page = text_of(as_user(app, world, "reviewer").get(f"/work/rectification/results?unit_id={unit_id}&year=2022"))
    assert "应核减下一年度预算" in page and "70.00 分 · 中" in page and "抽查发现：支出凭证缺少审批签字" in page
    assert as_user(app, world, "unit").get("/work/rectification/results").status_code == 403


def test_summary_publisher_gives_figures_without_evidence_or_names(app, world):
    item_id = _manual_item(app, world)
    unit = as_user(app, world, "unit")
    unit.post(f"/work/rectification/items/{item_id}/evidence",
              data={"text": "由张子琦负责补签，联系电话 13812345678", "responsible_person": "阿依古丽·买买提"})
    as_user(app, world, "reviewer").post(f"/work/rectification/items/{item_id}/transition", data={"action": "close"})
    with app.test_request_context():
        publisher = plugins.publishers()["rectification_summary"]
        reviewer = user("reviewer")
        key = db.session.get(RectificationItem, item_id).project_id
        candidate = next(c for c in publisher.candidates(reviewer) if c.key == f"project:{key}")
        assert "发现问题 1 个，已销号 1 个" in candidate.note
        snapshot = publisher.snapshot(candidate.key, reviewer)
        assert set(snapshot.facets) == {"year", "region", "unit", "project_code", "project_name"}
        assert snapshot.figures == {"raised": 1, "closed": 1, "overdue": 0, "closed_on_time": 1}
        everything = repr(snapshot.__dict__)
        assert "张子琦" not in everything and "13812345678" not in everything and "阿依古丽" not in everything
        assert "阿依古丽·买买提" in plugins.known_person_names()
        assert publisher.candidates(user("unit")) == []
        try:
            publisher.snapshot(candidate.key, user("unit"))
        except LookupError:
            pass
        else:
            raise AssertionError("a unit user must not get a snapshot")


def test_demo_has_items_in_every_state_and_is_idempotent(app, clock):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        first = db.session.scalar(select(func.count(RectificationItem.id)))
        items = db.session.scalars(select(RectificationItem)).all()
        assert {i.state for i in items} == {"open", "in_progress", "evidence_submitted", "closed"}
        # "truth": the 收回资金 item of the results demo's untrue 真实性核查 indicator (portal/results/demo.py).
        assert {i.source_kind for i in items} == {"finding", "flag", "manual", "truth"}
        assert any(i.submission and i.submission.kind == "self_evaluation" for i in items)
        assert db.session.scalar(select(func.count(SampleDraw.id))) == 1
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        assert db.session.scalar(select(func.count(RectificationItem.id))) == first
    path = Path(app.instance_path) / "台账.xlsx"
    export = runner.invoke(args=["rectification", "export", "2023", str(path)])
    assert export.exit_code == 0 and "已导出" in export.output
    # One demo item is overdue: the farmland check, due 15 days before the bureau's today (2025-07-01).
    sheet = load_workbook(path).active
    headers = [c.value for c in sheet[3]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=4)]
    overdue = [(r["问题描述"], r["整改期限"].date(), r["整改状态"]) for r in rows if r["是否逾期"] == "是"]
    assert overdue == [("高标准农田项目资金到位后长期未支出，执行率为 0", date(2025, 6, 16), "整改中")]
    assert {r["是否逾期"] for r in rows} == {"是", "否"} and len(rows) >= 6


def test_disabled_plugin_leaves_no_rectification_on_core_pages(app_factory, world):
    app = app_factory(JIXIAO_DISABLED_PLUGINS="rectification,evaluator_grading")
    with app.test_request_context():
        sid = submitted_report(code="ZS-2022-012")
        report = db.session.get(Submission, sid)
        operations.apply_transition(report, "pass_first_review", bureau_user(report.project, "bureau_section"))
        operations.apply_transition(report, "approve", bureau_user(report.project, "bureau_reviewer"))
        db.session.commit()
    page = text_of(as_user(app, world, "reviewer").get(f"/work/submissions/{sid}"))
    assert "已通过" in page and "问题整改" not in page and "整改台账" not in page


def test_the_ledger_pages_long_lists_and_keeps_its_filters(app, world):
    from plugins.rectification import operations as rectification

    with app.test_request_context():
        project = project_with_targets(code="ZS-2022-011")
        for n in range(1, 131):
            rectification.create_item(unit=project.unit, project=project, fiscal_year=2022, source_kind="manual",
                                      description=f"抽查发现第{n}项问题", severity="general",
                                      deadline=today() + timedelta(days=n))
        db.session.commit()
    reviewer = as_user(app, world, "reviewer")
    first = reviewer.get("/work/rectification/?year=2022&source_kind=manual")
    html = first.get_data(as_text=True)
    assert "共 130 项" in text_of(first) and "第 1 / 2 页，共 130 条" in text_of(first)
    assert len(item_ids(html)) == 100
    assert "/work/rectification/?year=2022&amp;source_kind=manual&amp;page=2" in html
    second = reviewer.get("/work/rectification/?year=2022&source_kind=manual&page=2")
    assert len(item_ids(second.get_data(as_text=True))) == 30 and "第 2 / 2 页" in text_of(second)
    assert not set(item_ids(html)) & set(item_ids(second.get_data(as_text=True)))
    # The export holds every row, not one page.
    from io import BytesIO

    from openpyxl import load_workbook

    export = reviewer.get("/work/rectification/export.xlsx?year=2022&source_kind=manual")
    sheet = load_workbook(BytesIO(export.data)).active
    assert sum(1 for row in sheet.iter_rows(values_only=True) if row and "抽查发现第" in str(row)) == 130
