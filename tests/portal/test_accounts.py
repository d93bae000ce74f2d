"""Signing in and out, throttling, CSRF, admin access and account management, through HTTP."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from tests.conftest import do_login, text_of

ROLE_DASHBOARD_MENU = {
    "admin": ["用户管理", "单位管理", "安全审计"],
    "reviewer": ["敏感词管理", "工作台"],
    "section": ["工作台"],
    "unit": ["工作台"],
    "firm": ["工作台"],
    "expert": ["工作台"],
}


@pytest.mark.parametrize("username", sorted(ROLE_DASHBOARD_MENU))
def test_each_role_signs_in_and_sees_own_menu(client, world, username):
    response = do_login(client, username, world["passwords"][username])
    assert response.status_code == 302 and response.headers["Location"].endswith("/work/")
    page = text_of(client.get("/work/"))
    assert "工作台" in page
    for label in ROLE_DASHBOARD_MENU[username]:
        assert label in page
    if username != "admin":
        assert "用户管理" not in page and "安全审计" not in page


def test_wrong_password_is_refused_in_chinese(client, world):
    response = do_login(client, "unit", "not-the-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in text_of(response)
    assert client.get("/work/").status_code == 302  # still anonymous


def test_repeated_wrong_passwords_are_throttled(client, world):
    for _ in range(5):
        assert do_login(client, "unit", "wrong-password").status_code == 200
    response = do_login(client, "unit", world["passwords"]["unit"])
    assert response.status_code == 429
    assert "登录尝试过于频繁" in text_of(response)


def test_successful_logins_do_not_count_against_the_limit(client, world):
    for _ in range(7):
        assert do_login(client, "unit", world["passwords"]["unit"]).status_code == 302
        client.post("/work/logout")


def test_post_without_csrf_token_gets_400_page(client, world):
    response = client.post("/work/login", data={"username": "unit", "password": "x"}, csrf=False)
    assert response.status_code == 400
    assert "安全令牌" in text_of(response)


def test_unit_user_cannot_open_admin_pages(login):
    client = login("unit")
    for url in ("/work/admin/users", "/work/admin/organisations", "/work/admin/audit/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "无权访问" in text_of(response)


def test_anonymous_user_is_sent_to_login_with_next(client, world):
    response = client.get("/work/admin/users")
    assert response.status_code == 302
    assert "/work/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("target", ["https://elsewhere.example/", "//elsewhere.example/x", "/\\\\evil.example",
                                    "javascript:alert(1)"])
def test_next_to_another_site_is_ignored(client, world, target):
    response = client.post(f"/work/login?next={target}",
                           data={"username": "unit", "password": world["passwords"]["unit"]})
    assert response.status_code == 302
    assert response.headers["Location"] == "/work/"


def test_next_on_same_site_is_followed(client, world):
    response = client.post("/work/login?next=/work/account/password",
                           data={"username": "unit", "password": world["passwords"]["unit"]})
    assert response.headers["Location"] == "/work/account/password"


def test_session_is_renewed_at_login(client, world):
    client.get("/work/login")
    client.csrf_token()
    with client.session_transaction() as sess:
        sess["planted"] = "attacker-chosen"
    do_login(client, "unit", world["passwords"]["unit"])
    with client.session_transaction() as sess:
        assert "planted" not in sess


def test_session_cookie_flags(client, world):
    response = do_login(client, "unit", world["passwords"]["unit"])
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_secure_cookie_when_https_configured(app_factory, world):
    from tests.conftest import CSRFClient

    https_app = app_factory(JIXIAO_HTTPS=True)
    client = CSRFClient(https_app)
    response = client.post("/work/login", base_url="https://localhost",
                           data={"username": "unit", "password": world["passwords"]["unit"]})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Secure" in cookie
    assert "Strict-Transport-Security" in response.headers


def test_admin_creates_user_who_must_change_password(login, app, world):
    client = login("admin")
    unit_id = world["orgs"]["阿克陶县教育局"]
    response = client.post("/work/admin/users", data={
        "username": "jiaoyu2", "full_name": "新用户", "org_id": unit_id, "roles": ["unit_editor"],
        "password": "Initial-pass-1"})
    assert response.status_code == 302
    client.post("/work/logout")
    assert do_login(client, "jiaoyu2", "Initial-pass-1").headers["Location"].endswith("/work/account/password")
    assert client.get("/work/").headers["Location"].endswith("/work/account/password")
    response = client.post("/work/account/password", data={
        "current": "Initial-pass-1", "new": "My-own-pass-22", "confirm": "My-own-pass-22"})
    assert response.status_code == 302
    assert client.get("/work/").status_code == 200


def test_admin_cannot_give_a_unit_user_a_bureau_role(login, world):
    client = login("admin")
    response = client.post("/work/admin/users", data={
        "username": "sneaky", "full_name": "某人", "org_id": world["orgs"]["阿克陶县教育局"],
        "roles": ["bureau_reviewer"], "password": "Initial-pass-1"})
    assert response.status_code == 200
    assert "只能担任" in text_of(response)


def test_disabled_user_cannot_sign_in_and_keeps_history(login, client, app, world):
    admin = login("admin")
    with app.app_context():
        unit = db.session.scalar(select(User).where(User.username == "unit2"))
        unit_id = unit.id
    admin.post(f"/work/admin/users/{unit_id}/active", data={"active": "0"})
    admin.post("/work/logout")
    response = do_login(client, "unit2", world["passwords"]["unit2"])
    assert response.status_code == 200 and "账号已停用" in text_of(response)
    with app.app_context():
        assert db.session.get(User, unit_id) is not None  # never deleted
        kinds = db.session.scalars(select(AuditEvent.kind)).all()
        assert "user_disable" in kinds and "login_failure" in kinds


def test_disabling_signs_out_existing_sessions(app, world):
    from tests.conftest import CSRFClient

    victim = CSRFClient(app)
    do_login(victim, "unit2", world["passwords"]["unit2"])
    assert victim.get("/work/").status_code == 200
    admin = CSRFClient(app)
    do_login(admin, "admin", world["passwords"]["admin"])
    with app.app_context():
        uid = db.session.scalar(select(User.id).where(User.username == "unit2"))
    admin.post(f"/work/admin/users/{uid}/active", data={"active": "0"})
    assert victim.get("/work/").status_code == 302


def test_admin_creates_and_disables_organisation(login, app, world):
    client = login("admin")
    response = client.post("/work/admin/organisations", data={
        "name": "阿克陶县水利局", "kind": "unit", "region": "", "credit_code": ""})
    assert response.status_code == 302
    page = text_of(client.get("/work/admin/organisations"))
    assert "阿克陶县水利局" in page
    duplicate = client.post("/work/admin/organisations", data={"name": "阿克陶县水利局", "kind": "unit"})
    assert "已存在" in text_of(duplicate)


def test_password_is_never_logged_or_stored_plain(client, world, app):
    do_login(client, "unit", world["passwords"]["unit"])
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "unit"))
        assert world["passwords"]["unit"] not in user.password_hash
        assert user.password_hash.startswith("scrypt:")
        details = " ".join(str(e.detail) for e in db.session.scalars(select(AuditEvent)))
        assert world["passwords"]["unit"] not in details


def test_audit_page_filters_by_event(login):
    client = login("admin")
    page = text_of(client.get("/work/admin/audit/?kind=login_success"))
    assert "登录成功" in page and "admin" in page
