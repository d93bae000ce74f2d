"""Demo: a project whose execution moves from creation through May / August monitoring to 决算, and whose
approved self-evaluation (published by the public site's demo) shows promised against achieved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from portal.execution.operations import history, record_execution
from portal.extensions import db
from portal.projects.models import Project
from portal.projects.operations import create_project

CODE = "NCGL-2023-01"
#: The public site's demo publishes this project's evaluation result (see ``public_site/demo.py``).
PROJECT_NAME = "农村公路养护补助资金"
TARGETS = (
    ("产出", "数量", "养护农村公路里程", "≥", "120", "公里", "30"),
    ("产出", "质量", "养护工程验收合格率", "=", "100", "%", "20"),
    ("效益", "社会效益", "农村公路优良路率", "≥", "80", "%", "30"),
    ("满意度", "服务对象满意度", "沿线群众满意度", "≥", "90", "%", "20"),
)


def _figures(central: tuple[str, str], local: tuple[str, str]) -> dict:
    return {"central": {"allocated": central[0], "spent": central[1]},
            "local": {"allocated": local[0], "spent": local[1]}}


def load(app, orgs) -> None:
    """Create the project and its year unless it exists (idempotent)."""
    from portal import demo_workflow as wf
    from portal.submissions import operations as ops

    if db.session.scalar(select(Project.id).where(Project.code == CODE)) is not None:
        return
    unit = wf._user("unit3")
    project = create_project(
        code=CODE, name=PROJECT_NAME, unit=orgs["阿克陶县农业农村局"], fiscal_year=2023, kind="project",
        category="一般公共预算", user=wf._user("section"),
        description="中央车购税补助与县本级配套资金，用于县乡村道日常养护和水毁修复",
        funding={"central": {"budget": Decimal("60"), "allocated": Decimal("30")},
                 "local": {"budget": Decimal("20"), "allocated": Decimal("20")}})
    history(project)[0].as_of = date(2023, 2, 10)  # entered with the budget
    wf._declare(project, unit, TARGETS, approve=True)
    steps = (
        (5, "18", _figures(("45", "12"), ("20", "6")), {"养护农村公路里程": "46", "养护工程验收合格率": "100",
                                                       "农村公路优良路率": "78", "沿线群众满意度": "92"}),
        (8, "46", _figures(("60", "33"), ("20", "13")), {"养护农村公路里程": "85", "养护工程验收合格率": "100",
                                                        "农村公路优良路率": "81", "沿线群众满意度": "93"}),
    )
    for checkpoint, spent, execution, actuals in steps:
        report = ops.create(kind="monitoring", project=project, user=unit, checkpoint=checkpoint)
        wf._results(report, unit, actuals, spent=spent)
        ops.save_data(report, unit, execution=execution)
        wf._approve(report, unit)
    self_eval = ops.create(kind="self_evaluation", project=project, user=unit)
    ops.save_data(self_eval, unit, spent="76.4", execution=_figures(("60", "57"), ("20", "19.4")))
    ids = {i.name: i.id for i in self_eval.target_version.indicators}
    ops.save_results(self_eval, unit, {
        ids["养护农村公路里程"]: {"actual": "112", "note": "7月洪水造成两段路基水毁，改线后延至次年施工"},
        ids["养护工程验收合格率"]: {"actual": "100"},
        ids["农村公路优良路率"]: {"actual": "83.5", "note": "预防性养护提前实施，优良路率高于目标"},
        ids["沿线群众满意度"]: {"actual": "95"}})
    ops.save_findings(self_eval, unit, ["水毁路段修复未按期完成"], ["汛前加强路基排水设施巡查"])
    wf._approve(self_eval, unit)
    # 决算: the bureau's final accounts, a little above what the self-evaluation reported
    record_execution(project, as_of=date(2023, 12, 31), origin="final_accounts", user=wf._user("reviewer"),
                     figures={"central": (Decimal("60"), Decimal("57.8")), "local": (Decimal("20"), Decimal("19.4"))},
                     note="决算导入：2023年度县级部门决算.xlsx")
    db.session.flush()
