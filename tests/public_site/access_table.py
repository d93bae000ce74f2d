"""Routes of the public site for the access matrix: citizen pages are public, staff pages for 绩效科."""

from __future__ import annotations

from tests.access import PUBLIC, status_for

STAFF = status_for({"admin", "reviewer"})

EXPECTED = {
    "public_site.home": PUBLIC,
    # The matrix asks every static route for css/portal.css, which is the core's file.
    "public_site.static": {p: 404 for p in PUBLIC},
    "public_site.search": PUBLIC,
    "public_site.publication": PUBLIC,
    "public_site.download": PUBLIC,
    "public_site.project": PUBLIC,
    # No firm has a published item in the matrix's fixture (firm pages: tests/public_site/test_pages.py).
    "public_site.firm": {p: 404 for p in PUBLIC},
    "public_site.about": PUBLIC,
    "public_site.data_csv": PUBLIC,
    "public_site.data_json": PUBLIC,
    "public_site.datapackage": PUBLIC,
    "public_site.feed": PUBLIC,
    "public_site.sitemap": PUBLIC,
    "public_site.robots": PUBLIC,
    "public_site_admin.candidates": STAFF,
    # Without kind/key there is nothing to preview: 404 for those who may publish.
    "public_site_admin.preview": {**STAFF, "admin": 404, "reviewer": 404},
    "public_site_admin.dates": STAFF,
    "public_site_admin.publications": STAFF,
}

POST_ONLY = {"public_site_admin.withdraw"}


def objects(own: dict, foreign: dict) -> None:
    """A visible publication of this region; a foreign bureau's publication that is not visible yet."""
    from sqlalchemy import select

    from portal.accounts.models import User
    from portal.extensions import db
    from portal.projects.models import Project
    from public_site import operations
    from tests.public_site.helpers import PAST, set_dates, user

    set_dates(2022, PAST)
    project = db.session.get(Project, own["project_id"])
    pub, _ = operations.publish("target_table", f"project:{project.id}", user("reviewer"))
    foreign_reviewer = db.session.scalar(select(User).where(User.username == "yuli_reviewer"))
    other, _ = operations.publish("target_table", f"project:{foreign['project_id']}", foreign_reviewer)
    own.update(publication_id=pub.id, project_code=project.code, firm_name="新疆正信绩效评价咨询有限公司")
    foreign.update(publication_id=other.id, project_code="YL-1", firm_name="无此机构")
