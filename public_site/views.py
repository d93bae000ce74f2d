"""Citizen-facing pages: home, search, publications, projects, firms, about; all read ``published()``."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from portal import db
from portal.extensions import DOWNLOAD_CSP, talisman
from portal.search.backend import SearchQuery
from portal.search.service import backend
from public_site import page_cache, queries
from public_site.models import FIELDS, KIND_LABELS, RATING_COMPONENT_LABELS, Publication, label_of

bp = Blueprint("public_site", __name__, template_folder="templates", static_folder="static",
               static_url_path="/public_site/static")

#: Facets shown on the search page, in order, with their Chinese names.
FACETS = (("year", "年度"), ("region", "地区"), ("unit", "单位"), ("category", "预算类别"), ("grade", "评价等级"),
          ("kind", "公开类别"))
SORTS = {"relevance": "相关度", "newest": "最新发布", "oldest": "最早发布"}
PER_PAGE = 10
MAX_AGE = 300


@bp.before_request
def cached_page():
    """An anonymous visitor's repeat visit is a 304, and a page nothing changed since is served from memory."""
    if request.endpoint in page_cache.CACHED_ENDPOINTS:
        return page_cache.serve_cached()
    return None


@bp.after_request
def cache_public(response):
    """Public pages may be cached; the core turns this into ``private`` for signed-in users."""
    if not current_user.is_authenticated and response.status_code in (200, 301, 304, 410):
        response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
        response.vary.add("Cookie")
        response = page_cache.store(response)
    return response


@bp.app_template_filter("kind_label")
def kind_label(kind: str) -> str:
    return label_of(kind)


def search_url(args: dict, **changes) -> str:
    """The search address with ``changes`` applied to the current arguments (None removes one)."""
    merged = {**args, **changes}
    return url_for("public_site.search", **{k: v for k, v in merged.items() if v not in (None, "")})


@bp.route("/")
def home():
    return render_template("public_site/home.html", figures=queries.headline(), newest=queries.newest(8))


@bp.route("/search")
def search():
    text = (request.args.get("q") or "").strip()[:100]
    filters = {name: request.args.get(name, "").strip()[:100] for name, _ in FACETS if request.args.get(name)}
    sort = request.args.get("sort") or ("relevance" if text else "newest")
    if sort not in SORTS:
        sort = "newest"
    page = request.args.get("page", 1, type=int)
    page = page if 0 < page < 10_000 else 1
    results = backend().search(SearchQuery(text=text, filters=filters, sort=sort, page=page, per_page=PER_PAGE,
                                           on=queries.today(),
                                           allowed_query=queries.published_ids_query(),
                                           allowed_version=queries.published_state(),
                                           facet_fields=tuple(name for name, _ in FACETS)))
    # Re-check every hit through the one public query (the index may lag a withdrawal).
    ids = [int(h.id) for h in results.hits]
    pubs = {p.id: p for p in db.session.scalars(queries.published().where(Publication.id.in_(ids)))} if ids else {}
    hits = [(pubs[int(h.id)], Markup(h.snippet)) for h in results.hits if int(h.id) in pubs]
    args = {k: v for k, v in {"q": text, "sort": sort if sort != "relevance" else "", **filters}.items() if v}
    return render_template("public_site/search.html", q=text, hits=hits, results=results, facets=FACETS,
                           filters=filters, sort=sort, sorts=SORTS, args=args, per_page=PER_PAGE,
                           search_url=search_url)


@bp.route("/publications/<int:publication_id>")
def publication(publication_id: int):
    pub = queries.published_one(publication_id)
    if pub is None:
        return _gone_or_moved(publication_id, "public_site.publication")
    others = [p for p in queries.for_project(pub.project_code) if p.id != pub.id] if pub.project_code else []
    return render_template("public_site/publication.html", pub=pub, body=_body(pub), others=others)


@bp.route("/publications/<int:publication_id>/document.docx")
@talisman(content_security_policy=DOWNLOAD_CSP)
def download(publication_id: int):
    pub = queries.published_one(publication_id)
    if pub is None:
        return _gone_or_moved(publication_id, "public_site.download")
    name = f"{pub.title}（脱密公开版）.docx"
    data = db.session.scalar(select(Publication.docx).where(Publication.id == pub.id))
    response = make_response(data)
    response.headers["Content-Type"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response.headers["Content-Disposition"] = f"attachment; filename=\"publication-{pub.id}.docx\"; " \
                                              f"filename*=UTF-8''{quote(name)}"
    return response


def _body(pub: Publication) -> str:
    return db.session.scalar(select(Publication.body).where(Publication.id == pub.id)) or ""


def _gone_or_moved(publication_id: int, endpoint: str):
    """410 for a withdrawn item, 301 to the current version, 404 for anything not public.

    A version answers 410 when it was withdrawn itself, or when the newest version of its item
    was: withdrawing the current version never brings an older one back.
    """
    row = db.session.get(Publication, publication_id)
    if row is None or row.visible_from is None or row.visible_from > queries.today():
        abort(404)
    replacement = queries.current_version(row.kind, row.item_key)
    if replacement is not None and replacement.id != row.id and row.withdrawn_at is None:
        return redirect(url_for(endpoint, publication_id=replacement.id), 301)
    withdrawal = queries.withdrawal_of(row)
    if withdrawal is not None:
        from public_site.operations import public_reason

        reason = public_reason(withdrawal.withdrawal_reason or "", row.bureau_id)
        return render_template("public_site/gone.html", row=row, withdrawal=withdrawal, reason=reason,
                               replacement=replacement), 410
    abort(404)


@bp.route("/projects/<project_code>")
def project(project_code: str):
    pubs = queries.for_project(project_code)
    if not pubs:
        abort(404)
    years: dict[int | None, list[Publication]] = {}
    for pub in pubs:
        years.setdefault(pub.fiscal_year, []).append(pub)
    name = next((p.facet("project_name") for p in reversed(pubs) if p.facet("project_name")), project_code)
    unit = next((p.facet("unit") for p in reversed(pubs) if p.facet("unit")), "")
    return render_template("public_site/project.html", code=project_code, name=name, unit=unit,
                           years=sorted(years.items(), key=lambda kv: kv[0] or 0, reverse=True))


@bp.route("/firms/<firm_name>")
def firm(firm_name: str):
    pubs = queries.for_firm(firm_name)
    if not pubs:
        abort(404)
    ratings = [p for p in pubs if p.kind == "firm_rating"]
    reports = [p for p in pubs if p.kind != "firm_rating"]
    return render_template("public_site/firm.html", name=firm_name, ratings=ratings, reports=reports,
                           component_labels=RATING_COMPONENT_LABELS)


@bp.route("/about")
def about():

    from portal.plugins import publishers

    kinds = {**KIND_LABELS, **{k: label_of(k) for k in publishers() if k not in KIND_LABELS}}
    return render_template("public_site/about.html", fields=FIELDS, kinds=kinds)
