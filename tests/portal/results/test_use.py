"""结果应用清单 (seed 004 §二.6): proposals by final grade, 绩效科's decisions, next year's cut, exports, summary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from portal.extensions import db
from portal.projects.models import Project
from portal.projects.operations import create_project
from portal.results import operations as results_ops
from portal.results import uselist
from portal.results.models import ResultsUse
from tests.conftest import text_of
from tests.portal.results.helpers import approved_self_evaluation, reviewer
from tests.portal.workflow.helpers import org, user

UNIT = "阿克陶县商务科技和工业信息化局"


def _year_like_seed_004():
    """Four projects of 2022: 优 (100 分), 中 by an audit cap, 差 by a major funds problem, 中 by the score."""
    good = approved_self_evaluation(code="ZS-2022-001", budget="4")
    capped = approved_self_evaluation(code="ZS-2022-002", budget="20")
    poor = approved_self_evaluation(code="ZS-2022-003", budget="50")
    medium = approved_self_evaluation(code="ZS-2022-004", budget="10", share="0.7")
    staff = reviewer(good.project)
    results_ops.add_finding(capped.project, staff, source="audit", found_on=date(2023, 5, 10),
                            document_no="阿审报〔2023〕12号", severity="general", description="未按规定公示")
    results_ops.add_finding(poor.project, staff, source="fiscal_supervision", found_on=date(2023, 6, 1),
                            document_no="阿财监〔2023〕3号", severity="major_funds", description="挤占挪用项目资金")
    return good, capped, poor, medium, staff


def test_proposals_follow_the_final_grade_and_ratios(app, world, clock):
    with app.test_request_context():
        good, capped, poor, medium, staff = _year_like_seed_004()
        assert medium.grade == "中"
        rows = {r.project.code: r for r in uselist.build(bureau_id=staff.bureau_id, year=2022, user=staff)}
        assert (rows["ZS-2022-001"].grade, rows["ZS-2022-001"].proposed_action) == ("优", "none")
        assert (rows["ZS-2022-002"].grade, rows["ZS-2022-002"].proposed_action,
                rows["ZS-2022-002"].proposed_amount) == ("中", "cut", Decimal("2.00"))  # 20 万元 × 10 %
        assert (rows["ZS-2022-003"].grade, rows["ZS-2022-003"].proposed_amount) == ("差", Decimal("15.00"))  # 50 × 30 %
        assert rows["ZS-2022-004"].proposed_amount == Decimal("1.00")
        assert "审计发现问题" in rows["ZS-2022-002"].grade_note


def test_ratios_are_configurable(app_factory, world, clock):
    app = app_factory(JIXIAO_RESULTS_CUT_RATIOS={"中": "0.05", "差": "0.50"})
    with app.test_request_context():
        _good, _capped, _poor, _medium, staff = _year_like_seed_004()
        rows = {r.project.code: r for r in uselist.build(bureau_id=staff.bureau_id, year=2022, user=staff)}
        assert rows["ZS-2022-002"].proposed_amount == Decimal("1.00")
        assert rows["ZS-2022-003"].proposed_amount == Decimal("25.00")


def test_changing_a_proposal_needs_a_reason_and_is_kept_in_the_history(app, world, clock):
    with app.test_request_context():
        _good, _capped, poor, _medium, staff = _year_like_seed_004()
        rows = {r.project.code: r for r in uselist.build(bureau_id=staff.bureau_id, year=2022, user=staff)}
        row = rows["ZS-2022-003"]
        with pytest.raises(results_ops.ResultsError, match="理由"):
            uselist.decide(row, staff, action="cut", amount="10", reason="")
        with pytest.raises(results_ops.ResultsError, match="绩效科"):
            uselist.decide(row, user("section"), action="cut", amount="", reason="")
        uselist.decide(row, staff, action="cut", amount="", reason="")
        assert (row.action, row.amount, row.reason) == ("cut", Decimal("15.00"), "确认系统建议")
        uselist.decide(row, staff, action="cut", amount="12.5", reason="项目已部分整改，县政府常务会议研究同意")
        assert [(c.amount, c.reason) for c in row.changes] == [
            (Decimal("15.00"), "确认系统建议"), (Decimal("12.50"), "项目已部分整改，县政府常务会议研究同意")]
        # Rebuilding keeps the decision.
        uselist.build(bureau_id=staff.bureau_id, year=2022, user=staff)
        assert row.amount == Decimal("12.50")


def test_next_years_project_shows_the_cut_it_carries(app, world, clock, login):
    with app.test_request_context():
        _good, _capped, poor, _medium, staff = _year_like_seed_004()
        rows = {r.project.code: r for r in uselist.build(bureau_id=staff.bureau_id, year=2022, user=staff)}
        uselist.decide(rows["ZS-2022-003"], staff, action="cut", amount="", reason="")
        nxt = create_project(code="ZS-2022-003", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2023,
                             kind="project", category="一般公共预算",
                             funding={"local": {"budget": Decimal("35"), "allocated": Decimal("0"),
                                                "spent": Decimal("0")}})
        renamed = create_project(code="ZS-2023-101", name="招商引资专项经费", unit=org(UNIT), fiscal_year=2023,
                                 kind="project", category="一般公共预算", funding={})
        uselist.decide(rows["ZS-2022-002"], staff, action="cut", amount="", reason="", next_project_id=renamed.id)
        db.session.commit()
        nxt_id, renamed_id = nxt.id, renamed.id
    page = text_of(login("unit").get(f"/work/projects/{nxt_id}"))
    assert "上年度绩效评价结果应用" in page and "核减 15.00 万元" in page and "直接列入“差”" in page
    page = text_of(login("reviewer").get(f"/work/projects/{renamed_id}"))
    assert "核减 2.00 万元" in page


def test_list_page_export_print_and_public_summary(app, world, clock, login):
    with app.test_request_context():
        _year_like_seed_004()
        db.session.commit()
    client = login("reviewer")
    assert "尚未生成2022年度结果应用清单" in text_of(client.get("/work/results/use?year=2022"))
    assert client.post("/work/results/use/build", data={"year": "2022"}).status_code == 302
    with app.app_context():
        row_id = db.session.scalar(select(ResultsUse.id).join(Project, ResultsUse.project_id == Project.id)
                                   .where(Project.code == "ZS-2022-003"))
    client.post(f"/work/results/use/{row_id}", data={"action": "cut", "amount": "abc", "reason": "x"})
    with app.app_context():
        assert db.session.get(ResultsUse, row_id).confirmed_at is None  # refused with a message, nothing saved
    client.post(f"/work/results/use/{row_id}", data={"action": "cut", "amount": "", "reason": ""})
    page = text_of(client.get("/work/results/use?year=2022"))
    assert "核减预算合计 15.00 万元" in page and "阿克陶县商务科技和工业信息化局" in page
    section_page = text_of(login("section").get("/work/results/use?year=2022&only=confirmed"))
    assert "15.00" in section_page and "确认或修改" not in section_page
    assert login("unit").get("/work/results/use?year=2022").status_code == 403
    client = login("reviewer")
    book = load_workbook(BytesIO(client.get("/work/results/use.xlsx?year=2022").data))
    assert book.sheetnames == ["结果应用清单", "单位汇总", "等级汇总", "变更记录"]
    totals = [[c.value for c in row] for row in book["单位汇总"].iter_rows(min_row=3)]
    assert totals == [["阿克陶县商务科技和工业信息化局", 1, 1, 15, 0, 0, 0]]
    assert "确认系统建议" in [c.value for c in next(book["变更记录"].iter_rows(min_row=3))]
    printed = text_of(client.get("/work/results/use/print?year=2022"))
    assert "2022年度绩效评价结果应用情况" in printed and "15.00" in printed
    with app.test_request_context():
        from portal.results.publishing import ResultsUseSummaryPublisher

        snapshot = ResultsUseSummaryPublisher().snapshot("year:2022", user("reviewer"))
        assert "合计核减 15.00 万元" in snapshot.summary and "招商" not in snapshot.summary
        with pytest.raises(LookupError):
            ResultsUseSummaryPublisher().snapshot("year:2022", user("unit"))


def test_findings_page_and_the_cap_on_the_score_sheet(app, world, clock, login):
    with app.test_request_context():
        report = approved_self_evaluation()
        db.session.commit()
        project_id, report_id = report.project_id, report.id
    client = login("reviewer")
    response = client.post(f"/work/results/projects/{project_id}/findings", data={
        "source": "audit", "found_on": "2023-13-01", "document_no": "", "severity": "general", "description": "x"})
    assert response.status_code == 422 and "请按“年-月-日”填写日期" in text_of(response)
    client.post(f"/work/results/projects/{project_id}/findings", data={
        "source": "audit", "found_on": "2023-05-10", "document_no": "阿审报〔2023〕12号", "severity": "general",
        "description": "专项资金未按规定用途支出"})
    page = text_of(client.get(f"/work/submissions/{report_id}"))
    assert "总分 100.00 分" in page and "按总分应为“优”，等级封顶为“中”" in page
    assert "阿审报〔2023〕12号" in text_of(login("unit").get(f"/work/projects/{project_id}"))
    assert login("unit").post(f"/work/results/projects/{project_id}/findings", data={
        "source": "audit", "found_on": "2023-05-10", "severity": "general", "description": "y"}).status_code == 403


def test_the_summaries_publish_on_the_public_site_without_names(app, world, clock):
    from tests.public_site.helpers import publish

    with app.test_request_context():
        _good, capped, _poor, _medium, staff = _year_like_seed_004()
        for row in uselist.build(bureau_id=staff.bureau_id, year=2022, user=staff):
            uselist.decide(row, staff, action=row.proposed_action, amount="", reason="")
        draw = results_ops.draw(bureau=db.session.get(type(staff.org), staff.bureau_id), year=2022, share="25",
                                seed=11, user=staff)
        results_ops.record_check(draw.checks[0], staff, outcome="untrue", evidence="台账与自评不符",
                                 responsible_person="张伟")
        use_pub = publish("results_use_summary", "year:2022")
        truth_pub = publish("truth_check_summary", "year:2022")
        evaluation = publish("evaluation_result", f"submission:{capped.id}")
        db.session.commit()
        assert "合计核减 18.00 万元" in use_pub.summary  # 2 + 15 + 1
        assert "不属实 1 项" in truth_pub.summary and "张伟" not in repr(truth_pub.__dict__)
        assert "招商" not in use_pub.summary + truth_pub.summary
        assert "评价等级“中”" in evaluation.summary and "按总分应为“优”" in evaluation.summary


def test_every_results_page_works_on_an_empty_instance(app, world, clock, login):
    client = login("reviewer")
    for url in ("/work/results/", "/work/results/use", "/work/results/use?year=2022&only=confirmed",
                "/work/results/truth", "/work/results/use/print", "/work/results/use.xlsx"):
        response = client.get(url, follow_redirects=True)
        assert response.status_code == 200, url
    response = client.post("/work/results/truth", data={"year": "2022", "share": "10"})
    assert response.status_code == 422 and "尚无审核通过的绩效自评" in text_of(response)
    response = client.post("/work/results/truth", data={"year": "2022", "share": "abc"})
    assert "抽取比例应为数字" in text_of(response)
    assert client.post("/work/results/use/build", data={"year": "2022"}).status_code == 302
