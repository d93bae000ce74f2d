"""Sessions end on the server: a cookie copied before sign-out, disabling or a password change is worth nothing.

Each user holds a session token, kept in the session cookie and checked on every request; signing
out, being disabled (the user or the organisation) and a new password replace it.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Organisation, User
from portal.extensions import db
from tests.conftest import CSRFClient, do_login

UNIT_ORG = "阿克陶县商务科技和工业信息化局"


def _signed_in(app, world, username: str, password: str | None = None) -> CSRFClient:
    client = CSRFClient(app)
    assert do_login(client, username, password or world["passwords"][username]).status_code == 302
    assert client.get("/work/").status_code == 200
    return client


def _copy(app, client: CSRFClient) -> CSRFClient:
    """Another browser holding a copy of ``client``'s session cookie (as a thief would)."""
    thief = CSRFClient(app)
    thief.set_cookie("session", client.get_cookie("session").value)
    assert thief.get("/work/").status_code == 200  # the copy works while the session lives
    return thief


def _signed_out(client) -> bool:
    response = client.get("/work/")
    return response.status_code == 302 and "/work/login" in response.headers["Location"]


def test_a_cookie_copied_before_sign_out_no_longer_works(app, world):
    user = _signed_in(app, world, "unit")
    thief = _copy(app, user)
    assert user.post("/work/logout").status_code == 302
    assert _signed_out(user) and _signed_out(thief)


def test_sign_out_ends_the_users_other_sessions_too(app, world):
    office, home = _signed_in(app, world, "reviewer"), _signed_in(app, world, "reviewer")
    office.post("/work/logout")
    assert _signed_out(home)
    assert _signed_in(app, world, "reviewer")  # and signing in again works


def test_re_enabling_an_organisation_does_not_revive_its_old_sessions(app, world):
    unit = _signed_in(app, world, "unit")
    thief = _copy(app, unit)
    admin = _signed_in(app, world, "admin")
    org_id = world["orgs"][UNIT_ORG]
    assert admin.post(f"/work/admin/organisations/{org_id}/active", data={"active": "0"}).status_code == 302
    assert _signed_out(unit) and _signed_out(thief)
    assert admin.post(f"/work/admin/organisations/{org_id}/active", data={"active": "1"}).status_code == 302
    with app.app_context():
        assert db.session.get(Organisation, org_id).is_active
    assert _signed_out(unit) and _signed_out(thief)
    _signed_in(app, world, "unit")  # a new sign-in works again


def test_re_enabling_a_user_does_not_revive_their_old_sessions(app, world):
    unit = _signed_in(app, world, "unit2")
    admin = _signed_in(app, world, "admin")
    uid = world["users"]["unit2"]
    admin.post(f"/work/admin/users/{uid}/active", data={"active": "0"})
    admin.post(f"/work/admin/users/{uid}/active", data={"active": "1"})
    assert _signed_out(unit)
    _signed_in(app, world, "unit2")


def test_a_password_change_ends_every_other_session(app, world):
    here, elsewhere = _signed_in(app, world, "unit"), _signed_in(app, world, "unit")
    thief = _copy(app, here)
    response = here.post("/work/account/password", data={"current": world["passwords"]["unit"],
                                                         "new": "New-unit-pass-2025", "confirm": "New-unit-pass-2025"})
    assert response.status_code == 302
    assert here.get("/work/").status_code == 200  # the session that changed it carries on
    assert _signed_out(elsewhere) and _signed_out(thief)


def test_an_admin_password_reset_ends_the_users_sessions(app, world):
    unit = _signed_in(app, world, "unit3")
    admin = _signed_in(app, world, "admin")
    admin.post(f"/work/admin/users/{world['users']['unit3']}", data={
        "full_name": "吐尔逊·艾力", "roles": ["unit_editor"], "new_password": "Reset-pass-2025"})
    assert _signed_out(unit)


def test_disabling_from_the_command_line_ends_sessions(app, world, runner):
    unit = _signed_in(app, world, "unit2")
    result = runner.invoke(args=["user", "disable", "unit2"])
    assert result.exit_code == 0, result.output
    assert _signed_out(unit)
    with app.app_context():
        assert not db.session.scalar(select(User.is_active).where(User.username == "unit2"))
