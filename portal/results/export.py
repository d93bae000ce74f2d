"""XLSX of the truthfulness register and of the results-use list (list, totals per unit, change history)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from portal.exports import append_row, workbook_bytes
from portal.files.queries import attachments_of
from portal.results.uselist import grade_summary, unit_totals
from portal.util import local_datetime


def _sheet(sheet, title: str, headers: list[str], rows) -> None:
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    for column, width in zip("ABCDEFGHIJKLMNOP", [14] * 16, strict=False):
        sheet.column_dimensions[column].width = width


def check_attachments(draw) -> dict[int, list]:
    return {c.id: attachments_of("truth_check", c.id) for c in draw.checks}


def truth_workbook(draw) -> bytes:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "核查登记"
    rows = []
    for n, c in enumerate(draw.checks, start=1):
        s = c.submission
        result = s.result_for(c.indicator_id)
        reported = (result.actual_text or (f"{result.actual_value.normalize():f}" if result.actual_value is not None
                                           else "")) if result else ""
        rows.append([n, s.project.unit.name, s.project.code, s.project.name, c.indicator.level1, c.indicator.name,
                     c.indicator.target_text, reported, c.outcome_label, c.evidence, "是" if c.onsite else "否",
                     c.onsite_note, c.responsible_person, s.grade or "", local_datetime(c.checked_at)])
    _sheet(sheet, f"{draw.fiscal_year}年度绩效自评真实性核查登记表（随机种子 {draw.seed}，比例 "
                  f"{draw.share * 100:.0f}%，自评 {draw.population} 份，抽中 {len(draw.submission_ids)} 份）",
           ["序号", "单位", "项目编码", "项目名称", "一级指标", "核心指标", "指标值", "自评完成值", "核查结论", "核查依据",
            "实地检查", "实地检查情况", "项目负责人", "自评等级", "核查时间"], rows)
    return workbook_bytes(wb)


def use_workbook(rows, *, year: int, counts: dict[int, int] | None) -> bytes:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "结果应用清单"
    lines = []
    for n, r in enumerate(rows, start=1):
        p = r.project
        lines.append([n, p.unit.name, p.code, p.name, p.budget, r.grade or "未评价", r.grade_note,
                      "—" if counts is None else counts.get(p.id, 0), r.proposed_label, r.proposed_amount,
                      r.action_label or "未确认", r.amount, r.reason, local_datetime(r.confirmed_at)])
    _sheet(sheet, f"{year}年度全覆盖绩效管理结果应用清单（金额：万元）",
           ["序号", "单位", "项目编码", "项目名称", "预算数", "最终等级", "等级依据", "未销号整改", "系统建议",
            "建议金额", "确认处理", "确认金额", "理由", "确认时间"], lines)
    confirmed = [r for r in rows if r.confirmed]
    totals = wb.create_sheet("单位汇总")
    _sheet(totals, f"{year}年度结果应用单位汇总（已确认，万元）",
           ["单位", "项目数", "核减预算项目", "核减金额", "收回资金项目", "收回资金金额", "通报/约谈项目"],
           [[t.unit, t.projects, t.cut_count, t.cut_amount, t.recover_count, t.recover_amount, t.other_count]
            for t in unit_totals(confirmed)])
    by_grade = wb.create_sheet("等级汇总")
    _sheet(by_grade, f"{year}年度结果应用按等级汇总（已确认，万元）", ["等级", "项目数", "核减预算项目", "核减金额"],
           [list(g) for g in grade_summary(confirmed)])
    history = wb.create_sheet("变更记录")
    _sheet(history, f"{year}年度结果应用确认与变更记录", ["项目编码", "项目名称", "处理", "金额", "理由", "操作人", "时间"],
           [[r.project.code, r.project.name, c.action_label, c.amount, c.reason,
             c.actor.full_name if c.actor else "", local_datetime(c.at)] for r in rows for c in r.changes])
    return workbook_bytes(wb)
