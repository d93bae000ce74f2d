"""执业质量评价 in the yearly summary: each firm's yearly rating of the evaluated year."""

from __future__ import annotations

from sqlalchemy import select

from plugins.evaluator_grading.models import FirmRating
from portal import ReportSection, db
from portal.accounts.models import Organisation


def _value(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def section(bureau, year: int) -> ReportSection:
    rated = year - 1
    ratings = list(db.session.scalars(
        select(FirmRating).join(Organisation, FirmRating.firm_id == Organisation.id)
        .where(FirmRating.bureau_id == bureau.id, FirmRating.fiscal_year == rated).order_by(Organisation.name)))
    rows = [(r.firm.name, _value(r.quantity), _value(r.quality), _value(r.effect), _value(r.satisfaction),
             _value(r.composite), r.level or "—", r.state_label) for r in ratings]
    final = [r for r in ratings if r.state == "final"]
    levels = {}
    for r in final:
        levels[r.level or "—"] = levels.get(r.level or "—", 0) + 1
    intro = f"尚未对承担 {rated} 年度项目评价的第三方机构开展执业质量评价。" if not ratings else (
        f"对承担 {rated} 年度项目评价的 {len(ratings)} 家第三方机构开展执业质量评价，已定稿 {len(final)} 家"
             + ("，其中" + "、".join(f"{level} 级 {n} 家" for level, n in sorted(levels.items())) if levels else "")
             + "；评价结果定稿后向社会公开。")
    return ReportSection(
        "第三方机构执业质量评价", intro,
        ("第三方机构", "数量", "质量", "效果", "满意度", "综合得分", "等级", "状态"), rows, order=120,
        empty_text="（无相关数据，不附表。）",
        note="各项满分 100 分；未参与计算的指标记为“—”，其权重按比例分配给其他指标。")
