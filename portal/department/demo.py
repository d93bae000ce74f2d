"""Demo data of 部门整体支出 and the indicator library, from seeds 000, 002 and 004.

The demo unit (阿克陶县商务科技和工业信息化局) carries seed 002's department-wide year as 2022 — profile, budget,
targets, June monitoring and the self-evaluation that totals 97.96 (优) — and seed 000's as 2023 (profile,
budget by source and by function with the year-on-year change).  The bureau's 2023 indicator library is
imported from an XLSX file built here.  Idempotent: nothing is added once the 2022 record exists.
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from portal.accounts.models import User
from portal.department import operations as dept_ops
from portal.extensions import db

UNIT = "阿克陶县商务科技和工业信息化局"

FUNCTIONS_TEXT = ("统一发展政策、统一规划建设、统一资源调配、统一产业布局、统一管理协调，重点对产业发展实行全面调控；"
                  "研究制定经济和社会发展规划并组织实施；承担规划、建设工程质量安全、环境保护、安全生产、劳动监察、"
                  "项目立项、基础设施建设、水资源和企业服务等职责（seed 000 / 002：主要职能 12 / 13 项）。")

#: Seed 002 (2024 in the seed, 2022 in the demo).
SEED_002_BODIES = ("无下属预算单位，下设21个机构，其中内设机构11个（党政办、组织部、综合治理办公室、经济发展局、规划建设局、"
                   "安全生产监督管理局、财政局、环保局、水务局、工程项目管理中心、社会事务管理局），州直派出机构8个，建制镇2个。")
SEED_002_LINES = (
    ("source", "中央", "43759.59", "43740.72", None),  # 上级专项资金 (seed 002 does not split 中央/自治区/州)
    ("source", "本级", "498036.33", "460583.46", None),  # 本级项目资金 480244.46 + 基本支出 17791.87
    ("nature", "基本支出", "17791.87", "16363.56", None),
    ("nature", "项目支出", "524004.05", "487960.62", None),
    ("sangong", "因公出国（境）费", "0", "0", "0"),
    ("sangong", "公务接待费", "88", "76.22", "87.57"),
    ("sangong", "公务用车购置及运行维护费", "319.6", "319.2", "319.6"),
)
#: (一级, 二级, 三级, 比较, 指标值, 单位, 分值, 年中监控值, 实际完成值, 偏差原因) — seed 002 §三.
SEED_002_INDICATORS = (
    ("产出", "数量", "单位经费保障数量", "=", "20", "个", "10", "20", "20", ""),
    ("效益", "经济效益", "招商引资到位资金增幅率", "≥", "15", "%", "20", "15.6", "18.03",
     "不断优化完善招商引资工作机制，强力推动产业招商实现增长"),
    ("效益", "经济效益", "规上工业增加值", "≥", "13", "%", "20", "", "13.8", "大力推进煤化工、新型建材等重大项目建设"),
    ("产出", "数量", "人员工资保障人数", "≥", "1200", "人", "20", "1301", "1753", "新建产业园，财政供养人员较年初大幅增加"),
    ("效益", "经济效益", "一般公共预算收入增幅", "≥", "113.79", "亿元", "20", "57.58", "106.12",
     "经济增速有所放缓，企业营收不如往年，自治区财税体制有所调整"),
)
SEED_002_SPENT = "504324.18"
SEED_002_JUNE_SPENT = "252162.09"

#: Seed 000 (2023): budget by source, and 功能分类 (执行数, 完成年度预算 %, 较上年增减).
SEED_000_SOURCES = (("中央", "25716"), ("自治区", "451"), ("州", "7155"), ("本级", "247786"))
SEED_000_FUNCTIONS = (
    ("一般公共服务支出", 23022, "93", 3538), ("公共安全支出", 7789, "194.73", 3901), ("教育支出", 7831, "11.44", 60),
    ("科学技术支出", 1443, "48.1", -4557), ("文化旅游体育与传媒支出", 0, None, -46),
    ("社会保障和就业支出", 1562, "112.29", 998), ("卫生健康支出", 20307, "75.21", 5373),
    ("节能环保支出", 3501, "117.37", 2834), ("城乡社区支出", 143353, "41.1", 2489), ("农林水支出", 16102, "86.06", -564),
    ("交通运输支出", 65, "32.5", 65), ("资源勘探工业信息等支出", 31672, "158.36", 10978),
    ("商业服务业等支出", 899, "299.67", 618), ("自然资源海洋气象等支出", 2419, "345.57", 1735),
    ("住房保障支出", 1277, "42.57", 314), ("灾害防治及应急管理支出", 8665, "123.79", 1932), ("债务付息支出", 2644, "87.38", 523),
)
SEED_000_BODIES = ("无下属预算单位，下设19个机构，其中内设机构11个，州直派出机构6个，建制镇2个（五彩湾镇、芨芨湖镇）。")

#: The 2023 library (行业, 领域, 一级, 二级, 三级, 单位, 方向, 建议值, 适用预算类别).
LIBRARY_HEADER = ("行业", "领域", "一级指标", "二级指标", "三级指标", "计量单位", "指标方向", "建议值", "适用预算类别")
LIBRARY_ROWS = (
    ("通用", "项目管理", "产出", "时效", "资金拨付及时率", "%", "=", "100", ""),
    ("通用", "项目管理", "产出", "成本", "项目成本控制率", "%", "≤", "100", ""),
    ("通用", "项目管理", "满意度", "服务对象满意度", "服务对象满意度", "%", "≥", "90", ""),
    ("通用", "会议培训", "产出", "数量", "培训人次", "人次", "≥", "", ""),
    ("通用", "会议培训", "产出", "质量", "培训合格率", "%", "≥", "95", ""),
    ("商务", "招商引资", "产出", "数量", "举办招商引资活动数量", "个", "≥", "2", "一般公共预算"),
    ("商务", "招商引资", "效益", "经济效益", "招商活动的签约项目个数", "个", "≥", "2", "一般公共预算"),
    ("商务", "招商引资", "满意度", "服务对象满意度", "客商满意度", "%", "≥", "98", "一般公共预算"),
    ("教育", "学前教育", "产出", "数量", "资助幼儿人数", "人", "≥", "", ""),
    ("教育", "学前教育", "产出", "质量", "资助对象识别准确率", "%", "=", "100", ""),
    ("教育", "学前教育", "效益", "社会效益", "家庭经济困难幼儿入园保障", "", "定性", "有效保障", ""),
    ("农业农村", "高标准农田建设", "产出", "数量", "新建高标准农田面积", "亩", "≥", "", ""),
    ("农业农村", "高标准农田建设", "产出", "质量", "工程验收合格率", "%", "=", "100", ""),
    ("农业农村", "高标准农田建设", "效益", "经济效益", "亩均粮食产能提升", "公斤", "≥", "100", ""),
    ("农业农村", "高标准农田建设", "效益", "可持续影响", "工程设计使用年限", "年", "≥", "15", "专项债券"),
)


def _user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


def seed_000_rows() -> list[dict]:
    rows = [dict(dimension="source", name=n, budget=b, spent="", prior_spent="") for n, b in SEED_000_SOURCES]
    for name, spent, rate, change in SEED_000_FUNCTIONS:
        budget = "" if rate is None else str((Decimal(spent) * 100 / Decimal(rate)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP))
        rows.append(dict(dimension="function", name=name, budget=budget, spent=str(spent),
                         prior_spent=str(spent - change)))
    return rows


def library_xlsx() -> bytes:
    from openpyxl import Workbook

    from portal.exports import append_row

    wb = Workbook()
    ws = wb.active
    ws.title = "共性指标"
    append_row(ws, LIBRARY_HEADER)
    for row in LIBRARY_ROWS:
        append_row(ws, row, as_text=True)  # the direction "=" stays text
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _department_2022(unit, unit_user, section, reviewer) -> None:
    from portal.submissions import operations as ops
    from portal.targets import operations as target_ops

    dept_ops.save(unit, 2022, unit_user, {"functions": FUNCTIONS_TEXT, "internal_bodies": SEED_002_BODIES,
                                          "staff_actual": "142", "key_work": "培育壮大优势产业；坚持产城融合；"
                                          "守住安全生产红线；推动绿色低碳发展；增进民生福祉。"},
                  [dict(dimension=d, name=n, budget=b, spent=s, prior_spent=p or "") for d, n, b, s, p in SEED_002_LINES])
    obj = dept_ops.department_object(unit.id, 2022)
    declaration = target_ops.declare(obj, unit_user)
    target_ops.save_indicators(declaration, unit_user, [
        dict(level1=a, level2=b, name=c, operator=d, value=e, unit=f, weight=g)
        for a, b, c, d, e, f, g, *_ in SEED_002_INDICATORS], overall_goal="保障部门正常运转，完成年度重点工作任务")

    def approve(submission):
        ops.apply_transition(submission, "submit", unit_user)
        ops.apply_transition(submission, "pass_first_review", section)
        ops.apply_transition(submission, "approve", reviewer)

    approve(declaration)
    june = ops.create(kind="monitoring", project=obj, user=unit_user, checkpoint=6)
    ops.save_data(june, unit_user, spent=SEED_002_JUNE_SPENT)
    ops.save_results(june, unit_user, {
        i.id: {"actual": row[7], "note": "" if row[7] else "年中暂无统计数据，年底统计"}
        for i, row in zip(june.target_version.indicators, SEED_002_INDICATORS, strict=True)})
    approve(june)
    self_eval = ops.create(kind="self_evaluation", project=obj, user=unit_user)
    ops.save_data(self_eval, unit_user, spent=SEED_002_SPENT,
                  summary="部门整体支出绩效自评综合得分97.96分，评价结果为“优”（seed 002）。")
    ops.save_results(self_eval, unit_user, {
        i.id: {"actual": row[8], "note": row[9]}
        for i, row in zip(self_eval.target_version.indicators, SEED_002_INDICATORS, strict=True)})
    ops.save_findings(self_eval, unit_user, ["一般公共预算收入增幅未按年初目标完成全年任务"],
                      ["推行零基预算，强化税源分析，培育税收新增长点"])
    approve(self_eval)


def _library(bureau_id: int, reviewer) -> None:
    from portal.library import operations as library_ops
    from portal.targets.models import Indicator, TargetVersion

    if library_ops.current_version(bureau_id, 2023) is not None:
        return
    result = library_ops.import_library(bureau_id, 2023, reviewer, "阿克陶县共性项目绩效指标体系2023.xlsx",
                                        library_xlsx(), basis="阿克陶县分行业分领域共性项目绩效指标体系（2023年度）")
    if result.errors:
        raise RuntimeError("；".join(result.errors))
    by_name = {item.name: item.id for item in result.version.items}
    # The 2023 招商引资 declaration (returned for rework) took three indicators from the library.
    from portal.projects.models import Project

    drafts = db.session.scalars(select(Indicator).join(TargetVersion).join(Project).where(
        Project.code == "ZSYZ-2023-01", TargetVersion.is_frozen.is_(False))).all()
    for indicator in drafts:
        indicator.library_item_id = by_name.get(indicator.name)


def load(orgs) -> None:
    unit = orgs.get(UNIT)
    unit_user, section, reviewer = _user("unit"), _user("section"), _user("reviewer")
    if unit is None or None in (unit_user, section, reviewer):
        return
    if dept_ops.profile_of(unit.id, 2022) is None:
        _department_2022(unit, unit_user, section, reviewer)
    if dept_ops.profile_of(unit.id, 2023) is None:
        dept_ops.save(unit, 2023, unit_user, {"functions": FUNCTIONS_TEXT, "internal_bodies": SEED_000_BODIES,
                                              "staff_authorised": "170", "staff_actual": "126", "key_work": ""},
                      seed_000_rows())
    _library(unit.parent_id, reviewer)
    db.session.flush()
