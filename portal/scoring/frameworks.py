"""The default frameworks as data, and their persistence.

``evaluation``: seed 003's 决策 20 / 过程 20 / 产出 40 / 效益 20 with its 19 level-3 items
(财预〔2020〕10号 practice).  ``self_evaluation``: 预算执行率 10 / 产出 50 / 效益 30 / 满意度 10,
the national practice for unit self-evaluation.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from portal.extensions import db
from portal.scoring.models import Framework, FrameworkItem

#: (level-1, level-2, level-3, weight)
EVALUATION_ITEMS = (
    ("决策", "项目立项", "立项依据充分性", 3),
    ("决策", "项目立项", "立项程序规范性", 2),
    ("决策", "绩效目标", "绩效目标合理性", 3),
    ("决策", "绩效目标", "绩效指标明确性", 2),
    ("决策", "资金投入", "预算编制科学性", 5),
    ("决策", "资金投入", "资金分配合理性", 5),
    ("过程", "资金管理", "资金到位率", 5),
    ("过程", "资金管理", "预算执行率", 5),
    ("过程", "资金管理", "资金使用合规性", 5),
    ("过程", "组织实施", "管理制度健全性", 2),
    ("过程", "组织实施", "制度执行有效性", 3),
    ("产出", "产出数量", "实际完成率", 10),
    ("产出", "产出质量", "质量达标率", 10),
    ("产出", "产出时效", "完成及时性", 10),
    ("产出", "产出成本", "成本节约率", 10),
    ("效益", "项目效益", "社会效益", 5),
    ("效益", "项目效益", "生态效益", 5),
    ("效益", "项目效益", "可持续影响", 5),
    ("效益", "项目效益", "服务对象满意度", 5),
)

SELF_EVALUATION_ITEMS = (
    ("预算执行率", "预算执行率", "预算执行率", 10),
    ("产出", "产出指标", "产出指标完成情况", 50),
    ("效益", "效益指标", "效益指标完成情况", 30),
    ("满意度", "满意度指标", "满意度指标完成情况", 10),
)

#: 事前绩效评估审核打分表 (seed 004 §二.1: 政策设立必要程度, 绩效目标合理性, 实施方案可行性, 可持续性).
EXANTE_ITEMS = (
    ("必要性", "政策设立必要程度", "立项依据充分性", 10),
    ("必要性", "政策设立必要程度", "需求紧迫性", 10),
    ("必要性", "政策设立必要程度", "与部门职能相符性", 5),
    ("绩效目标合理性", "绩效目标", "目标明确性", 10),
    ("绩效目标合理性", "绩效指标", "指标科学合理性", 10),
    ("实施方案可行性", "实施方案", "实施方案完整性", 10),
    ("实施方案可行性", "组织保障", "组织与制度保障", 5),
    ("实施方案可行性", "风险", "风险可控性", 5),
    ("投入经济性", "资金", "预算测算合理性", 10),
    ("投入经济性", "资金", "筹资合规性", 5),
    ("可持续性", "可持续性", "效益可持续性", 10),
    ("可持续性", "可持续性", "长效机制", 10),
)

DEFAULTS = {
    "default-evaluation": ("项目支出绩效评价指标体系（默认）", "evaluation", EVALUATION_ITEMS),
    "default-self-evaluation": ("绩效自评指标体系（默认）", "self_evaluation", SELF_EVALUATION_ITEMS),
    "default-exante": ("事前绩效评估审核打分表（默认）", "exante", EXANTE_ITEMS),
}

#: Which framework kind scores which submission kind.
FRAMEWORK_KIND_FOR = {"self_evaluation": "self_evaluation", "department_evaluation": "evaluation",
                      "third_party": "evaluation", "exante": "exante"}


def ensure_defaults() -> dict[str, Framework]:
    """Create the default frameworks when missing (idempotent)."""
    out = {}
    for code, (name, kind, items) in DEFAULTS.items():
        fw = db.session.scalar(select(Framework).where(Framework.code == code))
        if fw is None:
            fw = Framework(code=code, name=name, kind=kind, is_default=True)
            fw.items = [FrameworkItem(position=i, level1=l1, level2=l2, name=n, weight=Decimal(w))
                        for i, (l1, l2, n, w) in enumerate(items)]
            db.session.add(fw)
            db.session.flush()
        out[code] = fw
    return out


def framework_for(submission_kind: str, fiscal_year: int, bureau_id: int | None) -> Framework | None:
    """The framework a new submission uses: the bureau's for that year, else the default."""
    kind = FRAMEWORK_KIND_FOR.get(submission_kind)
    if kind is None:
        return None
    ensure_defaults()
    specific = db.session.scalar(select(Framework).where(
        Framework.kind == kind, Framework.fiscal_year == fiscal_year, Framework.bureau_id == bureau_id))
    return specific or db.session.scalar(select(Framework).where(Framework.kind == kind,
                                                                 Framework.is_default.is_(True)))


# -- frameworks a bureau defines for a year ------------------------------------------------------

#: Framework kinds a bureau may define, with what they score.
FRAMEWORK_KINDS = {"evaluation": "项目支出绩效评价（部门评价、第三方评价）", "self_evaluation": "绩效自评",
                   "exante": "事前绩效评估审核打分表"}


#: Self-evaluation scores 预算执行率 and the target table's indicator groups, so those are its level-1 names.
#: 成本 may be weighed on its own for years whose targets follow 财预〔2021〕101号.
SELF_EVALUATION_LEVEL1 = frozenset({"预算执行率", "产出", "成本", "效益", "满意度"})


class FrameworkError(ValueError):
    """A framework that cannot be saved; the message is shown to the user as is."""


def bureau_framework(kind: str, fiscal_year: int, bureau_id: int | None) -> Framework | None:
    """The framework ``bureau_id`` defined for ``kind`` in ``fiscal_year``, if any."""
    return db.session.scalar(select(Framework).where(Framework.kind == kind, Framework.fiscal_year == fiscal_year,
                                                     Framework.bureau_id == bureau_id,
                                                     Framework.is_default.is_(False)))


def default_framework(kind: str) -> Framework:
    ensure_defaults()
    return db.session.scalar(select(Framework).where(Framework.kind == kind, Framework.is_default.is_(True)))


def usage(framework: Framework) -> int:
    """How many submissions are scored on ``framework`` (a used framework is frozen)."""
    from sqlalchemy import func

    from portal.submissions.models import Submission

    return db.session.scalar(select(func.count(Submission.id)).where(Submission.framework_id == framework.id))


def _weight(raw: str, label: str) -> Decimal:
    from decimal import InvalidOperation

    text = str(raw or "").strip().replace("，", "").replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise FrameworkError(f"{label}的分值“{raw}”不是有效数字") from None
    if not value.is_finite() or value <= 0 or value > 100:
        raise FrameworkError(f"{label}的分值应大于 0 且不超过 100")
    if value != value.quantize(Decimal("0.01")):
        raise FrameworkError(f"{label}的分值最多保留两位小数")
    return value.quantize(Decimal("0.01"))


def clean_rows(rows) -> list[tuple[str, str, str, Decimal]]:
    """(level-1, level-2, level-3, weight) rows checked: all filled, no repeats, weights summing to 100.

    A row left wholly blank is dropped (that is how the form removes an item).
    """
    cleaned, seen = [], set()
    for number, row in enumerate(rows, start=1):
        level1, level2, name, raw = (str(v or "").strip() for v in row)
        if not (level1 or level2 or name or raw):
            continue
        label = f"第 {number} 行（{name or '未命名'}）"
        if not (level1 and level2 and name):
            raise FrameworkError(f"{label}：一级、二级、三级指标名称都要填写")
        if len(level1) > 20 or len(level2) > 40 or len(name) > 100:
            raise FrameworkError(f"{label}：指标名称过长（一级 20 字、二级 40 字、三级 100 字以内）")
        if (level1, level2, name) in seen:
            raise FrameworkError(f"{label}：与前面的指标重复")
        seen.add((level1, level2, name))
        cleaned.append((level1, level2, name, _weight(raw, label)))
    if not cleaned:
        raise FrameworkError("请至少填写一个三级指标")
    total = sum((w for *_, w in cleaned), Decimal("0"))
    if total != 100:
        raise FrameworkError(f"各三级指标分值合计应为 100 分，现为 {total.normalize():f} 分")
    return cleaned


def save_framework(*, kind: str, fiscal_year: int, bureau_id: int, name: str, rows, user) -> Framework:
    """Define (or, while no submission uses it, redefine) the bureau's framework for a year."""
    from portal.audit.operations import record

    if kind not in FRAMEWORK_KINDS:
        raise FrameworkError("未知的指标体系类型")
    name = (name or "").strip()
    if not name:
        raise FrameworkError("请填写指标体系名称")
    if len(name) > 200:
        raise FrameworkError("指标体系名称不能超过 200 字")
    cleaned = clean_rows(rows)
    if kind == "self_evaluation":
        outside = sorted({level1 for level1, *_ in cleaned} - SELF_EVALUATION_LEVEL1)
        if outside:
            raise FrameworkError(f"自评指标体系的一级指标只能是预算执行率、产出、成本、效益、满意度，“{outside[0]}”不在其中")
    framework = bureau_framework(kind, fiscal_year, bureau_id)
    if framework is not None and (used := usage(framework)):
        raise FrameworkError(f"{fiscal_year}年度的该指标体系已被 {used} 份材料用于评分，不能再修改")
    if framework is None:
        framework = Framework(code=f"bureau{bureau_id}-{kind}-{fiscal_year}", kind=kind, fiscal_year=fiscal_year,
                              bureau_id=bureau_id, is_default=False, name=name)
        db.session.add(framework)
    framework.name = name
    framework.items = [FrameworkItem(position=i, level1=l1, level2=l2, name=n, weight=w)
                       for i, (l1, l2, n, w) in enumerate(cleaned)]
    db.session.flush()
    record("framework_saved", user=user, target_type="framework", target_id=framework.id, framework_kind=kind,
           year=fiscal_year, items=[f"{l1}/{l2}/{n} {w}" for l1, l2, n, w in cleaned])
    return framework
