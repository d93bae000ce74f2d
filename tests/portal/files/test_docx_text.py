"""The lean DOCX walk (``portal.files.docx_text``) reads exactly what python-docx's objects read.

Each file is read both ways from the same opened document: the lean walk, and
``extract._docx_objects`` (the reading through ``Paragraph`` / ``Table`` / ``_Row.cells`` that the
product used before).  Text, tables and the cap must be equal, on the benchmark's 100-page report, the
seeds made into Word documents, the files the other tests upload, the product's own DOCX (paper forms
with merged cells, the demo's evaluation report), and hand-made XML for every construct the walk treats.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from portal.files import docx_text
from portal.files.extract import Extracted, _docx, _docx_objects, extract_in_process
from tests.portal.files.samples import add_table, docx_bytes, make_docx, seed_text

BIG = 10**8


def _both(data: bytes, max_chars: int = BIG) -> tuple[Extracted, Extracted]:
    document = docx.Document(io.BytesIO(data))
    lean = Extracted(*docx_text.read(document, max_chars))
    reference = _docx_objects(docx.Document(io.BytesIO(data)), max_chars)
    return lean, reference


def assert_same(data: bytes, max_chars: int = BIG) -> Extracted:
    lean, reference = _both(data, max_chars)
    assert lean.text == reference.text
    assert lean.tables == reference.tables
    assert extract_in_process(data, "docx", max_chars) == reference  # what the upload stores
    return reference


def _seed_docx(number: str) -> bytes:
    """A seed as a Word report: its lines as paragraphs, runs of tab-separated lines as tables."""
    document = docx.Document()
    lines = [line for line in seed_text(number).splitlines() if line.strip()]
    index = 0
    while index < len(lines):
        if "\t" not in lines[index]:
            document.add_paragraph(lines[index])
            index += 1
            continue
        block = []
        while index < len(lines) and "\t" in lines[index]:
            block.append(lines[index].split("\t"))
            index += 1
        add_table(document, block)
    return docx_bytes(document)


def test_the_benchmark_report_reads_the_same(seeds_dir):
    from bench.ingest import report_docx, sentences

    data = report_docx(100, 1, sentences())
    result = assert_same(data)
    assert len(result.text) > 80_000 and len(result.tables) == 10
    assert result.tables[0][0] == ["一级指标", "二级指标", "分值", "得分"]


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_seed_as_a_word_report_reads_the_same(number):
    result = assert_same(_seed_docx(number))
    first = next(line.strip() for line in seed_text(number).splitlines() if line.strip() and "\t" not in line)
    assert first in result.text


@pytest.mark.parametrize("max_chars", [1, 50, 1000, 5000])
def test_the_cap_cuts_at_the_same_place(max_chars):
    result = assert_same(_seed_docx("003"), max_chars)
    assert len(result.text) == max_chars


def test_the_uploads_of_the_other_tests_read_the_same():
    table = [["三级指标", "分值", "得分"], ["立项依据充分性", "3", "3"], ["绩效目标合理性", "3", "2.5"]]
    samples = [
        make_docx(["一、项目概况", "二、评价结论"], tables=[[["三级指标", "得分"], ["立项依据充分性", "3"]]]),
        make_docx(["同一份报告"]),
        make_docx(["正常的报告正文"]),
        make_docx([p for p in seed_text("003").splitlines() if p.strip()], tables=[table], table_after=40),
        make_docx([""] * 3 + ["  前后有空格  ", "\t制表\t"]),
    ]
    for data in samples:
        assert_same(data)


def test_the_products_own_documents_read_the_same():
    from portal.demo_workflow import report_docx
    from portal.paperforms.layouts import Cell, PaperForm
    from portal.paperforms.writers import docx_bytes

    assert "评价" in assert_same(report_docx()).text
    form = PaperForm(title="项目支出绩效自评表", subtitle="（2022年度）", columns=5, signatures=["填表人：", "审核人："],
                     rows=[[Cell("项目名称", head=True), Cell("招商引资工作经费", colspan=4)],
                           [Cell("年度指标", rowspan=3, head=True), Cell("一级指标"), Cell("二级指标"),
                            Cell("指标值", colspan=2)],
                           [Cell("产出指标", rowspan=2), Cell("数量指标"), Cell("5次"), Cell("5次")],
                           [Cell("质量指标"), Cell("100%"), Cell("98%")],
                           [Cell("总分", colspan=3), Cell("100"), Cell("97.96")]])
    result = assert_same(docx_bytes(form))
    # Merged cells once per row; a vertically merged cell stands in each row it spans (as python-docx reads it).
    assert result.tables[0][0] == ["项目名称", "招商引资工作经费"]
    assert result.tables[0][2] == ["年度指标", "产出指标", "数量指标", "5次", "5次"]
    assert result.tables[0][3] == ["年度指标", "产出指标", "质量指标", "100%", "98%"]


def _with_body_xml(*fragments: str) -> bytes:
    """A DOCX whose body holds ``fragments`` (WordprocessingML, ``w:`` prefix) before its section properties."""
    document = docx.Document()
    body = document.element.body
    for fragment in fragments:
        body.insert(len(body) - 1, parse_xml(f'<w:root {nsdecls("w", "r")}>{fragment}</w:root>')[0])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _row(*cells: str, props: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


RUNS = [
    # tabs, breaks of every type, carriage return, no-break hyphen, absolute tab, empty and spaced text
    '<w:p><w:r><w:t>预算</w:t><w:tab/><w:t xml:space="preserve"> 绩效 </w:t><w:br/><w:t>第二行</w:t>'
    '<w:br w:type="page"/><w:t>分页后</w:t><w:br w:type="column"/><w:br w:type="textWrapping"/><w:cr/>'
    '<w:noBreakHyphen/><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t/></w:r></w:p>',
    # hyperlinks, fields, insertions, smart tags and content controls inside a paragraph: only direct runs count
    '<w:p><w:r><w:t>见</w:t></w:r><w:hyperlink r:id="rId99"><w:r><w:t>附件一</w:t></w:r>'
    "<w:proofErr/><w:r><w:tab/></w:r></w:hyperlink><w:fldSimple w:instr=\"PAGE\"><w:r><w:t>3</w:t></w:r></w:fldSimple>"
    "<w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>插入</w:t></w:r></w:ins>"
    "<w:sdt><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt><w:r><w:delText>删</w:delText>"
    "<w:t>尾</w:t><w:drawing/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r></w:p>",
    # a body-level content control and bookmarks are not blocks; an empty paragraph is an empty line
    "<w:sdt><w:sdtContent><w:p><w:r><w:t>目录控件</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    '<w:bookmarkStart w:id="0" w:name="a"/><w:p/><w:bookmarkEnd w:id="0"/>',
    "<!-- a comment -->",
]


def test_runs_breaks_links_and_controls_read_the_same():
    result = assert_same(_with_body_xml(*RUNS))
    assert "预算\t 绩效 \n第二行分页后\n\n-\t" in result.text
    assert "见附件一\t尾" in result.text and "控件" not in result.text


TABLES = {
    "horizontal spans": _row(_cell("项目名称"), _cell("招商引资", '<w:gridSpan w:val="3"/>'))
    + _row(_cell("a"), _cell("b"), _cell("c"), _cell("d")),
    "vertical merge chain": _row(_cell("一级", '<w:vMerge w:val="restart"/>'), _cell("二级"))
    + _row(_cell("", "<w:vMerge/>"), _cell("三级"))
    + _row(_cell("", '<w:vMerge w:val="continue"/>'), _cell("四级")),
    "merged both ways": _row(_cell("合并", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'), _cell("x"))
    + _row(_cell("", '<w:gridSpan w:val="2"/><w:vMerge/>'), _cell("y")),
    "rows starting late": _row(_cell("a"), _cell("b"), _cell("c"))
    + _row(_cell("右"), props='<w:gridBefore w:val="2"/>')
    + _row(_cell("", "<w:vMerge/>"), props='<w:gridBefore w:val="2"/>'),
    "a cell spanning nothing": _row(_cell("零", '<w:gridSpan w:val="0"/>'), _cell("一")),
    "nested table and paragraphs in a cell": _row(
        "<w:tc><w:p><w:r><w:t> 第一段 </w:t></w:r></w:p><w:tbl>" + _row(_cell("内表")) + "</w:tbl>"
        "<w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc>", _cell("")),
    "an empty table": "",
}


@pytest.mark.parametrize("name", list(TABLES))
def test_tables_read_the_same(name):
    result = assert_same(_with_body_xml("<w:p><w:r><w:t>前</w:t></w:r></w:p>", f"<w:tbl>{TABLES[name]}</w:tbl>",
                                        "<w:p><w:r><w:t>后</w:t></w:r></w:p>"))
    assert re.match(r"前\n", result.text) and result.text.endswith("\n后")
    if name == "vertical merge chain":
        assert result.tables == [[["一级", "二级"], ["一级", "三级"], ["一级", "四级"]]]
    if name == "merged both ways":
        assert result.tables == [[["合并", "x"], ["合并", "y"]]]
    if name == "rows starting late":
        assert result.tables[0][1:] == [["右"], ["右"]]
    if name == "a cell spanning nothing":
        assert result.tables == [[["一"]]]
    if name == "nested table and paragraphs in a cell":
        assert result.tables == [[["第一段 \n第二段", ""]]]


@pytest.mark.parametrize("table", [
    _row(_cell("", "<w:vMerge/>"), _cell("首行就续接")),  # python-docx: no row above
    _row(_cell("a"), _cell("b")) + _row(_cell("b", '<w:gridSpan w:val="2"/>'), _cell("", "<w:vMerge/>")),
    _row(_cell("x", "<w:gridSpan/>")),  # w:val missing
    _row(_cell("x", '<w:gridSpan w:val="两"/>')),
])
def test_what_python_docx_refuses_is_refused_the_same(table):
    """The lean walk gives up on these; python-docx's objects then decide, and refuse, as before."""
    data = _with_body_xml(f"<w:tbl>{table}</w:tbl>")
    document = docx.Document(io.BytesIO(data))
    with pytest.raises(Exception):  # noqa: B017, PT011 - python-docx's own ValueError / InvalidXmlError
        docx_text.read(document, BIG)
    with pytest.raises(Exception):  # noqa: B017, PT011
        _docx_objects(document, BIG)
    with pytest.raises(Exception):  # noqa: B017, PT011
        _docx(data, BIG)
