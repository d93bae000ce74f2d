"""Open data at fixed addresses: CSV, JSON, a Frictionless data package, Atom feed, sitemap, robots.txt."""

from __future__ import annotations

import json
from datetime import datetime
from xml.sax.saxutils import escape

from flask import Response, request, url_for

from portal.exports import csv_text
from portal.util import local_date
from public_site import queries
from public_site.models import FIELDS, Publication
from public_site.views import bp

#: Every field of the open data: name, Frictionless type, Chinese title, description.

def _row(pub: Publication) -> dict:
    from portal.ui import local_time

    facets, figures = pub.facets or {}, pub.figures or {}
    return {
        "id": pub.id, "url": url_for("public_site.publication", publication_id=pub.id, _external=True),
        "kind": pub.kind, "kind_label": pub.kind_label, "title": pub.title,
        "summary": pub.summary, "fiscal_year": pub.fiscal_year, "region": facets.get("region"),
        "unit": facets.get("unit"), "category": facets.get("category"), "project_code": pub.project_code,
        "project_name": facets.get("project_name"), "firm": pub.firm, "grade": facets.get("grade"),
        "total_score": figures.get("total") if pub.kind == "evaluation_result" else None,
        "budget": figures.get("budget") if pub.kind == "target_table" else None, "version": pub.version_no,
        "published_at": local_time(pub.published_at, "%Y-%m-%dT%H:%M:%S+08:00"),
        "visible_from": pub.visible_from.isoformat() if pub.visible_from else None,
        "document_url": url_for("public_site.download", publication_id=pub.id, _external=True),
    }


def _rows() -> list[dict]:
    from portal import db

    return [_row(p) for p in db.session.scalars(queries.published().order_by(Publication.id))]


@bp.route("/data/publications.csv")
def data_csv():
    # The BOM lets Excel open the Chinese text correctly; text that a spreadsheet would run as a formula
    # is neutralised by the core's writer.
    body = csv_text([f[0] for f in FIELDS], _rows(), bom=True)
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": "inline; filename=publications.csv"}, content_type="text/csv; charset=utf-8")


@bp.route("/data/publications.json")
def data_json():
    body = json.dumps({"publications": _rows()}, ensure_ascii=False, indent=1)
    return Response(body, content_type="application/json; charset=utf-8")


@bp.route("/data/datapackage.json")
def datapackage():
    fields = [{"name": n, "type": t, "title": title, "description": d} for n, t, title, d in FIELDS]
    package = {
        "name": "jixiao-publications", "title": "预算绩效信息公开数据",
        "description": "经财政局审核并脱密处理后公开的绩效目标、绩效评价结果、第三方机构执业质量评价和整改情况。",
        "licenses": [{"name": "other-open", "title": "政府信息公开，可自由使用，请注明来源"}],
        "resources": [
            {"name": "publications-csv", "path": url_for("public_site.data_csv", _external=True), "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": {"fields": fields, "primaryKey": ["id"]}},
            {"name": "publications-json", "path": url_for("public_site.data_json", _external=True),
             "format": "json", "mediatype": "application/json", "encoding": "utf-8",
             "schema": {"fields": fields, "primaryKey": ["id"]}},
        ],
    }
    return Response(json.dumps(package, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8")


def _iso(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


@bp.route("/feed.atom")
def feed():
    pubs = queries.newest(50)
    home = url_for("public_site.home", _external=True)
    updated = max((p.published_at for p in pubs), default=datetime(2000, 1, 1))
    entries = []
    for pub in pubs:
        link = url_for("public_site.publication", publication_id=pub.id, _external=True)
        entries.append(
            f"<entry><id>{escape(link)}</id><title>{escape(pub.title)}</title>"
            f"<link rel=\"alternate\" href=\"{escape(link)}\"/>"
            f"<updated>{_iso(pub.published_at)}</updated><category term=\"{escape(pub.kind)}\" "
            f"label=\"{escape(pub.kind_label)}\"/>"
            f"<summary>{escape(pub.summary)}</summary></entry>")
    xml = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">"
           f"<id>{escape(home)}</id><title>预算绩效信息公开</title><link rel=\"alternate\" href=\"{escape(home)}\"/>"
           f"<link rel=\"self\" href=\"{escape(request.base_url)}\"/><updated>{_iso(updated)}</updated>"
           f"<author><name>财政局</name></author>{''.join(entries)}</feed>")
    return Response(xml, content_type="application/atom+xml; charset=utf-8")


@bp.route("/sitemap.xml")
def sitemap():
    from portal import db

    urls = [(url_for(e, _external=True), None) for e in
            ("public_site.home", "public_site.search", "public_site.about")]
    codes, firms = set(), set()
    for pub in db.session.scalars(queries.published().order_by(Publication.id)):
        urls.append((url_for("public_site.publication", publication_id=pub.id, _external=True), pub.published_at))
        if pub.project_code:
            codes.add(pub.project_code)
        if pub.firm:
            firms.add(pub.firm)
    urls += [(url_for("public_site.project", project_code=c, _external=True), None) for c in sorted(codes)]
    urls += [(url_for("public_site.firm", firm_name=f, _external=True), None) for f in sorted(firms)]
    body = "".join(f"<url><loc>{escape(u)}</loc>" + (f"<lastmod>{local_date(at).isoformat()}</lastmod>" if at else "")
                   + "</url>" for u, at in urls)
    xml = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
           f"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{body}</urlset>")
    return Response(xml, content_type="application/xml; charset=utf-8")


@bp.route("/robots.txt")
def robots():
    text = ("User-agent: *\nDisallow: /work/\nAllow: /\n"
            f"Sitemap: {url_for('public_site.sitemap', _external=True)}\n")
    return Response(text, content_type="text/plain; charset=utf-8")


