"""Access expectations of the rectification plugin's routes (merged into tests/test_access_matrix.py)."""

from __future__ import annotations

from datetime import timedelta

from portal.util import today
from tests.access import BUREAU, status_for

READERS = BUREAU | {"unit"}

EXPECTED = {
    "rectification.index": status_for(READERS),
    "rectification.export_xlsx": status_for(READERS),
    "rectification.dashboard": status_for(READERS),
    # The own item belongs to the demo unit (阿克陶县商务科技和工业信息化局); others do not learn it exists.
    "rectification.item_detail": status_for(READERS, denied=404),
    "rectification.new_item": status_for(BUREAU),
    "rectification.samples": status_for(BUREAU),
    "rectification.sample_detail": status_for(BUREAU, denied=404),
    "rectification.results": status_for(BUREAU),
}

POST_ONLY = {"rectification.item_transition", "rectification.item_evidence", "rectification.from_findings"}


def objects(own: dict, foreign: dict) -> None:
    """An item and a sample draw in the own region, and the same in a foreign bureau's region."""
    from plugins.rectification import operations
    from portal.accounts.models import Organisation
    from portal.extensions import db
    from portal.projects.models import Project

    for ids in (own, foreign):
        project = db.session.get(Project, ids["project_id"])
        item = operations.create_item(unit=project.unit, project=project, fiscal_year=project.fiscal_year,
                                      source_kind="manual", description="抽查发现：台账不全", severity="general",
                                      deadline=today() + timedelta(days=30))
        bureau = db.session.get(Organisation, project.unit.parent_id)
        draw = operations.draw_sample(bureau=bureau, year=project.fiscal_year, share="0.1", seed=1)
        ids["item_id"], ids["draw_id"] = item.id, draw.id
