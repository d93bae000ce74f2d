"""The finding_outcomes hook feeds the rating's effect component; without an answer it is left out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal import hookimpl, plugins
from portal.extensions import db
from portal.submissions import operations
from tests.plugins.evaluator_grading.helpers import FIRM_A
from tests.portal.workflow.helpers import project_with_targets, user


@pytest.fixture
def app(app_factory):
    """Without the rectification plugin: these tests answer the hook with stand-ins."""
    return app_factory(JIXIAO_DISABLED_PLUGINS="rectification")


class Outcomes:
    """A stand-in rectification plugin: knows two findings, one closed."""

    def __init__(self):
        self.known: dict[int, str] = {}
        self.asked: list[list[int]] = []

    @hookimpl
    def finding_outcomes(self, finding_ids):
        self.asked.append(list(finding_ids))
        return {i: state for i, state in self.known.items() if i in finding_ids}


class Silent:
    @hookimpl
    def finding_outcomes(self, finding_ids):
        return None


def test_hook_finding_outcomes(app):
    with app.test_request_context():
        assert plugins.finding_outcomes([1, 2]) is None  # nobody tracks findings yet
        plugins.manager(app).register(Silent(), name="silent")
        assert plugins.finding_outcomes([1, 2]) is None
        outcomes = Outcomes()
        outcomes.known = {1: "closed", 3: "open"}
        plugins.manager(app).register(outcomes, name="outcomes")
        assert plugins.finding_outcomes([1, 2, 3]) == {1: "closed", 3: "open"}
        assert outcomes.asked == [[1, 2, 3]]


def _approved_report_with_findings(firm_user, reviewer, deadline):
    from plugins.evaluator_grading import operations as grading
    from plugins.evaluator_grading.models import Panel, PanelMember
    from portal.accounts.models import Organisation

    project = project_with_targets(code="EG-EFF-1")
    firm = db.session.scalar(select(Organisation).where(Organisation.name == FIRM_A))
    grading.engage(firm=firm, projects=[project], deadline=deadline, amount="2", user=reviewer)
    report = operations.create(kind="third_party", project=project, user=firm_user)
    operations.save_findings(report, firm_user, ["问题一", "问题二", "问题三", "问题四"], ["建议"])
    from portal.scoring.models import Framework

    framework = db.session.get(Framework, report.framework_id)
    operations.save_scores(report, firm_user, {i.id: str(i.weight) for i in framework.items})
    operations.apply_transition(report, "submit", firm_user)
    db.session.add(Panel(submission_id=report.id, round=1, created_by_id=reviewer.id, state="passed",
                         score=Decimal("95"), members=[PanelMember(user_id=reviewer.id)]))
    db.session.flush()
    operations.apply_transition(report, "pass_first_review", user("section"))
    operations.apply_transition(report, "approve", reviewer)
    return firm, report


def test_effect_is_the_share_of_findings_closed_and_joins_the_composite(app, clock):
    from plugins.evaluator_grading import ratings

    with app.test_request_context():
        reviewer = user("reviewer")
        # Engaged with a deadline of today and handed in today, in Beijing, at 01:00 (17:00 UTC the day before).
        assert str(clock.today()) == "2025-07-01"
        firm, report = _approved_report_with_findings(user("firm"), reviewer, clock.today())
        values, info = ratings.components_for(reviewer.bureau_id, firm.id, 2022)
        assert values["effect"] is None and "整改台账未提供" in info["effect"]["note"]

        finding_ids = [f.id for f in report.findings if f.kind == "finding"]
        outcomes = Outcomes()
        outcomes.known = {finding_ids[0]: "closed", finding_ids[1]: "open"}
        plugins.manager(app).register(outcomes, name="outcomes")
        values, info = ratings.components_for(reviewer.bureau_id, firm.id, 2022)
        # 1 of 4 findings closed = 25.00; 2 accepted.
        assert values["effect"] == Decimal("25.00")
        assert info["effect"] == {"findings": 4, "accepted": 2, "closed": 1}
        # quantity 100 (on time, approved), quality 95, effect 25, no satisfaction:
        # (100×20 + 95×40 + 25×20) / 80 = 6300 / 80 = 78.75 → C.
        [rating] = [r for r in ratings.compute_year(reviewer.bureau_id, 2022) if r.firm_id == firm.id]
        assert rating.composite == Decimal("78.75") and rating.level == "C"
        assert rating.breakdown["weights"] == {"quantity": "25.00", "quality": "50.00", "effect": "25.00"}


def test_a_report_handed_in_after_midnight_in_beijing_is_late(app, clock):
    """The deadline is the bureau's calendar day: at 01:00 in Beijing (17:00 UTC, still the deadline day on a
    server's UTC clock) the day has passed, so the engagement is due and not done on time."""
    from plugins.evaluator_grading import ratings

    with app.test_request_context():
        reviewer = user("reviewer")
        firm, _ = _approved_report_with_findings(user("firm"), reviewer, date(2025, 6, 30))
        values, info = ratings.components_for(reviewer.bureau_id, firm.id, 2022)
        [row] = info["rows"]
        assert (row["deadline"], row["delivered"], row["on_time"]) == ("2025-06-30", "2025-07-01", False)
        assert values["quantity"] == Decimal("0.00") and (info["due"], info["on_time"]) == (1, 0)
