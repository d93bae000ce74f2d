"""The workspace search (/work/search): projects and submissions the user may see, by code, name or unit.

The core's groups come through the same ``workspace_search`` hook as the plugins' (see ``_core_hooks``),
and each reads through its domain's scoping query, so the search never shows what the lists would not.
"""

from __future__ import annotations

from flask import url_for
from sqlalchemy.orm import aliased

from portal.accounts.models import Organisation
from portal.extensions import db
from portal.hooktypes import SearchGroup, SearchHit
from portal.listing import ListParams
from portal.projects.models import Project
from portal.projects.queries import visible_projects
from portal.submissions.queries import LIST_SPEC, listed

#: Hits shown per group; the group's 查看全部 link opens its list filtered by the same words.
LIMIT = 20


def project_hits(user, q: str) -> SearchGroup:
    """Visible projects whose code, name or unit contains ``q`` (newest year first)."""
    unit = aliased(Organisation, name="search_unit")
    query = (visible_projects(user).join(unit, Project.unit_id == unit.id)
             .where(Project.code.icontains(q, autoescape=True) | Project.name.icontains(q, autoescape=True)
                    | unit.name.icontains(q, autoescape=True))
             .order_by(Project.fiscal_year.desc(), Project.code, Project.id).limit(LIMIT + 1))
    projects = list(db.session.scalars(query))
    hits = [SearchHit(f"{p.code} {p.name}", url_for("projects.detail", project_id=p.id),
                      f"{p.fiscal_year}年度 · {p.unit.name}") for p in projects[:LIMIT]]
    return SearchGroup("项目", hits, url_for("projects.index", q=q) if len(projects) > LIMIT else None, order=10)


def submission_hits(user, q: str) -> SearchGroup:
    """Visible submissions whose project code, project name, unit or title contains ``q``."""
    params = ListParams(spec=LIST_SPEC, q=q, sort="updated", descending=True)
    submissions = list(db.session.scalars(params.ordered(listed(user, params)).limit(LIMIT + 1)))
    hits = [SearchHit(f"{s.project.code} {s.project.name} · {s.kind_label}",
                      url_for("submissions.detail", submission_id=s.id),
                      f"{s.project.fiscal_year}年度 · {s.project.unit.name} · {s.state_label}")
            for s in submissions[:LIMIT]]
    more = url_for("submissions.index", q=q) if len(submissions) > LIMIT else None
    return SearchGroup("申报与评价材料", hits, more, order=20)
