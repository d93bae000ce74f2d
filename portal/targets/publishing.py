"""Approved target tables (绩效目标) as publishable items, disclosed with the budget."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.projects.models import Project
from portal.projects.queries import visible_projects
from portal.publishing import Candidate, Snapshot, key_id
from portal.targets.models import TargetVersion

#: The Chinese name of the one facet of :func:`_project_facets` the open-data fields do not name.
PROJECT_FACET_LABELS = {"project_kind": "项目类型"}


class TargetTablePublisher:
    kind = "target_table"
    label = "绩效目标"
    disclosure = "budget"
    field_labels = PROJECT_FACET_LABELS

    def _versions(self, user):
        projects = visible_projects(user).with_only_columns(Project.id)
        return select(TargetVersion).where(TargetVersion.is_frozen.is_(True), TargetVersion.project_id.in_(projects))

    def candidates(self, user) -> list[Candidate]:
        out = []
        for version in db.session.scalars(self._versions(user).order_by(TargetVersion.id.desc())):
            project = db.session.get(Project, version.project_id)
            out.append(Candidate(f"project:{project.id}", f"{project.name}（{project.fiscal_year}年度）绩效目标",
                                 project.fiscal_year, note=version.label))
        return out

    def snapshot(self, key: str, user) -> Snapshot:
        project_id = key_id(key, "project")
        if project_id is None:
            raise LookupError(key)
        version = db.session.scalar(self._versions(user).where(TargetVersion.project_id == project_id)
                                    .order_by(TargetVersion.version_no.desc()).limit(1))
        if version is None:
            raise LookupError(key)
        project = db.session.get(Project, version.project_id)
        rows = [["一级指标", "二级指标", "三级指标", "指标值", "权重"]]
        rows += [[i.level1, i.level2, i.name, i.target_text, f"{i.weight.normalize():f}"] for i in version.indicators]
        funding = [["资金来源", "预算数（万元）"]] + [[f.source_label, f"{f.budget:.2f}"] for f in project.funding]
        body = "\n".join(filter(None, [f"总体目标：{version.overall_goal}" if version.overall_goal else "",
                                       f"调整原因：{version.reason}" if version.reason else ""]))
        return Snapshot(
            kind=self.kind, key=key, title=f"{project.name}（{project.fiscal_year}年度）绩效目标",
            summary=f"{project.unit.name}{project.fiscal_year}年度“{project.name}”绩效目标（{version.label}），"
                    f"预算 {project.budget:.2f} 万元，共 {len(version.indicators)} 项指标。",
            body=body, facets=_project_facets(project),
            figures={"budget": f"{project.budget:.2f}", "version": version.version_no},
            tables=[("绩效指标", rows), ("资金来源", funding)])


def _project_facets(project) -> dict:
    return {"year": str(project.fiscal_year), "region": project.unit.region, "unit": project.unit.name,
            "category": project.category, "project_code": project.code, "project_name": project.name,
            "project_kind": project.kind_label}
