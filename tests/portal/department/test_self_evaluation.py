"""The department-wide self-evaluation table of seed 002, parsed from the seed's text, totals 97.96 (优)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.department import operations as dept_ops
from portal.extensions import db
from portal.submissions import operations as ops
from portal.submissions.starting import start_options
from portal.targets import operations as target_ops
from tests.conftest import seeds_dir, text_of
from tests.portal.workflow.helpers import UNIT, org, user

NUMBER = r"([\d.]+)"


def seed_002() -> dict:
    """Seed 002's indicator table and execution figures, read from the seed's text."""
    text = next(seeds_dir().glob("002_*.txt")).read_text(encoding="utf-8")
    indicators = []
    for name, para in re.findall(r"“([^”]+?)\s*”指标完成情况分析\n(.+)", text):
        expected = re.search(r"预期指标值“([=≥≤])" + NUMBER + r"([^”]*)”", para)
        midyear = re.search(r"年中绩效运行监控指标完成值" + NUMBER, para)
        indicators.append(dict(
            name=name.strip(), operator=expected.group(1), value=expected.group(2), unit=expected.group(3),
            midyear=midyear.group(1) if midyear else "", actual=re.search(r"实际完成值" + NUMBER, para).group(1),
            completion=re.search(r"指标完成率" + NUMBER + "%", para).group(1),
            weight=re.search(r"赋分权重" + NUMBER + "分", para).group(1),
            score=re.search(r"最终得分?" + NUMBER + "分", para).group(1)))
    return dict(indicators=indicators,
                budget=re.search(r"全年预算数为" + NUMBER + "万元", text).group(1),
                spent=re.search(r"全年部门整体支出" + NUMBER + "万元", text).group(1),
                execution=re.search(r"全年预算执行率为" + NUMBER + "%", text).group(1),
                total=re.search(r"综合得分" + NUMBER + "分", text).group(1),
                grade=re.search(r"评价结果为“(.)”", text).group(1))


def _approve(submission, unit_user, project):
    from tests.portal.workflow.helpers import bureau_user

    ops.apply_transition(submission, "submit", unit_user)
    ops.apply_transition(submission, "pass_first_review", bureau_user(project, "bureau_section"))
    ops.apply_transition(submission, "approve", bureau_user(project, "bureau_reviewer"))


def _department_year(seed) -> tuple:
    unit = org(UNIT)
    unit_user = db.session.scalar(select(User).where(User.org_id == unit.id))
    dept_ops.save(unit, 2024, unit_user, None, [dict(dimension="source", name="本级", budget=seed["budget"])])
    obj = dept_ops.department_object(unit.id, 2024)
    declaration = target_ops.declare(obj, unit_user)
    target_ops.save_indicators(declaration, unit_user, [
        dict(level1="效益" if "增" in i["name"] else "产出", level2="经济效益" if "增" in i["name"] else "数量",
             name=i["name"], operator=i["operator"], value=i["value"], unit=i["unit"], weight=i["weight"])
        for i in seed["indicators"]])
    _approve(declaration, unit_user, obj)
    return obj, unit_user


def test_seed_002_table_recomputes_to_97_96(app, login):
    seed = seed_002()
    assert [i["name"] for i in seed["indicators"]] == [
        "单位经费保障数量", "招商引资到位资金增幅率", "规上工业增加值", "人员工资保障人数", "一般公共预算收入增幅"]
    assert (seed["total"], seed["grade"]) == ("97.96", "优")
    with app.test_request_context():
        obj, unit_user = _department_year(seed)
        june = ops.create(kind="monitoring", project=obj, user=unit_user, checkpoint=6)
        ops.save_data(june, unit_user, spent="250000")
        ops.save_results(june, unit_user, {
            ind.id: {"actual": i["midyear"], "note": "" if i["midyear"] else "年中暂无统计数据"}
            for ind, i in zip(june.target_version.indicators, seed["indicators"], strict=True)})
        _approve(june, unit_user, obj)
        self_eval = ops.create(kind="self_evaluation", project=obj, user=unit_user)
        ops.save_data(self_eval, unit_user, spent=seed["spent"])
        ops.save_results(self_eval, unit_user, {
            ind.id: {"actual": i["actual"]} for ind, i in zip(self_eval.target_version.indicators, seed["indicators"],
                                                                strict=True)})
        _approve(self_eval, unit_user, obj)
        assert (self_eval.total_score, self_eval.grade) == (Decimal(seed["total"]), seed["grade"])
        db.session.commit()
        sid = self_eval.id

    page = text_of(login("reviewer").get(f"/work/submissions/{sid}"))
    assert f"预算执行率 {seed['execution']}% 10.00 9.31" in page
    for i in seed["indicators"]:
        midyear = f"{i['midyear']}{i['unit']}" if i["midyear"] else "—"
        completion = f"{Decimal(i['completion']):.2f}%"
        score = f"{Decimal(i['score']):.2f}"
        row = f"{i['name']} {i['operator']}{i['value']}{i['unit']} {midyear} {i['actual']}{i['unit']} {completion} "
        assert row + f"{Decimal(i['weight']):.2f} {score}" in page, row
    assert "合计 100.00 97.96 评价等级：优" in page


def test_department_weights_total_90_and_june_is_its_checkpoint(app, clock):
    from datetime import UTC, datetime

    clock.set(datetime(2024, 7, 2, 4, 0, tzinfo=UTC))
    with app.test_request_context():
        unit = org(UNIT)
        unit_user = user("unit")
        dept_ops.save(unit, 2024, unit_user, None, [dict(dimension="source", name="本级", budget="100")])
        obj = dept_ops.department_object(unit.id, 2024)
        declaration = target_ops.declare(obj, unit_user)
        with pytest.raises(target_ops.TargetRowsError) as caught:
            target_ops.save_indicators(declaration, unit_user, [
                dict(level1="产出", level2="数量", name="单位经费保障数量", operator="=", value="20", unit="个",
                     weight="60"),
                dict(level1="效益", level2="经济效益", name="规上工业增加值", operator="≥", value="13", unit="%",
                     weight="40")])
        assert "各指标权重合计应为 90（部门整体支出：预算执行率另占 10 分），现为 100" in str(caught.value)
        labels = [o.label for o in start_options(obj, unit_user, clock.today()) if o.kind == "monitoring"]
        assert labels == ["绩效监控报告（6月底）"]
        with pytest.raises(ops.WorkflowError, match="6月底"):
            ops.create(kind="monitoring", project=obj, user=unit_user, checkpoint=5)
