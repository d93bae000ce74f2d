"""Open data at fixed addresses: CSV, JSON, a Frictionless data package, Atom feed, sitemap, robots.txt."""

from __future__ import annotations

import json
from datetime import datetime
from xml.sax.saxutils import escape

from flask import Response, request, url_for

from portal.exports import csv_text
from portal.util import local_date
from public_site import queries
from public_site.models import KIND_LABELS, Publication
from public_site.views import bp

#: Every field of the open data: name, Frictionless type, Chinese title, description.
FIELDS = (
    ("id", "integer", "编号", "公开内容的编号，在本网站地址 /publications/<编号> 中使用；新版本有新编号"),
    ("url", "string", "网址", "该公开内容在本网站的页面地址"),
    ("kind", "string", "公开类别代码", "target_table 绩效目标、evaluation_result 绩效评价结果、firm_rating 第三方机构执业质量评价、"
                                    "rectification_summary 整改情况"),
    ("kind_label", "string", "公开类别", "公开类别的中文名称"),
    ("title", "string", "标题", "已脱密的标题"),
    ("summary", "string", "摘要", "已脱密的摘要"),
    ("fiscal_year", "integer", "预算年度", "事项所属的预算年度"),
    ("region", "string", "地区", "县（市、区）"),
    ("unit", "string", "预算单位", "实施项目或提交报告的部门单位"),
    ("category", "string", "预算类别", "一般公共预算、政府性基金预算等"),
    ("project_code", "string", "项目编码", "项目在预算系统中的编码；同一编码跨年度关联"),
    ("project_name", "string", "项目名称", "项目支出或部门整体支出的名称"),
    ("firm", "string", "第三方机构", "承担重点绩效评价的第三方机构（如有）"),
    ("grade", "string", "评价等级", "优（≥90分）、良（80–90分）、中（60–80分）、差（<60分）"),
    ("total_score", "number", "评价总分", "绩效评价总分（百分制），仅评价结果有"),
    ("budget", "number", "预算数（万元）", "项目预算数，单位万元，保留两位小数，仅绩效目标有"),
    ("version", "integer", "版本", "同一事项的第几次公开；新版本替代旧版本"),
    ("published_at", "datetime", "发布时间", "财政局确认发布的时间（北京时间）"),
    ("visible_from", "date", "公开日期", "按本县预算或决算公开时间对外公开的日期"),
    ("document_url", "string", "文件下载", "脱密后重新生成的 Word 文件地址（不含原始上传文件及其作者等属性）"),
)


def _row(pub: Publication) -> dict:
    from portal.ui import local_time

    facets, figures = pub.facets or {}, pub.figures or {}
    return {
        "id": pub.id, "url": url_for("public_site.publication", publication_id=pub.id, _external=True),
        "kind": pub.kind, "kind_label": KIND_LABELS.get(pub.kind, pub.kind), "title": pub.title,
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
            f"label=\"{escape(KIND_LABELS.get(pub.kind, pub.kind))}\"/>"
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


__all__ = ["FIELDS"]
