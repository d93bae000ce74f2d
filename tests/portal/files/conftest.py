"""Fixtures for the file store: a request context with a signed-in user, and the blob folder."""

from __future__ import annotations

import pytest

from portal.accounts.models import User
from portal.extensions import db


@pytest.fixture
def ctx(app, world):
    """A request context and the demo unit editor, on whose behalf files are attached."""
    with app.test_request_context():
        yield db.session.get(User, world["users"]["unit"])
        db.session.rollback()


@pytest.fixture
def files_on_disk(app):
    """Every path under the instance's file store (blobs and temp files)."""
    from pathlib import Path

    def listing() -> list[Path]:
        root = Path(app.instance_path) / "files"
        return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []

    return listing
