"""Which search backend an app uses (``JIXIAO_SEARCH_BACKEND``), built once per app."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from portal.search.backend import BACKENDS, SearchBackend

EXTENSION_KEY = "jixiao_search"


def _whoosh(app: Flask):
    from portal.search.whoosh_backend import WhooshBackend

    return WhooshBackend(Path(app.instance_path) / "search")


def _postgres(app: Flask):
    from portal.search.postgres_backend import PostgresBackend

    return PostgresBackend()


BACKENDS.setdefault("whoosh", _whoosh)
BACKENDS.setdefault("postgres", _postgres)


def backend(app: Flask | None = None) -> SearchBackend:
    """The app's search backend; raises ``RuntimeError`` for an unknown ``JIXIAO_SEARCH_BACKEND``."""
    app = app or current_app._get_current_object()
    found = app.extensions.get(EXTENSION_KEY)
    if found is None:
        name = app.config.get("JIXIAO_SEARCH_BACKEND") or "whoosh"
        if name not in BACKENDS:
            raise RuntimeError(f"unknown search backend {name!r} (available: {', '.join(sorted(BACKENDS))})")
        found = app.extensions[EXTENSION_KEY] = BACKENDS[name](app)
    return found
