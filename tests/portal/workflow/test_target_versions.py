"""Targets: an approved version is frozen; a change is a new version with a reason, reviewed, with its diff."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.extensions import db
from portal.projects.models import Project
from portal.targets.models import TargetVersion
from tests.conftest import text_of
from tests.portal.workflow.helpers import project_with_targets


def test_change_after_approval_is_a_reviewed_new_version_with_history(app, login):
    with app.test_request_context():
        project_id = project_with_targets().id
        db.session.commit()
    unit = login("unit")
    # A change needs a reason.
    response = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "target_declaration"})
    assert "调整须说明原因" in text_of(unit.get(response.headers["Location"]))
    response = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "target_declaration",
                                                       "reason": "8月监控节点：活动场次调整"})
    sid = int(re.search(r"/submissions/(\d+)/edit", response.headers["Location"]).group(1))
    form = unit.get(f"/work/submissions/{sid}/edit").get_data(as_text=True)
    assert 'value="举办招商引资活动数量"' in form  # the draft starts as a copy of the approved version
    data = {"reason": "8月监控节点：活动场次调整", "overall_goal": "举办招商引资活动", "save": "1",
            "ind_level1": ["产出", "产出", "效益", "满意度"], "ind_level2": ["数量", "成本", "经济效益", "服务对象满意度"],
            "ind_name": ["举办招商引资活动数量", "招商引资工作经费", "招商活动的签约项目个数", "客商满意度"],
            "ind_operator": ["≥", "≤", "≥", "≥"], "ind_value": ["3", "4", "2", "98"], "ind_text_value": ["", "", "", ""],
            "ind_unit": ["个", "万元", "个", "%"], "ind_weight": ["20", "10", "30", "40"]}
    assert unit.post(f"/work/submissions/{sid}/edit", data=data).status_code == 302
    with app.app_context():
        versions = db.session.scalars(select(TargetVersion).where(TargetVersion.project_id == project_id)
                                      .order_by(TargetVersion.version_no)).all()
        assert [(v.version_no, v.is_frozen) for v in versions] == [(1, True), (2, False)]
        assert len(versions[0].indicators) == 5  # the frozen version is untouched
    page = text_of(unit.get(f"/work/projects/{project_id}"))
    assert "现行：第 1 版" in page
    unit.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "submit"})
    login("section").post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "pass_first_review"})
    reviewer = login("reviewer")
    reviewer.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "approve"})
    page = text_of(reviewer.get(f"/work/projects/{project_id}"))
    assert "现行：第 2 版" in page and "调整原因：8月监控节点：活动场次调整" in page
    assert "调整 举办招商引资活动数量 ≥2个（权重 20）→ ≥3个（权重 20）" in page
    assert "删除 招商引资工作周期 =12月" in page
    with app.app_context():
        assert db.session.get(Project, project_id).code == "ZS-2022-001"


def test_frozen_version_cannot_be_edited(app, login):
    with app.test_request_context():
        project = project_with_targets()
        from portal.submissions.models import Submission

        sid = db.session.scalar(select(Submission.id).where(Submission.project_id == project.id))
        db.session.commit()
    unit = login("unit")
    response = unit.post(f"/work/submissions/{sid}/edit", data={"ind_name": ["x"], "save": "1"})
    assert response.status_code == 302
    assert "不能修改" in text_of(unit.get(response.headers["Location"]))


def _project_seen_by_firm_and_expert(app) -> int:
    """The approved project, with the firm's handed-in third-party report on it under a panel with the expert
    (so the firm and the expert may open the project page)."""
    from plugins.evaluator_grading import panels
    from portal.scoring.models import Framework
    from portal.submissions import operations
    from tests.portal.workflow.helpers import user

    with app.test_request_context():
        project = project_with_targets()
        firm = user("firm")
        report = operations.create(kind="third_party", project=project, user=firm)
        operations.save_findings(report, firm, ["问题一"], ["建议一"])
        framework = db.session.get(Framework, report.framework_id)
        operations.save_scores(report, firm, {i.id: str(i.weight) for i in framework.items})
        operations.apply_transition(report, "submit", firm)
        panels.form_panel(report, [user("reviewer"), user("expert")], user("reviewer"))
        db.session.commit()
        return project.id


def _history(client, project_id: int) -> str:
    page = text_of(client.get(f"/work/projects/{project_id}"))
    assert "现行：第 1 版" in page or "现行：第 2 版" in page, page[:300]
    return page


def test_a_draft_target_change_is_seen_only_by_its_unit_until_handed_in(app, login):
    project_id = _project_seen_by_firm_and_expert(app)
    reason = "拟将活动场次由2场调整为3场（内部草稿）"
    unit = login("unit")
    response = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "target_declaration",
                                                       "reason": reason})
    sid = int(re.search(r"/submissions/(\d+)/edit", response.headers["Location"]).group(1))

    # The draft: its unit sees it (and that it is a draft); nobody else sees the version or its reason.
    page = _history(unit, project_id)
    assert "第 2 版 · 草稿" in page and reason in page
    for other in ("firm", "expert", "section", "reviewer", "admin"):
        page = _history(login(other), project_id)
        assert "第 2 版" not in page and reason not in page, other

    # Handed in: the bureau reviews it; the firm and the expert still see only the approved version.
    login("unit").post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "submit"})
    for bureau in ("section", "reviewer"):
        page = _history(login(bureau), project_id)
        assert "第 2 版 · 待初审" in page and reason in page, bureau
    for other in ("firm", "expert"):
        page = _history(login(other), project_id)
        assert "第 2 版" not in page and reason not in page, other

    # Approved: the change and its reason are part of the record for everyone who sees the project.
    login("section").post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "pass_first_review"})
    login("reviewer").post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "approve"})
    for anyone in ("unit", "firm", "expert", "section", "reviewer"):
        page = _history(login(anyone), project_id)
        assert "现行：第 2 版" in page and f"调整原因：{reason}" in page, anyone


def test_a_withdrawn_draft_version_is_not_shown_even_to_its_unit(app, login):
    with app.test_request_context():
        project_id = project_with_targets().id
        db.session.commit()
    unit = login("unit")
    response = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "target_declaration",
                                                       "reason": "作废的调整"})
    sid = int(re.search(r"/submissions/(\d+)/edit", response.headers["Location"]).group(1))
    unit.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "withdraw", "comment": "不再调整"})
    page = _history(unit, project_id)
    assert "第 2 版" not in page and "作废的调整" not in page
