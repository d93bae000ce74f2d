"""Access expectations of the results routes (merged into tests/test_access_matrix.py).

Every bureau role reads (the 预算科 reads with a bureau account); units, firms and experts get 403.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.access import BUREAU, PRINCIPALS, status_for

EXPECTED = {
    "results.index": {p: 302 if p in BUREAU | {"anonymous"} else 403 for p in PRINCIPALS},
    "results.findings": status_for(BUREAU),
    "results.truth": status_for(BUREAU),
    "results.truth_draw": status_for(BUREAU),
    "results.truth_xlsx": status_for(BUREAU),
    "results.use": status_for(BUREAU),
    "results.use_xlsx": status_for(BUREAU),
    "results.use_print": status_for(BUREAU),
}

POST_ONLY = {"results.delete_finding", "results.truth_check", "results.use_build", "results.use_decide"}


def objects(own: dict, foreign: dict) -> None:
    """A finding, a draw with one check and a results-use row in each region."""
    from portal.extensions import db
    from portal.projects.models import Project
    from portal.results.models import ProjectFinding, ResultsUse, TruthCheck, TruthDraw
    from portal.submissions.models import Submission

    for ids in (own, foreign):
        project = db.session.get(Project, ids["project_id"])
        submission = db.session.get(Submission, ids["submission_id"])
        finding = ProjectFinding(project_id=project.id, source="audit", found_on=date(2023, 5, 1),
                                 severity="general", description="审计发现问题")
        draw = TruthDraw(bureau_id=project.unit.parent_id, fiscal_year=project.fiscal_year, share=Decimal("0.1"),
                         seed=1, population=1, submission_ids=[submission.id])
        db.session.add_all([finding, draw])
        db.session.flush()
        indicator = db.session.scalars(db.select(Submission).where(Submission.project_id == project.id,
                                                                   Submission.kind == "target_declaration")
                                       ).first().target_version.indicators[0]
        check = TruthCheck(draw_id=draw.id, submission_id=submission.id, indicator_id=indicator.id)
        row = ResultsUse(bureau_id=project.unit.parent_id, fiscal_year=project.fiscal_year, project_id=project.id)
        db.session.add_all([check, row])
        db.session.flush()
        ids.update(project_finding_id=finding.id, truth_draw_id=draw.id, truth_check_id=check.id,
                   results_use_id=row.id)
