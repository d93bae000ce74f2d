"""Upgrading an instance: each existing project's figures become its first execution record."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from portal import schema
from portal.extensions import db
from tests.conftest import create_world, fresh_database_url, migrated_app


def test_existing_projects_get_their_creation_figures_as_first_record(tmp_path):
    from alembic import command

    from portal.execution.models import ExecutionRecord
    from portal.projects.models import Project
    from tests.portal.execution.helpers import two_source_project

    app = migrated_app(tmp_path / "instance", fresh_database_url(tmp_path))
    with app.test_request_context():
        create_world()
        project = two_source_project("MG-2022-001")
        project.created_at = datetime(2022, 1, 4, 17, 30)  # 2022-01-05 01:30 in Beijing
        db.session.commit()
        project_id = project.id
        db.session.remove()
        command.downgrade(schema.alembic_config(app, schema.CORE), "0009_target_trees")
        schema.upgrade_all(app, echo=lambda *_: None)
        records = db.session.scalars(select(ExecutionRecord).where(ExecutionRecord.project_id == project_id)).all()
        assert [(r.origin, str(r.as_of)) for r in records] == [("creation", "2022-01-05")]
        assert [(line.source, line.allocated, line.spent) for line in records[0].lines] == [
            ("central", Decimal("20.00"), Decimal("0.00")), ("local", Decimal("10.00"), Decimal("0.00"))]
        assert db.session.get(Project, project_id).allocated == Decimal("30.00")
        assert schema.pending_differences(app) == []
        db.session.remove()
        db.engine.dispose()
