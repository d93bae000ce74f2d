"""纸质报表: the 绩效目标申报表, 绩效监控表 and 绩效自评表 as Word and Excel files and as an A4 print view,
opened with the real libraries and checked the way a clerk checks them before stamping."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from portal.extensions import db
from portal.projects.operations import set_funding
from portal.submissions import operations
from portal.submissions.models import Submission
from tests.conftest import text_of
from tests.plugins.evaluator_grading.helpers import as_user
from tests.portal.workflow.helpers import UNIT, project_with_targets, user

GOAL = "通过举办招商推介活动，引进企业落地，促进县域经济发展"
INDICATORS = [("产出", "数量", "举办招商引资活动数量", "≥2个", "3个"),
              ("产出", "时效", "招商引资工作周期", "=12月", "12月"),
              ("产出", "成本", "招商引资工作经费", "≤4万元", "3.96万元"),
              ("效益", "经济效益", "招商活动的签约项目个数", "≥2个", "1个"),
              ("满意度", "服务对象满意度", "客商满意度", "≥98%", "99%")]


@pytest.fixture
def forms(app):
    """招商引资工作经费 with 中央 10 + 本级 4 万元, its approved targets, an 8月底 monitoring report and a
    self-evaluation with every actual value. Returns the submission ids by kind."""
    with app.test_request_context():
        project = project_with_targets(code="ZS-2022-031")
        set_funding(project, {"central": {"budget": "10", "allocated": "10", "spent": "9"},
                              "local": {"budget": "4", "allocated": "4", "spent": "4"}})
        declaration = db.session.scalar(select(Submission).where(Submission.project_id == project.id,
                                                                 Submission.kind == "target_declaration"))
        declaration.target_version.overall_goal = GOAL
        unit = user("unit")
        actual = {"举办招商引资活动数量": "3", "招商引资工作周期": "12", "招商引资工作经费": "3.96",
                  "招商活动的签约项目个数": "1", "客商满意度": "99"}
        ids = {"target_declaration": declaration.id}
        for kind, checkpoint in (("monitoring", 8), ("self_evaluation", None)):
            submission = operations.create(kind=kind, project=project, user=unit, checkpoint=checkpoint)
            rows = {i.id: {"actual": actual[i.name], "note": "签约项目受市场影响未达预期" if i.name.startswith("招商活动")
                           else "", "expects": i.name != "招商活动的签约项目个数"}
                    for i in submission.target_version.indicators}
            operations.save_results(submission, unit, rows)
            if kind == "monitoring":
                operations.save_data(submission, unit, spent="8.50")
            else:
                operations.save_data(submission, unit, summary="全年举办招商推介活动3次，签约项目1个")
            ids[kind] = submission.id
        db.session.commit()
        return ids


def _docx_rows(data: bytes) -> list[list[str]]:
    """Each table row's cell texts, a merged cell once, empty cells left out (as in ``_xlsx_rows``)."""
    document = Document(io.BytesIO(data))
    rows = []
    for row in document.tables[0].rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
        rows.append([c for c in cells if c != ""])
    return rows


def _xlsx_rows(data: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [[str(v) for v in row if v not in (None, "")] for row in sheet.iter_rows(values_only=True)]


def _row(rows, first: str) -> list[str]:
    return next(r for r in rows if first in r)


def _indicator_rows(rows) -> list[list[str]]:
    return [r for r in rows if any(name in r and target in r for _, _, name, target, _ in INDICATORS)]


def test_self_evaluation_form_in_word_and_excel(app, world, forms):
    unit = as_user(app, "unit", world["passwords"]["unit"])
    base = f"/work/submissions/{forms['self_evaluation']}"
    word = unit.get(f"{base}/form.docx")
    excel = unit.get(f"{base}/form.xlsx")
    assert word.headers["Content-Disposition"].startswith("attachment") and excel.status_code == 200
    document = Document(io.BytesIO(word.data))
    assert document.paragraphs[0].text == "项目支出绩效自评表" and "2022年度" in document.paragraphs[1].text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    for rows in (_docx_rows(word.data), _xlsx_rows(excel.data)[2:]):
        assert _row(rows, "项目名称")[1] == "招商引资工作经费"
        assert UNIT in _row(rows, "主管部门（单位）")
        # Funds by source, execution rate 13 ÷ 14 = 92.86 %, 10 points × 92.86 % = 9.29.
        assert _row(rows, "年度资金总额")[-6:] == ["14.00", "14.00", "13.00", "10.00", "92.86%", "9.29"]
        assert _row(rows, "其中：中央资金")[-3:] == ["10.00", "10.00", "9.00"]
        assert _row(rows, "其中：本级资金")[-3:] == ["4.00", "4.00", "4.00"]
        assert GOAL in _row(rows, GOAL) and "全年举办招商推介活动3次，签约项目1个" in _row(rows, GOAL)
        found = _indicator_rows(rows)
        assert len(found) == 5
        for (_, _, name, target, actual), row in zip(INDICATORS, found, strict=True):
            assert name in row and target in row and actual in row
        # 产出 50 points over weights 20/10/10; 效益 30 (one indicator at 50 %); 满意度 10.
        assert _row(found, "举办招商引资活动数量")[-3:] == ["3个", "25.00", "25.00"]
        assert _row(found, "招商活动的签约项目个数")[-3:] == ["30.00", "15.00", "签约项目受市场影响未达预期"]
        assert _row(rows, "总分")[-3:] == ["100.00", "84.29", "评价等级：良"]
    # 一级 / 二级 cells are merged as on the official form: 产出 spans its three indicators in Word.
    table = document.tables[0]
    first = next(i for i, r in enumerate(table.rows) if any("举办招商引资活动数量" == c.text for c in r.cells))
    assert table.cell(first, 1)._tc is table.cell(first + 2, 1)._tc and table.cell(first, 1).text == "产出"
    sheet = load_workbook(io.BytesIO(excel.data)).active
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # 9: A4
    assert any(str(r) for r in sheet.merged_cells.ranges)


def test_target_declaration_form(app, world, forms):
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    base = f"/work/submissions/{forms['target_declaration']}"
    word, excel = reviewer.get(f"{base}/form.docx"), reviewer.get(f"{base}/form.xlsx")
    assert Document(io.BytesIO(word.data)).paragraphs[0].text == "项目支出绩效目标申报表"
    for rows in (_docx_rows(word.data), _xlsx_rows(excel.data)[2:]):
        assert _row(rows, "项目名称")[1] == "招商引资工作经费" and "ZS-2022-031" in _row(rows, "项目编码")
        assert UNIT in _row(rows, "主管部门（单位）")
        assert _row(rows, "年度资金总额")[-1] == "14.00"
        assert _row(rows, "其中：中央资金")[-1] == "10.00" and _row(rows, "其中：本级资金")[-1] == "4.00"
        assert GOAL in _row(rows, "年度总体目标")
        assert _row(rows, "一级指标")[-5:] == ["一级指标", "二级指标", "三级指标", "指标值", "权重（分）"]
        found = _indicator_rows(rows)
        assert len(found) == 5
        for (_, _, name, target, _), row in zip(INDICATORS, found, strict=True):
            assert row[-3:][:2] == [name, target]
        assert _row(found, "客商满意度")[-1] == "30"


def test_monitoring_form(app, world, forms):
    unit = as_user(app, "unit", world["passwords"]["unit"])
    base = f"/work/submissions/{forms['monitoring']}"
    word, excel = unit.get(f"{base}/form.docx"), unit.get(f"{base}/form.xlsx")
    assert Document(io.BytesIO(word.data)).paragraphs[0].text == "项目支出绩效运行监控表"
    assert "截至8月底" in Document(io.BytesIO(word.data)).paragraphs[1].text
    for rows in (_docx_rows(word.data), _xlsx_rows(excel.data)[2:]):
        assert _row(rows, "项目名称")[1] == "招商引资工作经费"
        # 8.50 of 14.00 spent = 60.71 %; 8 of 12 months = 66.67 %: 5.96 points behind.
        money_row = next(r for r in rows if "14.00" in r)
        assert money_row[-6:] == ["14.00", "14.00", "8.50", "60.71%", "66.67%", "5.96"]
        found = _indicator_rows(rows)
        assert len(found) == 5
        assert _row(found, "招商活动的签约项目个数")[-4:] == ["≥2个", "1个", "否", "签约项目受市场影响未达预期"]
        assert _row(found, "客商满意度")[-3:] == ["≥98%", "99%", "是"]


def test_paper_forms_follow_the_submission_access_rules(app, world, forms):
    """As the submission page: a draft only for its unit; once handed in, the bureau too."""
    with app.test_request_context():
        operations.apply_transition(db.session.get(Submission, forms["self_evaluation"]), "submit", user("unit"))
        db.session.commit()
    own = f"/work/submissions/{forms['self_evaluation']}"
    for username, status in (("unit", 200), ("reviewer", 200), ("section", 200), ("unit2", 404), ("firm", 404),
                             ("expert", 404)):
        client = as_user(app, username, world["passwords"][username])
        for suffix in ("print", "form.docx", "form.xlsx"):
            assert client.get(f"{own}/{suffix}").status_code == status, (username, suffix)


def test_print_view_has_the_form_and_no_navigation(app, world, forms):
    unit = as_user(app, "unit", world["passwords"]["unit"])
    response = unit.get(f"/work/submissions/{forms['self_evaluation']}/print")
    html = response.get_data(as_text=True)
    page = text_of(response)
    assert "项目支出绩效自评表" in page and "84.29" in page and "评价等级：良" in page
    assert "<nav" not in html and "退出" not in page and "工作台" not in page and "<script" not in html
    assert "css/print.css" in html
    detail = text_of(unit.get(f"/work/submissions/{forms['self_evaluation']}"))
    assert "打印版式" in detail and "下载 Word" in detail and "下载 Excel" in detail


def test_no_paper_form_for_a_kind_without_one(app, world):
    with app.test_request_context():
        project = project_with_targets(code="ZS-2022-032")
        report = operations.create(kind="department_evaluation", project=project, user=user("unit"))
        db.session.commit()
        report_id = report.id
    unit = as_user(app, "unit", world["passwords"]["unit"])
    assert unit.get(f"/work/submissions/{report_id}/print").status_code == 404
