"""真实性核查 (seed 004 §二.5, §三): reproducible draws of ≥ 10 %, checks, 一票否决 → 差 + 收回资金."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from portal import hookimpl, plugins
from portal.accounts.models import Organisation
from portal.extensions import db
from portal.results import operations as results_ops
from portal.results.models import TruthDraw
from tests.conftest import text_of
from tests.portal.files.samples import make_docx
from tests.portal.results.helpers import approved_self_evaluation, reviewer
from tests.portal.workflow.helpers import user


def _bureau(project):
    return db.session.get(Organisation, project.unit.parent_id)


def _ten_self_evaluations():
    return [approved_self_evaluation(code=f"ZS-2022-{n:03d}") for n in range(1, 11)]


def test_a_draw_is_reproducible_from_its_seed_and_takes_at_least_ten_percent(app, world, clock):
    with app.test_request_context():
        reports = _ten_self_evaluations()
        bureau = _bureau(reports[0].project)
        first = results_ops.draw(bureau=bureau, year=2022, share="10", seed=20240620, user=reviewer(reports[0].project))
        again = results_ops.draw(bureau=bureau, year=2022, share="0.1", seed=20240620)
        assert first.population == 10 and len(first.submission_ids) == 1
        assert first.submission_ids == again.submission_ids
        # Core indicators: 产出 (with 成本) and 效益 of seed 003's table — not 满意度.
        names = sorted(c.indicator.name for c in first.checks)
        assert names == sorted(["举办招商引资活动数量", "招商引资工作周期", "招商引资工作经费", "招商活动的签约项目个数"])
        bigger = results_ops.draw(bureau=bureau, year=2022, share="25%", seed=7)
        assert len(bigger.submission_ids) == 3  # ceil(10 × 25 %)
        with pytest.raises(results_ops.ResultsError, match="10% 至 100%"):
            results_ops.draw(bureau=bureau, year=2022, share="5", seed=1)
        with pytest.raises(results_ops.ResultsError, match="尚无审核通过的绩效自评"):
            results_ops.draw(bureau=bureau, year=2019, share="10", seed=1)


def test_an_untrue_core_indicator_vetoes_the_self_evaluation_and_raises_recover_funds(app, world, clock):
    with app.test_request_context():
        report = approved_self_evaluation()
        assert report.grade == "优"
        staff = reviewer(report.project)
        record = results_ops.draw(bureau=_bureau(report.project), year=2022, share="100", seed=3, user=staff)
        verified, untrue = record.checks[0], record.checks[3]
        results_ops.record_check(verified, staff, outcome="verified", evidence="查阅活动签到表、照片", onsite=False)
        assert report.grade == "优"
        with pytest.raises(results_ops.ResultsError, match="项目负责人"):
            results_ops.record_check(untrue, staff, outcome="untrue", evidence="合同仅 1 份")
        results_ops.record_check(untrue, staff, outcome="untrue", evidence="签约合同仅 1 份，与自评填报的 2 个不符",
                                 onsite=True, onsite_note="赴园区核实，仅 1 家企业落地", responsible_person="张伟")
        assert (report.total_score, report.score_grade, report.grade) == (Decimal("100.00"), "优", "差")
        assert "一票否决" in report.grade_cap
        from plugins.rectification.models import RectificationItem

        items = db.session.scalars(select(RectificationItem).where(RectificationItem.source_kind == "truth")).all()
        assert len(items) == 1 and items[0].description.startswith("收回资金")
        assert (items[0].unit.name, items[0].responsible_person, items[0].severity) == (
            report.project.unit.name, "张伟", "major")
        # Recording it again does not raise a second item.
        results_ops.record_check(untrue, staff, outcome="untrue", evidence="复核仍不符", responsible_person="张伟")
        assert db.session.scalar(select(db.func.count(RectificationItem.id)).where(
            RectificationItem.source_kind == "truth")) == 1


def test_register_page_xlsx_and_access(app, world, clock, login):
    with app.test_request_context():
        report = approved_self_evaluation()
        record = results_ops.draw(bureau=_bureau(report.project), year=2022, share="100", seed=3)
        draw_id, check_id = record.id, record.checks[0].id
        db.session.commit()
    client = login("reviewer")
    page = text_of(client.get("/work/results/truth?year=2022"))
    assert "随机种子" in page and "3" in page
    response = client.post(f"/work/results/truth/checks/{check_id}",
                           data={"outcome": "untrue", "evidence": "", "responsible_person": ""})
    assert response.status_code == 302
    page = text_of(client.get(f"/work/results/truth/{draw_id}"))
    assert "认定“不属实”须写明核查依据" in page and "待核查" in page
    response = client.post(f"/work/results/truth/checks/{check_id}", data={
        "outcome": "untrue", "evidence": "签到表仅 1 次活动", "responsible_person": "张伟",
        "evidence_file": (BytesIO(make_docx(["核查记录：签约合同 1 份"])), "核查记录.docx")},
        content_type="multipart/form-data")
    page = text_of(client.get(f"/work/results/truth/{draw_id}"))
    assert "不属实（一票否决）" in page and "核查记录.docx" in page and "项目负责人：张伟" in page
    xlsx = client.get(f"/work/results/truth/{draw_id}.xlsx")
    sheet = load_workbook(BytesIO(xlsx.data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "随机种子 3" in values[0][0] and values[1][8] == "核查结论"
    assert login("unit").get(f"/work/results/truth/{draw_id}").status_code == 403
    assert login("section").get(f"/work/results/truth/{draw_id}").status_code == 200
    assert login("section").post(f"/work/results/truth/checks/{check_id}",
                                 data={"outcome": "verified", "evidence": "x"}).status_code == 302
    with app.app_context():
        assert db.session.get(TruthDraw, draw_id).checks[0].outcome == "untrue"


def test_hook_on_truthfulness_veto(app, world, clock):
    calls = []

    class Listener:
        @hookimpl
        def on_truthfulness_veto(self, check):
            calls.append((check.indicator.name, check.responsible_person))

    plugins.manager(app).register(Listener(), name="test_veto_listener")
    with app.test_request_context():
        report = approved_self_evaluation()
        staff = reviewer(report.project)
        record = results_ops.draw(bureau=_bureau(report.project), year=2022, share="100", seed=3)
        results_ops.record_check(record.checks[0], staff, outcome="untrue", evidence="不符", responsible_person="张伟")
        results_ops.record_check(record.checks[1], staff, outcome="verified", evidence="相符")
    assert calls == [(record.checks[0].indicator.name, "张伟")]


def test_hook_open_rectification_counts(app, world, clock):
    with app.test_request_context():
        report = approved_self_evaluation()
        staff = reviewer(report.project)
        record = results_ops.draw(bureau=_bureau(report.project), year=2022, share="100", seed=3)
        results_ops.record_check(record.checks[0], staff, outcome="untrue", evidence="不符", responsible_person="张伟")
        assert plugins.open_rectification_counts([report.project_id]) == {report.project_id: 1}
        assert user("unit") is not None


def test_cli_draw_and_export(app, world, clock, tmp_path):
    with app.test_request_context():
        _ten_self_evaluations()
        db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["results", "draw", "2022", "--share", "20", "--seed", "42"])
    again = runner.invoke(args=["results", "draw", "2022", "--share", "20", "--seed", "42"])
    assert first.exit_code == 0 and "自评 10 份，按 20% 抽取 2 份（随机种子 42" in first.output
    assert first.output.splitlines()[1:] == again.output.splitlines()[1:]
    refused = runner.invoke(args=["results", "draw", "2022", "--share", "5"])
    assert refused.exit_code != 0 and "10% 至 100%" in refused.output
    path = tmp_path / "清单.xlsx"
    assert runner.invoke(args=["results", "export", "2022", str(path)]).exit_code == 0
    assert load_workbook(path).sheetnames[0] == "结果应用清单"


def test_a_refused_evidence_file_saves_nothing_and_says_why(app, world, clock, login):
    with app.test_request_context():
        report = approved_self_evaluation()
        record = results_ops.draw(bureau=_bureau(report.project), year=2022, share="100", seed=3)
        draw_id, check_id = record.id, record.checks[0].id
        db.session.commit()
    client = login("reviewer")
    client.post(f"/work/results/truth/checks/{check_id}", data={
        "outcome": "verified", "evidence": "查阅台账",
        "evidence_file": (BytesIO(b"MZ\x90\x00binary"), "tool.exe")}, content_type="multipart/form-data")
    page = text_of(client.get(f"/work/results/truth/{draw_id}"))
    assert "待核查" in page and "不允许上传" in page
    with app.app_context():
        from portal.results.models import TruthCheck

        assert db.session.get(TruthCheck, check_id).outcome == "pending"
