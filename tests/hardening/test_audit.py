"""The audit log records every security event, and answers "who has read this before it was published?"."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db
from tests.conftest import CSRFClient, do_login, text_of
from tests.portal.files.samples import make_docx, upload


def _report(app):
    """The firm's submitted third-party report with a DOCX, and a panel of the reviewer and the expert."""
    from plugins.evaluator_grading import panels
    from portal.files.operations import attach
    from portal.scoring.models import Framework
    from portal.submissions import operations
    from tests.portal.workflow.helpers import project_with_targets, user

    with app.test_request_context():
        project = project_with_targets()
        firm = user("firm")
        report = operations.create(kind="third_party", project=project, user=firm)
        operations.save_findings(report, firm, ["问题一"], ["建议一"])
        att = attach(upload(make_docx(["未公开的评价报告"]), "报告.docx"), owner_type="submission",
                     owner_id=report.id, user=firm)
        framework = db.session.get(Framework, report.framework_id)
        operations.save_scores(report, firm, {i.id: str(i.weight) for i in framework.items})
        operations.apply_transition(report, "submit", firm)
        panel = panels.form_panel(report, [user("reviewer"), user("expert")], user("reviewer"))
        db.session.commit()
        return {"project_id": project.id, "report_id": report.id, "attachment_id": att.id, "panel_id": panel.id}


def _signed_in(app, world, username, password=None):
    client = CSRFClient(app)
    response = do_login(client, username, password or world["passwords"][username])
    assert response.status_code == 302 and "/work/login" not in response.headers["Location"], username
    return client


def _table(response) -> str:
    """The visible text of the audit page's result table (the filter's options left out)."""
    text = text_of(response)
    return text.split("共", 1)[1]


def _events(app, **where) -> list[AuditEvent]:
    with app.app_context():
        query = select(AuditEvent).order_by(AuditEvent.id)
        for name, value in where.items():
            query = query.where(getattr(AuditEvent, name) == value)
        return list(db.session.scalars(query))


def test_who_has_read_this_report_before_it_was_published(app, world):
    ids = _report(app)
    readers = {name: _signed_in(app, world, name) for name in ("reviewer", "section", "expert", "firm")}
    assert readers["reviewer"].get(f"/work/submissions/{ids['report_id']}").status_code == 200
    readers["reviewer"].get(f"/work/files/{ids['attachment_id']}").close()
    assert readers["section"].get(f"/work/submissions/{ids['report_id']}").status_code == 200
    assert readers["expert"].get(f"/work/evaluator_grading/panels/{ids['panel_id']}").status_code == 200
    # The firm reads its own report: not a third party, not logged as a read of someone else's report.
    assert readers["firm"].get(f"/work/submissions/{ids['report_id']}").status_code == 200
    readers["firm"].get(f"/work/files/{ids['attachment_id']}").close()

    admin = _signed_in(app, world, "admin")
    page = admin.get(f"/work/admin/audit/?target_type=submission&target_id={ids['report_id']}")
    text = _table(page)
    assert text.startswith(" 3 条"), text
    assert text.count("查看未公开报告") == 3
    for reader in ("reviewer", "section", "expert"):
        assert re.search(rf"查看未公开报告\s+{reader}\b", text), reader
    assert not re.search(r"查看未公开报告\s+firm\b", text)
    downloads = _table(admin.get(f"/work/admin/audit/?target_type=attachment&target_id={ids['attachment_id']}"))
    assert downloads.startswith(" 1 条") and re.search(r"下载未公开文件\s+reviewer\b", downloads)
    # The same answer by event kind and user name.
    by_kind = _table(admin.get(f"/work/admin/audit/?kind=view_unpublished&who=expert&target_id={ids['report_id']}"))
    assert by_kind.startswith(" 1 条") and "via=panel" in by_kind
    print("audit: 'who read report before publication' → reviewer, section, expert (the firm itself not logged)")


def test_account_events_are_recorded_and_filterable(app, world):
    client = CSRFClient(app)
    assert do_login(client, "unit", "wrong-password").status_code == 200
    unit = _signed_in(app, world, "unit")
    changed = unit.post("/work/account/password", data={"current": world["passwords"]["unit"],
                                                         "new": "New-unit-pass-2025", "confirm": "New-unit-pass-2025"})
    assert changed.status_code == 302
    admin = _signed_in(app, world, "admin")
    unit3 = world["users"]["section"]
    edited = admin.post(f"/work/admin/users/{unit3}", data={"full_name": "王晓燕",
                                                           "roles": ["bureau_section", "bureau_reviewer"]})
    assert edited.status_code == 302
    assert admin.post(f"/work/admin/users/{unit3}/active", data={"active": "0"}).status_code == 302

    kinds = [(e.kind, e.username) for e in _events(app)]
    for expected in [("login_failure", "unit"), ("login_success", "unit"), ("password_change", "unit"),
                     ("login_success", "admin"), ("role_change", "admin"), ("user_disable", "admin")]:
        assert expected in kinds, expected
    role_change = _events(app, kind="role_change")[-1]
    assert role_change.target_type == "user" and role_change.target_id == str(unit3)
    failure = _table(admin.get("/work/admin/audit/?kind=login_failure"))
    assert failure.startswith(" 1 条") and "unit" in failure
    by_user = _table(admin.get(f"/work/admin/audit/?target_type=user&target_id={unit3}"))
    assert "角色变更" in by_user and "停用用户" in by_user and "登录成功" not in by_user
    assert "没有符合条件的记录" in text_of(admin.get("/work/admin/audit/?from=2999-01-01"))


def test_publish_and_withdraw_are_recorded(app, world):
    from portal.projects.models import Project
    from public_site import operations
    from tests.portal.workflow.helpers import project_with_targets, user
    from tests.public_site.helpers import PAST, set_dates

    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets()
        pub, _ = operations.publish("target_table", f"project:{project.id}", user("reviewer"))
        db.session.commit()
        pub_id, code = pub.id, db.session.get(Project, project.id).code
    reviewer = _signed_in(app, world, "reviewer")
    assert CSRFClient(app).get(f"/projects/{code}").status_code == 200
    withdrawn = reviewer.post(f"/work/public_site/publications/{pub_id}/withdraw",
                              data={"reason": "数据有误", "confirmed": "1"})
    assert withdrawn.status_code == 302
    events = _events(app, target_type="publication", target_id=str(pub_id))
    assert [(e.kind, e.username) for e in events] == [("publish", "reviewer"), ("withdraw", "reviewer")]
    assert events[1].detail["reason"] == "数据有误"


def _second_county(app) -> dict[str, int]:
    """乌恰县财政局 with a unit, its own admin and reviewer, and a unit user (a second county on the instance)."""
    from portal.accounts.operations import create_organisation, create_user

    with app.test_request_context():
        bureau = create_organisation(name="乌恰县财政局", kind="bureau", region="乌恰县", parent=None)
        unit = create_organisation(name="乌恰县教育局", kind="unit", region="乌恰县", parent=bureau)
        users = {}
        for username, org, role in (("wq_admin", bureau, "admin"), ("wq_reviewer", bureau, "bureau_reviewer"),
                                    ("wq_unit", unit, "unit_editor")):
            users[username] = create_user(username=username, full_name="某某", org=org, roles=[role],
                                          password="Wuqia-pass-2024", must_change_password=False).id
        db.session.commit()
        return users


def test_each_bureau_admin_reads_only_its_own_bureau_events(app, world):
    """Two counties on one instance: neither admin sees the other's events, whatever the filter."""
    wuqia = _second_county(app)
    # Events in both counties: sign-ins, a failed sign-in, a password change, an admin disabling a user.
    assert do_login(CSRFClient(app), "unit", "wrong-password").status_code == 200
    assert do_login(CSRFClient(app), "wq_unit", "wrong-password").status_code == 200
    wq_unit = _signed_in(app, world, "wq_unit", "Wuqia-pass-2024")
    assert wq_unit.post("/work/account/password", data={"current": "Wuqia-pass-2024", "new": "Wuqia-pass-2025",
                                                        "confirm": "Wuqia-pass-2025"}).status_code == 302
    _signed_in(app, world, "unit")
    akto_admin = _signed_in(app, world, "admin")
    wq_admin = _signed_in(app, world, "wq_admin", "Wuqia-pass-2024")
    assert wq_admin.post(f"/work/admin/users/{wuqia['wq_unit']}/active", data={"active": "0"}).status_code == 302

    akto = _table(akto_admin.get("/work/admin/audit/"))
    mine = _table(wq_admin.get("/work/admin/audit/"))
    for name in ("wq_unit", "wq_admin", "wq_reviewer"):
        assert not re.search(rf"\b{name}\b", akto), name
    assert re.search(r"登录失败\s+unit\b", akto) and re.search(r"登录成功\s+admin\b", akto)
    for name in ("unit", "admin", "reviewer", "section"):
        assert not re.search(rf"\s{name}\b", mine), name
    for label in ("登录失败 wq_unit", "修改密码 wq_unit", "登录成功 wq_admin", "停用用户 wq_admin"):
        assert re.search(label.replace(" ", r"\s+"), mine), label
    # Filters cannot reach past the bureau either.
    logins = _table(wq_admin.get("/work/admin/audit/?who=admin&kind=login_success"))
    assert logins.startswith(" 1 条") and re.search(r"登录成功\s+wq_admin\b", logins), logins
    assert _table(wq_admin.get(f"/work/admin/audit/?target_type=user&target_id={world['users']['unit']}")
                  ).startswith(" 0 条")
    assert _table(akto_admin.get(f"/work/admin/audit/?target_type=user&target_id={wuqia['wq_unit']}")
                  ).startswith(" 0 条")


@pytest.mark.parametrize("username,password", [("reviewer", None), ("section", None),
                                               ("wq_reviewer", "Wuqia-pass-2024")])
def test_only_admins_read_the_audit_log(app, world, username, password):
    _second_county(app)
    client = _signed_in(app, world, username, password)
    response = client.get("/work/admin/audit/")
    assert response.status_code == 403 and "无权访问" in text_of(response)
    assert "安全审计" not in text_of(client.get("/work/"))
