"""Set-up shared by the rectification tests: an approved third-party report with findings, a flagged project."""

from __future__ import annotations

import re

from portal.scoring.models import Framework
from portal.submissions import operations
from tests.conftest import CSRFClient, do_login
from tests.portal.workflow.helpers import bureau_user, project_with_targets, user

FINDINGS = ["绩效指标和指标值有待进一步细化、量化",
            "自评价工作存在自我审定的局限性，客观性和公正性说服力不强",
            "现场评价的工作量少，后续效益评价具体措施和方法较少"]


def as_user(app, world, username) -> CSRFClient:
    client = CSRFClient(app)
    assert do_login(client, username, world["passwords"][username]).status_code == 302
    return client


def submitted_report(code: str = "ZS-2022-001", findings=FINDINGS) -> int:
    """A firm's third-party report on 招商引资工作经费 with three findings, handed in (not yet approved)."""
    project = project_with_targets(code=code)
    firm = user("firm")
    report = operations.create(kind="third_party", project=project, user=firm)
    operations.save_findings(report, firm, list(findings), ["严格把控资金支出进度"])
    framework = operations.db.session.get(Framework, report.framework_id)
    operations.save_scores(report, firm, {i.id: str(i.weight) for i in framework.items})
    operations.apply_transition(report, "submit", firm)
    return report.id


def monitoring(project, checkpoint: int, spent: str):
    """A monitoring report of ``project`` at ``checkpoint`` with ``spent`` 万元, approved by the bureau."""
    unit_user = user("unit")
    report = operations.create(kind="monitoring", project=project, user=unit_user, checkpoint=checkpoint)
    operations.save_data(report, unit_user, spent=spent)
    operations.save_results(report, unit_user, {i.id: {"actual": str(i.value or 1), "expects": True}
                                                for i in report.target_version.indicators})
    operations.apply_transition(report, "submit", unit_user)
    operations.apply_transition(report, "pass_first_review", bureau_user(project, "bureau_section"))
    operations.apply_transition(report, "approve", bureau_user(project, "bureau_reviewer"))
    return report


def item_ids(html: str) -> list[int]:
    """Item numbers (ZG-0001) listed on a page, in order, without repeats."""
    seen: list[int] = []
    for number in re.findall(r"ZG-(\d{4,})", html):
        if int(number) not in seen:
            seen.append(int(number))
    return seen
