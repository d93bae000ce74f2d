"""The yearly summary's data part as a Word document (python-docx): numbered sections with tables.

Sections come from the ``yearly_report_sections`` hook (the core's and the plugins'), numbered
一、二、… in their order.  After each table a marked paragraph leaves room for the narrative the
bureau writes itself (what was done, what was achieved, what falls short, next year's measures).
"""

from __future__ import annotations

import io
import re

from portal import plugins
from portal.hooktypes import ReportSection
from portal.util import today

NUMERALS = "一二三四五六七八九十"
NARRATIVE = "【文字说明】请在此补充本部分工作情况、取得的成效和存在的问题。"


def numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (enough for a report's chapters)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def title_of(bureau, year: int) -> str:
    return f"{bureau.name}{year}年度全面实施预算绩效管理工作总结报告"


def filename(bureau, year: int) -> str:
    """A download name without characters a file system refuses."""
    return re.sub(r'[\\/:*?"<>|\s]+', "", f"{bureau.name}{year}年度预算绩效管理工作总结（数据部分）") + ".docx"


def sections(bureau, year: int) -> list[ReportSection]:
    return plugins.yearly_report_sections(bureau, year)


def docx_bytes(bureau, year: int) -> bytes:
    """The report for ``bureau`` and ``year``; a section without rows says so instead of a table."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    page = document.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(20)
    page.top_margin = page.bottom_margin = Mm(20)
    for name, size in (("Normal", 10.5), ("Heading 1", 14)):
        style = document.styles[name]
        style.font.name, style.font.size = "SimSun", Pt(size)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体" if name != "Normal" else "宋体")
        if name != "Normal":
            style.font.color.rgb = RGBColor(0, 0, 0)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title_of(bureau, year))
    run.bold, run.font.size = True, Pt(16)
    sub = document.add_paragraph(f"（数据部分，系统于 {today():%Y-%m-%d} 生成）")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(
        f"本文件汇总{bureau.region}各预算单位在系统中审核通过的数据：绩效目标和绩效监控为 {year} 年度项目，"
        f"绩效自评、部门评价、重点绩效评价、全覆盖情况、真实性核查、结果应用及其整改和第三方机构评价为 {year - 1} 年度项目；"
        f"事前绩效评估为 {year} 年开展评估的 {year + 1} 年预算新增项目及本年年中追加项目。"
        "各部分表格之后留有文字说明位置，请补充工作情况后形成正式报告。")

    for number, section in enumerate(sections(bureau, year), start=1):
        document.add_heading(f"{numeral(number)}、{section.title}", level=1)
        document.add_paragraph(section.intro)
        if section.rows:
            _table(document, section)
            if section.note:
                note = document.add_paragraph(f"注：{section.note}")
                for note_run in note.runs:
                    note_run.font.size = Pt(9)
        else:
            document.add_paragraph(section.empty_text)
        document.add_paragraph(NARRATIVE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, section: ReportSection) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = document.add_table(rows=1 + len(section.rows), cols=len(section.header))
    table.style = "Table Grid"
    for c, text in enumerate(section.header):
        paragraph = table.cell(0, c).paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(9)
    for r, row in enumerate(section.rows, start=1):
        for c, text in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            if re.fullmatch(r"[\d,.%\s/—-]+", text or ""):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(text)
            run.font.size = Pt(9)
            run.bold = r == len(section.rows) and row[0] == "合计"
