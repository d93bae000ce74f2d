"""The official layouts as one grid of cells, which the print view, DOCX and XLSX writers all render.

A :class:`PaperForm` is a title, a subtitle, a grid of rows (cells with row and column spans) and the
signature line. Each builder reads a submission's data; nothing here is typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from portal.scoring import compute
from portal.submissions import effects
from portal.submissions.models import Submission
from portal.workcal.dates import CHECKPOINT_LABELS


@dataclass
class Cell:
    """One cell of the grid; ``head`` cells are labels (bold, shaded)."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    head: bool = False
    #: ``left``, ``center`` or ``right`` (amounts and scores).
    align: str = "center"
    #: Keep on one line in the print view (short labels of a narrow first column).
    nowrap: bool = False


@dataclass
class PaperForm:
    """A form ready to print: title, subtitle, grid, signature line and download name."""

    title: str
    subtitle: str
    columns: int
    rows: list[list[Cell]] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    filename: str = ""

    def placed(self) -> list[tuple[int, int, Cell]]:
        """(row, column, cell) of every cell, columns taken by row spans above skipped."""
        taken: set[tuple[int, int]] = set()
        out = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return out


def head(text: str, colspan: int = 1, rowspan: int = 1, *, nowrap: bool = False) -> Cell:
    return Cell(text, colspan, rowspan, head=True, nowrap=nowrap)


def text(value, colspan: int = 1, align: str = "left") -> Cell:
    return Cell("" if value is None else str(value), colspan, align=align)


def num(value, colspan: int = 1) -> Cell:
    return Cell(money(value), colspan, align="right")


def money(value) -> str:
    """万元 or points with two decimals; empty for ``None``."""
    if value is None or value == "":
        return ""
    return f"{Decimal(str(value)):,.2f}"


def percent(value) -> str:
    return "" if value is None else f"{Decimal(value):.2f}%"


def _funding_rows(project) -> list[tuple[str, object]]:
    rows = [("年度资金总额", project)]
    for f in project.funding:
        rows.append((f"其中：{f.source_label}资金", f))
    return rows


def _header(form: PaperForm, submission: Submission, span: int) -> None:
    project = submission.project
    half = (span - 1) // 2
    form.rows += [
        [head("项目名称"), text(project.name, span - 1)],
        [head("项目编码"), text(project.code, half), head("项目类别"), text(project.category, span - 2 - half)],
        [head("主管部门（单位）"), text(project.unit.name, half), head("实施单位"),
         text(submission.org.name if submission.org.kind == "unit" else project.unit.name, span - 2 - half)],
    ]


def _indicator_path(indicators) -> list[tuple[object, Cell, Cell]]:
    """Indicators in order with their 一级 and 二级 cells, merged down over equal neighbours."""
    out, i = [], 0
    items = list(indicators)
    while i < len(items):
        j = i
        while j < len(items) and items[j].level1 == items[i].level1:
            j += 1
        group = items[i:j]
        k = 0
        while k < len(group):
            m = k
            while m < len(group) and group[m].level2 == group[k].level2:
                m += 1
            for n, ind in enumerate(group[k:m]):
                l1 = Cell(ind.level1, rowspan=len(group)) if k == 0 and n == 0 else None
                l2 = Cell(ind.level2, rowspan=m - k) if n == 0 else None
                out.append((ind, l1, l2))
            k = m
        i = j
    return out


def _with_path(row: list[Cell], l1: Cell | None, l2: Cell | None) -> list[Cell]:
    return [c for c in (l1, l2) if c is not None] + row


# -- 项目支出绩效目标申报表 ---------------------------------------------------------------------------------

def target_declaration(submission: Submission) -> PaperForm:
    """项目支出绩效目标申报表: project, unit, funds by source, overall goal, 一级/二级/三级/指标值 table."""
    project, version = submission.project, submission.target_version
    form = PaperForm("项目支出绩效目标申报表", f"（{project.fiscal_year}年度）", 6,
                     signatures=["填报单位（盖章）：", "单位负责人：", "填报人：", "填报日期："],
                     filename=f"{project.code}_绩效目标申报表")
    _header(form, submission, 6)
    funding = _funding_rows(project)
    form.rows.append([head("项目资金（万元）", rowspan=len(funding) + 1), head("资金来源", 2), head("预算数", 3)])
    for label, source in funding:
        form.rows.append([text(label, 2), num(source.budget, 3)])
    form.rows.append([head("年度总体目标"), text(version.overall_goal if version else "", 5)])
    indicators = version.indicators if version else []
    form.rows.append([head("绩效指标", rowspan=len(indicators) + 1), head("一级指标"), head("二级指标"),
                      head("三级指标"), head("指标值"), head("权重（分）")])
    for ind, l1, l2 in _indicator_path(indicators):
        form.rows.append(_with_path([text(ind.name), text(ind.target_text, align="center"),
                                     text(ind.weight_text, align="right")], l1, l2))
    return form


# -- 项目支出绩效运行监控表 ---------------------------------------------------------------------------------

def monitoring(submission: Submission) -> PaperForm:
    """项目支出绩效运行监控表 at a checkpoint: execution against time progress, indicator progress."""
    project, version = submission.project, submission.target_version
    checkpoint = CHECKPOINT_LABELS[submission.checkpoint] if submission.checkpoint else ""
    month = submission.checkpoint or 12
    form = PaperForm("项目支出绩效运行监控表", f"（{project.fiscal_year}年度 · 截至{checkpoint}）", 8,
                     signatures=["填报单位（盖章）：", "单位负责人：", "填报人：", "填报日期："],
                     filename=f"{project.code}_绩效监控表_{checkpoint}")
    _header(form, submission, 8)
    spent = (submission.data or {}).get("spent")
    spent = Decimal(str(spent)) if spent not in (None, "") else None
    rate = effects.spent_rate(submission)
    progress = compute.time_progress(month)
    form.rows.append([head("项目资金（万元）", rowspan=2), head("年度预算数"), head("到位数"),
                      head(f"执行数（截至{checkpoint}）"), head("执行率"), head("时间进度"), head("进度偏差（百分点）", 2)])
    form.rows.append([num(project.budget), num(project.allocated), num(spent if spent is not None else project.spent),
                      text(percent(rate), align="right"), text(percent(progress), align="right"),
                      text(money(compute.execution_deviation(month, rate)), 2, align="right")])
    form.rows.append([head("年度总体目标"), text(version.overall_goal if version else "", 7)])
    indicators = version.indicators if version else []
    form.rows.append([head("绩效指标", rowspan=len(indicators) + 1), head("一级指标"), head("二级指标"),
                      head("三级指标"), head("年度指标值"), head(f"截至{checkpoint}完成值"), head("全年能否完成"),
                      head("偏差原因及纠偏措施")])
    for ind, l1, l2 in _indicator_path(indicators):
        result = submission.result_for(ind.id)
        form.rows.append(_with_path([text(ind.name), text(ind.target_text, align="center"),
                                     text(_actual_text(ind, result), align="center"),
                                     text(("是" if result.expects_completion else "否") if result else "", align="center"),
                                     text(result.note if result else "")], l1, l2))
    return form


def _actual_text(ind, result) -> str:
    if result is None:
        return ""
    if result.actual_text:
        return result.actual_text
    if result.actual_value is not None:
        return f"{result.actual_value.normalize():f}{ind.unit if ind.operator != '定性' else ''}"
    if result.judged_completion is not None:
        return f"完成 {result.judged_completion.normalize():f}%"
    return ""


# -- 项目支出绩效自评表 -------------------------------------------------------------------------------------

def self_evaluation(submission: Submission) -> PaperForm:
    """项目支出绩效自评表 (seed 002): funds and 执行率 score, indicators with 分值 / 得分, total and grade."""
    project, version = submission.project, submission.target_version
    form = PaperForm("项目支出绩效自评表", f"（{project.fiscal_year}年度）", 9,
                     signatures=["填报单位（盖章）：", "单位负责人：", "填报人：", "填报日期："],
                     filename=f"{project.code}_绩效自评表")
    _header(form, submission, 9)
    summary = effects.score_summary(submission)
    execution = summary.by_level1.get(compute.EXECUTION_ITEM) if summary else None
    funding = _funding_rows(project)
    form.rows.append([head("项目资金（万元）", rowspan=len(funding) + 1), head("资金来源", 2), head("预算数"),
                      head("到位数"), head("执行数"), head("分值"), head("执行率"), head("得分")])
    for index, (label, source) in enumerate(funding):
        first = index == 0
        form.rows.append([text(label, 2), num(source.budget), num(source.allocated), num(source.spent),
                          num(execution[1] if first and execution else None),
                          text(percent(effects.spent_rate(submission)) if first else "", align="right"),
                          num(execution[0] if first and execution else None)])
    data = submission.data or {}
    form.rows.append([head("年度总体目标", rowspan=2), head("预期目标", 4), head("实际完成情况", 4)])
    form.rows.append([text(version.overall_goal if version else "", 4), text(data.get("summary", ""), 4)])
    indicators = version.indicators if version else []
    scores = {s.indicator_id: s for s in ((summary.indicator_rows or []) if summary else [])}
    form.rows.append([head("绩效指标", rowspan=len(indicators) + 1), head("一级指标"), head("二级指标"),
                      head("三级指标"), head("年度指标值"), head("实际完成值"), head("分值"), head("得分"),
                      head("偏差原因分析及改进措施")])
    for ind, l1, l2 in _indicator_path(indicators):
        result, score = submission.result_for(ind.id), scores.get(ind.id)
        form.rows.append(_with_path([text(ind.name), text(ind.target_text, align="center"),
                                     text(_actual_text(ind, result), align="center"),
                                     num(score.points if score else None), num(score.score if score else None),
                                     text(result.note if result else "")], l1, l2))
    total = summary.total if summary else None
    grade = summary.grade if summary else ""
    form.rows.append([head("总分", 6), num(Decimal(100)), num(total), text(f"评价等级：{grade or '—'}")])
    return form


BUILDERS = {"target_declaration": target_declaration, "monitoring": monitoring, "self_evaluation": self_evaluation}


def form_for(submission: Submission) -> PaperForm | None:
    """The paper form of a submission of a kind that has one, else ``None``."""
    builder = BUILDERS.get(submission.kind)
    return builder(submission) if builder else None
