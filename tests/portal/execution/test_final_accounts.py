"""决算 import: per-source 到位数 / 执行数 by project code, row-level errors in Chinese, all rows or none."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from portal.execution.models import ExecutionRecord
from portal.execution.operations import history
from portal.extensions import db
from portal.projects.models import Project
from tests.conftest import text_of
from tests.portal.execution.helpers import project_with_targets, two_source_project, xlsx

HEADER = ["项目编码", "预算年度", "中央到位数", "中央执行数", "本级到位数", "本级执行数"]


def _projects(app):
    with app.test_request_context():
        seed = project_with_targets("ZS-2022-101")  # seed 003: 4 万元, all 本级
        seed.funding[0].spent = Decimal("0")
        two = two_source_project("GL-2022-102")
        db.session.commit()
        return seed.id, two.id


def _records(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(ExecutionRecord.id)))


def _post(client, data: bytes, name: str = "2022年决算.xlsx"):
    return client.post("/work/execution/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_a_file_with_bad_rows_records_nothing_and_names_each_row(app, login):
    _projects(app)
    before = _records(app)
    rows = [HEADER,
            ["ZS-2022-101", 2022, 1, 1, "", ""],
            ["GL-2022-999", 2022, 30, 28, 10, 10],
            ["GL-2022-102", 2022, 30, "二十八", 10, 12],
            ["ZS-2022-101", 2022, "", "", 4, 4]]
    response = _post(login("reviewer"), xlsx(rows))
    assert response.status_code == 422
    page = text_of(response)
    assert "发现 5 处错误，未导入任何数据" in page
    assert "第 3 行 找不到 2022 年度编码为“GL-2022-999”的项目" in page
    assert "第 4 行 中央：金额“二十八”不是有效数字" in page
    assert "第 4 行 本级执行数 12.00 万元大于到位数 10.00 万元" in page
    assert "第 2 行 该项目没有“中央”资金来源，不能填写其到位数、执行数" in page
    assert "第 5 行 项目编码“ZS-2022-101”（2022 年度）在文件中重复" in page
    assert _records(app) == before


def test_good_file_records_the_final_accounts_as_of_year_end(app, login):
    seed_id, two_id = _projects(app)
    rows = [HEADER, ["ZS-2022-101", 2022, "", "", 4, 4], ["GL-2022-102", "2022", 30, "28.5", 10, 9.8]]
    client = login("reviewer")
    assert _post(client, xlsx(rows)).status_code == 302
    with app.test_request_context():
        seed, two = db.session.get(Project, seed_id), db.session.get(Project, two_id)
        assert seed.execution_rate == Decimal("100.00")  # seed 003: 截至2022年12月31日，实际支出4万元，执行率100%
        assert (two.spent, two.execution_rate) == (Decimal("38.30"), Decimal("95.75"))
        record = history(two)[0]
        assert (record.as_of, record.origin, record.note) == (date(2022, 12, 31), "final_accounts",
                                                              "决算导入：2022年决算.xlsx")
    assert "2022-12-31 现行 决算导入" in text_of(client.get(f"/work/projects/{two_id}"))


def test_units_cannot_import(app, login):
    assert login("unit").get("/work/execution/import").status_code == 403


def test_cli_imports_with_progress_or_lists_the_errors(app, tmp_path):
    seed_id, _ = _projects(app)
    runner = app.test_cli_runner()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([HEADER, ["ZS-2022-101", "二〇二二", "", "", 4, 4]]))
    result = runner.invoke(args=["import-execution", str(bad)])
    assert result.exit_code != 0
    assert "第 2 行：预算年度“二〇二二”无效" in result.output
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([HEADER, ["ZS-2022-101", 2022, "", "", 4, 4]]))
    result = runner.invoke(args=["import-execution", str(good)])
    assert result.exit_code == 0, result.output
    assert "导入决算" in result.output and "已导入 1 个项目的决算到位数、执行数" in result.output
    with app.test_request_context():
        assert db.session.get(Project, seed_id).execution_rate == Decimal("100.00")


def test_a_file_without_the_needed_columns_says_so(app, login):
    page = text_of(_post(login("section"), xlsx([["编码", "名称"], ["X", "Y"]])))
    assert "缺少“预算年度”列" in page and "缺少金额列" in page
