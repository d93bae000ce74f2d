"""Due items on every dashboard: the unit's own, the bureau's per unit (a table) and its own tasks."""

from __future__ import annotations

import re

from portal.extensions import db
from tests.conftest import text_of
from tests.portal.workcal.helpers import UNIT2, year_2024
from tests.portal.workflow.helpers import project_with_targets
from tests.portal.workflow.test_full_cycle import as_user


def _setup(app):
    with app.test_request_context():
        ids = year_2024()
        ids["this_year"] = project_with_targets(code="DUE-2025-01", year=2025).id
        db.session.commit()
    return ids


def test_the_bureau_sees_every_units_items_in_one_table(app, world, clock):
    # clock: 2025-07-01 in Beijing
    ids = _setup(app)
    reviewer = as_user(app, world, "reviewer")
    dashboard = text_of(reviewer.get("/work/"))
    assert "各单位到期事项（逾期 3 项）" in dashboard
    assert "本局 · 第二季度工作情况报自治州财政局 今天截止" in dashboard
    response = reviewer.get("/work/calendar/due")
    page, html = text_of(response), response.get_data(as_text=True)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S)
    cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip() for r in rows]
    assert ("阿克陶县教育局 绩效自评 · 招商引资工作经费（2024年度） 2025-03-20 未填报 已逾期 103 天" in cells)
    assert ("阿克陶县教育局 部门评价（2024年度项目预算的 20% 以上） 2025-04-20 已覆盖 0.00% 已逾期 72 天" in cells)
    assert ("阿克陶县商务科技和工业信息化局 5月底监控 · 招商引资工作经费（2025年度） 2025-06-10 未填报 已逾期 21 天"
            in cells)
    # the 2024 project without targets owes nothing yet but its targets (see 全覆盖); 招商引资 2024 is done
    assert "电子商务进农村示范项目" not in page
    assert not any("商务科技和工业信息化局 绩效自评" in c for c in cells)
    # the bureau's own: third-party key evaluations by 7/20, 0 of 5 so far; Q2 report today
    assert "财政重点绩效评价（第三方机构） 2025-07-20 已有 0 个（应不少于 5 个） 还剩 19 天" in cells
    assert "第二季度工作情况报自治州财政局 2025-07-01 日历提醒 今天截止" in cells
    # links: to the project page where the item is filed
    assert f'href="/work/projects/{ids["this_year"]}"' in html
    # the section sees the same; a unit does not
    assert "阿克陶县教育局" in text_of(as_user(app, world, "section").get("/work/calendar/due"))
    assert as_user(app, world, "unit").get("/work/calendar/due").status_code == 403


def test_the_calendar_moves_the_due_dates(app, world, clock):
    _setup(app)
    reviewer = as_user(app, world, "reviewer")
    from tests.portal.workcal.test_calendar import _form

    assert reviewer.post("/work/calendar/2025", data=_form(
        cp_due=["2025-07-05", "2025-09-10", "2025-07-10", ""], item_department_evaluation="2025-04-30",
        share="50")).status_code == 302
    page = text_of(reviewer.get("/work/calendar/due"))
    assert "5月底监控 · 招商引资工作经费（2025年度） 2025-07-05 未填报 还剩 4 天" in page
    # 50 %: 商务's 20 % no longer meets the rule
    assert "阿克陶县商务科技和工业信息化局 部门评价（2024年度项目预算的 50.00% 以上） 2025-04-30 已覆盖 20.00% 已逾期 62 天" in page
    unit = text_of(as_user(app, world, "unit").get("/work/"))
    assert "5月底监控 · 招商引资工作经费（2025年度） · 截止 7月5日 还剩 4 天" in unit


def test_a_unit_sees_only_its_own_items(app, world, clock):
    _setup(app)
    page = text_of(as_user(app, world, "unit2").get("/work/"))
    assert "绩效自评 · 招商引资工作经费（2024年度） · 截止 3月20日 已逾期 103 天" in page
    assert "部门评价（2024年度项目预算的 20% 以上） · 截止 4月20日 已覆盖 0.00%，已逾期 72 天" in page
    assert "2025年度" not in page  # the other unit's project
    assert UNIT2 in page
