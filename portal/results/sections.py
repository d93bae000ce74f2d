"""What the results package adds to core pages through the core's own hooks: menu, project sections."""

from __future__ import annotations

from flask import render_template, url_for
from markupsafe import Markup

from portal.accounts.models import BUREAU_ROLES
from portal.hooktypes import MenuItem, Section


def _bureau(user) -> bool:
    return user.org.kind == "bureau" and user.has_role(*BUREAU_ROLES)


def menu_items(user) -> list[MenuItem]:
    if not _bureau(user):
        return []
    return [MenuItem("结果应用", url_for("results.index"), order=60, active_prefix="results.", group="年度管理")]


def project_sections(project, user) -> list[Section]:
    """Findings of 审计/财会监督/检查 (bureau: with a link to record one) and last year's results use."""
    from portal.results.operations import findings_of, may_manage
    from portal.results.uselist import carried_by

    if getattr(project, "id", None) is None or getattr(user, "org", None) is None:
        return []
    out = []
    findings = findings_of(project.id)
    if findings or _bureau(user):
        out.append(Section("审计与监督检查发现问题", Markup(render_template(
            "results/_project_findings.html", project=project, findings=findings, bureau=_bureau(user),
            can_manage=may_manage(user))), order=55))
    carried = carried_by(project)
    if carried:
        out.append(Section("上年度绩效评价结果应用", Markup(render_template(
            "results/_project_carried.html", project=project, carried=carried)), order=50))
    return out
