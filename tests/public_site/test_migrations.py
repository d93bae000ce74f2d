"""pub_0002 marks the current version of every published item in an existing database."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from portal import schema
from portal.extensions import db
from tests.conftest import create_world, fresh_database_url, migrated_app

COLUMNS = ("id", "kind", "item_key", "version_no", "bureau_id", "title", "summary", "body", "facets", "figures",
           "tables", "lists", "docx", "docx_sha256", "published_at", "published_by_id", "withdrawn_at",
           "visible_from")


def test_existing_publications_get_their_current_version(tmp_path):
    app = migrated_app(tmp_path / "instance", fresh_database_url(tmp_path))
    with app.test_request_context():
        create_world()
        db.session.commit()
        config = schema.alembic_config(app, "public_site")
        command.downgrade(config, "pub_0001")
        user_id, bureau_id = db.session.execute(text(
            "SELECT id, org_id FROM users WHERE username = 'reviewer'")).one()
        rows = [  # (id, item, withdrawn)
            (1, "a", False), (2, "a", False),  # a: v2 is current
            (3, "b", False), (4, "b", True),  # b: the newest was withdrawn, so nothing is current
            (5, "c", True), (6, "c", False),  # c: an old withdrawn version, v2 current
            (7, "d", False),  # d: one version
        ]
        insert = text(f"INSERT INTO public_site_publications ({', '.join(COLUMNS)}) VALUES "
                      f"({', '.join(':' + c for c in COLUMNS)})")
        for pub_id, item, withdrawn in rows:
            db.session.execute(insert, {
                "id": pub_id, "kind": "target_table", "item_key": item, "version_no": pub_id, "bureau_id": bureau_id,
                "title": "t", "summary": "", "body": "", "facets": "{}", "figures": "{}", "tables": "[]",
                "lists": "{}", "docx": b"", "docx_sha256": "", "published_at": "2024-01-01 00:00:00",
                "published_by_id": user_id, "withdrawn_at": "2024-02-01 00:00:00" if withdrawn else None,
                "visible_from": "2024-01-01"})
        db.session.commit()
        command.upgrade(config, "heads")
        current = db.session.execute(text(
            "SELECT id FROM public_site_publications WHERE is_current ORDER BY id")).scalars().all()
        assert current == [2, 6, 7]
        assert schema.pending_differences(app) == []
        db.session.remove()
        db.engine.dispose()
