"""Grade caps (seed 004 §二.3, §二.5): findings of 审计/财会监督 and failed monitoring cap the grade, not the total."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from portal.extensions import db
from portal.results import operations as results_ops
from portal.submissions.models import MonitoringFlag
from tests.portal.results.helpers import approved_self_evaluation, reviewer
from tests.portal.workflow.helpers import user


def test_an_audit_finding_caps_the_grade_at_medium_and_keeps_the_total(app, world, clock):
    with app.test_request_context():
        report = approved_self_evaluation()
        assert (report.total_score, report.grade) == (Decimal("100.00"), "优")
        results_ops.add_finding(report.project, reviewer(report.project), source="audit", found_on=date(2023, 5, 10),
                                document_no="阿审报〔2023〕12号", severity="general",
                                description="专项资金未按规定用途支出 0.3 万元")
        assert (report.total_score, report.score_grade, report.grade) == (Decimal("100.00"), "优", "中")
        assert "审计发现问题（阿审报〔2023〕12号）" in report.grade_cap and "不得评为“优”“良”" in report.grade_cap


def test_a_major_funds_problem_makes_it_poor_and_removing_the_finding_restores_it(app, world, clock):
    with app.test_request_context():
        report = approved_self_evaluation()
        finding = results_ops.add_finding(report.project, reviewer(report.project), source="fiscal_supervision",
                                          found_on=date(2023, 6, 1), document_no="阿财监〔2023〕3号",
                                          severity="major_funds", description="挤占挪用项目资金")
        assert report.grade == "差" and "直接列入“差”" in report.grade_cap
        results_ops.remove_finding(finding, reviewer(report.project))
        assert (report.grade, report.grade_cap) == ("优", "")


def test_an_unresolved_red_flag_caps_the_grade(app, world, clock):
    with app.test_request_context():
        report = approved_self_evaluation()
        project = report.project
        yellow = MonitoringFlag(project_id=project.id, submission_id=report.id, checkpoint=5, color="yellow",
                                reason="预算执行率低于时间进度")
        db.session.add(yellow)
        db.session.flush()
        db.session.add(MonitoringFlag(project_id=project.id, submission_id=report.id, checkpoint=8, color="red",
                                      reason="上一监控节点的黄标未整改到位", escalates_id=yellow.id))
        from portal.results.caps import reapply_for_project

        reapply_for_project(project.id)
        assert report.grade == "中" and "8月红标" in report.grade_cap


def test_only_the_bureau_reviewer_records_findings_and_bad_input_is_refused(app, world, clock):
    with app.test_request_context():
        report = approved_self_evaluation()
        with pytest.raises(results_ops.ResultsError, match="绩效科"):
            results_ops.add_finding(report.project, user("unit"), source="audit", found_on=date(2023, 5, 1),
                                    document_no="", severity="general", description="x")
        with pytest.raises(results_ops.ResultsError, match="问题描述"):
            results_ops.add_finding(report.project, reviewer(report.project), source="audit",
                                    found_on=date(2023, 5, 1), document_no="", severity="general", description=" ")
        with pytest.raises(results_ops.ResultsError, match="晚于今天"):
            results_ops.add_finding(report.project, reviewer(report.project), source="audit",
                                    found_on=date(2030, 5, 1), document_no="", severity="general", description="x")


def test_recording_and_removing_a_finding_is_audited(app, world, clock):
    from sqlalchemy import select

    from portal.audit.models import AuditEvent

    with app.test_request_context():
        report = approved_self_evaluation()
        staff = reviewer(report.project)
        finding = results_ops.add_finding(report.project, staff, source="inspection", found_on=date(2023, 7, 1),
                                          document_no="阿财检〔2023〕5号", severity="general", description="台账不全")
        results_ops.remove_finding(finding, staff)
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.kind.like("results_%"))
                                    .order_by(AuditEvent.id)).all()
        assert [(e.kind, e.username, e.detail["document_no"]) for e in events] == [
            ("results_finding", "reviewer", "阿财检〔2023〕5号"), ("results_finding_delete", "reviewer", "阿财检〔2023〕5号")]


def test_cli_recap_applies_the_caps_to_records_graded_before_them(app, world, clock):
    from portal.results.models import ProjectFinding

    with app.test_request_context():
        report = approved_self_evaluation()
        # A finding written straight to the table (as an upgrade would find it): the grade is not capped yet.
        db.session.add(ProjectFinding(project_id=report.project_id, source="audit", found_on=date(2023, 5, 1),
                                      severity="general", description="审计发现问题"))
        db.session.commit()
        report_id = report.id
    result = app.test_cli_runner().invoke(args=["results", "recap"])
    assert result.exit_code == 0 and "1 份评价的等级有变化" in result.output
    with app.app_context():
        from portal.submissions.models import Submission

        assert db.session.get(Submission, report_id).grade == "中"
