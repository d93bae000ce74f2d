"""全覆盖 as XLSX: one sheet of projects (each check, the gaps), one of units (部门评价 share against 20 %)."""

from __future__ import annotations

import io

from flask import send_file
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from portal.exports import append_row, workbook_bytes

GAP_FILL = PatternFill("solid", fgColor="FDE2E1")


def _state(sub) -> str:
    return sub.state_label if sub is not None else "—"


def coverage_workbook(cov) -> bytes:
    months = sorted({m for u in cov.units for r in u.projects for m in r.checkpoints})
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "项目"
    append_row(sheet, [f"{cov.fiscal_year}年度预算绩效管理全覆盖情况"])
    sheet["A1"].font = Font(bold=True, size=13)
    headers = ["单位", "项目编码", "项目名称", "类型", "预算数（万元）", "绩效目标", *[f"{m}月底监控" for m in months],
               "绩效自评", "部门评价", "第三方评价", "缺项"]
    append_row(sheet, headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for unit in cov.units:
        for r in unit.projects:
            append_row(sheet, [
                unit.unit.name, r.project.code, r.project.name, r.project.kind_label, r.project.budget,
                "已批复" if r.targets_approved else (_state(r.declared) if r.declared else "未申报"),
                *[(_state(r.monitoring.get(m)) if m in r.checkpoints else "不适用") for m in months],
                _state(r.self_evaluation),
                _state(r.department_evaluation), _state(r.third_party), "；".join(r.gaps)])
            if r.gaps:
                sheet.cell(row=sheet.max_row, column=len(headers)).fill = GAP_FILL
    summary = workbook.create_sheet("单位")
    append_row(summary, ["单位", "项目数", "项目预算（万元）", "部门评价覆盖预算（万元）", "覆盖比例（%）",
                         "要求（%）", "是否达标"])
    for unit in cov.units:
        append_row(summary, [unit.unit.name, len(unit.projects), unit.budget, unit.evaluated_budget,
                             unit.share, cov.required_share, "达标" if unit.meets_share else "未达标"])
    append_row(summary, [])
    append_row(summary, ["财政重点绩效评价（第三方）项目数", cov.key_count, "要求不少于", cov.key_required,
                         "", "", "达标" if cov.key_count >= cov.key_required else "未达标"])
    return workbook_bytes(workbook)


def coverage_response(cov):
    return send_file(io.BytesIO(coverage_workbook(cov)), as_attachment=True,
                     download_name=f"全覆盖{cov.fiscal_year}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
