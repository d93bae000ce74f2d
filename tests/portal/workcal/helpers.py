"""A bureau year with something filed, something missing and something late, built through the operations."""

from __future__ import annotations

from decimal import Decimal

from portal.extensions import db
from portal.projects.operations import create_project
from portal.scoring.models import Framework
from portal.submissions import operations
from tests.portal.workflow.helpers import (
    UNIT,
    bureau_user,
    filled_monitoring,
    org,
    project_with_targets,
    user,
)

UNIT2 = "阿克陶县教育局"


def handed_in(submission, approve: bool = False):
    unit = db.session.get(type(submission), submission.id).created_by
    operations.apply_transition(submission, "submit", unit)
    if approve:
        operations.apply_transition(submission, "pass_first_review", bureau_user(submission.project, "bureau_section"))
        operations.apply_transition(submission, "approve", bureau_user(submission.project, "bureau_reviewer"))
    db.session.flush()
    return submission


def approved_self_evaluation(project, username: str = "unit"):
    evaluation = operations.create(kind="self_evaluation", project=project, user=user(username))
    operations.save_data(evaluation, user(username), spent="4", summary="全年完成各项指标。")
    operations.save_results(evaluation, user(username), {i.id: {"actual": f"{i.value.normalize():f}"}
                                                        for i in evaluation.target_version.indicators})
    return handed_in(evaluation, approve=True)


def department_evaluation(project, username: str = "unit"):
    report = operations.create(kind="department_evaluation", project=project, user=user(username))
    framework = db.session.get(Framework, report.framework_id)
    operations.save_scores(report, user(username), {i.id: str(i.weight) for i in framework.items})
    return handed_in(report)


def plain_project(code: str, unit_name: str, year: int, budget: str, name: str = "项目"):
    return create_project(code=code, name=name, unit=org(unit_name), fiscal_year=year, kind="project",
                          category="一般公共预算",
                          funding={"local": {"budget": Decimal(budget), "allocated": Decimal("0"),
                                             "spent": Decimal("0")}})


def year_2024() -> dict[str, int]:
    """2024: 招商引资 (4 万元, seed 003) with targets, May monitoring, approved self-evaluation and 部门评价;
    a 16 万元 project of the same unit with nothing (so 4 of 20 万元 = 20 %); 教育局's 10 万元 project with
    targets only (0 % under 部门评价)."""
    zsyz = project_with_targets(code="COV-2024-01", year=2024)
    handed_in(filled_monitoring(zsyz, 5))
    approved_self_evaluation(zsyz)
    department_evaluation(zsyz)
    other = plain_project("COV-2024-02", UNIT, 2024, "16", "电子商务进农村示范项目")
    school = project_with_targets(code="COV-2024-03", unit_name=UNIT2, year=2024)
    school.funding[0].budget = Decimal("10.00")
    db.session.flush()
    return {"zsyz": zsyz.id, "other": other.id, "school": school.id}
