"""No page answers 5xx on a fresh instance, on one with accounts but no records yet, or after ``jixiao demo``.

The pages are found from the app's URL map (every GET rule without parameters, core and plugins),
plus a few addresses with query strings a first visitor is likely to type; each is requested as an
anonymous visitor and, once accounts exist, as every demo login.  The same check as
``shared/tools/smoke_fresh.py``, kept in the suite.
"""

from __future__ import annotations

import pytest
from sqlalchemy.pool import NullPool

from portal import create_app
from portal.extensions import db
from tests.conftest import CSRFClient, do_login, fresh_database_url
from tests.servers import make_instance

pytestmark = pytest.mark.slow

#: Addresses with query strings (or ids) worth trying besides the parameterless rules.
EXTRA = ("/search", "/search?q=绩效", "/search?q=整改&page=2", "/search?q=%E2%80%8B", "/search?q=" + "长" * 300,
         "/search?year=2022&kind=firm_rating&sort=newest", "/publications/999999999999999999999",
         "/data/publications.csv", "/data/publications.json", "/work/projects/?year=2022&q=绩效")


def pages(app) -> list[str]:
    """Every parameterless GET page of ``app`` and the extra addresses, sorted."""
    rules = {rule.rule for rule in app.url_map.iter_rules()
             if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static"}
    return sorted(rules | set(EXTRA))


def crawl(app, label: str, logins: dict[str, str]) -> tuple[int, list[str]]:
    """GET every page as anonymous and as each of ``logins`` (username → password); the 5xx answers."""
    principals = {"anonymous": None, **logins}
    urls = pages(app)
    errors = []
    for principal, password in principals.items():
        client = CSRFClient(app)
        if password is not None:
            assert do_login(client, principal, password).status_code == 302, (label, principal)
        for url in urls:
            try:
                response = client.get(url)
                code = response.status_code
                response.close()
            except Exception as exc:  # noqa: BLE001 - any exception is a failure to report, not to stop on
                code = f"raised {type(exc).__name__}: {exc}"[:160]
            if not isinstance(code, int) or code >= 500:
                errors.append(f"{label}, {principal}: GET {url[:80]} -> {code}")
    return len(urls) * len(principals), errors


def _app(instance):
    # NullPool: no connection outlives a request (none left for the garbage collector to find).
    return create_app({"INSTANCE_PATH": str(instance.path), "SQLALCHEMY_DATABASE_URI": instance.database_url,
                       "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool}, "TESTING": True})


def test_no_page_fails_on_a_fresh_instance_or_with_demo_data(tmp_path):
    from portal import demo
    from tests.conftest import create_world

    (tmp_path / "db").mkdir()
    instance = make_instance(tmp_path, fresh_database_url(tmp_path / "db"), demo=False)
    logins = {username: password for username, _, _, _, password in demo.USERS}
    checked, errors = crawl(_app(instance), "fresh instance", {})

    # A new county's first day: its organisations and accounts exist, nothing else does yet.
    app = _app(instance)
    with app.test_request_context():
        create_world()
        db.session.commit()
    n, more = crawl(app, "accounts only", logins)
    checked, errors = checked + n, errors + more

    instance.cli("demo")
    n, more = crawl(_app(instance), "with demo data", logins)
    checked, errors = checked + n, errors + more
    print(f"fresh instance: {checked} page×principal requests in three states, {len(errors)} server errors")
    assert errors == [], "\n".join(errors)
