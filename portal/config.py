"""Default configuration; instance/config.py and the environment override it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

#: Settings read from the environment, in this order of precedence over instance/config.py.
ENV_SETTINGS = ("DATABASE_URL", "JIXIAO_SECRET_KEY", "JIXIAO_DISABLED_PLUGINS", "JIXIAO_TRACE_HOOKS",
                "JIXIAO_SEARCH_BACKEND", "JIXIAO_HTTPS", "JIXIAO_PROXY_COUNT")


class Defaults:
    """Values every instance starts from."""

    SQLALCHEMY_DATABASE_URI: str | None = None  # filled from the instance folder when unset
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = 50 * 1024 * 1024
    #: Comma-separated plugin names that are not loaded.
    JIXIAO_DISABLED_PLUGINS = ""
    #: Print every hook call (pluggy's hook-call monitoring).
    JIXIAO_TRACE_HOOKS = False
    #: Cookies get the Secure flag and HSTS is sent when the site is served over HTTPS.
    JIXIAO_HTTPS = False
    #: Search backend: "whoosh" (embedded, index in the instance folder) or "postgres".
    JIXIAO_SEARCH_BACKEND = "whoosh"
    #: Failed sign-ins in a row that lock an account name, the first lock (seconds), the longest lock
    #: (each further failure after a lock doubles it) and after how long a failure is forgotten.
    JIXIAO_LOGIN_LOCK_AFTER = 5
    JIXIAO_LOGIN_LOCK_SECONDS = 60
    JIXIAO_LOGIN_LOCK_MAX_SECONDS = 3600
    JIXIAO_LOGIN_FORGET_SECONDS = 24 * 3600
    #: Failed sign-ins allowed per client address, whatever the account (Flask-Limiter syntax).
    JIXIAO_LOGIN_IP_LIMIT = "20 per minute;200 per hour"
    #: Proxies in front of the app (nginx: 1) whose X-Forwarded-For / -Proto are trusted; 0 trusts none.
    JIXIAO_PROXY_COUNT = 0
    #: Werkzeug's password hash method: scrypt at its default cost (N=32768). The test suite alone lowers
    #: the cost ("scrypt:1024:8:1") so that its hundreds of sign-ins do not each take 0.1 s of CPU.
    JIXIAO_PASSWORD_HASH = "scrypt"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    #: Yellow flag when the execution rate lags time progress by more than this many points.
    JIXIAO_MONITORING_DEVIATION = 10
    #: 真实性核查: the smallest share of the year's approved self-evaluations a draw may take (seed 004: 10 %).
    JIXIAO_TRUTH_MIN_SHARE = "0.10"
    #: 结果应用: share of this year's budget proposed as 核减预算 by final grade (seed 004 §二.6).
    JIXIAO_RESULTS_CUT_RATIOS = {"中": "0.10", "差": "0.30"}
    #: 事前绩效评估: a 重大项目 (open to a firm's 再评估) requests more than this many 万元 (seed 004: 50).
    JIXIAO_EXANTE_MAJOR_AMOUNT = 50
    #: Rows a page of the workspace's lists (申报与评价, 项目…); the XLSX export holds every page.
    JIXIAO_LIST_PAGE_SIZE = 50
    #: Largest size of text extracted from one upload (characters).
    JIXIAO_EXTRACT_MAX_CHARS = 2_000_000
    #: Seconds extraction may take before the upload is refused.
    JIXIAO_EXTRACT_TIMEOUT = 20
    #: Largest photo (JPG / PNG) accepted where images are allowed, in bytes and in pixels.
    JIXIAO_IMAGE_MAX_BYTES = 20 * 1024 * 1024
    JIXIAO_IMAGE_MAX_PIXELS = 50_000_000


def load(app, overrides: dict | None) -> None:
    """Apply defaults, then instance/config.py, then the environment, then explicit overrides."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    env = os.environ
    if env.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_db_url(env["DATABASE_URL"])
    if env.get("JIXIAO_SECRET_KEY"):
        app.config["SECRET_KEY"] = env["JIXIAO_SECRET_KEY"]
    for name in ("JIXIAO_DISABLED_PLUGINS", "JIXIAO_SEARCH_BACKEND"):
        if name in env:
            app.config[name] = env[name]
    for name in ("JIXIAO_TRACE_HOOKS", "JIXIAO_HTTPS"):
        if name in env:
            app.config[name] = env[name].strip().lower() in {"1", "true", "yes", "on"}
    if "JIXIAO_PROXY_COUNT" in env:
        app.config["JIXIAO_PROXY_COUNT"] = env["JIXIAO_PROXY_COUNT"]
    if overrides:
        app.config.update(overrides)
    app.config["JIXIAO_PROXY_COUNT"] = proxy_count(app.config.get("JIXIAO_PROXY_COUNT"))

    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + str(Path(app.instance_path) / "jixiao.sqlite")
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_db_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    if app.config["JIXIAO_HTTPS"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"


def proxy_count(value) -> int:
    """``JIXIAO_PROXY_COUNT`` as a number of proxies (0 when unset); anything else stops the start."""
    text = str(value if value is not None else 0).strip() or "0"
    if not (text.isascii() and text.isdigit()) or int(text) > 10:
        raise ValueError(f"JIXIAO_PROXY_COUNT 应为 0 至 10 的整数（应用前面的反向代理层数），而不是 {value!r}")
    return int(text)


def disabled_plugins(config) -> set[str]:
    """The plugin names switched off by JIXIAO_DISABLED_PLUGINS."""
    raw = config.get("JIXIAO_DISABLED_PLUGINS") or ""
    if isinstance(raw, list | tuple | set):
        return {str(x).strip() for x in raw if str(x).strip()}
    return {part.strip() for part in raw.split(",") if part.strip()}


def _normalise_db_url(url: str) -> str:
    """Use psycopg 3 for postgres:// and postgresql:// addresses."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret(instance: Path) -> str:
    """Read the instance's secret key, creating it (mode 0600) on first run."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        # Written whole to a private temp file, then linked into place: several workers
        # starting at once all end up reading the one key that won the link.
        tmp = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()
