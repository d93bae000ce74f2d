"""新建填报: per project, what may be started now (labelled), and why the rest may not."""

from __future__ import annotations

import lxml.html
from sqlalchemy import func, select

from portal.extensions import db
from portal.projects.operations import create_project
from portal.submissions.models import Submission
from tests.conftest import text_of
from tests.portal.workflow.helpers import UNIT, org, project_with_targets


def _options(client, project_id: int) -> dict[str, tuple[str, str]]:
    """Row key (kind or kind-checkpoint) → (action cell text, note) of the 新建填报 table."""
    page = lxml.html.fromstring(client.get(f"/work/submissions/start?project_id={project_id}").get_data(as_text=True))
    out = {}
    for row in page.xpath("//table[contains(@class, 'start-options')]/tbody/tr"):
        cells = [" ".join(c.text_content().split()) for c in row.xpath("./td")]
        out[row.get("data-kind")] = (cells[1], cells[2])
    return out


def test_a_project_without_approved_targets_says_why(app, login, clock):
    with app.test_request_context():
        project_id = create_project(code="ZS-2025-001", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2025,
                                    kind="project", category="一般公共预算", funding={}).id
        db.session.commit()
    unit = login("unit")
    assert "新建填报" in text_of(unit.get("/work/submissions/"))
    options = _options(unit, project_id)
    assert options["target_declaration"][0] == "新建绩效目标申报"
    for key in ("monitoring-5", "monitoring-8", "self_evaluation"):
        assert options[key] == ("暂不能新建", "尚无已批复的绩效目标：须先申报绩效目标并通过审核")
    assert options["third_party"][1] == "由受财政局委托的第三方机构上传"
    # The project page says the same, not nothing.
    page = text_of(unit.get(f"/work/projects/{project_id}"))
    assert "尚无已批复的绩效目标：须先申报绩效目标并通过审核" in page
    # Posting anyway is refused with the reason; nothing is created.
    response = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "monitoring",
                                                        "checkpoint": 5})
    assert "暂不能新建绩效监控报告（5月底）：尚无已批复的绩效目标" in text_of(unit.get(response.headers["Location"]))
    with app.app_context():
        assert db.session.scalar(select(func.count(Submission.id)).where(Submission.kind == "monitoring")) == 0


def test_checkpoints_open_in_their_month_and_a_filed_report_is_not_made_twice(app, login, clock):
    # The bureau's date is 2025-07-01: the May checkpoint is open, August's not yet.
    with app.test_request_context():
        project_id = project_with_targets(code="ZS-2025-002", year=2025).id
        db.session.commit()
    unit = login("unit")
    options = _options(unit, project_id)
    assert options["monitoring-5"][0] == "新建绩效监控报告（5月底）"
    assert options["monitoring-8"] == ("暂不能新建", "8月底监控节点尚未开始（2025年8月1日起可填报）")
    assert options["self_evaluation"][0] == "新建绩效自评"
    assert options["target_declaration"][0] == "申请调整绩效目标"

    # The checkpoint is chosen only for monitoring: 绩效自评 has no 5月底/8月底.
    page = lxml.html.fromstring(unit.get(f"/work/submissions/start?project_id={project_id}").get_data(as_text=True))
    self_eval = page.xpath("//tr[@data-kind='self_evaluation']")[0]
    assert self_eval.xpath(".//input[@name='checkpoint']") == []

    response = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "monitoring",
                                                        "checkpoint": 5})
    assert "/edit" in response.headers["Location"]
    assert "已新建绩效监控报告（5月底）草稿" in text_of(unit.get(response.headers["Location"]))
    assert _options(unit, project_id)["monitoring-5"] == ("打开已填报的材料", "已填报，当前状态：草稿")
    # A second click opens the first instead of making a duplicate.
    again = unit.post("/work/submissions/new", data={"project_id": project_id, "kind": "monitoring", "checkpoint": 5})
    assert "已有绩效监控报告（第 1 版，草稿），不能重复新建；请继续办理这一份。" in text_of(unit.get(again.headers["Location"]))
    with app.app_context():
        assert db.session.scalar(select(func.count(Submission.id)).where(Submission.kind == "monitoring")) == 1

    # August opens on 1 August (Beijing).
    clock.set(clock.now().replace(month=7, day=31, hour=16, minute=0))
    assert _options(unit, project_id)["monitoring-8"][0] == "新建绩效监控报告（8月底）"


def test_other_roles_are_told_who_files(app, login, clock):
    with app.test_request_context():
        project_id = project_with_targets(code="ZS-2025-003", year=2025).id
        db.session.commit()
    section = login("section")
    options = _options(section, project_id)
    assert options["monitoring-5"] == ("暂不能新建", f"由项目所属单位（{UNIT}）的填报人员填报")
    assert "您在本项目上暂无可新建的材料" in text_of(section.get(f"/work/projects/{project_id}"))
    assert section.post("/work/submissions/new", data={"project_id": project_id, "kind": "self_evaluation"}
                        ).status_code == 403
