"""Conflict-of-interest guard, rubric rules, and the plugin switched off (third-party reports still flow)."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.submissions import operations
from portal.submissions.models import Submission
from tests.conftest import text_of
from tests.plugins.evaluator_grading.helpers import FIRM_B, UNIT, as_user
from tests.portal.workflow.helpers import project_with_targets, user


def test_conflict_of_interest_is_explained_and_an_override_needs_an_audited_reason(app, world):
    from plugins.evaluator_grading.models import Engagement
    from portal.audit.models import AuditEvent

    with app.test_request_context():
        project_id = project_with_targets(code="EG-COI-1").id
        db.session.commit()
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    firm_b = world["orgs"][FIRM_B]
    # The bureau records that firm B kept the unit's books in 2021 (within 3 years of 2022).
    response = reviewer.post("/work/evaluator_grading/relations", data={
        "firm_id": firm_b, "unit_id": world["orgs"][UNIT], "kind": "bookkeeping", "year": "2021", "note": "代理记账"})
    assert response.status_code == 302
    bad = reviewer.post("/work/evaluator_grading/relations", data={
        "firm_id": firm_b, "unit_id": world["orgs"][UNIT], "kind": "bookkeeping", "year": "去年"})
    assert bad.status_code == 422 and "年度应为四位数字" in text_of(bad)

    form = text_of(reviewer.get(f"/work/evaluator_grading/engagements?year=2022&firm_id={firm_b}"))
    assert "2021年为阿克陶县商务科技和工业信息化局提供代理记账服务" in form
    data = {"year": "2022", "firm_id": firm_b, "project_id": project_id, "deadline": "2023-06-30", "amount": "2"}
    refused = reviewer.post("/work/evaluator_grading/engagements", data=data)
    assert refused.status_code == 422 and "存在利益冲突" in text_of(refused)
    with app.app_context():
        assert db.session.scalar(select(Engagement.id).where(Engagement.project_id == project_id)) is None
    # Section staff may look but not engage.
    section = as_user(app, "section", world["passwords"]["section"])
    assert section.post("/work/evaluator_grading/engagements", data=data).status_code == 403
    # An override with a written reason goes through and is audited.
    response = reviewer.post("/work/evaluator_grading/engagements",
                             data={**data, "override_reason": "本地仅此一家具备资质的机构，经局党组研究同意"})
    assert response.status_code == 302, text_of(response)
    with app.app_context():
        engagement = db.session.scalar(select(Engagement).where(Engagement.project_id == project_id))
        assert engagement.override_reason.startswith("本地仅此一家")
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.kind == "evaluator_grading_conflict_override"))
        assert event.detail["reason"].startswith("本地仅此一家") and event.username == "reviewer"
    assert "利益冲突豁免" in text_of(reviewer.get("/work/evaluator_grading/engagements?year=2022"))


def test_a_self_evaluation_prepared_by_the_firm_is_a_conflict_and_old_services_are_not(app):
    from plugins.evaluator_grading import operations as grading
    from plugins.evaluator_grading.queries import conflicts
    from portal.accounts.models import Organisation

    with app.test_request_context():
        project = project_with_targets(code="EG-COI-2")
        reviewer = user("reviewer")
        firm = db.session.scalar(select(Organisation).where(Organisation.name == FIRM_B))
        grading.add_relation(firm=firm, unit=project.unit, kind="audit", year=2018, note="", user=reviewer)
        assert conflicts(firm, project) == []  # 2018 < 2022 − 3
        grading.add_relation(firm=firm, unit=project.unit, kind="self_evaluation", year=2022, note="", user=reviewer)
        assert conflicts(firm, project) == [f"{FIRM_B}曾为{UNIT}编制2022年度绩效自评，不能评价其项目"]


def test_rubric_sums_to_100(app, world):
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    page = reviewer.get("/work/evaluator_grading/rubric/2024").get_data(as_text=True)
    assert 'value="评价方案与指标体系"' in page and 'value="形式与时效"' in page
    names = ["评价方案与指标体系", "证据与数据", "分析与结论", "问题与建议", "形式与时效", ""]
    response = reviewer.post("/work/evaluator_grading/rubric/2024",
                             data={"name": names, "points": ["20", "25", "25", "20", "20", ""]})
    assert response.status_code == 422 and "合计应为 100 分，现为 110 分" in text_of(response)
    response = reviewer.post("/work/evaluator_grading/rubric/2024",
                             data={"name": names[:4] + ["", ""], "points": ["30", "30", "20", "20", "", ""]})
    assert response.status_code == 302
    assert "形式与时效" not in reviewer.get("/work/evaluator_grading/rubric/2024").get_data(as_text=True)
    unit = as_user(app, "unit", world["passwords"]["unit"])
    assert unit.get("/work/evaluator_grading/rubric/2024").status_code == 403


def test_with_the_plugin_off_third_party_reports_flow_through_the_core_review(app_factory, world):
    app = app_factory(JIXIAO_DISABLED_PLUGINS="evaluator_grading")
    with app.test_request_context():
        project = project_with_targets(code="EG-OFF-1")
        firm = user("firm")
        report = operations.create(kind="third_party", project=project, user=firm)
        from portal.scoring.models import Framework

        framework = db.session.get(Framework, report.framework_id)
        operations.save_scores(report, firm, {i.id: str(i.weight) for i in framework.items})
        operations.apply_transition(report, "submit", firm)
        db.session.commit()
        sid = report.id
    section = as_user(app, "section", world["passwords"]["section"])
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    assert section.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "pass_first_review"}).status_code == 302
    page = text_of(reviewer.get(f"/work/submissions/{sid}"))
    assert "报告质量评审" not in page and "组建评审组" not in page
    assert reviewer.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "approve"}).status_code == 302
    with app.app_context():
        assert db.session.get(Submission, sid).state == "approved"
    dashboard = text_of(reviewer.get("/work/"))
    assert "第三方评价" not in dashboard and "待组建评审组" not in dashboard
    assert reviewer.get("/work/evaluator_grading/").status_code == 404
    assert "ratings" not in app.cli.list_commands(None)
    with app.test_request_context():
        from portal import plugins

        assert "firm_rating" not in plugins.publishers()
