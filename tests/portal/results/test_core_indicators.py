"""核心指标 (seed 004 §二.5): the unit marks core indicators; 真实性核查 checks them, else all 产出/效益;
a vetoed project's 收回资金 is proposed at its year's 执行数."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import lxml.html
from openpyxl import load_workbook
from sqlalchemy import select

from portal.accounts.models import Organisation, User
from portal.extensions import db
from portal.projects.models import ProjectFunding
from portal.projects.operations import create_project
from portal.results import operations as results_ops
from portal.results import uselist
from portal.submissions import operations
from portal.submissions.effects import current_targets
from portal.targets import operations as target_ops
from portal.targets.models import TargetVersion
from tests.conftest import text_of
from tests.portal.results.helpers import approved_self_evaluation, reviewer
from tests.portal.workflow.helpers import UNIT, bureau_user, org

FIELDS = ("ind_level1", "ind_level2", "ind_name", "ind_operator", "ind_value", "ind_text_value", "ind_unit",
          "ind_weight")
#: Seed 003's table of 招商引资工作经费.
SEED_003 = [("产出", "数量", "举办招商引资活动数量", "≥", "2", "", "个", "20"),
            ("产出", "时效", "招商引资工作周期", "=", "12", "", "月", "10"),
            ("产出", "成本", "招商引资工作经费", "≤", "4", "", "万元", "10"),
            ("效益", "经济效益", "招商活动的签约项目个数", "≥", "2", "", "个", "30"),
            ("满意度", "服务对象满意度", "客商满意度", "≥", "98", "", "%", "30")]


def _form(rows, core=(), removed=()) -> dict:
    data = {"overall_goal": "举办招商引资活动", "save": "1", "ind_core": [str(n) for n in core],
            "ind_remove": [str(n) for n in removed]}
    for index, key in enumerate(FIELDS):
        data[key] = [row[index] for row in rows]
    return data


def _new_declaration(client, project_id: int) -> int:
    response = client.post("/work/submissions/new", data={"project_id": project_id, "kind": "target_declaration"})
    return int(re.search(r"/submissions/(\d+)/edit", response.headers["Location"]).group(1))


def _core_names(version) -> list[str]:
    return [i.name for i in version.indicators if i.is_core]


def test_the_editor_saves_and_reshows_the_core_mark_and_the_review_page_badges_it(app, login):
    with app.test_request_context():
        project_id = create_project(code="ZS-2023-021", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2023,
                                    kind="project", category="一般公共预算", funding={}).id
        db.session.commit()
    unit = login("unit")
    sid = _new_declaration(unit, project_id)
    editor = lxml.html.fromstring(unit.get(f"/work/submissions/{sid}/edit").get_data(as_text=True))
    assert "核心指标" in editor.xpath("string(//table[@id='indicator-editor']/thead)")
    # Rows 0 and 3 ticked core; row 1 removed (the ticks carry the submitted row's index).
    extra = ("产出", "质量", "活动组织合格率", "≥", "100", "", "%", "0")
    rows = [SEED_003[0], extra, *SEED_003[1:]]
    response = unit.post(f"/work/submissions/{sid}/edit", data=_form(rows, core=(0, 4), removed=(1,)))
    assert response.status_code == 302
    with app.app_context():
        version = db.session.scalar(select(TargetVersion).where(TargetVersion.project_id == project_id))
        assert _core_names(version) == ["举办招商引资活动数量", "招商活动的签约项目个数"]
    page = lxml.html.fromstring(unit.get(f"/work/submissions/{sid}/edit").get_data(as_text=True))
    ticked = page.xpath("//table[@id='indicator-editor']/tbody/tr"
                        "[.//input[@name='ind_core' and @checked]]//input[@name='ind_name']/@value")
    assert ticked == ["举办招商引资活动数量", "招商活动的签约项目个数"]
    # 增加一行 without a script keeps the ticks where they were.
    data = _form(SEED_003, core=(2,))
    data.pop("save")
    data["add_row"] = "1"
    again = lxml.html.fromstring(unit.post(f"/work/submissions/{sid}/edit", data=data).get_data(as_text=True))
    assert again.xpath("//tbody/tr[.//input[@name='ind_core' and @checked]]//input[@name='ind_name']/@value") == [
        "招商引资工作经费"]
    # The submission's page (what the reviewers read) shows a 核心 badge beside the marked names.
    unit.post(f"/work/submissions/{sid}/edit", data=_form(rows, core=(0, 4), removed=(1,)))
    detail = lxml.html.fromstring(unit.get(f"/work/submissions/{sid}").get_data(as_text=True))
    badged = [td.text.strip() for td in detail.xpath("//td[span[contains(@class, 'core-mark')]]")]
    assert badged == ["举办招商引资活动数量", "招商活动的签约项目个数"]


def _declared_with_core(code: str, core: set[str]):
    """Seed 003's project with its targets approved, the indicators named in ``core`` marked 核心指标."""
    project = create_project(code=code, name="招商引资工作经费", unit=org(UNIT), fiscal_year=2022,
                             kind="project", category="一般公共预算",
                             funding={"local": {"budget": Decimal("4"), "allocated": Decimal("4"),
                                                "spent": Decimal("4")}})
    unit_user = db.session.scalar(select(User).where(User.org_id == project.unit_id))
    declaration = target_ops.declare(project, unit_user)
    target_ops.save_indicators(declaration, unit_user, [
        dict(level1=r[0], level2=r[1], name=r[2], operator=r[3], value=r[4], unit=r[6], weight=r[7],
             core="1" if r[2] in core else "") for r in SEED_003])
    for action, who in (("submit", unit_user), ("pass_first_review", bureau_user(project, "bureau_section")),
                        ("approve", bureau_user(project, "bureau_reviewer"))):
        operations.apply_transition(declaration, action, who)
    db.session.flush()
    return project, unit_user


def test_a_new_version_keeps_the_marks_and_copying_keeps_them_too(app, world, clock):
    with app.test_request_context():
        project, unit_user = _declared_with_core("ZS-2022-031", {"招商活动的签约项目个数"})
        approved = current_targets(project)
        assert _core_names(approved) == ["招商活动的签约项目个数"]
        adjustment = target_ops.declare(project, unit_user, reason="签约目标调整")
        assert adjustment.target_version.version_no == 2
        assert _core_names(adjustment.target_version) == ["招商活动的签约项目个数"]
        # Next year's project of the same code copies last year's table with its marks.
        nxt = create_project(code="ZS-2022-031", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2023,
                             kind="project", category="一般公共预算", funding={})
        declaration = target_ops.declare(nxt, unit_user)
        target_ops.copy_approved(declaration, unit_user)
        assert _core_names(declaration.target_version) == ["招商活动的签约项目个数"]


def _self_evaluate(project, unit_user):
    report = operations.create(kind="self_evaluation", project=project, user=unit_user)
    operations.save_data(report, unit_user, spent=str(project.budget))
    operations.save_results(report, unit_user, {i.id: {"actual": str(i.value), "expects": True}
                                                for i in report.target_version.indicators})
    operations.apply_transition(report, "submit", unit_user)
    operations.apply_transition(report, "pass_first_review", bureau_user(project, "bureau_section"))
    operations.apply_transition(report, "approve", bureau_user(project, "bureau_reviewer"))
    db.session.flush()
    return report


def test_the_draw_checks_the_marked_indicators_or_all_output_and_benefit_ones(app, world, clock, login):
    with app.test_request_context():
        marked, unit_user = _declared_with_core("ZS-2022-041", {"举办招商引资活动数量", "招商活动的签约项目个数"})
        marked_report = _self_evaluate(marked, unit_user)
        default_report = approved_self_evaluation(code="ZS-2022-042")  # nothing marked
        bureau = db.session.get(Organisation, marked.unit.parent_id)
        record = results_ops.draw(bureau=bureau, year=2022, share="100", seed=11, user=reviewer(marked))
        checked = {}
        for c in record.checks:
            checked.setdefault(c.submission_id, []).append(c.indicator.name)
        assert checked[marked_report.id] == ["举办招商引资活动数量", "招商活动的签约项目个数"]
        assert sorted(checked[default_report.id]) == sorted(
            ["举办招商引资活动数量", "招商引资工作周期", "招商引资工作经费", "招商活动的签约项目个数"])
        draw_id, marked_id, default_id = record.id, marked_report.id, default_report.id
        db.session.commit()
    page = lxml.html.fromstring(login("reviewer").get(f"/work/results/truth/{draw_id}").get_data(as_text=True))
    rules = {}
    for tr in page.xpath("//tr[starts-with(@id, 'check-')]"):
        project_link = tr.xpath(".//a/@href")[0]
        rules[project_link] = tr.xpath("string(.//span[contains(@class, 'core-rule')])")
    assert rules[f"/work/submissions/{marked_id}"] == "核查范围：单位标注的核心指标"
    assert rules[f"/work/submissions/{default_id}"] == "核查范围：未标注核心指标，默认核查全部产出、效益指标（含成本）"


def test_a_vetoed_project_is_proposed_to_recover_its_years_spent_amount(app, world, clock, login):
    with app.test_request_context():
        report = approved_self_evaluation(code="ZS-2022-051", budget="20")
        funding = db.session.query(ProjectFunding).filter_by(project_id=report.project_id).one()
        funding.spent = Decimal("15.60")  # 执行数 below the 20 万元 budget
        staff = reviewer(report.project)
        record = results_ops.draw(bureau=db.session.get(Organisation, report.project.unit.parent_id), year=2022,
                                  share="100", seed=5, user=staff)
        untrue = next(c for c in record.checks if c.indicator.name == "招商活动的签约项目个数")
        results_ops.record_check(untrue, staff, outcome="untrue", evidence="签约合同仅 1 份", responsible_person="张伟")
        rows = {r.project.code: r for r in uselist.build(bureau_id=staff.bureau_id, year=2022, user=staff)}
        row = rows["ZS-2022-051"]
        assert (row.grade, row.proposed_action, row.proposed_amount) == ("差", "recover", Decimal("15.60"))
        assert "按本年度执行数 15.60 万元" in row.proposed_reason
        # Confirming without an amount keeps the proposed one; changing it needs a reason.
        uselist.decide(row, staff, action="recover", amount="", reason="")
        assert (row.action, row.amount) == ("recover", Decimal("15.60"))
        uselist.decide(row, staff, action="recover", amount="12", reason="已自行退回 3.6 万元")
        assert row.amount == Decimal("12.00")
        db.session.commit()
    staff_client = login("reviewer")
    page = text_of(staff_client.get("/work/results/use?year=2022"))
    assert "收回资金 15.60 万元" in page
    assert "收回资金合计 12.00 万元" in page
    # the unit totals carry the confirmed amount, on the page, in the XLSX and on the printed report
    book = load_workbook(BytesIO(staff_client.get("/work/results/use.xlsx?year=2022").data))
    header = [c.value for c in next(book["单位汇总"].iter_rows(min_row=2, max_row=2))]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in book["单位汇总"].iter_rows(min_row=3)]
    assert sum(r["收回资金金额"] for r in rows) == 12
    assert "12.00" in text_of(staff_client.get("/work/results/use/print?year=2022"))
