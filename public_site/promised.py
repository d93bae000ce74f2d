"""Promised against achieved on the public project page, read only from published snapshots.

Each year's approved targets (the published 绩效目标 table) are set beside the published evaluation
result's indicator table (绩效指标完成情况), indicator by indicator; the execution rate shown is the one
frozen in the newest published evaluation result.  Nothing here reads the workflow tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from public_site.models import Publication

RESULT_TABLE = "绩效指标完成情况"
TARGET_TABLE = "绩效指标"


@dataclass
class Comparison:
    """One year's answer to “did they do what they promised?”."""

    result: Publication
    rows: list[dict] = field(default_factory=list)
    execution: dict = field(default_factory=dict)

    @property
    def met(self) -> int:
        return sum(1 for r in self.rows if r["met"])


def _table(pub: Publication, title: str) -> list[dict] | None:
    for table_title, rows in pub.tables or []:
        if table_title == title and rows:
            header = rows[0]
            return [dict(zip(header, row, strict=False)) for row in rows[1:]]
    return None


def _rate(text: str):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def compare(pubs: list[Publication]) -> Comparison | None:
    """The comparison of one year's publications, or ``None`` when no result with an indicator table is public."""
    results = [p for p in pubs if p.kind == "evaluation_result" and _table(p, RESULT_TABLE)]
    if not results:
        return None
    result = max(results, key=lambda p: (p.published_at, p.id))
    targets = next((p for p in sorted(pubs, key=lambda p: (p.published_at, p.id), reverse=True)
                    if p.kind == "target_table"), None)
    promised = {row.get("三级指标"): row.get("指标值", "") for row in (_table(targets, TARGET_TABLE) or [])} \
        if targets else {}
    rows = []
    for row in _table(result, RESULT_TABLE):
        name = row.get("三级指标", "")
        rate = _rate(row.get("完成率（%）"))
        rows.append({"level1": row.get("一级指标", ""), "name": name,
                     "promised": promised.get(name) or row.get("指标值", ""),
                     "mid": row.get("中期监控值", ""), "actual": row.get("实际完成值", ""),
                     "rate": row.get("完成率（%）", ""), "points": row.get("分值", ""), "score": row.get("得分", ""),
                     "deviation": row.get("偏差", ""), "reason": row.get("偏差原因", ""),
                     "met": rate is not None and rate >= 100})
    return Comparison(result, rows, (result.figures or {}).get("execution") or {})
