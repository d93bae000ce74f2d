"""Status texts that are true: rounds and their changes, returns that say what was asked, no stale banners."""

from __future__ import annotations

from portal.extensions import db
from portal.submissions import operations
from portal.submissions.models import Submission
from tests.conftest import text_of
from tests.portal.workflow.helpers import filled_monitoring, project_with_targets, user
from tests.portal.workflow.test_recall import as_user


def _monitoring_form(submission, **actuals) -> dict:
    form = {"spent": "1.5", "findings": "", "recommendations": "", "summary": "", "save": "1"}
    for ind in submission.target_version.indicators:
        form[f"actual_{ind.id}"] = actuals.get(ind.name, "1")
    return form


def test_a_resubmission_shows_its_round_and_what_changed_and_no_stale_return_banner(app, world):
    with app.test_request_context():
        report = filled_monitoring(project_with_targets())
        sid, form = report.id, _monitoring_form(report)
        sign_id = next(i.id for i in report.target_version.indicators if i.name == "招商活动的签约项目个数")
        db.session.commit()
    unit, section, reviewer = (as_user(app, world, u) for u in ("unit", "section", "reviewer"))
    url = f"/work/submissions/{sid}"
    unit.post(f"{url}/transition", data={"confirmed": "1", "action": "submit"})
    # A return with a comment at one field only: the 办理记录 says what was asked.
    section.post(f"{url}/transition", data={"confirmed": "1", "action": "return_first_review",
                                            f"comment_indicator:{sign_id}": "签约项目个数与合同不符"})
    page = text_of(unit.get(url))
    assert "本材料已被退回" in page
    assert "逐项意见：指标“招商活动的签约项目个数”：签约项目个数与合同不符" in page

    unit.post(f"{url}/edit", data=dict(form, **{f"actual_{sign_id}": "2", "spent": "2"}))
    unit.post(f"{url}/transition", data={"confirmed": "1", "action": "submit"})
    for client in (unit, section):
        page = text_of(client.get(url))
        assert "本材料已被退回" not in page and "第 2 轮" in page
        assert "指标“招商活动的签约项目个数”实际值：1 → 2" in page
        assert "执行数：1.5 → 2" in page
        assert "上一轮于" in page and "签约项目个数与合同不符" in page
    assert "本轮修改：" in text_of(section.get(url))  # in the 办理记录 too

    section.post(f"{url}/transition", data={"confirmed": "1", "action": "pass_first_review"})
    reviewer.post(f"{url}/transition", data={"confirmed": "1", "action": "approve"})
    page = text_of(unit.get(url))
    assert "已通过" in page and "本材料已被退回" not in page


def test_a_resubmission_without_changes_says_so(app, world):
    with app.test_request_context():
        sid = filled_monitoring(project_with_targets()).id
        db.session.commit()
    unit, section = as_user(app, world, "unit"), as_user(app, world, "section")
    url = f"/work/submissions/{sid}"
    unit.post(f"{url}/transition", data={"confirmed": "1", "action": "submit"})
    section.post(f"{url}/transition", data={"confirmed": "1", "action": "return_first_review", "comment": "请核实"})
    unit.post(f"{url}/transition", data={"confirmed": "1", "action": "submit"})
    assert "自退回以来未作任何修改" in text_of(section.get(url))


def test_monitoring_without_spent_shows_no_execution_rate_and_cannot_be_submitted(app, world):
    with app.test_request_context():
        project = project_with_targets()
        unit_user = user("unit")
        report = operations.create(kind="monitoring", project=project, user=unit_user, checkpoint=8)
        operations.save_results(report, unit_user, {i.id: {"actual": "1"} for i in report.target_version.indicators})
        sid = report.id
        db.session.commit()
    unit = as_user(app, world, "unit")
    page = text_of(unit.get(f"/work/submissions/{sid}"))
    assert "执行率 —" in page and "执行率 100.00%" not in page
    refused = unit.post(f"/work/submissions/{sid}/transition", data={"action": "submit"}, follow_redirects=True)
    assert "请填写截至监控节点的执行数" in text_of(refused)
    with app.app_context():
        assert db.session.get(Submission, sid).state == "draft"
