"""Run in a child process by test_example_plugin.py, with the example plugin on its ``PYTHONPATH``.

``python -m tests.plugins.example_plugin_driver PHASE`` builds the app as an operator's process would
(``create_app()`` with the environment's instance and database), does what a user would do for PHASE
and prints what it saw as one JSON object.  Nothing of the plugin ever enters the pytest process.
"""

from __future__ import annotations

import json
import re
import sys


def _text(response) -> str:
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _client_as(app, username: str):
    """A fresh browser signed in as the demo user ``username`` (through the login form, CSRF included)."""
    from portal import demo

    password = {u: p for u, _, _, _, p in demo.USERS}[username]
    client = app.test_client()
    token = _csrf(client, "/work/login")
    response = client.post("/work/login", data={"username": username, "password": password, "csrf_token": token})
    assert response.status_code == 302, f"login {username}: {response.status_code}"
    return client


def _csrf(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    return match.group(1) if match else ""


def world(app) -> dict:
    from portal.extensions import db
    from tests.conftest import create_world

    with app.app_context():
        create_world()
        db.session.commit()
    return {"ok": True}


def enabled(app) -> dict:
    seen: dict = {}
    client = _client_as(app, "reviewer")
    token = _csrf(client, "/work/notices/")
    posted = client.post("/work/notices/", data={"fiscal_year": "2025", "title": "关于开展2025年度绩效运行监控的通知",
                                                 "body": "请各单位于6月10日前报送5月底监控表。",
                                                 "csrf_token": token})
    seen["post_status"] = posted.status_code
    refused = client.post("/work/notices/", data={"fiscal_year": "2025", "title": "", "csrf_token": token})
    seen["empty_title"] = _text(refused)
    seen["reviewer_page"] = _text(client.get("/work/notices/"))
    seen["reviewer_publishing"] = _text(client.get("/work/public_site/"))
    client = _client_as(app, "unit")
    seen["unit_dashboard"] = _text(client.get("/work/"))
    unit_page = client.get("/work/notices/")
    seen["unit_page"] = _text(unit_page)
    seen["unit_page_has_form"] = 'name="title"' in unit_page.get_data(as_text=True)
    public = app.test_client()
    seen["public_json"] = public.get("/data/publications.json").get_json()
    ids = [p["id"] for p in seen["public_json"]["publications"] if p["kind"] == "notice"]
    seen["public_page"] = _text(public.get(f"/publications/{ids[0]}")) if ids else ""
    seen["about"] = _text(public.get("/about"))
    return seen


def disabled(app) -> dict:
    client = _client_as(app, "reviewer")
    public = app.test_client()
    ids = [p["id"] for p in public.get("/data/publications.json").get_json()["publications"] if p["kind"] == "notice"]
    return {"page_status": client.get("/work/notices/").status_code,
            "dashboard": _text(client.get("/work/")),
            "public_status": public.get(f"/publications/{ids[0]}").status_code if ids else None}


def main(phase: str) -> None:
    from portal import create_app

    app = create_app({"TESTING": True})
    result = {"world": world, "enabled": enabled, "disabled": disabled}[phase](app)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
