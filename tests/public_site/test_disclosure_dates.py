"""Moving a disclosure date lists what it will hide and reveal, asks for a confirmation and a reason, and
keeps the reason in the audit log."""

from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db
from tests.conftest import CSRFClient, text_of
from tests.public_site.helpers import (
    FUTURE,
    PAST,
    approved_evaluation,
    project_with_targets,
    publish,
    set_dates,
)


def _published(app):
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="DD-01")
        evaluation = approved_evaluation(project)
        pub = publish("evaluation_result", f"submission:{evaluation.id}")
        db.session.commit()
        return pub.id, pub.title


def test_moving_the_date_lists_what_it_hides_and_asks_for_a_reason(app, login):
    pub_id, title = _published(app)
    citizen = CSRFClient(app)
    assert citizen.get(f"/publications/{pub_id}").status_code == 200
    reviewer = login("reviewer")
    form = {"fiscal_year": "2022", "disclosure": "final_accounts", "day": FUTURE.isoformat()}

    asked = reviewer.post("/work/public_site/dates", data=form)
    page = text_of(asked)
    assert asked.status_code == 200 and "确认修改公开日期" in page
    assert "将立即对公众隐藏以下 1 项已公开内容" in page and title in page
    assert citizen.get(f"/publications/{pub_id}").status_code == 200  # nothing changed yet

    no_reason = reviewer.post("/work/public_site/dates", data=dict(form, confirmed="1"))
    assert no_reason.status_code == 422 and "请填写修改原因" in text_of(no_reason)
    assert citizen.get(f"/publications/{pub_id}").status_code == 200

    done = reviewer.post("/work/public_site/dates", data=dict(form, confirmed="1", reason="决算公开推迟至批复后"))
    assert done.status_code == 302
    assert citizen.get(f"/publications/{pub_id}").status_code == 404
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.kind == "disclosure_date")
                                   .order_by(AuditEvent.id.desc())).first()
        assert event.detail["reason"] == "决算公开推迟至批复后" and event.detail["hidden"] == [pub_id]

    # Moving it back lists the item as revealed.
    back = dict(form, day=PAST.isoformat())
    page = text_of(reviewer.post("/work/public_site/dates", data=back))
    assert "将立即向公众公开以下 1 项内容" in page and title in page
