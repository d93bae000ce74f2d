"""Demo: a year in progress against the work calendar — something due, something overdue, a coverage gap.

Relative to the day the demo is loaded (work year Y = this year): the bureau's calendar for Y adds a
monitoring checkpoint at the end of the current month (so something is due now); 商务's Y project has its
May report filed and August missing; 农业农村局's Y−1 project has no self-evaluation (overdue, a gap);
商务's Y−1 project went through self-evaluation and 部门评价. Deadline notices are sent as ``jixiao notify``
would. Safe to run again (nothing is created twice).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import current_app
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from portal.extensions import db
from portal.projects.models import Project
from portal.projects.operations import create_project
from portal.submissions import operations as ops
from portal.util import today
from portal.workcal import dates
from portal.workcal.models import WorkCalendar

UNITS = ("阿克陶县商务科技和工业信息化局", "阿克陶县教育局", "阿克陶县农业农村局")


def _calendar(bureau, year: int, reviewer) -> None:
    """The bureau's calendar of ``year``: seed 004's dates plus a checkpoint at the end of this month."""
    if db.session.scalar(select(WorkCalendar.id).where(WorkCalendar.bureau_id == bureau.id,
                                                       WorkCalendar.year == year)):
        return
    cal = dates.default_calendar(year)
    rows = [(c.month, c.scope, c.due) for c in cal.checkpoints]
    month = today().month
    if month not in (5, 6, 8) and today().year == year:
        rows.append((month, "project", date(year + month // 12, month % 12 + 1, 10)))
    form = MultiDict([("share", "20"), ("key_count", "5"),
                      *[(f"item_{k}", v.isoformat()) for k, v in cal.items.items()],
                      *[pair for m, s, d in rows for pair in (("cp_month", str(m)), ("cp_scope", s),
                                                              ("cp_due", d.isoformat()))]])
    dates.save_calendar(bureau_id=bureau.id, year=year, user=reviewer, form=form)


def _project(code, name, unit, year, budget):
    found = db.session.scalar(select(Project).where(Project.code == code, Project.fiscal_year == year))
    return found or create_project(code=code, name=name, unit=unit, fiscal_year=year, kind="project",
                                   category="一般公共预算",
                                   funding={"local": {"budget": Decimal(budget), "allocated": Decimal(budget),
                                                      "spent": Decimal("0")}})


def load(app, orgs) -> None:
    from portal import demo_workflow as dw
    from portal.scoring.models import Framework
    from portal.workcal.notices import deadline_notices

    y = today().year
    reviewer = dw._user("reviewer")
    _calendar(orgs["阿克陶县财政局"], y, reviewer)
    if db.session.scalar(select(Project.id).where(Project.code == f"RL-{y}-01")) is None:
        unit, unit3 = dw._user("unit"), dw._user("unit3")
        commerce, agri = orgs[UNITS[0]], orgs[UNITS[2]]
        # this year: May monitoring filed, August missing (overdue after 9/10)
        ecom = _project(f"RL-{y}-01", "电子商务进农村综合示范项目", commerce, y, "50")
        dw._declare(ecom, unit, dw.ZSYZ_TARGETS, approve=True)
        may = ops.create(kind="monitoring", project=ecom, user=unit, checkpoint=5)
        dw._results(may, unit, dw.ZSYZ_ACTUALS, spent="22")
        dw._approve(may, unit)
        # last year: 商务 evaluated (self-evaluation approved, 部门评价 handed in); 农业农村 has no self-evaluation
        trade = _project(f"RL-{y - 1}-01", "外贸企业服务补助资金", commerce, y - 1, "12")
        dw._declare(trade, unit, dw.ZSYZ_TARGETS, approve=True)
        evaluation = ops.create(kind="self_evaluation", project=trade, user=unit)
        dw._results(evaluation, unit, dw.ZSYZ_ACTUALS, spent="12")
        dw._approve(evaluation, unit)
        department = ops.create(kind="department_evaluation", project=trade, user=unit)
        framework = db.session.get(Framework, department.framework_id)
        ops.save_scores(department, unit, {item.id: str(item.weight) for item in framework.items})
        ops.apply_transition(department, "submit", unit)
        seeds = _project(f"RL-{y - 1}-02", "良种繁育补贴项目", agri, y - 1, "80")
        dw._declare(seeds, unit3, dw.FARMLAND_TARGETS, approve=True)
        db.session.flush()
    with current_app.test_request_context("/"):
        deadline_notices(today())
