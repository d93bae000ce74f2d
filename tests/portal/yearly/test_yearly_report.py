"""Issue 17: the yearly summary's data part (年度全面实施预算绩效管理工作总结报告) as a DOCX.

The demo county's 2023 report: targets and monitoring of its 2023 projects, self-evaluation and
seed 003's third-party evaluation of the 2022 project (总得分 100 → 优), rectification and the
firm's 2022 rating; an empty year says so per section; only bureau roles download, their own bureau's.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from portal.extensions import db
from tests.conftest import CSRFClient, text_of
from tests.portal.yearly.helpers import dump, read_report

CORE_TITLES = ["事前绩效评估", "预算绩效目标管理", "预算绩效运行监控", "监控预警（黄标 / 红标）", "项目支出绩效自评",
               "部门整体支出绩效自评", "部门评价",
               "重点绩效评价（第三方机构）", "全覆盖情况（对照工作日历）", "绩效自评真实性核查", "绩效评价结果应用"]
PLUGIN_TITLES = ["问题整改（限期销号）", "第三方机构执业质量评价"]


def _report(runner, tmp_path, year: int, *extra: str) -> bytes:
    out = tmp_path / f"summary-{year}.docx"
    result = runner.invoke(args=["report", "yearly", str(year), str(out), *extra])
    assert result.exit_code == 0, result.output
    assert f"{year} 年度总结报告" in result.output
    return out.read_bytes()


def test_demo_county_2023_report(app, runner, tmp_path, clock):
    from portal.projects.models import Project
    from portal.targets.models import TargetVersion

    assert runner.invoke(args=["demo"]).exit_code == 0
    data = _report(runner, tmp_path, 2023)
    print(dump(data))  # read it in the test output: it must read like the seeds' reports
    preamble, chapters = read_report(data)
    assert preamble[0] == "阿克陶县财政局2023年度全面实施预算绩效管理工作总结报告"
    assert list(chapters) == CORE_TITLES + PLUGIN_TITLES
    assert [c.heading.partition("、")[0] for c in chapters.values()] == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"]
    # Every section leaves room for the narrative.
    assert all("【文字说明】" in c.text for c in chapters.values())

    # 一: the 2023 projects' budgets and approved targets as the database holds them.
    with app.app_context():
        projects = list(db.session.scalars(select(Project).where(Project.fiscal_year == 2023,
                                                                 Project.kind == "project")))
        budget = sum((p.budget for p in projects), Decimal("0.00"))
        frozen = set(db.session.scalars(select(TargetVersion.project_id).where(TargetVersion.is_frozen.is_(True))))
        covered = [p for p in projects if p.id in frozen]
        covered_budget = sum((p.budget for p in covered), Decimal("0.00"))
    targets = chapters["预算绩效目标管理"]
    total_row = targets.row("合计")
    assert total_row[1] == str(len(projects)) and total_row[2] == f"{budget:,.2f}"
    assert "XQJY-2023-01" in {p.code for p in covered}  # the preschool project's targets were approved
    assert total_row[3] == str(len(covered)) and total_row[4] == f"{covered_budget:,.2f}"
    assert total_row[5] == f"{covered_budget * 100 / budget:.2f}%"
    education = [p for p in projects if p.unit.name == "阿克陶县教育局"]
    education_covered = sum((p.budget for p in education if p.id in frozen), Decimal("0.00"))
    education_budget = sum((p.budget for p in education), Decimal("0.00"))
    assert targets.row("阿克陶县教育局")[5] == (
        f"{(education_covered * 100 / education_budget).quantize(Decimal('0.01'), ROUND_HALF_UP)}%")
    assert f"预算资金共计 {budget:,.2f} 万元" in targets.text

    # 二 and 三: the approved monitoring reports of 2023 as filed: seed-based preschool project's May 24.50
    # and August 76.70 万元 of 160.00 (15.31 % 黄标, 47.94 % 红标) beside the other demo projects'.
    with app.app_context():
        from portal.submissions.models import MonitoringFlag, Submission

        reports = list(db.session.scalars(select(Submission).join(Project, Submission.project_id == Project.id).where(
            Submission.kind == "monitoring", Submission.state == "approved", Submission.superseded_at.is_(None),
            Project.fiscal_year == 2023, Project.kind == "project")))
        colours = [(f.checkpoint, f.color) for f in db.session.scalars(select(MonitoringFlag).join(
            Project, MonitoringFlag.project_id == Project.id).where(Project.fiscal_year == 2023))]
        expected = {}
        for checkpoint, label in ((5, "5月底"), (8, "8月底")):
            filed = [r for r in reports if r.checkpoint == checkpoint]
            budget_filed = sum((r.project.budget for r in filed), Decimal("0.00"))
            spent = sum((Decimal(str(r.data["spent"])) for r in filed), Decimal("0.00"))
            expected[label] = [str(len(filed)), f"{budget_filed:,.2f}", f"{spent:,.2f}",
                               f"{(spent * 100 / budget_filed).quantize(Decimal('0.01'), ROUND_HALF_UP)}%", str(colours.count((checkpoint, "yellow"))),
                               str(colours.count((checkpoint, "red")))]
        preschool = {r.checkpoint: r for r in reports if r.project.code == "XQJY-2023-01"}
        assert preschool[5].project.budget == Decimal("160.00")
        assert (Decimal(str(preschool[5].data["spent"])), Decimal(str(preschool[8].data["spent"]))) == (
            Decimal("24.50"), Decimal("76.70"))
    monitoring = chapters["预算绩效运行监控"]
    assert monitoring.row("5月底")[2:] == expected["5月底"]
    assert monitoring.row("8月底")[2:] == expected["8月底"]
    assert (f"发出黄标 {sum(1 for _, c in colours if c == 'yellow')} 个、"
            f"红标 {sum(1 for _, c in colours if c == 'red')} 个") in monitoring.text
    flags = chapters["监控预警（黄标 / 红标）"].tables[0]
    preschool_flags = [(r[3], r[4], r[6]) for r in flags[1:] if r[0] == "XQJY-2023-01"]
    assert preschool_flags == [("5月底", "黄标", "已解决"), ("8月底", "红标", "未解决")]

    # 四: the 2022 projects' approved self-evaluations (the seed-based 招商引资 one: 4.00 万元 spent in full),
    # grades after caps; the department-wide self-evaluation (seed 002, 97.96 优) has its own section.
    with app.app_context():
        evaluated = list(db.session.scalars(select(Submission).join(Project, Submission.project_id == Project.id).where(
            Submission.kind == "self_evaluation", Submission.state == "approved", Submission.superseded_at.is_(None),
            Project.fiscal_year == 2022, Project.kind == "project")))
        sums = (sum((s.project.budget for s in evaluated), Decimal("0.00")),
                sum((s.project.spent for s in evaluated), Decimal("0.00")))
        grades = [s.grade for s in evaluated]
        zsyz = next(s for s in evaluated if s.project.code == "ZSYZ-2022-01")
        assert (zsyz.project.budget, zsyz.project.spent) == (Decimal("4.00"), Decimal("4.00"))
    self_eval = chapters["项目支出绩效自评"]
    assert self_eval.row("合计") == ["合计", str(len(evaluated)), f"{sums[0]:,.2f}", f"{sums[1]:,.2f}",
                                     f"{(sums[1] * 100 / sums[0]).quantize(Decimal('0.01'), ROUND_HALF_UP)}%",
                                     *(str(grades.count(g)) for g in ("优", "良", "中", "差"))]
    assert f"对 2022 年度项目开展绩效自评，审核通过 {len(evaluated)} 个项目" in self_eval.text
    assert "97.96" in chapters["部门整体支出绩效自评"].tables[0][1]

    # 五: no departmental evaluation: the report says so instead of a table.
    department = chapters["部门评价"]
    assert department.tables == [] and "尚无审核通过的部门评价报告" in department.text

    # 六: seed 003's report, 总得分 100 → 优, by the engaged firm.
    third = chapters["重点绩效评价（第三方机构）"]
    assert third.tables[0][1] == ["ZSYZ-2022-01", "招商引资工作经费", "阿克陶县商务科技和工业信息化局",
                                  "新疆正信绩效评价咨询有限公司", "4.00", "100.00", "优"]
    assert "得分均为 100.00 分" in third.text

    # 七 (rectification plugin): its ledger's items of the year, counted again here from the items.
    with app.app_context():
        from plugins.rectification.models import RectificationItem

        items = list(db.session.scalars(select(RectificationItem)))
        expected = [i for i in items if (i.source_kind == "finding" and i.fiscal_year == 2022)
                    or (i.source_kind != "finding" and i.fiscal_year == 2023)]
        closed = sum(1 for i in expected if i.state == "closed")
    rect = chapters["问题整改（限期销号）"]
    total_row = rect.row("合计")
    assert expected and total_row[1] == str(len(expected)) and total_row[5] == str(closed)
    assert int(total_row[2]) + int(total_row[3]) + int(total_row[4]) == len(expected)

    # 八 (evaluator_grading plugin): the firm's final 2022 rating 92.50 / A.
    rating = chapters["第三方机构执业质量评价"].row("新疆正信绩效评价咨询有限公司")
    assert rating[5:] == ["92.50", "A", "已定稿"] and rating[3] == "—"


def test_empty_year_says_so_in_every_section(app, runner, tmp_path, clock):
    data = _report(runner, tmp_path, 2031)
    _, chapters = read_report(data)
    assert list(chapters) == CORE_TITLES + PLUGIN_TITLES
    for title, chapter in chapters.items():
        assert chapter.tables == [], title
        # What is missing, no table, room for the narrative; never a sum of nothing ("0 个项目").
        assert chapter.paragraphs[1] == "（无相关数据，不附表。）" and "【文字说明】" in chapter.paragraphs[2], title
        assert "0 个" not in chapter.paragraphs[0] and ("尚无" in chapter.paragraphs[0] or "未" in chapter.paragraphs[0])
    assert "2031 年尚无纳入绩效目标管理的项目" in chapters["预算绩效目标管理"].text
    assert "尚无审核通过的绩效自评" in chapters["项目支出绩效自评"].text
    assert "未下达整改事项" in chapters["问题整改（限期销号）"].text


def test_only_the_bureaus_own_units_count(app, runner, tmp_path, clock):
    """Another county's bureau and unit: its project is in its report, never in 阿克陶县's."""
    from portal.accounts.operations import create_organisation
    from portal.projects.operations import create_project
    from tests.portal.workflow.helpers import project_with_targets

    with app.test_request_context():
        project_with_targets(code="ZS-2024-001", year=2024)
        other = create_organisation(name="乌恰县财政局", kind="bureau", region="乌恰县", parent=None)
        unit = create_organisation(name="乌恰县教育局", kind="unit", region="乌恰县", parent=other)
        create_project(code="WQ-2024-01", name="乌恰县营养改善计划", unit=unit, fiscal_year=2024, kind="project",
                       category="一般公共预算",
                       funding={"local": {"budget": Decimal("88.8"), "allocated": Decimal("0"), "spent": Decimal("0")}})
        db.session.commit()
    # Two bureaus now: the command asks which one.
    result = runner.invoke(args=["report", "yearly", "2024", str(tmp_path / "x.docx")])
    assert result.exit_code != 0 and "请用 --bureau 指定" in result.output
    result = runner.invoke(args=["report", "yearly", "2024", str(tmp_path / "x.docx"), "--bureau", "无此局"])
    assert result.exit_code != 0 and "找不到财政局“无此局”" in result.output

    _, ours = read_report(_report(runner, tmp_path, 2024, "--bureau", "阿克陶县财政局"))
    assert ours["预算绩效目标管理"].row("合计")[:5] == ["合计", "1", "4.00", "1", "4.00"]
    assert "乌恰县" not in dump(_report(runner, tmp_path, 2024, "--bureau", "阿克陶县财政局"))
    _, theirs = read_report(_report(runner, tmp_path, 2024, "--bureau", "乌恰县财政局"))
    assert theirs["预算绩效目标管理"].row("乌恰县教育局")[1:6] == ["1", "88.80", "0", "0.00", "0.00%"]


def test_download_for_bureau_roles_only(app, world, clock):
    from tests.plugins.evaluator_grading.helpers import as_user

    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    dashboard = reviewer.get("/work/")
    assert "年度总结报告（数据部分）" in text_of(dashboard)
    assert "/work/reports/yearly/2025.docx" in dashboard.get_data(as_text=True)  # the frozen clock's year
    response = reviewer.get("/work/reports/yearly/2025.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "attachment" in response.headers["Content-Disposition"]
    preamble, chapters = read_report(response.data)
    assert preamble[0] == "阿克陶县财政局2025年度全面实施预算绩效管理工作总结报告"
    assert list(chapters) == CORE_TITLES + PLUGIN_TITLES
    for username in ("section", "admin"):
        assert as_user(app, username, world["passwords"][username]).get(
            "/work/reports/yearly/2025.docx").status_code == 200
    for username in ("unit", "firm", "expert"):
        client = as_user(app, username, world["passwords"][username])
        assert "年度总结报告（数据部分）" not in text_of(client.get("/work/"))
        assert client.get("/work/reports/yearly/2025.docx").status_code == 403
    anonymous = CSRFClient(app).get("/work/reports/yearly/2025.docx")
    assert anonymous.status_code == 302 and "/work/login" in anonymous.headers["Location"]
    assert reviewer.get("/work/reports/yearly/1900.docx").status_code == 404


def test_hook_yearly_report_sections(app, runner, tmp_path, clock):
    """A plugin adds its section; sections are numbered in their order after the core's."""
    from portal import ReportSection, hookimpl, plugins

    class Funds:
        @hookimpl
        def yearly_report_sections(self, bureau, year):
            return [ReportSection("政府投资基金绩效评价", f"{bureau.region}{year} 年评价政府投资基金 3 个，规模 207.50 万元。",
                                  ("基金", "规模（万元）", "结论"), [("产业引导基金", "207.50", "良")],
                                  order=105, note="摘自基金评价报告。")]

    plugins.manager(app).register(Funds(), name="test_funds")
    _, chapters = read_report(_report(runner, tmp_path, 2021))
    assert list(chapters) == CORE_TITLES + ["政府投资基金绩效评价"] + PLUGIN_TITLES
    added = chapters["政府投资基金绩效评价"]
    assert added.heading == "十二、政府投资基金绩效评价"
    assert added.tables == [[["基金", "规模（万元）", "结论"], ["产业引导基金", "207.50", "良"]]]
    assert "阿克陶县2021 年评价政府投资基金 3 个" in added.text and "注：摘自基金评价报告。" in added.text
    assert chapters["问题整改（限期销号）"].heading.startswith("十三、")


def test_a_foreign_bureau_downloads_its_own_report_only(app, world, clock):
    from portal.accounts.operations import create_organisation, create_user
    from tests.plugins.evaluator_grading.helpers import as_user
    from tests.portal.workflow.helpers import project_with_targets

    with app.test_request_context():
        project_with_targets(code="ZS-2025-001", year=2025)
        other = create_organisation(name="乌恰县财政局", kind="bureau", region="乌恰县", parent=None)
        create_user(username="wq_reviewer", full_name="某某", org=other, roles=["bureau_reviewer"],
                    password="Wuqia-pass-2024", must_change_password=False)
        db.session.commit()
    ours = read_report(as_user(app, "reviewer", world["passwords"]["reviewer"]).get(
        "/work/reports/yearly/2025.docx").data)[1]
    assert ours["预算绩效目标管理"].row("合计")[1] == "1"
    response = as_user(app, "wq_reviewer", "Wuqia-pass-2024").get("/work/reports/yearly/2025.docx")
    preamble, theirs = read_report(response.data)
    assert preamble[0] == "乌恰县财政局2025年度全面实施预算绩效管理工作总结报告"
    assert theirs["预算绩效目标管理"].tables == [] and "阿克陶县" not in dump(response.data)


def test_section_numbers_and_file_name():
    from types import SimpleNamespace

    from portal.yearly.report import filename, numeral

    assert [numeral(n) for n in (1, 9, 10, 11, 19, 20, 23)] == ["一", "九", "十", "十一", "十九", "二十", "二十三"]
    assert filename(SimpleNamespace(name="阿克陶县 财政局/本级"), 2024) == "阿克陶县财政局本级2024年度预算绩效管理工作总结（数据部分）.docx"
