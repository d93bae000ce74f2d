"""Issue 17 and 16 in the yearly summary: 事前绩效评估, 全覆盖 against the calendar, 真实性核查, 结果应用.

The demo county's 2023 report: the ex-ante register of the 2024 budget, the coverage of the 2022
projects against the 2023 calendar, the draw over the 2022 self-evaluations and the 2022 results-use
list.  Expected figures are read from the database (other demo modules add records), never hard-coded.

The demo county is loaded once for the module (``jixiao demo`` in-process, under the frozen clock, as each
test did before); every test runs on it in its own rolled-back transaction and a copy of its instance folder.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.extensions import db
from tests.conftest import FROZEN_AT, FrozenClock, create_world, fresh_database_url, migrated_app
from tests.portal.yearly.helpers import dump, read_report

ZERO = Decimal("0.00")


@pytest.fixture(scope="module")
def demo_county(tmp_path_factory):
    """A database and instance folder holding the demo county, loaded as the tests' ``runner.invoke(["demo"])``
    would, with the portal's clock a minute before :data:`FROZEN_AT` (same bureau date, 2025-07-01; the
    tests' own records come after the demo's)."""
    from portal import util

    tmp = tmp_path_factory.mktemp("cycle-demo")
    url = fresh_database_url(tmp)
    app = migrated_app(tmp / "instance", url)
    with app.test_request_context():
        create_world()
        db.session.commit()
    saved, util.clock = util.clock, FrozenClock(FROZEN_AT - timedelta(minutes=1)).now
    try:
        result = app.test_cli_runner().invoke(args=["demo"])
    finally:
        util.clock = saved
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()
    return tmp / "instance", url


@pytest.fixture(scope="module")
def database_url(demo_county) -> str:
    """This module's tests run on the demo county's database (see ``app_factory`` in tests/conftest.py)."""
    return demo_county[1]


@pytest.fixture
def app(app_factory, demo_county, tmp_path):
    instance = tmp_path / "demo-instance"
    shutil.copytree(demo_county[0], instance)
    return app_factory(INSTANCE_PATH=str(instance))


def _report(runner, tmp_path, year: int) -> bytes:
    out = tmp_path / f"summary-{year}.docx"
    result = runner.invoke(args=["report", "yearly", str(year), str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _bureau():
    from portal.accounts.models import Organisation

    return db.session.scalar(select(Organisation).where(Organisation.name == "阿克陶县财政局"))


def _units(bureau) -> list[int]:
    from portal.accounts.models import Organisation

    return list(db.session.scalars(select(Organisation.id).where(Organisation.parent_id == bureau.id)))


def test_demo_county_2023_cycle_sections(app, runner, tmp_path, clock):
    from portal.exante import rules
    from portal.exante.operations import latest_of
    from portal.projects.models import Project
    from portal.results.models import ResultsUse, TruthCheck, TruthDraw
    from portal.submissions.models import Submission

    data = _report(runner, tmp_path, 2023)
    print(dump(data))  # read it in the test output
    _, chapters = read_report(data)
    titles = list(chapters)
    # In the cycle's order: ex-ante first, coverage / checks / results use after the evaluations.
    assert titles[0] == "事前绩效评估"
    assert titles.index("重点绩效评价（第三方机构）") < titles.index("全覆盖情况（对照工作日历）") \
        < titles.index("绩效自评真实性核查") < titles.index("绩效评价结果应用") < titles.index("问题整改（限期销号）")

    with app.app_context():
        bureau = _bureau()
        units = _units(bureau)
        # 事前绩效评估: the 2024 budget's proposals, assessed during 2023.
        proposals = list(db.session.scalars(select(Project).where(
            Project.unit_id.in_(units), Project.exante_stage.is_not(None), Project.fiscal_year == 2024)))
        latest = [latest_of(p) for p in proposals]
        requested = sum((rules.amount_of(s) or ZERO for s in latest if s is not None), ZERO)
        conclusions = Counter(rules.CONCLUSIONS[(s.data.get("conclusion") or {}).get("value")]
                              for s in latest if s is not None and s.state == "approved")
        # 全覆盖 of the 2022 projects.
        projects = list(db.session.scalars(select(Project).where(
            Project.unit_id.in_(units), Project.fiscal_year == 2022, Project.kind == "project")))
        ids = [p.id for p in projects]

        def approved_projects(kind: str) -> set[int]:
            return set(db.session.scalars(select(Submission.project_id).where(
                Submission.project_id.in_(ids), Submission.kind == kind, Submission.state == "approved",
                Submission.superseded_at.is_(None))))

        targets, self_evaluated = approved_projects("target_declaration"), approved_projects("self_evaluation")
        key = set(db.session.scalars(select(Submission.project_id).where(
            Submission.project_id.in_(ids), Submission.kind == "third_party",
            Submission.state.in_(("submitted", "review", "returned", "approved")))))
        # 真实性核查 of the 2022 self-evaluations.
        draws = list(db.session.scalars(select(TruthDraw).where(TruthDraw.bureau_id == bureau.id,
                                                                TruthDraw.fiscal_year == 2022)))
        checks = [c for d in draws for c in d.checks]
        untrue = [c for c in checks if c.outcome == "untrue"]
        vetoed_codes = {c.submission.project.code for c in untrue}
        # 结果应用 of 2022.
        uses = list(db.session.scalars(select(ResultsUse).where(ResultsUse.bureau_id == bureau.id,
                                                                ResultsUse.fiscal_year == 2022)))
        confirmed = [u for u in uses if u.confirmed_at is not None]
        cut = sum((u.amount or ZERO for u in confirmed if u.action == "cut"), ZERO)
        actions = Counter(u.action for u in confirmed)
        grades = Counter(u.grade for u in uses if u.grade)
        recovered = {u.project.code for u in confirmed if u.action == "recover"}
        assert db.session.scalar(select(TruthCheck.id).limit(1)) is not None

    exante = chapters["事前绩效评估"]
    assert proposals and "2024 年预算新增项目" in exante.text
    total = exante.row("合计")
    filed = sum(1 for s in latest if s is not None and s.state != "draft")
    assert total[1:4] == [str(len(proposals)), str(filed), f"{requested:,.2f}"]
    for column, label in zip(total[4:7], ("支持", "部分支持", "不支持"), strict=True):
        assert column.startswith(f"{conclusions[label]}（")
    assert f"申请金额 {requested:,.2f} 万元" in exante.text and "原则上不安排预算" in exante.text

    coverage = chapters["全覆盖情况（对照工作日历）"]
    total = coverage.row("合计")
    assert total[1:3] == [str(len(projects)), str(len(targets))]
    assert total[4] == str(len(self_evaluated))
    assert total[5] == f"{sum((p.budget for p in projects), ZERO):,.2f}"
    assert f"财政重点绩效评价（第三方机构）{len(key)} 个项目" in coverage.text
    assert ("未达到工作日历要求的不少于 5 个" if len(key) < 5 else "达到工作日历要求的不少于 5 个") in coverage.text
    assert "对照 2023 年工作日历，2022 年度" in coverage.text
    for row in coverage.tables[0][1:-1]:  # the 20 % rule per unit, as the share says
        share = Decimal(row[7].rstrip("%"))
        assert row[8] == ("达到" if share >= 20 else "未达到")

    truth = chapters["绩效自评真实性核查"]
    assert draws and untrue, "the demo draw finds an untrue indicator"
    for draw in draws:
        assert f"随机种子 {draw.seed}" in truth.text and f"从 {draw.population} 份" in truth.text
        assert f"抽取 {len(draw.submission_ids)} 份" in truth.text
    assert f"核查核心指标 {len(checks)} 个" in truth.text and f"不属实 {len(untrue)} 个" in truth.text
    assert len(truth.tables[0]) - 1 == len({c.submission_id for c in checks})
    for code in vetoed_codes:
        row = truth.row(code)
        assert row[-1].startswith("一票否决，评为“差”")
        assert ("收回资金" in row[-1]) == (code in recovered)

    uselist = chapters["绩效评价结果应用"]
    total = uselist.row("合计")
    assert total[1] == str(len(uses))
    assert total[2:6] == [str(grades[g]) for g in ("优", "良", "中", "差")]
    assert total[6:8] == [str(actions["cut"]), f"{cut:,.2f}"]
    assert total[8:11] == [str(actions["recover"]), str(actions["notify"]), str(actions["interview"])]
    assert total[11] == f"{len(confirmed)} / {len(uses)}"
    assert f"核减下一年度预算 {actions['cut']} 个、共 {cut:,.2f} 万元" in uselist.text


def test_2025_report_has_no_draw_and_no_results_use(app, runner, tmp_path, clock):
    """2025's report concerns 2024's projects: coverage figures, but no draw nor results use yet."""
    data = _report(runner, tmp_path, 2025)
    print(dump(data))
    _, chapters = read_report(data)
    assert "2024 年度绩效自评尚未开展真实性核查抽查" in chapters["绩效自评真实性核查"].text
    assert chapters["绩效自评真实性核查"].tables == []
    assert "2024 年度尚未生成绩效评价结果应用清单" in chapters["绩效评价结果应用"].text
    assert "对照 2025 年工作日历，2024 年度" in chapters["全覆盖情况（对照工作日历）"].text


def test_empty_year_cycle_sections(app, runner, tmp_path, clock):
    _, chapters = read_report(_report(runner, tmp_path, 2031))
    assert "2031 年尚未对 2032 年预算新增项目及 2031 年年中追加项目开展事前绩效评估" in chapters["事前绩效评估"].text
    assert "2030 年度尚无纳入全覆盖管理的项目" in chapters["全覆盖情况（对照工作日历）"].text
    assert "尚未开展真实性核查抽查" in chapters["绩效自评真实性核查"].text
    assert "尚未生成绩效评价结果应用清单" in chapters["绩效评价结果应用"].text
    for title in ("事前绩效评估", "全覆盖情况（对照工作日历）", "绩效自评真实性核查", "绩效评价结果应用"):
        assert chapters[title].tables == [] and "（无相关数据，不附表。）" in chapters[title].text


def test_another_bureaus_results_stay_out(app, runner, tmp_path, clock):
    """A foreign county's unit with a results-use row and a proposal: never in 阿克陶县's report."""
    from portal.accounts.operations import create_organisation
    from portal.projects.operations import create_project
    from portal.results.models import ResultsUse

    with app.test_request_context():
        ours = _bureau()
        before = read_report(_report(runner, tmp_path, 2023))[1]
        other = create_organisation(name="乌恰县财政局", kind="bureau", region="乌恰县", parent=None)
        unit = create_organisation(name="乌恰县教育局", kind="unit", region="乌恰县", parent=other)
        project = create_project(code="WQ-2022-01", name="乌恰县营养改善计划", unit=unit, fiscal_year=2022,
                                 kind="project", category="一般公共预算",
                                 funding={"local": {"budget": Decimal("88.8"), "allocated": Decimal("0"),
                                                    "spent": Decimal("0")}})
        # Even a row wrongly filed under our bureau stays out: its unit is not ours.
        db.session.add(ResultsUse(bureau_id=ours.id, fiscal_year=2022, project_id=project.id, grade="差",
                                  action="cut", amount=Decimal("26.64"), reason="x", confirmed_at=project.created_at))
        db.session.commit()
    result = runner.invoke(args=["report", "yearly", "2023", str(tmp_path / "ours.docx"), "--bureau", "阿克陶县财政局"])
    assert result.exit_code == 0, result.output
    data = (tmp_path / "ours.docx").read_bytes()
    after = read_report(data)[1]
    assert "乌恰县" not in dump(data)
    for title in ("全覆盖情况（对照工作日历）", "绩效评价结果应用", "事前绩效评估"):
        assert after[title].tables == before[title].tables, title


def test_exante_scope_next_budget_and_this_years_additions(app, runner, tmp_path, clock):
    """2023's report: 2024's proposals and 2023's 年中追加; a 2023 新增 was assessed in 2022's."""
    from portal.accounts.models import User
    from portal.exante import operations

    before = read_report(_report(runner, tmp_path, 2023))[1]["事前绩效评估"].row("合计")
    with app.test_request_context():
        unit = db.session.scalar(select(User).where(User.username == "unit"))
        operations.propose(user=unit, code="ZJ-2023-01", name="年中追加校舍维修", fiscal_year=2023,
                           proposal_kind="addition", specialized=False)
        operations.propose(user=unit, code="XZ-2023-01", name="上年申报的新增项目", fiscal_year=2023,
                           proposal_kind="new", specialized=False)
        db.session.commit()
    data = _report(runner, tmp_path, 2023)
    after = read_report(data)[1]["事前绩效评估"].row("合计")
    assert int(after[1]) == int(before[1]) + 1  # the addition only
    assert after[2] == before[2]  # its assessment is still the unit's draft: not handed in
    assert "2022 年对 2023 年预算新增项目" in read_report(_report(runner, tmp_path, 2022))[1]["事前绩效评估"].text
    assert read_report(_report(runner, tmp_path, 2022))[1]["事前绩效评估"].row("合计")[1] == "1"
