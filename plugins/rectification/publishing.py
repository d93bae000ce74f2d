"""The disclosed rectification summary (整改情况): per project, findings raised, closed, overdue — figures only."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from plugins.rectification.dates import today
from plugins.rectification.models import SOURCE_KINDS, RectificationItem
from plugins.rectification.queries import visible_items
from portal import Candidate, Snapshot, db, key_id
from portal.projects.models import Project


def figures(items, on) -> dict[str, int]:
    """raised / closed / overdue / closed_on_time of a list of items."""
    return {"raised": len(items), "closed": sum(i.state == "closed" for i in items),
            "overdue": sum(i.is_overdue_on(on) for i in items),
            "closed_on_time": sum(i.state == "closed" and i.is_closed_on_time for i in items)}


class RectificationSummaryPublisher:
    """Per project: how many problems were raised and how many closed or overdue. No evidence, no names."""

    kind = "rectification_summary"
    label = "整改情况"
    disclosure = "final_accounts"
    field_labels = {"raised": "发现问题", "closed": "已整改销号", "overdue": "逾期未整改", "closed_on_time": "按期销号"}

    def _items_by_project(self, user) -> dict[int, list[RectificationItem]]:
        out: dict[int, list] = defaultdict(list)
        for item in db.session.scalars(visible_items(user).where(RectificationItem.project_id.is_not(None))):
            out[item.project_id].append(item)
        return out

    def candidates(self, user) -> list[Candidate]:
        if user.org.kind != "bureau":
            return []
        on = today()
        grouped = self._items_by_project(user)
        projects = db.session.scalars(select(Project).where(Project.id.in_(list(grouped)))
                                      .order_by(Project.fiscal_year.desc(), Project.code)) if grouped else []
        out = []
        for project in projects:
            f = figures(grouped[project.id], on)
            out.append(Candidate(f"project:{project.id}", f"{project.name}（{project.fiscal_year}年度）整改情况",
                                 project.fiscal_year,
                                 note=f"发现问题 {f['raised']} 个，已销号 {f['closed']} 个，逾期 {f['overdue']} 个"))
        return out

    def snapshot(self, key: str, user) -> Snapshot:
        project_id = key_id(key, "project")
        if project_id is None or user.org.kind != "bureau":
            raise LookupError(key)
        items = self._items_by_project(user).get(project_id)
        if not items:
            raise LookupError(key)
        project, on = items[0].project, today()
        total = figures(items, on)
        rows = [["问题来源", "发现问题", "已整改销号", "逾期未整改", "按期销号"]]
        for source, label in SOURCE_KINDS.items():
            part = [i for i in items if i.source_kind == source]
            if part:
                f = figures(part, on)
                rows.append([label, str(f["raised"]), str(f["closed"]), str(f["overdue"]), str(f["closed_on_time"])])
        rows.append(["合计", str(total["raised"]), str(total["closed"]), str(total["overdue"]),
                     str(total["closed_on_time"])])
        return Snapshot(
            kind=self.kind, key=key, title=f"{project.name}（{project.fiscal_year}年度）整改情况",
            summary=f"{project.unit.name}“{project.name}”{project.fiscal_year}年度共发现问题 {total['raised']} 个，"
                    f"已整改销号 {total['closed']} 个（其中按期 {total['closed_on_time']} 个），"
                    f"逾期未整改 {total['overdue']} 个。",
            facets={"year": str(project.fiscal_year), "region": project.unit.region, "unit": project.unit.name,
                    "project_code": project.code, "project_name": project.name},
            figures=total, tables=[("整改情况统计", rows)])


def responsible_names() -> list[str]:
    """Every responsible person's name (责任人), for de-identification."""
    return sorted({n.strip() for n in db.session.scalars(select(RectificationItem.responsible_person).distinct())
                   if n and n.strip()})
