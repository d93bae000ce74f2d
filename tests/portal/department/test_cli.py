"""The CLI side of the two imports: the same checks, all or nothing, Chinese messages."""

from __future__ import annotations

from openpyxl import Workbook

from portal.department import demo
from portal.department import operations as dept_ops
from portal.library import operations as library_ops
from tests.portal.workflow.helpers import UNIT, org


def _save(path, header, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return str(path)


def test_department_import_from_the_cli(app, runner, tmp_path):
    bad = _save(tmp_path / "bad.xlsx", ["类别", "名称", "预算数"], [["资金来源", "省级", 1]])
    result = runner.invoke(args=["department", "import", UNIT, "2023", bad])
    assert result.exit_code != 0
    assert "第 2 行：资金来源的名称应为中央、自治区、州、本级之一，不能是“省级”" in result.output
    good = _save(tmp_path / "good.xlsx", ["类别", "名称", "预算数"], [[s, n, b] for s, n, b in (
        ("资金来源", "中央", 25716), ("资金来源", "自治区", 451), ("资金来源", "州", 7155), ("资金来源", "本级", 247786))])
    result = runner.invoke(args=["department", "import", UNIT, "2023", good])
    assert result.exit_code == 0, result.output
    assert "已导入阿克陶县商务科技和工业信息化局2023年度部门整体预算 4 行" in result.output
    with app.app_context():
        assert str(dept_ops.department_object(org(UNIT).id, 2023).budget) == "281108.00"
    assert "找不到预算单位“某局”" in runner.invoke(args=["department", "import", "某局", "2023", good]).output


def test_library_import_from_the_cli(app, runner, tmp_path):
    path = _save(tmp_path / "lib.xlsx", demo.LIBRARY_HEADER, demo.LIBRARY_ROWS)
    result = runner.invoke(args=["library", "import", "2026", path, "--basis", "共性指标体系（2026年度）"])
    assert result.exit_code == 0, result.output
    assert "已导入阿克陶县财政局2026年度第 1 版指标库，共 15 条三级指标" in result.output
    with app.app_context():
        version = library_ops.current_version(org(UNIT).parent_id, 2026)
        assert version.basis == "共性指标体系（2026年度）"
