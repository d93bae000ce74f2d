"""撤回修改: a unit takes back what it submitted, until the 业务科室 has opened it."""

from __future__ import annotations

from portal.extensions import db
from portal.submissions.models import Submission
from tests.conftest import CSRFClient, do_login, text_of
from tests.portal.workflow.helpers import filled_monitoring, project_with_targets


def as_user(app, world, username) -> CSRFClient:
    client = CSRFClient(app)
    assert do_login(client, username, world["passwords"][username]).status_code == 302
    return client


def test_unit_recalls_until_the_section_opens_it(app, world):
    with app.test_request_context():
        sid = filled_monitoring(project_with_targets()).id
        db.session.commit()
    unit, section = as_user(app, world, "unit"), as_user(app, world, "section")
    url = f"/work/submissions/{sid}"
    unit.post(f"{url}/transition", data={"confirmed": "1", "action": "submit"})
    page = text_of(unit.get(url))
    assert "待初审" in page and "业务科室尚未打开本材料" in page and "撤回修改" in page

    response = unit.post(f"{url}/transition", data={"action": "recall", "comment": "执行数填错，撤回更正"})
    assert response.status_code == 302
    page = text_of(unit.get(url))
    assert "已撤回修改" in page and "草稿" in page
    assert "待初审 → 草稿" in page and "执行数填错，撤回更正" in page  # in 办理记录 like every step
    with app.app_context():
        last = db.session.get(Submission, sid).transitions[-1]
        assert (last.action, last.from_state, last.to_state, last.actor.username) == (
            "recall", "submitted", "draft", "unit")
    # Back in draft, the section no longer sees it.
    assert section.get(url).status_code == 404

    # Submitted again and opened by the section: too late to take back.
    unit.post(f"{url}/transition", data={"confirmed": "1", "action": "submit"})
    assert section.get(url).status_code == 200
    page = text_of(unit.get(url))
    assert "业务科室已于" in page and "不能再撤回" in page
    assert 'value="recall"' not in unit.get(url).get_data(as_text=True)
    refused = unit.post(f"{url}/transition", data={"action": "recall"}, follow_redirects=True)
    assert "不能再撤回" in text_of(refused)
    with app.app_context():
        assert db.session.get(Submission, sid).state == "submitted"
