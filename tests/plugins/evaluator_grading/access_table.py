"""The evaluator_grading routes in the access matrix: who may open what (own region / foreign bureau)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tests.access import ALL, BUREAU, PRINCIPALS, status_for

EXPECTED = {
    "evaluator_grading.index": status_for(ALL),
    "evaluator_grading.engagements": status_for(BUREAU),
    "evaluator_grading.engagements_export": status_for(BUREAU),
    # One engagement (history, correction, cancellation): the bureau's staff of its region only.
    "evaluator_grading.engagement": status_for(BUREAU),
    "evaluator_grading.relations": status_for(BUREAU),
    "evaluator_grading.rubric": status_for(BUREAU),
    # The panel is the reviewer's and the section's (members); the firm and experts off it see nothing.
    "evaluator_grading.panel": status_for(BUREAU, denied=404),
    # The engagement: the bureau, the engaged firm and the evaluated unit.
    "evaluator_grading.satisfaction": status_for(BUREAU | {"unit", "firm"}, denied=404),
    "evaluator_grading.ratings_index": {p: 302 if p in BUREAU | {"anonymous"} else 403 for p in PRINCIPALS},
    "evaluator_grading.ratings_year": status_for(BUREAU),
    "evaluator_grading.export": status_for(BUREAU),
    # An opened draft: the bureau and the rated firm.
    "evaluator_grading.rating": status_for(BUREAU | {"firm"}, denied=404),
    # The panel's 评审表: the matrix's panel is still open, so its readers are sent back to it.
    "evaluator_grading.review_form": {**status_for(set(), denied=404), **{p: 302 for p in BUREAU}},
    # 再评估: the matrix's engagement is an evaluation, not a re-assessment (tests/plugins/…/test_reassessment.py).
    "evaluator_grading.reassessment_report": status_for(set(), denied=404),
}

POST_ONLY = {"evaluator_grading.form_panel", "evaluator_grading.replace_member", "evaluator_grading.compute", "evaluator_grading.rating_open",
             "evaluator_grading.rating_respond", "evaluator_grading.rating_finalise",
             "evaluator_grading.rating_close_window", "evaluator_grading.reassessment_engage"}


def objects(own: dict, foreign: dict) -> None:
    """An engagement, a panel (reviewer + section) and an opened rating here, and the same in the foreign bureau."""
    from plugins.evaluator_grading import panels
    from plugins.evaluator_grading.models import Engagement, FirmRating, Panel, PanelMember
    from portal import db
    from portal.accounts.models import Organisation, User
    from portal.accounts.operations import create_organisation
    from portal.projects.models import Project
    from portal.submissions.models import Submission

    def user(name):
        return db.session.scalar(select(User).where(User.username == name))

    report = db.session.get(Submission, own["submission_id"])
    reviewer = user("reviewer")
    firm = db.session.scalar(select(Organisation).where(Organisation.id == report.org_id))
    engagement = Engagement(bureau_id=reviewer.bureau_id, firm_id=firm.id, project_id=report.project_id,
                            deadline=date(2023, 6, 30), contract_amount=Decimal("3.50"), created_by_id=reviewer.id)
    db.session.add(engagement)
    panel = panels.form_panel(report, [reviewer, user("section")], reviewer)
    rating = FirmRating(bureau_id=reviewer.bureau_id, firm_id=firm.id, fiscal_year=2022, state="open",
                        composite=Decimal("90"), level="A", breakdown={})
    db.session.add(rating)

    foreign_project = db.session.get(Project, foreign["project_id"])
    foreign_bureau_id = foreign_project.unit.parent_id
    foreign_firm = create_organisation(name="尉犁县某评价咨询公司", kind="firm", region="尉犁县",
                                       parent=db.session.get(Organisation, foreign_bureau_id))
    foreign_reviewer = user("yuli_reviewer")
    foreign_engagement = Engagement(bureau_id=foreign_bureau_id, firm_id=foreign_firm.id,
                                    project_id=foreign_project.id, deadline=date(2023, 6, 30),
                                    contract_amount=Decimal("1.00"), created_by_id=foreign_reviewer.id)
    foreign_panel = Panel(submission_id=foreign["submission_id"], round=1, created_by_id=foreign_reviewer.id,
                          members=[PanelMember(user_id=foreign_reviewer.id)])
    foreign_rating = FirmRating(bureau_id=foreign_bureau_id, firm_id=foreign_firm.id, fiscal_year=2022,
                                state="open", breakdown={})
    db.session.add_all([foreign_engagement, foreign_panel, foreign_rating])
    db.session.flush()
    own.update(panel_id=panel.id, engagement_id=engagement.id, rating_id=rating.id, year=2022, fmt="print")
    foreign.update(panel_id=foreign_panel.id, engagement_id=foreign_engagement.id, rating_id=foreign_rating.id,
                   year=2022, fmt="print")
