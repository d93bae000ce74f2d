"""Issue 17: once a returned third-party report is reworked and approved, its page no longer says 已被退回."""

from __future__ import annotations

from portal.extensions import db
from portal.submissions.models import Submission
from tests.conftest import text_of
from tests.plugins.evaluator_grading.helpers import (
    EXPERT2_PASSWORD,
    FIRM_A,
    add_second_expert,
    as_user,
    panel_id_on,
    rubric_ids,
    score,
)
from tests.plugins.evaluator_grading.test_acceptance import _firm_report, _projects

BANNER = "本材料已被退回"


def test_banner_gone_after_returned_resubmitted_approved(app, world, clock):
    from datetime import timedelta

    p1, _ = _projects(app)
    expert2_id = add_second_expert(app)
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    section = as_user(app, "section", world["passwords"]["section"])
    firm = as_user(app, "firm", world["passwords"]["firm"])
    expert = as_user(app, "expert", world["passwords"]["expert"])
    expert2 = as_user(app, "expert2_t", EXPERT2_PASSWORD)
    deadline = clock.today() + timedelta(days=30)
    assert reviewer.post("/work/evaluator_grading/engagements", data={
        "year": "2022", "firm_id": world["orgs"][FIRM_A], "project_id": [p1], "deadline": deadline.isoformat(),
        "amount": "4.0"}).status_code == 302
    sid = _firm_report(app, firm, p1)
    members = [world["users"]["expert"], expert2_id, world["users"]["reviewer"]]
    assert reviewer.post(f"/work/evaluator_grading/reports/{sid}/panel", data={"member_id": members}).status_code == 302
    panel = panel_id_on(reviewer.get(f"/work/submissions/{sid}").get_data(as_text=True))
    items = rubric_ids(app)
    # The panel scores 84 / 86 / 85 → 85.00 < 90: returned, and every party sees the banner.
    for client, scores in ((expert, (17, 21, 21, 17, 8)), (expert2, (18, 21, 22, 17, 8)),
                           (reviewer, (17, 22, 21, 17, 8))):
        assert score(client, panel, items, scores, note="证据不足").status_code == 302
    with app.app_context():
        assert db.session.get(Submission, sid).state == "returned"
    assert BANNER in text_of(firm.get(f"/work/submissions/{sid}"))
    # Resubmitted: no longer returned, so no banner (the previous round's comments stay as history).
    assert firm.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "submit"}).status_code == 302
    for client in (firm, reviewer):
        page = text_of(client.get(f"/work/submissions/{sid}"))
        assert BANNER not in page, page
    panel2 = panel_id_on(reviewer.get(f"/work/submissions/{sid}").get_data(as_text=True))
    assert section.post(f"/work/submissions/{sid}/transition",
                        data={"confirmed": "1", "action": "pass_first_review"}).status_code == 302
    for client, scores in ((expert, (19, 23, 23, 19, 9)), (expert2, (19, 23, 23, 18, 9)),
                           (reviewer, (19, 24, 23, 19, 9))):
        assert score(client, panel2, items, scores).status_code == 302
    assert reviewer.post(f"/work/submissions/{sid}/transition",
                         data={"confirmed": "1", "action": "approve"}).status_code == 302
    with app.app_context():
        assert db.session.get(Submission, sid).state == "approved"
    # Approved: the page of every party says so and nowhere that it was returned.
    for client in (firm, reviewer, expert):
        response = client.get(f"/work/submissions/{sid}")
        assert response.status_code == 200
        page = text_of(response)
        assert BANNER not in page, page
        assert "已通过" in page
    # Nor do the project page and the engagement page the report hangs on.
    with app.app_context():
        from sqlalchemy import select

        from plugins.evaluator_grading.models import Engagement

        engagement_id = db.session.scalar(select(Engagement.id).where(Engagement.project_id == p1))
    for client, url in ((firm, f"/work/projects/{p1}"), (reviewer, f"/work/projects/{p1}"),
                        (reviewer, f"/work/evaluator_grading/engagements/{engagement_id}")):
        response = client.get(url)
        assert response.status_code == 200 and BANNER not in text_of(response)
