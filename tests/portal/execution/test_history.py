"""A project's 到位数 / 执行数 over the year: creation, approved monitoring reports, the bureau's form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from portal.execution.operations import history
from portal.extensions import db
from portal.projects.models import Project
from tests.conftest import text_of
from tests.portal.execution.helpers import approve, monitoring, project_with_targets, two_source_project


def test_creation_figures_are_the_first_record(app):
    with app.test_request_context():
        project = project_with_targets()
        records = history(project)
        assert [(r.origin, r.allocated, r.spent) for r in records] == [("creation", Decimal("4.00"), Decimal("4.00"))]


def test_an_approved_monitoring_report_becomes_the_projects_figures_as_of_its_checkpoint(app, login):
    with app.test_request_context():
        project = project_with_targets("EX-2022-001")
        project.funding[0].spent = Decimal("0.00")  # as if created before anything was spent
        may = monitoring(project, 5, "1.5")
        approve(may)
        august = monitoring(project, 8, "3")
        db.session.commit()
        project_id, august_id = project.id, august.id
    with app.test_request_context():
        project = db.session.get(Project, project_id)
        assert project.spent == Decimal("1.50") and project.execution_rate == Decimal("37.50")
        assert history(project)[0].as_of == date(2022, 5, 31)
        assert history(project)[0].origin == "monitoring"
        # the August report is still a draft: it does not count until approved
        from portal.submissions.models import Submission

        approve(db.session.get(Submission, august_id))
        db.session.commit()
    with app.test_request_context():
        project = db.session.get(Project, project_id)
        assert project.execution_rate == Decimal("75.00")
        assert [(r.as_of, r.spent) for r in history(project)][:2] == [(date(2022, 8, 31), Decimal("3.00")),
                                                                      (date(2022, 5, 31), Decimal("1.50"))]
    page = text_of(login("section").get(f"/work/projects/{project_id}"))
    assert "预算执行情况（到位数 / 执行数）" in page
    assert "2022-08-31 现行 绩效监控报告（已审核）" in page
    assert "执行率 75.00%" in page
    listing = text_of(login("unit").get("/work/projects/?q=EX-2022-001"))
    assert "75.00%" in listing


def test_a_total_only_report_is_split_by_budget_and_per_source_figures_are_kept(app):
    with app.test_request_context():
        project = two_source_project()
        report = monitoring(project, 5, "8")
        approve(report)
        record = history(project)[0]
        assert record.note.startswith("报告只填了执行数合计")
        assert [(line.source, line.allocated, line.spent) for line in record.lines] == [
            ("central", Decimal("20.00"), Decimal("6.00")), ("local", Decimal("10.00"), Decimal("2.00"))]
        report = monitoring(project, 8, "25", {"central": {"allocated": "30", "spent": "18"},
                                               "local": {"allocated": "10", "spent": "7"}})
        approve(report)
        assert project.funding_for("central").spent == Decimal("18.00")
        assert project.funding_for("central").allocated == Decimal("30.00")
        assert project.execution_rate == Decimal("62.50")


def test_unit_reports_per_source_figures_in_the_edit_form(app, login, world):
    with app.test_request_context():
        project = two_source_project("EX-2022-003")
        report = monitoring(project, 5, "1")
        db.session.commit()
        report_id = report.id
    client = login("unit")
    response = client.post(f"/work/submissions/{report_id}/edit", data={
        "spent": "1", "exec_central_allocated": "20", "exec_central_spent": "5",
        "exec_local_allocated": "10", "exec_local_spent": "abc", "save": "1"})
    assert response.status_code == 422
    assert "分资金来源的到位数、执行数有误" in text_of(response)
    response = client.post(f"/work/submissions/{report_id}/edit", data={
        "spent": "1", "exec_central_allocated": "20", "exec_central_spent": "5",
        "exec_local_allocated": "10", "exec_local_spent": "3", "save": "1"})
    assert response.status_code == 302
    with app.test_request_context():
        from portal.submissions.models import Submission

        report = db.session.get(Submission, report_id)
        assert report.data["spent"] == "8.00"
        assert report.data["execution"]["local"] == {"allocated": "10.00", "spent": "3.00"}
    page = text_of(client.get(f"/work/submissions/{report_id}/edit"))
    assert "分资金来源填报到位数、执行数" in page


def test_bureau_form_records_a_dated_update_units_may_not(app, login, clock):
    with app.test_request_context():
        project = two_source_project("EX-2025-001")
        project.fiscal_year = 2025
        db.session.commit()
        project_id = project.id
    assert login("unit").get(f"/work/execution/projects/{project_id}/update").status_code == 403
    client = login("section")
    assert "截至日期" in text_of(client.get(f"/work/execution/projects/{project_id}/update"))
    bad = client.post(f"/work/execution/projects/{project_id}/update", data={
        "as_of": "2025-06-20", "central_allocated": "20", "central_spent": "25", "local_allocated": "10",
        "local_spent": "x"})
    assert bad.status_code == 422
    page = text_of(bad)
    assert "中央执行数 25.00 万元大于到位数 20.00 万元" in page and "金额“x”不是有效数字" in page
    huge = client.post(f"/work/execution/projects/{project_id}/update", data={
        "as_of": "2025-06-20", "central_allocated": "99999999999999999999", "central_spent": "1"})
    assert huge.status_code == 422 and "金额超出可记录范围" in text_of(huge)
    future = client.post(f"/work/execution/projects/{project_id}/update", data={
        "as_of": "2025-07-02", "central_allocated": "20", "central_spent": "5"})
    assert "截至日期不能晚于今天" in text_of(future)
    ok = client.post(f"/work/execution/projects/{project_id}/update", data={
        "as_of": "2025-06-20", "central_allocated": "30", "central_spent": "12", "local_allocated": "10",
        "local_spent": "4", "note": "国库支付数据"})
    assert ok.status_code == 302
    # an older figure entered later is history, not the current one
    client.post(f"/work/execution/projects/{project_id}/update", data={
        "as_of": "2025-03-31", "central_allocated": "20", "central_spent": "2", "local_allocated": "10",
        "local_spent": "1"})
    page = text_of(client.get(f"/work/projects/{project_id}"))
    assert "执行率 40.00%" in page
    assert "2025-06-20 现行 财政局更新" in page and "2025-03-31 财政局更新" in page
    assert "国库支付数据" in page
