"""Fixtures of the hardening suite: a unit's draft self-evaluation and a rectification item to upload to."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.extensions import db
from portal.util import today


@pytest.fixture
def targets(app):
    """Ids of a project of the demo unit, its draft self-evaluation and an open rectification item."""
    return make_targets(app)


def make_targets(app) -> dict[str, int]:
    """Build the ``targets`` objects in ``app``'s database and return their ids."""
    from plugins.rectification import operations as rectification
    from portal.submissions import operations
    from tests.portal.workflow.helpers import project_with_targets, user

    with app.test_request_context():
        project = project_with_targets()
        submission = operations.create(kind="self_evaluation", project=project, user=user("unit"))
        item = rectification.create_item(unit=project.unit, project=project, fiscal_year=project.fiscal_year,
                                         source_kind="manual", description="抽查发现：台账不全",
                                         severity="general", deadline=today() + timedelta(days=30))
        db.session.commit()
        return {"project_id": project.id, "submission_id": submission.id, "item_id": item.id,
                "unit_id": project.unit_id}
