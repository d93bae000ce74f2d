"""No duplicate records: a second active record of a kind is refused; a replacement is an explicit new
version (重新填报) that supersedes the old one everywhere, the public site included."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.projects.operations import create_project
from portal.submissions import operations
from portal.submissions.models import Submission
from tests.conftest import CSRFClient, text_of
from tests.portal.workflow.helpers import UNIT, bureau_user, org, user
from tests.portal.workflow.test_recall import as_user
from tests.public_site.helpers import PAST, project_with_targets, publish, set_dates


def _fill_and_approve(evaluation, spent: str = "4") -> None:
    """执行数 and every actual value, then submitted, passed and approved."""
    unit = user("unit")
    operations.save_data(evaluation, unit, spent=spent, summary="全年完成各项指标，客商满意度较高。")
    operations.save_results(evaluation, unit, {i.id: {"actual": f"{i.value.normalize():f}"}
                                               for i in evaluation.target_version.indicators})
    for action, actor in (("submit", unit), ("pass_first_review", bureau_user(evaluation.project, "bureau_section")),
                          ("approve", bureau_user(evaluation.project, "bureau_reviewer"))):
        operations.apply_transition(evaluation, action, actor)
    db.session.flush()


def _count(app, project_id: int, kind: str) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Submission.id)).where(
            Submission.project_id == project_id, Submission.kind == kind))


def test_declaring_targets_twice_creates_one_declaration(app, world):
    with app.test_request_context():
        project_id = create_project(code="DUP-01", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2022,
                                    kind="project", category="一般公共预算",
                                    funding={"local": {"budget": Decimal("4"), "allocated": Decimal("4"),
                                                       "spent": Decimal("0")}}).id
        db.session.commit()
    unit = as_user(app, world, "unit")
    form = {"project_id": project_id, "kind": "target_declaration"}
    first = unit.post("/work/submissions/new", data=form)
    second = unit.post("/work/submissions/new", data=form)  # the button clicked twice
    first_id = int(re.search(r"/work/submissions/(\d+)/edit", first.headers["Location"]).group(1))
    assert second.headers["Location"].endswith(f"/work/submissions/{first_id}")  # taken to the one that exists
    page = text_of(unit.get(second.headers["Location"]))
    assert "已有绩效目标申报（第 1 版，草稿），不能重复新建" in page
    assert _count(app, project_id, "target_declaration") == 1


def test_a_second_self_evaluation_is_refused_and_a_replacement_supersedes_the_first_on_the_public_site(app, world):
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="DUP-02")
        first = operations.create(kind="self_evaluation", project=project, user=user("unit"))
        _fill_and_approve(first)
        project_id, first_id = project.id, first.id
        v1 = publish("evaluation_result", f"submission:{first.id}").id
        db.session.commit()
    unit = as_user(app, world, "unit")
    form = {"project_id": project_id, "kind": "self_evaluation"}
    refused = unit.post("/work/submissions/new", data=form)
    assert refused.headers["Location"].endswith(f"/work/submissions/{first_id}")
    page = text_of(unit.get(refused.headers["Location"]))
    assert "已有绩效自评（第 1 版，已通过），不能重复新建" in page
    assert "重新填报（替代第 1 版）" in page
    assert _count(app, project_id, "self_evaluation") == 1

    # The explicit replacement: a new version, once (a second click lands on the pending one).
    replace = dict(form, replaces=first_id)
    response = unit.post("/work/submissions/new", data=replace)
    second_id = int(re.search(r"/work/submissions/(\d+)/edit", response.headers["Location"]).group(1))
    again = unit.post("/work/submissions/new", data=replace)
    assert again.headers["Location"].endswith(f"/work/submissions/{second_id}")
    assert _count(app, project_id, "self_evaluation") == 2
    page = text_of(unit.get(f"/work/submissions/{second_id}"))
    assert "本材料为第 2 版，重新填报以替代 第 1 版" in page
    assert "全年完成各项指标，客商满意度较高。" in page  # it starts as a copy of the first version

    with app.test_request_context():
        _fill_and_approve(db.session.get(Submission, second_id), spent="3.9")
        db.session.commit()
    assert "执行数：4 → 3.9" in text_of(unit.get(f"/work/submissions/{second_id}"))  # what was corrected
    page = text_of(unit.get(f"/work/submissions/{first_id}"))
    assert "已被替代" in page and "被 第 2 版 替代" in page
    assert "重新填报" not in page

    # The bureau publishes the result again under the same item: the old one is superseded, not beside it.
    with app.test_request_context():
        v2 = publish("evaluation_result", f"submission:{first_id}").id
        db.session.commit()
    citizen = CSRFClient(app)
    assert citizen.get(f"/publications/{v1}").status_code == 301
    project_page = citizen.get(f"/publications/{v2}")
    assert project_page.status_code == 200
    listing = citizen.get("/search?q=招商引资").get_data(as_text=True)
    assert f"/publications/{v2}" in listing and f"/publications/{v1}\"" not in listing


def test_the_database_refuses_a_duplicate_the_first_check_did_not_see(app):
    """Two posts at the same moment both pass the query; the unique active key lets only one in."""
    with app.test_request_context():
        project = project_with_targets(code="DUP-03")
        first = operations.create(kind="monitoring", project=project, user=user("unit"), checkpoint=5)
        # As if the other request's row were not yet visible to this one's query:
        first.state = "withdrawn"
        db.session.flush()
        with pytest.raises(operations.DuplicateRecord, match="请勿重复提交"):
            operations.create(kind="monitoring", project=project, user=user("unit"), checkpoint=5)
        # The session is still usable: the failed insert was rolled back to its savepoint only.
        assert db.session.get(Submission, first.id).active_key == f"monitoring:{project.id}:5"
