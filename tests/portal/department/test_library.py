"""共性项目绩效指标库: imported from XLSX per year (versioned, all or nothing), picked in the target editor,
custom indicators marked 自定义 for the reviewer."""

from __future__ import annotations

import io

from openpyxl import Workbook
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from portal.department import demo
from portal.extensions import db
from portal.library.models import LibraryItem, LibraryVersion
from portal.projects.operations import create_project
from portal.targets import operations as target_ops
from tests.conftest import text_of
from tests.portal.workflow.helpers import UNIT, org, user


def _xlsx(rows, header=demo.LIBRARY_HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(client, rows, year=2025, **kwargs):
    return client.post("/work/library/import", data={"year": str(year), "basis": "共性项目绩效指标体系（2025年度）",
                                                      "file": (io.BytesIO(_xlsx(rows, **kwargs)), "指标库.xlsx")},
                       content_type="multipart/form-data")


def test_reviewer_imports_a_year_and_a_new_version_keeps_the_old(app, login):
    client = login("reviewer")
    assert _import(client, demo.LIBRARY_ROWS).status_code == 302
    page = text_of(client.get("/work/library/?year=2025&sector=商务"))
    assert "2025年度第 1 版" in page and "共 15 条三级指标" in page
    assert "商务 招商引资 产出 数量 举办招商引资活动数量 ≥2个 个 一般公共预算" in page
    assert "学前教育" not in page
    assert _import(client, demo.LIBRARY_ROWS[:5]).status_code == 302
    page = text_of(client.get("/work/library/?year=2025"))
    assert "2025年度第 2 版" in page and "共 5 条三级指标" in page and "版本记录" in page
    with app.app_context():
        versions = db.session.scalars(select(LibraryVersion).where(LibraryVersion.fiscal_year == 2025)).all()
        assert sorted(len(v.items) for v in versions) == [5, 15]


def test_bad_rows_import_nothing_with_chinese_row_errors(app, login):
    client = login("reviewer")
    rows = list(demo.LIBRARY_ROWS[:3]) + [
        ("教育", "学前教育", "产出", "效益", "资助幼儿人数", "人", "≥", "", ""),
        ("教育", "学前教育", "产出", "数量", "资助幼儿人数", "人", "大于", "十", ""),
        ("", "学前教育", "产出", "数量", "", "人", "≥", "", "其他预算")]
    response = _import(client, rows)
    assert response.status_code == 422
    page = text_of(response)
    assert "第 5 行：二级指标“效益”不属于“产出”" in page
    assert "第 6 行：指标方向“大于”无效，应为 ≥、≤、= 或 定性" in page and "第 6 行：建议值“十”不是有效数字" in page
    assert "第 7 行：请填写“行业”" in page and "第 7 行：请填写“三级指标”" in page
    assert "第 7 行：适用预算类别“其他预算”无效" in page
    assert "未导入任何指标" in page
    response = _import(client, demo.LIBRARY_ROWS, header=("行业", "名称"))
    assert "第 1 行：缺少“一级指标”“二级指标”“三级指标”“指标方向”列" in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(LibraryVersion).where(LibraryVersion.fiscal_year == 2025)) is None


def test_only_the_performance_section_imports(app, login):
    for who in ("unit", "section", "firm"):
        client = login(who)
        assert _import(client, demo.LIBRARY_ROWS).status_code == 403
    assert login("firm").get("/work/library/").status_code == 403
    assert login("unit").get("/work/library/").status_code == 200  # units read the library they pick from


def _draft(app, category="一般公共预算"):
    with app.test_request_context():
        project = create_project(code="ZS-2025-LIB", name="招商引资工作经费", unit=org(UNIT), fiscal_year=2025,
                                 kind="project", category=category)
        declaration = target_ops.declare(project, user("unit"))
        db.session.commit()
        return declaration.id


def test_unit_picks_from_the_library_and_the_reviewer_sees_the_origin(app, login):
    _import(login("reviewer"), demo.LIBRARY_ROWS)
    sid = _draft(app)
    client = login("unit")
    editor = text_of(client.get(f"/work/submissions/{sid}/edit"))
    assert "从指标库选取指标（2025年度共性指标库，适用于“一般公共预算”的 14 条）" in editor  # not the 专项债券 item
    with app.app_context():
        items = {i.name: i.id for i in db.session.scalars(select(LibraryItem))}
    response = client.post(f"/work/library/pick/{sid}", data={"item": [
        str(items["举办招商引资活动数量"]), str(items["招商活动的签约项目个数"]), str(items["客商满意度"])]})
    assert response.status_code == 302
    editor = client.get(f"/work/submissions/{sid}/edit").get_data(as_text=True)
    assert editor.count('class="badge library-mark"') == 3
    # the unit sets weights, renames one picked indicator (it becomes its own) and writes one more
    form = MultiDict([("csrf_token", client.csrf_token()), ("overall_goal", "完成招商引资年度任务")])
    rows = [("产出", "数量", "举办招商引资活动数量", "≥", "2", "个", "30", items["举办招商引资活动数量"]),
            ("效益", "经济效益", "签约项目个数（含框架协议）", "≥", "2", "个", "30", items["招商活动的签约项目个数"]),
            ("满意度", "服务对象满意度", "客商满意度", "≥", "98", "%", "20", items["客商满意度"]),
            ("产出", "时效", "招商引资工作周期", "=", "12", "月", "20", "")]
    for level1, level2, name, op, value, unit, weight, library in rows:
        for key, val in (("level1", level1), ("level2", level2), ("name", name), ("operator", op), ("value", value),
                         ("text_value", ""), ("unit", unit), ("weight", weight), ("library", str(library))):
            form.add(f"ind_{key}", val)
    assert client.raw.post(f"/work/submissions/{sid}/edit", data=form).status_code == 302
    assert client.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "submit"}).status_code == 302
    page = text_of(login("section").get(f"/work/submissions/{sid}"))
    assert "产出 数量 举办招商引资活动数量 指标库 ≥2个 30" in page
    assert "效益 经济效益 签约项目个数（含框架协议） 自定义 ≥2个 30" in page
    assert "满意度 服务对象满意度 客商满意度 指标库 ≥98% 20" in page
    assert "产出 时效 招商引资工作周期 自定义 =12月 20" in page


def test_items_of_another_category_or_year_cannot_be_picked(app, login):
    _import(login("reviewer"), demo.LIBRARY_ROWS)
    _import(login("reviewer"), demo.LIBRARY_ROWS, year=2024)
    sid = _draft(app)
    with app.app_context():
        bond = db.session.scalar(select(LibraryItem).where(LibraryItem.name == "工程设计使用年限"))
        other_year = db.session.scalar(select(LibraryItem).join(LibraryVersion).where(
            LibraryVersion.fiscal_year == 2024, LibraryItem.name == "培训合格率"))
        ids = [str(bond.id), str(other_year.id)]
    client = login("unit")
    client.post(f"/work/library/pick/{sid}", data={"item": ids})
    editor = text_of(client.get(f"/work/submissions/{sid}/edit"))
    assert "请勾选要加入的指标（只能选取本年度指标库中适用于本项目预算类别的指标）" in editor
    assert login("unit2").post(f"/work/library/pick/{sid}", data={"item": ids}).status_code == 404


def test_empty_library_pages(app, login):
    client = login("reviewer")
    assert "2030 年度尚未导入指标库" in text_of(client.get("/work/library/?year=2030"))
    assert client.get("/work/library/import?year=2030").status_code == 200
    sid = _draft(app)
    assert "本年度指标库中没有适用于该项目的指标" in text_of(login("unit").get(f"/work/submissions/{sid}/edit"))
