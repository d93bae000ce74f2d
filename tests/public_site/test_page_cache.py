"""Anonymous public pages: a repeat visit is a 304, and no cached page outlives a change of what is public."""

from __future__ import annotations

from portal.extensions import db
from public_site import operations as pub_ops
from tests.public_site.helpers import (
    FUTURE,
    PAST,
    approved_evaluation,
    project_with_targets,
    publish,
    set_dates,
    user,
)


def _published(app):
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="CACHE-1")
        pub = publish("evaluation_result", f"submission:{approved_evaluation(project).id}")
        db.session.commit()
        return pub.id, pub.title


def test_repeat_visit_is_not_modified(app, client):
    _published(app)
    first = client.get("/")
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["Cache-Control"].startswith("public") and again.headers["Content-Security-Policy"]
    assert client.get("/").data == first.data  # served again, from memory, byte for byte


def test_withdrawal_is_seen_at_once_on_every_cached_page(app, client):
    pub_id, title = _published(app)
    home, page = client.get("/"), client.get(f"/publications/{pub_id}")
    assert title in home.get_data(as_text=True) and page.status_code == 200
    with app.test_request_context():
        pub_ops.withdraw(db.session.get(pub_ops.Publication, pub_id), user("reviewer"), "数据有误")
        db.session.commit()
    assert title not in client.get("/").get_data(as_text=True)
    assert client.get(f"/publications/{pub_id}").status_code == 410
    stale = client.get("/", headers={"If-None-Match": home.headers["ETag"]})
    assert stale.status_code == 200  # the old ETag no longer matches


def test_moving_the_disclosure_date_hides_a_cached_page(app, client):
    pub_id, title = _published(app)
    assert client.get(f"/publications/{pub_id}").status_code == 200
    with app.test_request_context():
        set_dates(2022, FUTURE)
        db.session.commit()
    assert client.get(f"/publications/{pub_id}").status_code == 404
    assert title not in client.get("/").get_data(as_text=True)


def test_signed_in_users_are_never_served_the_anonymous_copy(app, client, login):
    _published(app)
    anonymous = client.get("/")
    login("reviewer")
    signed_in = client.get("/")
    assert signed_in.status_code == 200 and "ETag" not in signed_in.headers
    assert signed_in.headers["Cache-Control"].startswith("private")
    assert anonymous.headers["ETag"]


def test_every_cached_endpoint_exists_and_search_is_not_cached(app):
    from public_site.page_cache import CACHED_ENDPOINTS

    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert CACHED_ENDPOINTS <= endpoints
    assert "public_site.search" not in CACHED_ENDPOINTS  # results depend on the index as well
