"""敏感词管理 through HTTP: who may see it, adding and deactivating terms, CSRF."""

from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.deid.models import SensitiveTerm
from portal.extensions import db
from tests.conftest import text_of

URL = "/work/admin/terms/"


def test_unit_users_and_anonymous_are_kept_out(client, login):
    assert client.get(URL).status_code == 302  # to the login page
    for username in ("unit", "firm", "expert", "section"):
        login(username)
        assert client.get(URL).status_code == 403
        assert client.post(URL, data={"term": "x"}).status_code == 403


def test_reviewer_adds_and_deactivates_a_term(app, client, login):
    login("reviewer")
    assert "敏感词管理" in text_of(client.get("/work/"))
    response = client.post(URL, data={"term": "信访人员名单", "note": "个人隐私"}, follow_redirects=True)
    assert "已添加敏感词“信访人员名单”" in text_of(response)
    page = text_of(client.get(URL))
    assert "信访人员名单" in page and "个人隐私" in page and "生效" in page
    duplicate = client.post(URL, data={"term": "信访人员名单"})
    assert duplicate.status_code == 200 and "已在列表中" in text_of(duplicate)
    with app.app_context():
        row = db.session.scalar(select(SensitiveTerm).where(SensitiveTerm.term == "信访人员名单"))
        assert row.bureau_id is not None and row.is_active
        term_id = row.id
    response = client.post(f"{URL}{term_id}/deactivate", follow_redirects=True)
    assert "已停用敏感词" in text_of(response)
    with app.app_context():
        assert db.session.get(SensitiveTerm, term_id).is_active is False
        kinds = set(db.session.scalars(select(AuditEvent.kind).where(AuditEvent.target_type == "sensitive_term")))
        assert kinds == {"term_add", "term_deactivate"}


def test_posts_without_csrf_change_nothing(app, client, login):
    login("admin")
    response = client.post(URL, data={"term": "无令牌的词"}, csrf=False)
    assert response.status_code in (200, 400)
    client.post(URL, data={"term": "保留的词"})
    with app.app_context():
        assert db.session.scalar(select(SensitiveTerm).where(SensitiveTerm.term == "无令牌的词")) is None
        term_id = db.session.scalar(select(SensitiveTerm.id).where(SensitiveTerm.term == "保留的词"))
    client.post(f"{URL}{term_id}/deactivate", csrf=False)
    with app.app_context():
        assert db.session.get(SensitiveTerm, term_id).is_active is True


def test_empty_term_is_refused_and_global_terms_are_read_only(app, client, login, runner):
    assert runner.invoke(args=["terms", "add", "全局敏感词"]).exit_code == 0
    login("admin")
    response = client.post(URL, data={"term": "  "})
    assert "请输入敏感词" in text_of(response) or "敏感词不能为空" in text_of(response)
    assert "全局敏感词" in text_of(client.get(URL))
    with app.app_context():
        term_id = db.session.scalar(select(SensitiveTerm.id).where(SensitiveTerm.term == "全局敏感词"))
    assert client.post(f"{URL}{term_id}/deactivate").status_code == 404
