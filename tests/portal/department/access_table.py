"""部门整体支出 and 指标库 routes for the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import BUREAU, status_for

UNIT_AND_BUREAU = BUREAU | {"unit"}

EXPECTED = {
    "department.index": status_for(UNIT_AND_BUREAU),
    "department.template_xlsx": status_for(UNIT_AND_BUREAU),
    # The unit's own record: its 填报人员 and the bureau of its region; anyone else learns nothing (404).
    "department.detail": status_for(UNIT_AND_BUREAU, denied=404),
    "department.edit": status_for(UNIT_AND_BUREAU, denied=404),
    "department.import_xlsx": status_for(UNIT_AND_BUREAU, denied=404),
    "library.index": status_for(UNIT_AND_BUREAU),
    "library.import_xlsx": status_for({"admin", "reviewer"}),
}

POST_ONLY = {"library.pick"}


def objects(own: dict, foreign: dict) -> None:
    """The demo unit (own region) and the foreign bureau's unit."""
    from sqlalchemy import select

    from portal.accounts.models import Organisation, User
    from portal.extensions import db

    own["unit_id"] = db.session.scalar(select(User.org_id).where(User.username == "unit"))
    foreign["unit_id"] = db.session.scalar(select(Organisation.id).where(Organisation.name == "尉犁县教育局"))
