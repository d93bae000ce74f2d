"""Project import from XLSX/CSV: every row checked first, all or nothing, row-level errors in Chinese."""

from __future__ import annotations

import io

from openpyxl import Workbook
from sqlalchemy import func, select

from portal.extensions import db
from portal.projects.models import Project
from tests.conftest import text_of

HEADER = ["项目编码", "项目名称", "预算单位", "预算年度", "项目类型", "预算类别", "中央预算数", "本级预算数", "本级执行数"]
GOOD = [
    ["JY-2024-001", "义务教育营养改善计划", "阿克陶县教育局", 2024, "项目支出", "一般公共预算", 356.8, 20, 0],
    ["NY-2024-003", "农村人居环境整治", "阿克陶县农业农村局", 2024, "项目支出", "一般公共预算", 0, "45.50", 12.3],
    ["SX-2024-BM", "阿克陶县商务科技和工业信息化局部门整体支出", "阿克陶县商务科技和工业信息化局", 2024, "部门整体支出",
     "一般公共预算", 0, 412.38, 0],
]


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Project.id)))


def _post(client, data: bytes, name: str):
    return client.post("/work/projects/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_xlsx_with_one_bad_row_imports_nothing_and_names_the_row(app, login):
    client = login("reviewer")
    before = _count(app)
    bad = [HEADER, GOOD[0], ["NY-2024-003", "农村人居环境整治", "不存在的单位", 2024, "项目支出", "一般公共预算", 0, "4五", 0],
           GOOD[2], GOOD[0]]
    page = text_of(_post(client, xlsx(bad), "项目.xlsx"))
    assert "未导入任何项目" in page
    assert "第 3 行 未知的预算单位“不存在的单位”" in page
    assert "第 3 行 “本级预算数”金额“4五”不是有效数字" in page
    assert "第 5 行 项目编码“JY-2024-001”在文件中重复" in page
    assert _count(app) == before


def test_good_xlsx_imports_every_row_with_decimal_amounts(app, login):
    client = login("reviewer")
    before = _count(app)
    response = _post(client, xlsx([HEADER, *GOOD]), "项目.xlsx")
    assert response.status_code == 302
    assert _count(app) == before + 3
    with app.app_context():
        project = db.session.scalar(select(Project).where(Project.code == "JY-2024-001"))
        assert str(project.budget) == "376.80" and project.kind == "project"
        assert str(db.session.scalar(select(Project).where(Project.code == "NY-2024-003")).execution_rate) == "27.03"
    again = text_of(_post(client, xlsx([HEADER, GOOD[0]]), "项目.xlsx"))
    assert "在 2024 年度已存在" in again


def test_csv_in_gb18030_and_units_only_see_nothing_of_import(app, login):
    client = login("reviewer")
    csv_text = "\n".join(",".join(str(c) for c in row) for row in [HEADER, GOOD[1]])
    assert _post(client, csv_text.encode("gb18030"), "项目.csv").status_code == 302
    unit = login("unit")
    assert unit.get("/work/projects/import").status_code == 403


def test_cli_import_with_progress_and_errors(app, tmp_path):
    runner = app.test_cli_runner()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([HEADER, ["X-1", "", "阿克陶县教育局", "二〇二四", "项目支出", "一般公共预算", 1, 1, 0]]))
    result = runner.invoke(args=["import-projects", str(bad)])
    assert result.exit_code != 0
    assert "第 2 行：项目名称为空" in result.output and "未导入任何项目" in result.output
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([HEADER, *GOOD]))
    result = runner.invoke(args=["import-projects", str(good)])
    assert result.exit_code == 0, result.output
    assert "已导入 3 个项目" in result.output
