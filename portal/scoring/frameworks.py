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

DEFAULTS = {
    "default-evaluation": ("项目支出绩效评价指标体系（默认）", "evaluation", EVALUATION_ITEMS),
    "default-self-evaluation": ("绩效自评指标体系（默认）", "self_evaluation", SELF_EVALUATION_ITEMS),
}

#: Which framework kind scores which submission kind.
FRAMEWORK_KIND_FOR = {"self_evaluation": "self_evaluation", "department_evaluation": "evaluation",
                      "third_party": "evaluation"}


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
