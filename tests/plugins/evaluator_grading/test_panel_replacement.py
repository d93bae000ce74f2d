"""A panel member who has not scored yet is replaced, with a reason; the record stays, the new member scores."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from plugins.evaluator_grading import operations, panels
from plugins.evaluator_grading.models import Panel, PanelMember
from portal.accounts.models import Organisation, User
from portal.extensions import db
from portal.files.operations import attach
from portal.scoring.models import Framework
from portal.submissions import operations as sub_ops
from tests.conftest import text_of
from tests.plugins.evaluator_grading.helpers import (
    EXPERT2_PASSWORD,
    FIRM_A,
    add_second_expert,
    as_user,
    rubric_ids,
    score,
)
from tests.portal.files.samples import make_docx, upload
from tests.portal.workflow.helpers import project_with_targets


def _panel(app, clock) -> tuple[int, dict[str, int]]:
    """A report of firm A handed in, and a panel of the expert and the reviewer on it."""
    with app.test_request_context():
        def user(name):
            return db.session.scalar(select(User).where(User.username == name))

        reviewer, firm = user("reviewer"), user("firm")
        project = project_with_targets(code="EG-PANEL-01")
        operations.engage(firm=db.session.scalar(select(Organisation).where(Organisation.name == FIRM_A)),
                          projects=[project], deadline=clock.today() + timedelta(days=30), amount="3", user=reviewer)
        report = sub_ops.create(kind="third_party", project=project, user=firm)
        sub_ops.save_scores(report, firm, {i.id: str(i.weight)
                                           for i in db.session.get(Framework, report.framework_id).items})
        attach(upload(make_docx(["评价报告", "总得分 95 分"]), "报告.docx"), owner_type="submission",
               owner_id=report.id, user=firm)
        sub_ops.apply_transition(report, "submit", firm)
        panel = panels.form_panel(report, [user("expert"), reviewer], reviewer)
        db.session.commit()
        return panel.id, {name: user(name).id for name in ("expert", "reviewer")}


def test_replacing_a_member_before_they_score(app, world, clock):
    expert2_id = add_second_expert(app)
    panel_id, ids = _panel(app, clock)
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    expert = as_user(app, "expert", world["passwords"]["expert"])
    expert2 = as_user(app, "expert2_t", EXPERT2_PASSWORD)
    url = f"/work/evaluator_grading/panels/{panel_id}"
    with app.app_context():
        old_member = db.session.scalar(select(PanelMember.id).where(PanelMember.panel_id == panel_id,
                                                                    PanelMember.user_id == ids["expert"]))
    refused = reviewer.post(f"{url}/replace", data={"member_id": old_member, "user_id": expert2_id},
                            follow_redirects=True)
    assert "请填写更换原因" in text_of(refused)
    done = reviewer.post(f"{url}/replace", data={"member_id": old_member, "user_id": expert2_id,
                                                 "reason": "与被评价单位存在利害关系，回避"}, follow_redirects=True)
    page = text_of(done)
    assert "已更换评审组成员" in page and "（已更换）" in page and "回避" in page
    # the replaced expert no longer scores; the new one does
    assert expert.get(url).status_code == 404
    assert score(expert2, panel_id, rubric_ids(app), (20, 25, 25, 20, 10)).status_code == 302
    with app.app_context():
        panel = db.session.get(Panel, panel_id)
        assert [m.user_id for m in panel.members] == [ids["reviewer"], expert2_id]
        assert [m.replace_reason for m in panel.replaced_members] == ["与被评价单位存在利害关系，回避"]
        scored = db.session.scalar(select(PanelMember.id).where(PanelMember.panel_id == panel_id,
                                                                PanelMember.user_id == expert2_id))
    # a member who has scored cannot be replaced
    again = reviewer.post(f"{url}/replace", data={"member_id": scored, "user_id": ids["expert"], "reason": "x"},
                          follow_redirects=True)
    assert "已提交评分，不能更换" in text_of(again)


def test_a_bureau_viewer_off_the_panel_is_not_told_to_submit_first(app, world, clock):
    add_second_expert(app)
    panel_id, _ = _panel(app, clock)
    expert = as_user(app, "expert", world["passwords"]["expert"])
    assert score(expert, panel_id, rubric_ids(app), (20, 25, 25, 20, 10)).status_code == 302
    section = as_user(app, "section", world["passwords"]["section"])  # bureau staff, not on the panel
    page = text_of(section.get(f"/work/evaluator_grading/panels/{panel_id}"))
    assert "评审结束后可见" in page and "提交本人评分后可见" not in page


def test_timeliness_reads_as_a_clerk_would():
    from datetime import date

    from plugins.evaluator_grading.ratings import timeliness

    deadline, today = date(2024, 7, 20), date(2024, 7, 1)
    assert timeliness(deadline, date(2024, 6, 20), True, today) == "是"
    # handed in a month early, still in review: not "否"
    assert timeliness(deadline, date(2024, 6, 20), False, today) == "按期提交，尚待审核通过"
    assert timeliness(deadline, date(2024, 7, 25), False, date(2024, 8, 1)) == "否（逾期 5 天提交）"
    assert timeliness(deadline, None, False, today) == "未到期"
    assert timeliness(deadline, None, False, date(2024, 7, 23)) == "否（已逾期 3 天未提交）"


def test_the_effect_note_says_why_there_are_no_findings(app, world, clock):
    from plugins.evaluator_grading.ratings import _effect
    from portal.submissions.models import Submission

    add_second_expert(app)
    panel_id, _ = _panel(app, clock)
    with app.app_context():
        report = db.session.get(Panel, panel_id).submission
        assert isinstance(report, Submission) and report.state != "approved"
        _, info = _effect([report])
        assert info["note"].startswith("评价报告尚未审核通过")  # not "报告未列出问题"
