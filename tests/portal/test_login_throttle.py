"""Login throttling locks an account, not an office: per-account locks that double, a looser per-address limit.

Five failed sign-ins in a row lock that account name for 60 s; each further failure after a lock
locks it again for twice as long (120 s, 240 s … at most an hour); a success clears it.  A client
address may fail 20 times a minute, whichever accounts it tries.  ``X-Forwarded-For`` counts only
with ``JIXIAO_PROXY_COUNT`` set to the number of proxies in front of the app.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.util import utcnow
from tests.conftest import CSRFClient, do_login, text_of


class Clock:
    """The throttle's clock, moved by the test instead of sleeping."""

    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def move(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    from portal.accounts import throttle

    moved = Clock()
    monkeypatch.setattr(throttle, "utcnow", moved)
    return moved


def _fail(client, username: str, times: int = 1, **kwargs):
    for _ in range(times):
        response = client.post("/work/login", data={"username": username, "password": "wrong-password"}, **kwargs)
        assert response.status_code == 200 and "用户名或密码不正确" in text_of(response), response.status_code
    return response


def _locked(response) -> bool:
    return response.status_code == 429 and "登录尝试过于频繁" in text_of(response)


def test_wrong_passwords_for_one_account_do_not_block_another_on_the_same_address(client, world, clock):
    _fail(client, "reviewer", 5)
    assert _locked(do_login(client, "reviewer", world["passwords"]["reviewer"]))  # the right password waits too
    assert _locked(do_login(client, "reviewer", "wrong-password"))
    for username in ("unit", "section", "admin"):  # colleagues behind the same address sign in as usual
        assert do_login(client, username, world["passwords"][username]).status_code == 302, username
        client.post("/work/logout")


def test_the_right_password_works_once_the_lock_expires_and_locks_then_double(client, world, clock):
    password = world["passwords"]["reviewer"]
    _fail(client, "reviewer", 5)
    clock.move(seconds=59)
    locked = do_login(client, "reviewer", password)
    assert _locked(locked) and "1 分钟后" in text_of(locked)
    clock.move(seconds=2)  # 61 s: the first lock (60 s) is over; one more failure locks for 120 s
    _fail(client, "reviewer")
    clock.move(seconds=119)
    assert _locked(do_login(client, "reviewer", password))
    clock.move(seconds=2)
    _fail(client, "reviewer")  # the 7th failure: 240 s
    clock.move(seconds=239)
    assert _locked(do_login(client, "reviewer", password))
    clock.move(seconds=2)
    assert do_login(client, "reviewer", password).status_code == 302
    client.post("/work/logout")
    # A success clears the record: the next mistake is a first mistake again.
    _fail(client, "reviewer", 4)
    assert do_login(client, "reviewer", password).status_code == 302


def test_failures_of_long_ago_are_forgotten(client, world, clock):
    _fail(client, "unit", 4)
    clock.move(hours=25)
    _fail(client, "unit", 4)
    assert do_login(client, "unit", world["passwords"]["unit"]).status_code == 302


def test_unknown_account_names_are_locked_alike(client, world, clock):
    """A lock says nothing about whether the name exists."""
    _fail(client, "no-such-user", 5)
    assert _locked(do_login(client, "no-such-user", "wrong-password"))
    assert do_login(client, "unit", world["passwords"]["unit"]).status_code == 302


def test_one_address_failing_on_many_accounts_is_limited(client, world, clock):
    for n in range(20):
        _fail(client, f"guess{n}")
    assert _locked(do_login(client, "guess20", "wrong-password"))
    assert _locked(do_login(client, "unit", world["passwords"]["unit"]))  # from this address, for now
    elsewhere = client.post("/work/login", environ_base={"REMOTE_ADDR": "192.0.2.10"},
                            data={"username": "unit", "password": world["passwords"]["unit"]})
    assert elsewhere.status_code == 302  # the same account from another address


def _ips(app, username: str) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.ip).where(AuditEvent.username == username)))


def test_forwarded_for_is_ignored_without_configured_proxies(app, client, world, clock):
    headers = {"X-Forwarded-For": "203.0.113.7"}
    response = client.post("/work/login", headers=headers, data={"username": "unit", "password": "wrong-password"})
    assert response.status_code == 200
    assert _ips(app, "unit") == ["127.0.0.1"]
    # A new forged address per attempt does not escape the per-address limit.
    for n in range(19):
        client.post("/work/login", headers={"X-Forwarded-For": f"198.51.100.{n}"},
                    data={"username": f"guess{n}", "password": "wrong-password"})
    assert _locked(client.post("/work/login", headers={"X-Forwarded-For": "198.51.100.200"},
                               data={"username": "guess99", "password": "wrong-password"}))


def test_forwarded_for_names_the_client_behind_a_configured_proxy(app_factory, world, clock):
    app = app_factory(JIXIAO_PROXY_COUNT=1)
    client = CSRFClient(app)
    office_a, office_b = {"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "203.0.113.8"}
    _fail(client, "unit", headers=office_a)
    assert _ips(app, "unit") == ["203.0.113.7"]
    for n in range(19):
        _fail(client, f"guess{n}", headers=office_a)
    assert _locked(client.post("/work/login", headers=office_a,
                               data={"username": "section", "password": world["passwords"]["section"]}))
    # Another office behind the same proxy is not affected.
    response = client.post("/work/login", headers=office_b,
                           data={"username": "section", "password": world["passwords"]["section"]})
    assert response.status_code == 302
    # Only the address the proxy appended counts: a client cannot choose its own by sending more.
    fresh = CSRFClient(app)
    _fail(fresh, "admin", headers={"X-Forwarded-For": "10.9.9.9, 203.0.113.9"})
    assert _ips(app, "admin")[-1] == "203.0.113.9"
