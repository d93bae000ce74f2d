"""Issue 7's acceptance: engage → only firm A reports → panel 85 returns → rework 93 → approved → rated → published."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal import plugins
from portal.extensions import db
from portal.submissions.models import Submission
from tests.conftest import CSRFClient, text_of
from tests.plugins.evaluator_grading.helpers import (
    EXPERT2_PASSWORD,
    FIRM_A,
    FIRM_B,
    add_second_expert,
    as_user,
    panel_id_on,
    rubric_ids,
    score,
)
from tests.portal.files.samples import make_docx
from tests.portal.workflow.helpers import project_with_targets


def _projects(app) -> list[int]:
    with app.test_request_context():
        ids = [project_with_targets(code=code).id for code in ("EG-2022-01", "EG-2022-02")]
        db.session.commit()
        return ids


def _firm_report(app, firm, project_id: int) -> int:
    """Firm A starts its report, fills the score sheet, uploads the report file and hands it in."""
    response = firm.post("/work/submissions/new", data={"project_id": project_id, "kind": "third_party"})
    assert response.status_code == 302, text_of(response)
    sid = int(re.search(r"/work/submissions/(\d+)/edit", response.headers["Location"]).group(1))
    with app.app_context():
        from portal.scoring.models import Framework

        framework = db.session.get(Framework, db.session.get(Submission, sid).framework_id)
        scores = {f"score_{i.id}": str(i.weight) for i in framework.items}
    response = firm.post(f"/work/submissions/{sid}/files", content_type="multipart/form-data",
                         data={"file": (io.BytesIO(make_docx(["招商引资工作经费项目支出绩效评价报告", "总得分 95 分"])),
                                        "评价报告.docx")})
    assert response.status_code == 302
    response = firm.post(f"/work/submissions/{sid}/edit", data={
        **scores, "team": "张子琦\n周淑花", "findings": "", "recommendations": "细化量化指标",
        "summary": "总体良好", "save_submit": "1"})
    # Saved, then asked to confirm the submission before it is made.
    assert response.status_code == 200 and "确认提交审核" in text_of(response), text_of(response)
    with app.app_context():
        assert db.session.get(Submission, sid).state == "draft"
    response = firm.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "submit"})
    assert response.status_code == 302, text_of(response)
    with app.app_context():
        assert db.session.get(Submission, sid).state == "submitted"
    return sid


def test_engagement_panel_rework_rating_and_publisher(app, world, runner, clock):
    p1, p2 = _projects(app)
    expert2_id = add_second_expert(app)
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    section = as_user(app, "section", world["passwords"]["section"])
    firm_a = as_user(app, "firm", world["passwords"]["firm"])
    firm_b = as_user(app, "firm2", world["passwords"]["firm2"])
    unit = as_user(app, "unit", world["passwords"]["unit"])
    expert = as_user(app, "expert", world["passwords"]["expert"])
    expert2 = as_user(app, "expert2_t", EXPERT2_PASSWORD)
    firm_a_id = world["orgs"][FIRM_A]

    # The bureau engages firm A for both projects, report due in 30 days, 5.5 万元.
    deadline = clock.today() + timedelta(days=30)
    form = reviewer.get(f"/work/evaluator_grading/engagements?year=2022&firm_id={firm_a_id}")
    assert "未发现利益冲突" in text_of(form)
    response = reviewer.post("/work/evaluator_grading/engagements", data={
        "year": "2022", "firm_id": firm_a_id, "project_id": [p1, p2], "deadline": deadline.isoformat(),
        "amount": "5.5"})
    assert response.status_code == 302, text_of(response)
    assert "5.50" in text_of(reviewer.get("/work/evaluator_grading/engagements?year=2022"))

    # Firm B neither sees the projects nor can start (or upload) a report on them.
    for pid in (p1, p2):
        assert firm_b.get(f"/work/projects/{pid}").status_code == 404
        assert firm_b.post("/work/submissions/new", data={"project_id": pid, "kind": "third_party"}).status_code == 404
    assert "EG-2022-01" not in firm_b.get("/work/projects/").get_data(as_text=True)
    # Firm A sees them, with the deadline on its dashboard.
    assert firm_a.get(f"/work/projects/{p1}").status_code == 200
    dashboard = text_of(firm_a.get("/work/"))
    assert "委托评价项目" in dashboard and f"截止 {deadline}" in dashboard

    sid = _firm_report(app, firm_a, p1)

    # The reviewer forms a panel of two experts and himself; approval waits for it.
    page = reviewer.get(f"/work/submissions/{sid}").get_data(as_text=True)
    assert "组建评审组" in page
    members = [world["users"]["expert"], expert2_id, world["users"]["reviewer"]]
    assert reviewer.post(f"/work/evaluator_grading/reports/{sid}/panel",
                         data={"member_id": members}).status_code == 302
    panel = panel_id_on(reviewer.get(f"/work/submissions/{sid}").get_data(as_text=True))
    items = rubric_ids(app)
    assert len(items) == 5

    # The expert sees the report through the panel and scores 84; a deduction without a comment is refused.
    assert expert.get(f"/work/submissions/{sid}").status_code == 200
    bad = {f"score_{i}": "10" for i in items}
    response = expert.post(f"/work/evaluator_grading/panels/{panel}", data=bad)
    assert response.status_code == 422 and "扣分须填写评审意见" in text_of(response)
    assert score(expert, panel, items, (17, 21, 21, 17, 8), note="证据不足").status_code == 302
    # expert2 cannot see expert's scores until submitting its own.
    before = text_of(expert2.get(f"/work/evaluator_grading/panels/{panel}"))
    assert "提交本人评分后可见" in before and "证据不足" not in before and "84.00" not in before
    assert score(expert2, panel, items, (18, 21, 22, 17, 8)).status_code == 302
    after = text_of(expert2.get(f"/work/evaluator_grading/panels/{panel}"))
    assert "84.00" in after and "86.00" in after and "证据不足" in after
    assert score(reviewer, panel, items, (17, 22, 21, 17, 8)).status_code == 302

    # Mean (84 + 86 + 85) / 3 = 85.00 < 90: returned to the firm with the comments.
    with app.app_context():
        report = db.session.get(Submission, sid)
        assert report.state == "returned"
        assert "85.00" in report.transitions[-1].comment and "证据不足" in report.transitions[-1].comment
    firm_page = text_of(firm_a.get(f"/work/submissions/{sid}"))
    assert "本材料已被退回" in firm_page and "证据不足" in firm_page

    # Reworked and handed in again: a second round with the same members opens by itself.
    assert firm_a.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "submit"}).status_code == 302
    panel2 = panel_id_on(reviewer.get(f"/work/submissions/{sid}").get_data(as_text=True))
    assert panel2 != panel
    assert section.post(f"/work/submissions/{sid}/transition",
                        data={"confirmed": "1", "action": "pass_first_review"}).status_code == 302
    refused = reviewer.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "approve"},
                            follow_redirects=True)
    assert "报告质量评审尚未完成" in text_of(refused)
    for client, scores in ((expert, (19, 23, 23, 19, 9)), (expert2, (19, 23, 23, 18, 9)),
                           (reviewer, (19, 24, 23, 19, 9))):
        assert score(client, panel2, items, scores).status_code == 302
    # (93 + 92 + 94) / 3 = 93.00 ≥ 90: the bureau may approve.
    assert reviewer.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "approve"}).status_code == 302
    with app.app_context():
        assert db.session.get(Submission, sid).state == "approved"

    # The unit rates its satisfaction: 5, 4, 5, 4, 5 → mean 4.6 → 92.00 on 100.
    with app.app_context():
        from plugins.evaluator_grading.models import Engagement

        engagement_id = db.session.scalar(select(Engagement.id).where(Engagement.project_id == p1))
        other_id = db.session.scalar(select(Engagement.id).where(Engagement.project_id == p2))
    assert "待评价第三方机构满意度" in text_of(unit.get("/work/"))
    answers = {"communication": "5", "expertise": "4", "timeliness": "5", "report": "4", "integrity": "5"}
    assert firm_a.post(f"/work/evaluator_grading/engagements/{engagement_id}/satisfaction",
                       data=answers).status_code == 403
    response = unit.post(f"/work/evaluator_grading/engagements/{engagement_id}/satisfaction",
                         data={**answers, "integrity": ""})
    assert response.status_code == 422 and "廉洁保密" in text_of(response)
    assert unit.post(f"/work/evaluator_grading/engagements/{engagement_id}/satisfaction",
                     data=answers).status_code == 302

    # The second engagement is overdue (its deadline moved into the past) with no report.
    with app.app_context():
        db.session.get(Engagement, other_id).deadline = clock.today() - timedelta(days=1)
        db.session.commit()
    assert "（已逾期）" in text_of(firm_a.get("/work/"))

    # quantity = 1 on time of 2 due = 50.00; quality = (85 + 93) / 2 = 89.00; effect: no data, left out;
    # satisfaction = 92.00; composite = (50×20 + 89×40 + 92×20) / 80 = 6400 / 80 = 80.00 → B (80 ≤ s < 90).
    result = runner.invoke(args=["ratings", "compute", "2022"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if FIRM_A in x)
    assert "数量 50.00" in line and "质量 89.00" in line and "效果 —" in line and "满意度 92.00" in line
    assert "综合 80.00" in line and "等级 B" in line
    with app.app_context():
        from plugins.evaluator_grading.models import FirmRating

        rating_id = db.session.scalar(select(FirmRating.id).where(FirmRating.firm_id == firm_a_id))
    # Not shown to the firm before the bureau opens the draft.
    assert firm_a.get(f"/work/evaluator_grading/ratings/{rating_id}").status_code == 404
    assert reviewer.post(f"/work/evaluator_grading/ratings/{rating_id}/open").status_code == 302

    # The firm reads its draft with the breakdown and answers within the window.
    draft = text_of(firm_a.get(f"/work/evaluator_grading/ratings/{rating_id}"))
    assert "80.00" in draft and "89.00" in draft and "不参与计算" in draft and "草稿" in draft
    assert firm_a.post(f"/work/evaluator_grading/ratings/{rating_id}/respond",
                       data={"response": "第二个项目因单位资料提供滞后未能按期提交。"}).status_code == 302
    # The window closes (its dates moved, no sleeping): a further answer is refused.
    with app.app_context():
        from portal.util import utcnow

        rating = db.session.get(FirmRating, rating_id)
        rating.opened_at = utcnow() - timedelta(days=20)
        rating.window_closes_at = utcnow() - timedelta(days=6)
        db.session.commit()
    refused = firm_a.post(f"/work/evaluator_grading/ratings/{rating_id}/respond", data={"response": "补充意见"},
                          follow_redirects=True)
    assert "不能再提交或修改意见" in text_of(refused)

    # The bureau finalises: raising the level needs a reason; keeping it records "unchanged".
    response = reviewer.post(f"/work/evaluator_grading/ratings/{rating_id}/finalise", data={"level": "A"},
                             follow_redirects=True)
    assert "调整等级须说明理由" in text_of(response)
    assert reviewer.post(f"/work/evaluator_grading/ratings/{rating_id}/finalise",
                         data={"level": "B", "reason": "机构意见已阅"}).status_code == 302
    with app.app_context():
        rating = db.session.get(FirmRating, rating_id)
        assert rating.state == "final" and not rating.is_changed
        assert rating.firm_response.startswith("第二个项目")

    # The final rating's snapshot carries the figures, facets and breakdown for the public site.
    with app.test_request_context():
        from portal.accounts.models import User

        bureau_user = db.session.get(User, world["users"]["reviewer"])
        publisher = plugins.publishers()["firm_rating"]
        key = f"firm_rating:{rating_id}"
        assert key in [c.key for c in publisher.candidates(bureau_user)]
        snap = publisher.snapshot(key, bureau_user)
        assert snap.facets == {"year": "2022", "firm": FIRM_A, "region": "阿克陶县"}
        assert snap.figures == {"composite": "80.00", "level": "B", "quantity": "50.00", "quality": "89.00",
                                "effect": None, "satisfaction": "92.00"}
        breakdown = dict(snap.tables)["评价指标得分"]
        assert breakdown[0] == ["评价指标", "得分", "权重（%）"]
        assert ["质量（报告评审平均分）", "89.00", "50.00"] in breakdown
        assert ["效果（问题整改销号）", "—", "不参与计算"] in breakdown

    # Published through the public site, it appears on the firm's public page.
    with app.test_request_context():
        from public_site import operations as publishing

        publishing.publish("firm_rating", key, db.session.get(User, world["users"]["reviewer"]))
        db.session.commit()
    public = text_of(CSRFClient(app).get(f"/firms/{FIRM_A}"))
    assert "80.00" in public and "89.00" in public and "2022" in public

    # Exported as XLSX by the CLI.
    from openpyxl import load_workbook

    out = app.instance_path + "/ratings.xlsx"
    result = runner.invoke(args=["ratings", "export", "2022", out])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == FIRM_A and rows[1][6] == 80.0 and rows[1][7] == "B"


def test_firm_b_report_on_an_engaged_project_is_refused(app, world, clock):
    """A report firm B started before the bureau engaged firm A cannot be handed in any more."""
    from plugins.evaluator_grading import operations as grading
    from portal.accounts.models import Organisation, User
    from portal.submissions import operations

    with app.test_request_context():
        project = project_with_targets(code="EG-2022-09")
        firm_b = db.session.scalar(select(User).where(User.username == "firm2"))
        report = operations.create(kind="third_party", project=project, user=firm_b)
        reviewer = db.session.scalar(select(User).where(User.username == "reviewer"))
        firm_a = db.session.scalar(select(Organisation).where(Organisation.name == FIRM_A))
        grading.engage(firm=firm_a, projects=[project], deadline=clock.today(), amount="1", user=reviewer)
        db.session.commit()
        sid = report.id
        # A second report of firm B on this project is a duplicate of its draft; on another engaged
        # project firm B cannot start one at all.
        with pytest.raises(operations.WorkflowError, match="不能重复新建"):
            operations.create(kind="third_party", project=project, user=firm_b)
        other = project_with_targets(code="EG-2022-10")
        grading.engage(firm=firm_a, projects=[other], deadline=clock.today(), amount="1", user=reviewer)
        with pytest.raises(operations.WorkflowError, match="已委托其他第三方机构"):
            operations.create(kind="third_party", project=other, user=firm_b)
        db.session.rollback()
    client = as_user(app, "firm2", world["passwords"]["firm2"])
    response = client.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "submit"},
                           follow_redirects=True)
    assert "已委托其他第三方机构评价" in text_of(response)
    with app.app_context():
        assert db.session.get(Submission, sid).state == "draft"
    assert FIRM_B in world["orgs"]
