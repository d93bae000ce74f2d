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
    unit.post(f"/work/submissions/{sid}/transition", data={"action": "submit"})
    login("section").post(f"/work/submissions/{sid}/transition", data={"action": "pass_first_review"})
    reviewer = login("reviewer")
    reviewer.post(f"/work/submissions/{sid}/transition", data={"action": "approve"})
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
