"""整改 in the yearly summary: items raised and closed, by unit.

The year's items are those the year's work raised: findings of the evaluations of the previous
fiscal year's projects (evaluated in this year), and 红标 and 抽查 items on this year's projects.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, or_, select

from plugins.rectification.dates import today
from plugins.rectification.models import RectificationItem
from portal import ReportSection, db
from portal.accounts.models import Organisation


def items_of(bureau, year: int) -> list[RectificationItem]:
    units = select(Organisation.id).where(Organisation.parent_id == bureau.id)
    return list(db.session.scalars(
        select(RectificationItem).join(Organisation, RectificationItem.unit_id == Organisation.id)
        .where(RectificationItem.unit_id.in_(units),
               or_(and_(RectificationItem.source_kind == "finding", RectificationItem.fiscal_year == year - 1),
                   and_(RectificationItem.source_kind != "finding", RectificationItem.fiscal_year == year)))
        .order_by(Organisation.name, RectificationItem.id)))


def _row(label: str, items: list[RectificationItem], on) -> tuple[str, ...]:
    closed = [i for i in items if i.state == "closed"]
    return (label, str(len(items)), str(sum(1 for i in items if i.source_kind == "finding")),
            str(sum(1 for i in items if i.source_kind == "flag")),
            str(sum(1 for i in items if i.source_kind == "manual")), str(len(closed)),
            str(sum(1 for i in closed if i.is_closed_on_time)), str(len(items) - len(closed)),
            str(sum(1 for i in items if i.is_overdue_on(on))))


def section(bureau, year: int) -> ReportSection:
    on = today()
    items = items_of(bureau, year)
    by_unit: dict[str, list[RectificationItem]] = defaultdict(list)
    for item in items:
        by_unit[item.unit.name].append(item)
    rows = [_row(unit, unit_items, on) for unit, unit_items in by_unit.items()]
    if rows:
        rows.append(_row("合计", items, on))
    closed = sum(1 for i in items if i.state == "closed")
    overdue = sum(1 for i in items if i.is_overdue_on(on))
    intro = f"本年度未下达整改事项（{year - 1} 年度项目评价发现的问题、{year} 年监控红标和抽查发现的问题）。" \
        if not items else (f"针对 {year - 1} 年度项目评价发现的问题和 {year} 年监控红标、抽查发现的问题，共下达整改事项 "
             f"{len(items)} 项，已销号 {closed} 项，尚未销号 {len(items) - closed} 项"
             + (f"（其中逾期 {overdue} 项）。" if overdue else "。"))
    return ReportSection(
        "问题整改（限期销号）", intro,
        ("预算单位", "整改事项（项）", "评价发现", "监控红标", "抽查发现", "已销号", "按期销号", "未销号", "逾期"),
        rows, order=110, empty_text="（无相关数据，不附表。）",
        note=f"逾期按 {on:%Y-%m-%d} 计：未销号且已过整改期限。")
