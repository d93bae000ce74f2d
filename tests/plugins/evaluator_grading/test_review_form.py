"""第三方评价报告评审表: a closed panel's score sheet as Word and Excel files and as the A4 print view,
with every rubric item, each member's score, the mean, the report's total and grade and the conclusion."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from portal.extensions import db
from tests.conftest import text_of
from tests.plugins.evaluator_grading.helpers import FIRM_A, UNIT, as_user
from tests.portal.workflow.helpers import project_with_targets, user

#: Each member's scores on the default rubric (20 / 25 / 25 / 20 / 10), a comment on each deduction.
SCORES = {"reviewer": (20, 23, 24, 18, 10), "expert": (19, 24, 22, 19, 9)}


def _panel(app, *, close: bool = True) -> int:
    from plugins.evaluator_grading import operations as grading
    from plugins.evaluator_grading import panels, queries
    from portal.accounts.models import Organisation
    from portal.scoring.models import Framework
    from portal.submissions import operations

    with app.test_request_context():
        project = project_with_targets(code="EG-RF-01")
        firm_org = db.session.scalar(select(Organisation).where(Organisation.name == FIRM_A))
        reviewer, expert, firm = user("reviewer"), user("expert"), user("firm")
        grading.engage(firm=firm_org, projects=[project], deadline=date(2026, 12, 31), amount="3", user=reviewer)
        report = operations.create(kind="third_party", project=project, user=firm)
        framework = db.session.get(Framework, report.framework_id)
        operations.save_scores(report, firm, {i.id: str(i.weight - (1 if n < 3 else 0))
                                              for n, i in enumerate(framework.items)})
        operations.apply_transition(report, "submit", firm)
        panel = panels.form_panel(report, [reviewer, expert], reviewer)
        items = queries.rubric(reviewer.bureau_id, 2022)
        members = (("reviewer", reviewer), ("expert", expert)) if close else (("reviewer", reviewer),)
        for name, member in members:
            panels.submit_scores(panel, member, {
                i.id: (str(v), "" if v == i.points else f"{i.name}扣分：论证不足（{name}）")
                for i, v in zip(items, SCORES[name], strict=True)})
        db.session.commit()
        return panel.id


def _rows_docx(data: bytes) -> list[list[str]]:
    rows = []
    for row in Document(io.BytesIO(data)).tables[0].rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
        rows.append(cells)
    return rows


def _rows_xlsx(data: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(min_row=3, values_only=True)]


def _row(rows, first):
    return next(r for r in rows if r and r[0] == first)


def test_review_form_in_word_and_excel_has_every_score(app, world):
    panel_id = _panel(app)
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    base = f"/work/evaluator_grading/panels/{panel_id}/review-form"
    word, excel = reviewer.get(f"{base}/docx"), reviewer.get(f"{base}/xlsx")
    assert word.status_code == excel.status_code == 200
    assert word.headers["Content-Disposition"].startswith("attachment")
    assert Document(io.BytesIO(word.data)).paragraphs[0].text == "第三方评价报告评审表"
    for rows in (_rows_docx(word.data), _rows_xlsx(excel.data)):
        assert _row(rows, "项目名称")[1] == "招商引资工作经费（EG-RF-01）"
        assert _row(rows, "被评价单位")[1] == UNIT and _row(rows, "评价机构")[1] == FIRM_A
        # The firm's own score sheet: 100 − 3 deducted points = 97.00 → 优.
        assert _row(rows, "报告评价结果")[1] == "97.00 分，评价等级：优"
        header = _row(rows, "评审内容")
        assert header[1] == "分值" and "李建华" in header[2] and "马国庆" in header[3] and header[4] == "平均分"
        # Rubric rows: points, each member's score, their mean, the comments.
        assert _row(rows, "评价方案与指标体系")[:5] == ["评价方案与指标体系", "20.00", "20.00", "19.00", "19.50"]
        evidence = _row(rows, "证据与数据")
        assert evidence[:5] == ["证据与数据", "25.00", "23.00", "24.00", "23.50"]
        assert "（评审人1）证据与数据扣分：论证不足（reviewer）" in evidence[5]
        assert "（评审人2）证据与数据扣分：论证不足（expert）" in evidence[5]
        assert _row(rows, "形式与时效")[:5] == ["形式与时效", "10.00", "10.00", "9.00", "9.50"]
        # Totals 95 and 93; the panel's score is their mean, 94.00 ≥ 90: passed.
        assert _row(rows, "合计")[:5] == ["合计", "100.00", "95.00", "93.00", "94.00"]
        assert "评审组得分 94.00 分" in _row(rows, "评审结论")[1] and "通过" in _row(rows, "评审结论")[1]


def test_review_form_print_view_and_who_may_open_it(app, world):
    panel_id = _panel(app)
    base = f"/work/evaluator_grading/panels/{panel_id}/review-form"
    expert = as_user(app, "expert", world["passwords"]["expert"])
    page = expert.get(f"{base}/print")
    html = page.get_data(as_text=True)
    assert "第三方评价报告评审表" in text_of(page) and "94.00" in text_of(page)
    assert "<nav" not in html and "退出" not in text_of(page)
    assert "评审表：" in text_of(expert.get(f"/work/evaluator_grading/panels/{panel_id}"))
    for username in ("unit", "firm"):
        assert as_user(app, username, world["passwords"][username]).get(f"{base}/docx").status_code == 404
    assert expert.get(f"{base}/pdf").status_code == 404


def test_no_review_form_while_the_panel_is_scoring(app, world):
    panel_id = _panel(app, close=False)
    reviewer = as_user(app, "reviewer", world["passwords"]["reviewer"])
    response = reviewer.get(f"/work/evaluator_grading/panels/{panel_id}/review-form/docx", follow_redirects=True)
    assert "评审尚未结束" in text_of(response)
