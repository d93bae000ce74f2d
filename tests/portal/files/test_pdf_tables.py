"""Issue 17: a PDF report gives the proposal its DOCX gives (seed 003: total, grade, level-1, 19 items).

The PDF is printed here with fpdf2 as a word processor would: the report's paragraphs wrapped at the
page width, then 附表1 with narrow name columns, so names wrap inside their cells, each level-1 cell
merged over its items and centred vertically, and the table running onto a second page.
"""

from __future__ import annotations

import io
import re

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from portal.files.operations import attach
from portal.files.pdf_tables import document_tables, reflow
from portal.files.proposal import propose
from portal.files.queries import score_proposal
from tests.portal.files.samples import CJK_FONT, seed_text, upload
from tests.portal.files.test_proposal import _paragraphs, _proposal_from_docx, _score_table_003

pytestmark = pytest.mark.skipif(not CJK_FONT.exists(), reason="the WenQuanYi CJK font is not installed")

CRITERION = "依据充分、程序规范，材料齐全的得满分；每发现一处问题扣 1 分，扣完为止"


def _pdf_of_report(paragraphs: list[str], table: list[list[str]], merged: bool = True) -> bytes:
    pdf = FPDF()
    pdf.add_font("wqy", fname=str(CJK_FONT))
    pdf.add_font("wqy", style="B", fname=str(CJK_FONT))
    pdf.set_font("wqy", size=10.5)
    pdf.add_page()
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.multi_cell(0, 6, "附表1：项目绩效评价指标体系及评分表", new_x="LMARGIN", new_y="NEXT")
    body = table[1:-1]
    with pdf.table(col_widths=(14, 16, 58, 12, 12), text_align=("CENTER", "LEFT", "LEFT", "RIGHT", "RIGHT"),
                   first_row_as_headings=True) as grid:
        head = grid.row()
        for text in ("一级指标", "三级指标", "评分标准", "分值", "得分"):
            head.cell(text)
        for index, (level1, name, weight, score) in enumerate(body):
            row = grid.row()
            if not merged:
                row.cell(level1)
            elif index == 0 or body[index - 1][0] != level1:
                row.cell(level1, rowspan=sum(1 for r in body if r[0] == level1))
            row.cell(name)
            row.cell(CRITERION)
            row.cell(weight)
            row.cell(score)
        last = grid.row()
        last.cell("合计", colspan=3)
        last.cell(table[-1][2])
        last.cell(table[-1][3])
    return bytes(pdf.output())


def test_seed_003_as_pdf_gives_what_its_docx_gives(ctx):
    text = seed_text("003")
    table = _score_table_003(text)
    from_docx = _proposal_from_docx(ctx, text, tables=[table])
    assert len(from_docx.items) == 19

    data = _pdf_of_report(_paragraphs(text), table)
    attachment = attach(upload(data, "评价报告.pdf"), owner_type="test_report", owner_id=1, user=ctx)
    assert attachment.stored.kind == "pdf"
    # The plain text interleaves the table's wrapped rows and breaks the paragraphs: read as it was
    # before, it gives only the few item scores whose sentence happens to fit on one line.
    assert len(propose(attachment.stored.text).items) < 19

    from_pdf = score_proposal(attachment)
    assert len(from_pdf.items) == 19
    assert from_pdf.items == from_docx.items
    assert from_pdf.level1 == from_docx.level1 == {"决策": 20, "过程": 20, "产出": 40, "效益": 20}
    assert (from_pdf.total, from_pdf.grade, from_pdf.computed_grade) == (from_docx.total, "优", "优")


def test_wrapped_rows_and_merged_cells_are_read_cell_by_cell():
    table = _score_table_003(seed_text("003"))
    tables = document_tables(PdfReader(io.BytesIO(_pdf_of_report(["评分表"], table))))
    rows = [row for t in tables for row in t]
    # The header repeats on the second page; the rows are the 19 items and the total, in order.
    body = [r for r in rows if r[1] not in ("三级指标",)]
    assert [r[1] for r in body[:-1]] == [r[1] for r in table[1:-1]]
    assert body[0][:2] == ["决策", "立项依据充分性"] and body[0][2] == CRITERION and body[0][3:] == ["3", "3"]
    # A merged level-1 cell is read once, at its first row; the rows under it stay empty there.
    assert body[1][0] == "" and body[6][0] == "过程"
    assert body[-1][0] == "合计" and body[-1][-2:] == ["100", "100"]
    # The level-1 scores come from the table alone (the text does not state them here).
    proposal = propose("评分表", tables)
    assert proposal.level1 == {"决策": 20, "过程": 20, "产出": 40, "效益": 20} and proposal.total == 100
    assert len(proposal.items) == 19


def test_reflow_joins_wrapped_lines_but_not_headings_or_items():
    wrapped = ("（一）项目决策\n"
               + "项目决策类指标包括项目立项、绩效目标和资金投入三方面的内容，由6个三\n"
               + "级指标构成，权重分为20分，实际得分20分。\n"
               + "（1）立项依据充分性：陶财预（2022）1号并结合阿克陶县商信局职责组织实\n"
               + "施，该指标不扣分，得3分。\n")
    assert reflow(wrapped).splitlines() == [
        "（一）项目决策",
        "项目决策类指标包括项目立项、绩效目标和资金投入三方面的内容，由6个三级指标构成，权重分为20分，实际得分20分。",
        "（1）立项依据充分性：陶财预（2022）1号并结合阿克陶县商信局职责组织实施，该指标不扣分，得3分。"]
    assert propose(reflow(wrapped)).items == {"立项依据充分性": 3}


def test_findings_and_team_of_the_pdf_equal_the_docx(ctx):
    """The report's 存在问题 / 建议 and team, read from the PDF's joined paragraphs, as from the DOCX."""
    from portal.files.report_contents import read_contents
    from tests.portal.files.samples import make_docx

    text = seed_text("003")
    paragraphs = _paragraphs(text)
    docx_file = attach(upload(make_docx(paragraphs), "报告.docx"), owner_type="test_report", owner_id=2, user=ctx)
    pdf_file = attach(upload(_pdf_of_report(paragraphs, _score_table_003(text)), "报告.pdf"),
                      owner_type="test_report", owner_id=2, user=ctx)
    expected = read_contents(docx_file.stored.text)
    got = read_contents(reflow(pdf_file.stored.text))
    assert expected.findings and got.findings == expected.findings
    # A space the seed has between two Chinese words is where the PDF wrapped the line: it is gone.
    assert got.recommendations == [_no_cjk_spaces(r) for r in expected.recommendations]
    assert len(got.recommendations) == 3 and got.team == expected.team


def _no_cjk_spaces(text: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff，、]) (?=[\u4e00-\u9fff])", "", text)


def test_a_pdf_without_ruled_tables_is_read_from_its_text(ctx):
    from tests.portal.files.samples import make_pdf

    data, _ = make_pdf(["招商引资工作经费绩效评价报告", "本项目总得分为92分，绩效评级属于“优”。",
                        "其中，决策类指标得分18分，过程类指标得分19分。"])
    assert document_tables(PdfReader(io.BytesIO(data))) == []
    attachment = attach(upload(data, "报告.pdf"), owner_type="test_report", owner_id=3, user=ctx)
    proposal = score_proposal(attachment)
    assert (proposal.total, proposal.grade, proposal.level1, proposal.items) == (92, "优", {"决策": 18, "过程": 19}, {})
