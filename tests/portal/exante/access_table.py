"""The ex-ante routes in the access matrix. The matrix's own submission is a third-party report, not an
ex-ante assessment, so the assessment's pages answer 404 to whoever may reach them at all; who may do what
on a real assessment is tested in test_exante_flow.py."""

from __future__ import annotations

from tests.access import BUREAU, status_for

EXPECTED = {
    "exante.index": status_for(BUREAU | {"unit"}),
    "exante.export_xlsx": status_for(BUREAU | {"unit"}),
    "exante.new": status_for({"unit"}),
    "exante.edit": status_for(set(), denied=404),
    "exante.first_review": {**status_for(set()), "section": 404},
    "exante.review": {**status_for(set()), "reviewer": 404},
}

POST_ONLY = {"exante.start", "exante.upload_report"}
