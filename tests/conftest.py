"""Test fixtures (Flask tutorial style): app, client, runner, login, world, plugin sets.

The database is migrated once per session (SQLite by default; PostgreSQL when
``JIXIAO_TEST_DATABASE_URL`` is set).  Each test runs inside a transaction that is
rolled back: the app's session joins it with SAVEPOINTs, so commits in views are real
commits of a savepoint and nothing leaks into the next test.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.pool import NullPool

from portal import create_app
from portal.extensions import db, limiter

# Sessions bound to a test's connection join its transaction through SAVEPOINTs.
db.session = db._make_scoped_session({"join_transaction_mode": "create_savepoint"})

#: The PostgreSQL database the suite was pointed at (``JIXIAO_TEST_DATABASE_URL``), if any.
BASE_PG_URL = os.environ.get("JIXIAO_TEST_DATABASE_URL")
#: Under pytest-xdist (``make test`` runs two workers) each worker, ``gw0``, ``gw1``…, works in a
#: database of its own beside the configured one, created on first use (see :func:`reset_postgres`).
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")


def _worker_database_url(url: str | None, worker: str | None) -> str | None:
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


PG_URL = _worker_database_url(BASE_PG_URL, XDIST_WORKER)

@pytest.fixture(autouse=True)
def _empty_public_page_cache():
    """Each test starts with no rendered public page in memory (tests roll back and reuse ids)."""
    from public_site import page_cache

    page_cache.clear()
    yield

ARTIFACTS = Path(__file__).parent / "artifacts"
#: The repository's root folder; its parent holds ``shared/seeds``, the product's seed documents.
REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"


def seeds_dir() -> Path:
    """``../shared/seeds`` beside the repository, the one place tests find the seed documents.

    When they are missing the calling test is skipped, or fails when the environment variable ``CI``
    is set (a CI run must never pass by skipping the tests on real documents).
    """
    if SEEDS_DIR.is_dir() and any(SEEDS_DIR.glob("0*_*.txt")):
        return SEEDS_DIR
    message = f"seed documents not found in {SEEDS_DIR} (the repository's parent folder must hold shared/seeds)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(name="seeds_dir")
def seeds_dir_fixture() -> Path:
    """The seed documents' folder (see :func:`seeds_dir`)."""
    return seeds_dir()


#: Test files that take longest (wall seconds on 2 cores, measured), run first: pytest-xdist's
#: ``--dist loadfile`` hands out whole files in collection order (``--no-loadscope-reorder``; its default
#: order, most tests first, put these one- and two-test files last, where one of them decided the end).
SLOW_FILES = (
    "tests/hardening/test_crash.py",
    "tests/hardening/test_fresh_instance.py",
    "tests/plugins/test_example_plugin.py",
    "tests/hardening/test_backup.py",
    "tests/e2e/test_submission_workflow.py",
    "tests/e2e/test_docs_screens.py",
    "tests/portal/yearly/test_cycle_sections.py",
    "tests/portal/test_cli.py",
    "tests/test_access_matrix.py",
    "tests/e2e/test_public_site.py",
    "tests/e2e/test_evaluator_grading.py",
    "tests/e2e/test_login_roles.py",
    "tests/hardening/test_huge_numbers.py",
    "tests/portal/test_schema.py",
    "tests/public_site/test_leak_crawl.py",
    "tests/e2e/test_rectification.py",
    "tests/e2e/test_paper_forms.py",
    "tests/portal/test_whoosh_arrays.py",
    "tests/e2e/test_target_editor.py",
)


def pytest_configure(config):
    if getattr(config.option, "dist", "no") != "no":
        config.option.loadscopereorder = False  # keep the order of pytest_collection_modifyitems
    if not XDIST_WORKER:
        _compile_sources()


def _compile_sources() -> None:
    """Write the bytecode of the project's modules once, before any test starts.

    With ``PYTHONDONTWRITEBYTECODE`` set, every ``jixiao`` child process (servers, CLI runs, ``jixiao
    demo``) would otherwise compile the whole portal again (about 0.2 s of CPU each, over a hundred
    times a run); Python still reads the ``__pycache__`` files it does not write."""
    import compileall

    for folder in ("portal", "plugins", "public_site", "tests"):
        compileall.compile_dir(REPO_ROOT / folder, quiet=2)


def pytest_collection_modifyitems(config, items):
    """The known-slow files first (in :data:`SLOW_FILES` order), then the rest in collection order."""
    rank = {name: i for i, name in enumerate(SLOW_FILES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


def pytest_report_header(config):
    return f"database: {'PostgreSQL ' + PG_URL if PG_URL else 'SQLite'}"


def _admin_engine():
    from portal.config import _normalise_db_url

    _ensure_worker_database()  # a worker's first test may need a database before any test used database_url
    return create_engine(_normalise_db_url(PG_URL), isolation_level="AUTOCOMMIT")


_worker_database_ready = False


def _ensure_worker_database() -> None:
    """Create this xdist worker's database beside the configured one if it does not exist yet."""
    global _worker_database_ready
    if PG_URL == BASE_PG_URL or _worker_database_ready:
        return
    from portal.config import _normalise_db_url

    name = make_url(PG_URL).database
    engine = create_engine(_normalise_db_url(BASE_PG_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    _worker_database_ready = True


def reset_postgres() -> None:
    """Empty the PostgreSQL test database (drop and recreate the public schema)."""
    _ensure_worker_database()
    engine = _admin_engine()
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


#: PostgreSQL databases created for tests that need an empty one; dropped at the end.
_CREATED_DATABASES: list[str] = []


def fresh_database_url(tmp_dir: Path) -> str:
    """An empty database of its own: a new SQLite file, or a new PostgreSQL database beside the test one."""
    if not PG_URL:
        return "sqlite:///" + str(tmp_dir / "jixiao.sqlite")
    engine = _admin_engine()
    name = f"{engine.url.database}_{secrets.token_hex(4)}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = engine.url.set(database=name).render_as_string(hide_password=False)
    engine.dispose()
    _CREATED_DATABASES.append(name)
    return url


def clone_database_url(template_url: str, tmp_dir: Path) -> str:
    """A copy of a prepared database (e.g. the demo county, built once a session) for one test module.

    SQLite: the online backup API into a new file; PostgreSQL: ``CREATE DATABASE … TEMPLATE`` (the
    template must have no open connection, as after the ``jixiao demo`` process that filled it)."""
    if not PG_URL:
        import sqlite3

        target = tmp_dir / "jixiao.sqlite"
        source = sqlite3.connect(make_url(template_url).database)
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        return "sqlite:///" + str(target)
    engine = _admin_engine()
    template = make_url(template_url).database
    name = f"{engine.url.database}_{secrets.token_hex(4)}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    url = engine.url.set(database=name).render_as_string(hide_password=False)
    engine.dispose()
    _CREATED_DATABASES.append(name)
    return url


def pytest_sessionfinish(session, exitstatus):
    names = list(_CREATED_DATABASES)
    # tests/load/run.py calls this with no session: it made no template
    distributed = session is not None and getattr(session.config.option, "dist", "no") != "no"
    if PG_URL and not XDIST_WORKER and distributed:
        names.append(_shared_template_name())  # the workers' demo template (see demo_template)
    if PG_URL and names:
        engine = _admin_engine()
        with engine.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


#: Config every in-process test app gets: scrypt at a low cost (production keeps werkzeug's N=32768, about
#: 0.1 s of CPU per sign-in; the suite signs in several hundred times). Hashes stay ``scrypt:…``.
TEST_PASSWORD_HASH = "scrypt:1024:8:1"


def migrated_app(instance: Path, database_url: str, **config):
    """An app on ``database_url`` with every migration applied (real commits, no rollback)."""
    from portal import schema

    # NullPool: a connection is closed when returned, so none outlives the test for the garbage collector.
    app = create_app({"INSTANCE_PATH": str(instance), "SQLALCHEMY_DATABASE_URI": database_url,
                      "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool}, "TESTING": True,
                      "JIXIAO_PASSWORD_HASH": TEST_PASSWORD_HASH, **config})
    with app.app_context():
        schema.upgrade_all(app, echo=lambda *_: None)
        db.engine.dispose()  # no pooled connection left for the garbage collector to find
    return app


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A database migrated to head once for the whole session."""
    tmp = tmp_path_factory.mktemp("db")
    if PG_URL:
        reset_postgres()
        url = PG_URL
    else:
        url = fresh_database_url(tmp)
    app = migrated_app(tmp / "instance", url)
    with app.test_request_context():
        create_world()
        db.session.commit()
        db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> tuple[Path, str]:
    """The demo county (``jixiao init`` and ``jixiao demo`` in child processes) built once a run: its
    instance folder and database.

    Tests that need a demo instance of their own (servers, backup, crash tests) run on a copy
    (``tests.e2e.conftest.clone_demo``, ``tests.servers.clone_instance``), so they stay independent of
    each other's changes without paying for ``jixiao demo`` (about 10 s of CPU) again.  Under pytest-xdist
    the first worker that needs it builds it in the run's folder (a file lock) and the others copy the
    same one; on PostgreSQL its database is dropped by the controlling process at the end."""
    import fcntl
    import json

    from tests.servers import make_instance

    if not XDIST_WORKER:
        tmp = tmp_path_factory.mktemp("demo-template")
        instance = make_instance(tmp, fresh_database_url(tmp))
        return instance.path, instance.database_url
    root = tmp_path_factory.getbasetemp().parent  # the run's folder: popen-gw0, popen-gw1… are in it
    tmp, built = root / "demo-template", root / "demo-template.json"
    with open(root / "demo-template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists():
            tmp.mkdir(exist_ok=True)
            instance = make_instance(tmp, _shared_template_url(tmp))
            built.write_text(json.dumps([str(instance.path), instance.database_url]))
        path, url = json.loads(built.read_text())
    return Path(path), url


def _shared_template_name() -> str:
    return f"{make_url(BASE_PG_URL).database}_demo_template"


def _shared_template_url(tmp: Path) -> str:
    """The workers' shared demo template's database: a SQLite file in ``tmp`` or ``<test database>_demo_template``."""
    if not PG_URL:
        return "sqlite:///" + str(tmp / "jixiao.sqlite")
    engine = _admin_engine()
    name = _shared_template_name()
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))  # left by an interrupted run
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = engine.url.set(database=name).render_as_string(hide_password=False)
    engine.dispose()
    return url


def create_world() -> None:
    """The demo county's organisations and one user per role (see portal.demo)."""
    from portal import demo
    from portal.accounts.operations import create_user

    orgs = demo.organisations()
    for username, full_name, org_name, role, password in demo.USERS:
        create_user(username=username, full_name=full_name, org=orgs[org_name], roles=[role],
                    password=password, must_change_password=False)


def make_app(tmp_path: Path, database_url: str, **config):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SQLALCHEMY_DATABASE_URI": database_url,
                      "TESTING": True, "JIXIAO_PASSWORD_HASH": TEST_PASSWORD_HASH, **config})
    limiter.reset()
    return app


class RollbackIsolation:
    """One connection inside a transaction, rolled back at the end of the test.

    Every app a test builds swaps its engine for that connection; sessions join the
    transaction with SAVEPOINTs (``join_transaction_mode``), so a view's ``commit()`` is
    real but only releases a savepoint.  No app context is held open, so every request
    gets its own ``g`` and session, as in production.
    """

    def __init__(self):
        self.conn = None
        self.swapped = []

    def attach(self, app) -> None:
        with app.app_context():
            engines = db.engines
            if self.conn is None:
                self.conn = engines[None].connect()
                self.trans = self.conn.begin()
            self.swapped.append((engines, engines[None]))
            engines[None] = self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.trans.rollback()
            self.conn.close()
        for engines, engine in self.swapped:
            engines[None] = engine
            engine.dispose()


@pytest.fixture
def app_factory(tmp_path, database_url):
    """Build apps with chosen config (e.g. a plugin set), all in one rolled-back transaction."""
    iso = RollbackIsolation()
    count = 0

    def factory(**config):
        nonlocal count
        count += 1
        app = make_app(tmp_path / f"app{count}", database_url, **config)
        iso.attach(app)
        return app

    yield factory
    iso.close()


@pytest.fixture
def app(app_factory):
    return app_factory()


class CSRFClient:
    """Wraps Flask's test client: every POST carries a valid CSRF token unless ``csrf=False``."""

    def __init__(self, app):
        self.app = app
        self.raw = app.test_client()

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def csrf_token(self) -> str:
        with self.raw.session_transaction() as sess:
            raw = sess.get("csrf_token") or secrets.token_hex(20)
            sess["csrf_token"] = raw
        return URLSafeTimedSerializer(self.app.secret_key, salt="wtf-csrf-token").dumps(raw)

    def post(self, url, data=None, csrf=True, **kwargs):
        data = dict(data or {}) if not isinstance(data, list) else data
        if csrf and isinstance(data, dict) and "csrf_token" not in data:
            data["csrf_token"] = self.csrf_token()
        return self.raw.post(url, data=data, **kwargs)


@pytest.fixture
def client(app):
    return CSRFClient(app)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def world(app):
    """Names, ids and passwords of the demo county (created once per session)."""
    from portal import demo
    from portal.accounts.models import Organisation, User

    with app.app_context():
        orgs = {o.name: o.id for o in db.session.scalars(select(Organisation))}
        users = {u.username: u.id for u in db.session.scalars(select(User))}
    return {"orgs": orgs, "users": users, "passwords": {u: p for u, _, _, _, p in demo.USERS}}


def do_login(client, username: str, password: str):
    return client.post("/work/login", data={"username": username, "password": password})


@pytest.fixture
def login(client, world):
    """``login("reviewer")`` signs the test client in as that demo user."""

    def _login(username: str):
        client.post("/work/logout")
        response = do_login(client, username, world["passwords"][username])
        assert response.status_code == 302, f"login as {username} failed"
        return client

    return _login


class FrozenClock:
    """The portal's clock (``portal.util.clock``) started at a chosen moment; it ticks with real time,
    so timestamps taken one after another stay ordered, but the date never depends on when tests run."""

    def __init__(self, moment: datetime):
        self.set(moment)

    def set(self, moment: datetime) -> None:
        assert moment.tzinfo is not None, "give the moment with its time zone"
        self._start, self._started = moment, time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._started)

    def today(self) -> date:
        """The bureau's date (Beijing) at this moment, computed here, not by the portal."""
        return (self.now().astimezone(UTC) + timedelta(hours=8)).date()


#: 17:00 UTC is 01:00 the next day in Beijing: the hour at which a server's date and the bureau's differ.
FROZEN_AT = datetime(2025, 6, 30, 17, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch) -> FrozenClock:
    """Freeze the portal's one clock at :data:`FROZEN_AT` (``clock.set(...)`` moves it); ``clock.today()``
    is 2025-07-01, the bureau's date, while the server's UTC date is still 2025-06-30."""
    from portal import util

    frozen = FrozenClock(FROZEN_AT)
    monkeypatch.setattr(util, "clock", frozen.now)
    return frozen


def text_of(response) -> str:
    """The visible text of an HTML response (tags stripped), for assertions users would make."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
