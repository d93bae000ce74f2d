"""The whole yearly cycle through HTTP as the real roles: targets → monitoring flags → self-evaluation."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.extensions import db
from portal.projects.models import Project
from portal.submissions.models import MonitoringFlag, Submission
from tests.conftest import CSRFClient, do_login, text_of

UNIT = "阿克陶县商务科技和工业信息化局"


def as_user(app, world, username) -> CSRFClient:
    client = CSRFClient(app)
    assert do_login(client, username, world["passwords"][username]).status_code == 302
    return client


def new_submission_id(response) -> int:
    match = re.search(r"/work/submissions/(\d+)/edit", response.headers["Location"])
    assert match, response.headers.get("Location")
    return int(match.group(1))


def test_full_cycle(app, world):
    reviewer, section, unit = (as_user(app, world, u) for u in ("reviewer", "section", "unit"))

    # The bureau enters the project: 招商引资工作经费, 4 万元 from local funds (seed 003).
    response = reviewer.post("/work/projects/new", data={
        "code": "ZS-2022-001", "name": "招商引资工作经费", "unit_id": world["orgs"][UNIT], "fiscal_year": 2022,
        "kind": "project", "category": "一般公共预算", "description": "",
        "local_budget": "4", "local_allocated": "4", "local_spent": "0"})
    assert response.status_code == 302, text_of(response)
    project_url = response.headers["Location"]
    page = text_of(unit.get(project_url))
    assert "招商引资工作经费" in page and "4.00" in page

    with app.app_context():
        project_id = db.session.scalar(select(Project.id).where(Project.code == "ZS-2022-001"))

    # The unit declares targets.
    sid = new_submission_id(unit.post("/work/submissions/new", data={"project_id": project_id,
                                                                      "kind": "target_declaration"}))
    rows = [("产出", "数量", "举办招商引资活动数量", "≥", "2", "", "个", "30"),
            ("产出", "成本", "招商引资工作经费", "≤", "4", "", "万元", "30"),
            ("效益", "经济效益", "招商活动的签约项目个数", "≥", "2", "", "个", "30"),
            ("满意度", "服务对象满意度", "客商满意度", "≥", "98", "", "%", "10")]
    data = {"overall_goal": "举办招商引资活动，引进企业投产", "save": "1"}
    for key, idx in (("ind_level1", 0), ("ind_level2", 1), ("ind_name", 2), ("ind_operator", 3), ("ind_value", 4),
                     ("ind_text_value", 5), ("ind_unit", 6), ("ind_weight", 7)):
        data[key] = [r[idx] for r in rows]
    response = unit.post(f"/work/submissions/{sid}/edit", data=data)
    assert response.status_code == 302, text_of(response)
    # A bad value is refused in Chinese and nothing saved is lost.
    bad = dict(data, ind_value=["两个", "4", "2", "98"])
    response = unit.post(f"/work/submissions/{sid}/edit", data=bad)
    assert response.status_code == 422 and "不是有效数字" in text_of(response)
    assert "举办招商引资活动数量" in text_of(unit.get(f"/work/submissions/{sid}"))

    assert unit.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "submit"}).status_code == 302
    # The reviewer cannot skip the first review.
    reviewer.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "approve"})
    assert "待初审" in text_of(reviewer.get(f"/work/submissions/{sid}"))
    section.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "pass_first_review"})
    reviewer.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "approve", "comment": "同意"})
    page = text_of(unit.get(project_url))
    assert "现行：第 1 版" in page and "≥2个" in page

    def monitoring(checkpoint: int, spent: str) -> int:
        mid = new_submission_id(unit.post("/work/submissions/new", data={
            "project_id": project_id, "kind": "monitoring", "checkpoint": checkpoint}))
        with app.app_context():
            indicators = db.session.get(Submission, mid).target_version.indicators
        form = {"spent": spent, "findings": "", "recommendations": "", "summary": ""}
        for ind in indicators:
            form[f"actual_{ind.id}"] = "1" if ind.operator == "≥" else "1"
            form[f"expects_{ind.id}"] = "1"
        assert unit.post(f"/work/submissions/{mid}/edit", data=form).status_code == 302
        unit.post(f"/work/submissions/{mid}/transition", data={"confirmed": "1", "action": "submit"})
        section.post(f"/work/submissions/{mid}/transition", data={"confirmed": "1", "action": "pass_first_review"})
        reviewer.post(f"/work/submissions/{mid}/transition", data={"confirmed": "1", "action": "approve"})
        return mid

    # May: 0.5 of 4 万元 spent = 12.5 % against 41.67 % of the year → 黄标.
    may = monitoring(5, "0.5")
    with app.app_context():
        flags = db.session.scalars(select(MonitoringFlag).where(MonitoringFlag.project_id == project_id)).all()
        assert [(f.color, f.checkpoint) for f in flags] == [("yellow", 5)]
    assert "黄标" in text_of(reviewer.get(project_url))
    # August: still 25 % against 66.67 % → the 黄标 becomes 红标.
    monitoring(8, "1")
    with app.app_context():
        flags = db.session.scalars(select(MonitoringFlag).where(MonitoringFlag.project_id == project_id)
                                   .order_by(MonitoringFlag.id)).all()
        assert [(f.color, f.checkpoint) for f in flags] == [("yellow", 5), ("red", 8)]
        assert flags[0].resolved_at is not None and flags[1].resolved_at is None
    assert "红标" in text_of(reviewer.get(project_url))
    assert may

    # Self-evaluation after the year: actual values → completion → scores → total and grade.
    eid = new_submission_id(unit.post("/work/submissions/new", data={"project_id": project_id,
                                                                      "kind": "self_evaluation"}))
    with app.app_context():
        indicators = {i.name: i.id for i in db.session.get(Submission, eid).target_version.indicators}
    actual = {"举办招商引资活动数量": "2", "招商引资工作经费": "4", "招商活动的签约项目个数": "1", "客商满意度": "98"}
    form = {"spent": "4", "findings": "对各项指标和指标值要进一步优化\n现场评价的工作量少",
            "recommendations": "切实提升绩效目标编制水平"}
    form.update({f"actual_{indicators[name]}": value for name, value in actual.items()})
    assert unit.post(f"/work/submissions/{eid}/edit", data=form).status_code == 302
    with app.app_context():
        s = db.session.get(Submission, eid)
        # 预算执行率 10 + 产出 50 × 100 % + 效益 30 × 50 % + 满意度 10 × 100 % = 85 → 良, but the 8月红标 still
        # open caps it at 中 (seed 004 §二.3: 连续两次监控不合格); the total stays 85.
        assert str(s.total_score) == "85.00" and (s.score_grade, s.grade) == ("良", "中")
    page = text_of(unit.get(f"/work/submissions/{eid}"))
    assert "总分 85.00 分" in page and "按总分应为“良”，等级封顶为“中”" in page

    unit.post(f"/work/submissions/{eid}/transition", data={"confirmed": "1", "action": "submit"})
    # The section returns it with a comment at one indicator.
    sign_id = indicators["招商活动的签约项目个数"]
    response = section.post(f"/work/submissions/{eid}/transition", data={
        "confirmed": "1", "action": "return_first_review", "comment": "请补充佐证",
        f"comment_indicator:{sign_id}": "签约项目个数与合同数量不符，请核实"})
    assert response.status_code == 302
    edit_page = text_of(unit.get(f"/work/submissions/{eid}/edit"))
    assert "审核意见：签约项目个数与合同数量不符，请核实" in edit_page
    form[f"actual_{sign_id}"] = "2"
    unit.post(f"/work/submissions/{eid}/edit", data=form)
    unit.post(f"/work/submissions/{eid}/transition", data={"confirmed": "1", "action": "submit"})
    section.post(f"/work/submissions/{eid}/transition", data={"confirmed": "1", "action": "pass_first_review"})
    reviewer.post(f"/work/submissions/{eid}/transition", data={"confirmed": "1", "action": "approve"})
    with app.app_context():
        s = db.session.get(Submission, eid)
        assert s.state == "approved" and str(s.total_score) == "100.00" and (s.score_grade, s.grade) == ("优", "中")
        trail = [(t.action, t.from_state, t.to_state, t.actor.username) for t in s.transitions]
    assert trail == [
        ("create", None, "draft", "unit"),
        ("submit", "draft", "submitted", "unit"),
        ("return_first_review", "submitted", "returned", "section"),
        ("submit", "returned", "submitted", "unit"),
        ("pass_first_review", "submitted", "review", "section"),
        ("approve", "review", "approved", "reviewer"),
    ]
    page = text_of(reviewer.get(f"/work/submissions/{eid}"))
    for label in ("创建草稿", "提交审核", "初审退回", "初审通过", "审核通过", "请补充佐证"):
        assert label in page
    # Approved material is frozen.
    assert unit.post(f"/work/submissions/{eid}/edit", data=form).status_code == 302
    with app.app_context():
        assert str(db.session.get(Submission, eid).total_score) == "100.00"
