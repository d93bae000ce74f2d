"""A unit's dashboard lists what it owes and by when (the work calendar, seed 004's dates by default),
in Beijing days."""

from __future__ import annotations

from datetime import date

from portal.extensions import db
from portal.submissions import operations
from portal.submissions.deadlines import monitoring_due, self_evaluation_due
from tests.conftest import text_of
from tests.portal.workflow.helpers import project_with_targets, user
from tests.portal.workflow.test_full_cycle import as_user


def test_due_dates_follow_the_seed():
    assert monitoring_due(2025, 5) == date(2025, 6, 10) and monitoring_due(2025, 8) == date(2025, 9, 10)
    assert self_evaluation_due(2024) == date(2025, 3, 20)


def test_the_unit_dashboard_counts_days_left_and_overdue(app, world, clock):
    # clock: 2025-07-01 in Beijing (still 06-30 on the server's UTC date)
    with app.test_request_context():
        this_year = project_with_targets(code="DL-2025-01", year=2025)
        last_year = project_with_targets(code="DL-2024-01", year=2024)
        db.session.commit()
        this_year_id = this_year.id
    unit = as_user(app, world, "unit")
    page = text_of(unit.get("/work/"))
    assert "按期填报" in page
    assert "5月底监控 · 招商引资工作经费（2025年度） · 截止 6月10日 已逾期 21 天" in page
    assert "绩效自评 · 招商引资工作经费（2024年度） · 截止 3月20日 已逾期 103 天" in page
    assert "8月底监控" not in page  # the August checkpoint opens on 1 August
    # a draft is still owed; once handed in, the task is gone
    with app.test_request_context():
        from portal.projects.models import Project

        draft = operations.create(kind="monitoring", project=db.session.get(Project, this_year_id),
                                  user=user("unit"), checkpoint=5)
        db.session.commit()
        draft_id = draft.id
    assert "草稿未提交，已逾期 21 天" in text_of(unit.get("/work/"))
    clock.set(clock.now().replace(month=8, day=25))  # 26 August in Beijing
    page = text_of(unit.get("/work/"))
    assert "8月底监控 · 招商引资工作经费（2025年度） · 截止 9月10日 还剩 15 天" in page
    assert f"/work/submissions/{draft_id}" in unit.get("/work/").get_data(as_text=True)
    assert last_year  # both projects are the unit's own


def test_other_roles_have_no_unit_tasks(app, world, clock):
    with app.test_request_context():
        project_with_targets(code="DL-2025-02", year=2025)
        db.session.commit()
    assert "按期填报" not in text_of(as_user(app, world, "reviewer").get("/work/"))
