"""The work calendar (工作日历) of a bureau's year: seed 004's dates by default, changed by 绩效科.

A calendar is the plan of one *work year* Y (the calendar year the dates fall in), as seed 004 (the
county's 2024 work plan) lays it out:

* project monitoring of fiscal year Y's projects at the end of May and of August, each report due by the
  10th of the next month; department-wide (部门整体) monitoring at the end of June;
* self-evaluation of fiscal year Y−1's projects by 3/20 (部门整体支出: 4/20); 部门评价 by 4/20 covering at least 20 % of each
  unit's Y−1 project budget; 真实性核查 by 6/20; key third-party evaluations (at least 5 projects) by 7/20;
* the yearly summary by 11/20; the quarterly report to the prefecture by the 1st of the month after
  each quarter.

This module imports no domain module beyond accounts, so submissions can read it without a circle.
"""

from __future__ import annotations

import calendar as _stdcal
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from flask import g, has_app_context
from sqlalchemy import select

from portal.extensions import db
from portal.workcal.models import WorkCalendar

SCOPES = {"project": "项目支出", "department": "部门整体支出"}

#: key → (label, who does it, default month/day in the work year; ``13`` = January of the next year)
ITEMS = {
    "self_evaluation": ("项目支出绩效自评（上年度项目）", "unit", (3, 20)),
    "department_evaluation": ("部门评价（上年度项目）", "unit", (4, 20)),
    "department_self_evaluation": ("部门整体支出绩效自评（上年度）", "unit", (4, 20)),
    "truthfulness": ("绩效自评真实性核查", "bureau", (6, 20)),
    "third_party": ("财政重点绩效评价（第三方机构）", "bureau", (7, 20)),
    "yearly_summary": ("年度全面实施预算绩效管理总结报告", "bureau", (11, 20)),
    "quarter_1": ("第一季度工作情况报自治州财政局", "bureau", (4, 1)),
    "quarter_2": ("第二季度工作情况报自治州财政局", "bureau", (7, 1)),
    "quarter_3": ("第三季度工作情况报自治州财政局", "bureau", (10, 1)),
    "quarter_4": ("第四季度工作情况报自治州财政局", "bureau", (13, 1)),
}
#: (month, scope, report due month/day) — seed 004: 5月底、8月底, 次月10日前; 部门整体 6月底.
DEFAULT_CHECKPOINTS = ((5, "project", (6, 10)), (8, "project", (9, 10)), (6, "department", (7, 10)))
DEFAULT_SHARE = Decimal("20")
DEFAULT_KEY_COUNT = 5


class CalendarError(ValueError):
    """A calendar that cannot be saved; the message is Chinese and shown on the page."""


class _Labels(dict):
    """Checkpoint month → label (``5`` → ``5月底``) for any month, also one no longer in the calendar."""

    def __missing__(self, month):
        return checkpoint_label(month)


CHECKPOINT_LABELS = _Labels()


def checkpoint_label(month: int | None) -> str:
    return f"{month}月底" if month else ""


def checkpoint_end(year: int, month: int) -> date:
    return date(year, month, _stdcal.monthrange(year, month)[1])


@dataclass(frozen=True)
class Checkpoint:
    month: int
    scope: str
    due: date

    @property
    def label(self) -> str:
        return checkpoint_label(self.month)


@dataclass
class Calendar:
    year: int
    checkpoints: list[Checkpoint]
    items: dict[str, date]
    share: Decimal = DEFAULT_SHARE
    key_count: int = DEFAULT_KEY_COUNT
    is_default: bool = True
    updated_at: object = None
    extra: dict = field(default_factory=dict)

    def checkpoints_of(self, scope: str = "project") -> dict[int, Checkpoint]:
        return {c.month: c for c in sorted(self.checkpoints, key=lambda c: c.month) if c.scope == scope}

    def item_label(self, key: str) -> str:
        return ITEMS[key][0]


def _default_date(year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    return date(year + 1, 1, day) if month == 13 else date(year, month, day)


def default_calendar(year: int) -> Calendar:
    return Calendar(year, [Checkpoint(m, s, _default_date(year, md)) for m, s, md in DEFAULT_CHECKPOINTS],
                    {key: _default_date(year, md) for key, (_, _, md) in ITEMS.items()})


def _from_row(row: WorkCalendar) -> Calendar:
    cal = default_calendar(row.year)
    data = row.data or {}
    if data.get("checkpoints"):
        cal.checkpoints = [Checkpoint(int(c["month"]), c.get("scope", "project"), date.fromisoformat(c["due"]))
                           for c in data["checkpoints"]]
    for key, value in (data.get("items") or {}).items():
        if key in ITEMS and value:
            cal.items[key] = date.fromisoformat(value)
    cal.share = Decimal(str(data.get("share", DEFAULT_SHARE)))
    cal.key_count = int(data.get("key_count", DEFAULT_KEY_COUNT))
    cal.is_default, cal.updated_at = False, row.updated_at
    return cal


def calendar_for(bureau_id: int | None, year: int) -> Calendar:
    """The bureau's calendar of work year ``year`` (seed 004's defaults without a saved one); cached per request."""
    cache = g.setdefault("_workcal", {}) if has_app_context() else {}
    if (bureau_id, year) not in cache:
        row = db.session.scalar(select(WorkCalendar).where(WorkCalendar.bureau_id == bureau_id,
                                                           WorkCalendar.year == year)) if bureau_id else None
        cache[(bureau_id, year)] = _from_row(row) if row is not None else default_calendar(year)
    return cache[(bureau_id, year)]


def self_evaluation_key(project) -> str:
    """The calendar item of a project's self-evaluation: 部门整体支出 has its own date (seed 004 §二.8)."""
    return "department_self_evaluation" if getattr(project, "kind", "project") == "department" else "self_evaluation"


def checkpoints_for(project) -> dict[int, Checkpoint]:
    """The monitoring checkpoints of ``project``'s fiscal year in its bureau's calendar (部门整体: June)."""
    scope = "department" if getattr(project, "kind", "project") == "department" else "project"
    return calendar_for(project.unit.parent_id, project.fiscal_year).checkpoints_of(scope)


def _parse_date(text: str, what: str) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise CalendarError(f"{what}的日期“{text}”无效，请按 2025-06-10 的格式填写") from None


def parse_form(year: int, form) -> Calendar:
    """A calendar from the editor's fields; :class:`CalendarError` with a Chinese message on bad input."""
    checkpoints, seen = [], set()
    for month, scope, due in zip(form.getlist("cp_month"), form.getlist("cp_scope"), form.getlist("cp_due"),
                                 strict=False):
        if not (month or "").strip() and not (due or "").strip():
            continue  # an empty extra row
        if not (month or "").strip().isdigit() or not 1 <= int(month) <= 12:
            raise CalendarError(f"监控节点月份“{month}”无效，请填写 1～12")
        month = int(month)
        if scope not in SCOPES:
            raise CalendarError("请选择监控节点适用于项目支出还是部门整体支出")
        if (month, scope) in seen:
            raise CalendarError(f"{SCOPES[scope]}的{checkpoint_label(month)}监控节点重复")
        seen.add((month, scope))
        end = checkpoint_end(year, month)
        due_date = _parse_date(due, f"{checkpoint_label(month)}监控报告截止")
        if due_date < end:
            raise CalendarError(f"{checkpoint_label(month)}监控报告的截止日期（{due_date:%Y-%m-%d}）"
                                f"不能早于监控节点（{end.month}月{end.day}日）")
        if due_date.year > year + 1:
            raise CalendarError(f"{checkpoint_label(month)}监控报告的截止日期不能晚于下一年度")
        checkpoints.append(Checkpoint(month, scope, due_date))
    if not any(c.scope == "project" for c in checkpoints):
        raise CalendarError("至少需要一个项目支出监控节点")
    items = {}
    for key, (label, _, _) in ITEMS.items():
        items[key] = _parse_date(form.get(f"item_{key}", ""), label)
        if not year <= items[key].year <= year + 1:
            raise CalendarError(f"{label}的截止日期应在{year}年度内（第四季度报告可在次年1月）")
    if items["department_evaluation"] < items["self_evaluation"]:
        raise CalendarError("部门评价的截止日期不能早于项目支出绩效自评的截止日期")
    try:
        share = Decimal((form.get("share") or "").strip())
    except InvalidOperation:
        raise CalendarError("部门评价覆盖比例须为数字（百分比）") from None
    if not share.is_finite() or not 0 < share <= 100:
        raise CalendarError("部门评价覆盖比例须大于 0 且不超过 100（%）")
    key_count = (form.get("key_count") or "").strip()
    if not key_count.isdigit() or int(key_count) > 1000:
        raise CalendarError("重点评价项目数须为不小于 0 的整数")
    return Calendar(year, checkpoints, items, share.quantize(Decimal("0.01")), int(key_count), is_default=False)


def save_calendar(*, bureau_id: int, year: int, user, form) -> Calendar:
    cal = parse_form(year, form)
    row = db.session.scalar(select(WorkCalendar).where(WorkCalendar.bureau_id == bureau_id,
                                                       WorkCalendar.year == year))
    if row is None:
        row = WorkCalendar(bureau_id=bureau_id, year=year)
        db.session.add(row)
    row.data = {"checkpoints": [{"month": c.month, "scope": c.scope, "due": c.due.isoformat()}
                                for c in cal.checkpoints],
                "items": {k: v.isoformat() for k, v in cal.items.items()},
                "share": str(cal.share), "key_count": cal.key_count}
    row.updated_by_id = user.id
    db.session.flush()
    if has_app_context():
        g.pop("_workcal", None)
    return cal
