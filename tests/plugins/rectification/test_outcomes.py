"""finding_outcomes: what became of a report's findings, for the firm rating's effect component."""

from __future__ import annotations

from datetime import timedelta

from plugins.rectification import operations as rect
from plugins.rectification.dates import today
from portal import plugins
from portal.extensions import db
from portal.submissions import operations
from portal.submissions.models import Submission
from tests.plugins.rectification.helpers import submitted_report
from tests.portal.workflow.helpers import bureau_user, user


def test_findings_taken_up_report_open_or_closed(app):
    with app.test_request_context():
        report = db.session.get(Submission, submitted_report())
        reviewer = bureau_user(report.project, "bureau_reviewer")
        operations.apply_transition(report, "pass_first_review", bureau_user(report.project, "bureau_section"))
        operations.apply_transition(report, "approve", reviewer)
        findings = [f.id for f in report.findings if f.kind == "finding"]
        items = rect.items_from_findings(report, findings[:2], reviewer, severity="general",
                                         deadline=today() + timedelta(days=30))
        unit = user("unit")
        rect.apply_transition(items[0], "submit_evidence", unit, evidence_text="已修订指标体系")
        rect.apply_transition(items[0], "close", reviewer)
        assert plugins.finding_outcomes(findings) == {findings[0]: "closed", findings[1]: "open"}  # the third was never taken up
