"""整改台账: a keyword beside the existing filters, on the page and in the export."""

from __future__ import annotations

import io
import re
from datetime import date

from openpyxl import load_workbook

from portal.extensions import db
from tests.conftest import text_of
from tests.portal.workflow.test_submission_list import declared


def test_keyword_filters_the_ledger_and_its_export(app, client, login):
    from plugins.rectification.operations import create_item

    with app.test_request_context():
        for code, name, unit, text in (
                ("ZS-2023-001", "招商引资工作经费", "阿克陶县商务科技和工业信息化局", "招商台账不全"),
                ("JY-2023-001", "学生资助经费", "阿克陶县教育局", "资助对象核实不严"),
                ("JY-2023-002", "营养改善计划", "阿克陶县教育局", "食堂票据缺失")):
            project = declared(code, name, unit, 2023).project
            create_item(unit=project.unit, project=project, fiscal_year=2023, source_kind="manual",
                        description=text, severity="general", deadline=date(2030, 6, 30), user=None)
        db.session.commit()
    login("reviewer")
    by_name = text_of(client.get("/work/rectification/?q=资助"))
    assert "资助对象核实不严" in by_name and "招商台账不全" not in by_name and "食堂票据缺失" not in by_name
    by_unit = text_of(client.get("/work/rectification/?q=教育局&year=2023"))
    assert "资助对象核实不严" in by_unit and "食堂票据缺失" in by_unit and "招商台账不全" not in by_unit
    assert "食堂票据缺失" in text_of(client.get("/work/rectification/?q=JY-2023-002"))
    assert "没有" in text_of(client.get("/work/rectification/?q=%25")) or "共 0 项" in text_of(
        client.get("/work/rectification/?q=%25"))
    page = client.get("/work/rectification/?q=教育局").get_data(as_text=True)
    assert "q=%E6%95%99%E8%82%B2%E5%B1%80" in page  # the export link keeps the keyword
    sheet = load_workbook(io.BytesIO(client.get("/work/rectification/export.xlsx?q=教育局").data)).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "食堂票据缺失" in cells and "资助对象核实不严" in cells and "招商台账不全" not in cells
    login("unit")  # 商务…局: never another unit's items, whatever the words
    assert "资助对象核实不严" not in text_of(client.get("/work/rectification/?q=资助"))


def test_ledger_headers_sort_and_keep_filters(app, client, login):
    from plugins.rectification.operations import create_item

    with app.test_request_context():
        project = declared("JY-2023-001", "学生资助经费", "阿克陶县教育局", 2023).project
        for text, deadline, severity in (("乙问题", date(2030, 3, 1), "major"), ("甲问题", date(2030, 1, 1), "general"),
                                         ("丙问题", date(2030, 2, 1), "general")):
            create_item(unit=project.unit, project=project, fiscal_year=2023, source_kind="manual",
                        description=text, severity=severity, deadline=deadline, user=None)
        db.session.commit()
    login("reviewer")

    def order(url):
        body = text_of(client.get(url))
        return sorted(("甲问题", "乙问题", "丙问题"), key=body.index)

    assert order("/work/rectification/?year=2023") == ["甲问题", "丙问题", "乙问题"]  # by deadline within a unit
    assert order("/work/rectification/?year=2023&sort=-deadline") == ["乙问题", "丙问题", "甲问题"]
    assert order("/work/rectification/?year=2023&sort=number") == ["乙问题", "甲问题", "丙问题"]
    assert order("/work/rectification/?year=2023&sort=bad") == ["甲问题", "丙问题", "乙问题"]
    html = client.get("/work/rectification/?year=2023&q=问题&sort=deadline").get_data(as_text=True)
    links = [set(query.replace("&amp;", "&").split("&"))
             for query in re.findall(r'href="/work/rectification/(?:export\.xlsx)?\?([^"]*)"', html)]
    keyword = "q=%E9%97%AE%E9%A2%98"
    assert {"year=2023", keyword, "sort=-deadline"} in links  # the current header toggles, filters kept
    assert {"year=2023", keyword, "sort=unit"} in links
    assert "export.xlsx?" in html and {"year=2023", keyword, "sort=deadline"} in links  # the export: same order
    sheet = load_workbook(io.BytesIO(client.get("/work/rectification/export.xlsx?year=2023&sort=-deadline").data)).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert [c for c in cells if c in ("甲问题", "乙问题", "丙问题")] == ["乙问题", "丙问题", "甲问题"]
