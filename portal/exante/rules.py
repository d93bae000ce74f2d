"""The ex-ante rules as data: stages of a proposed project, conclusions, the 原则上不安排预算 flag."""

from __future__ import annotations

from decimal import Decimal

from flask import current_app

KIND = "exante"
#: 新增项目 of next year's budget, or a mid-year 追加 of a major project.
PROPOSAL_KINDS = {"new": "新增项目", "addition": "年中追加"}
#: A proposed project's stage (``Project.exante_stage``); ``None`` is an ordinary budgeted project.
STAGES = {"proposed": "待事前评估", "approved": "支持", "partial": "部分支持", "rejected": "不支持"}
#: 绩效科's conclusion on the 审核打分表, and the stage it gives the project.
CONCLUSIONS = {"support": "支持", "partial": "部分支持", "reject": "不支持"}
STAGE_OF_CONCLUSION = {"support": "approved", "partial": "partial", "reject": "rejected"}
#: Stages flagged 原则上不安排预算 (seed 004: 未实施事前绩效评估或审核结果为“部分支持”“不支持”的).
FLAGGED_STAGES = ("proposed", "partial", "rejected")
FLAG = "原则上不安排预算"
#: The structured part the unit files, in the report's order: (key, label).
FIELDS = (("necessity", "政策设立必要程度"), ("targets", "绩效目标合理性"), ("feasibility", "实施方案可行性"),
          ("funds", "资金测算与筹措"), ("sustainability", "可持续性"))
#: 初审意见表 of the 业务科室.
FIRST_REVIEW_CHECKS = (("in_scope", "属于须开展事前评估的新增（追加）项目"), ("complete", "评估报告及附表齐全"),
                       ("consistent", "申请金额与实施方案、资金测算一致"))
DEFAULT_MAJOR_AMOUNT = Decimal("50")


def major_amount() -> Decimal:
    """重大项目: total above this many 万元 (seed 004: 县本级总投资在50万元以上); ``JIXIAO_EXANTE_MAJOR_AMOUNT``."""
    return Decimal(str(current_app.config.get("JIXIAO_EXANTE_MAJOR_AMOUNT", DEFAULT_MAJOR_AMOUNT)))


def flag_reason(stage: str | None) -> str | None:
    """Why a project is flagged 原则上不安排预算, or ``None`` when it is not."""
    if stage == "proposed":
        return f"{FLAG}：尚未通过事前绩效评估"
    if stage == "partial":
        return f"{FLAG}：事前绩效评估审核结论为“部分支持”"
    if stage == "rejected":
        return f"{FLAG}：事前绩效评估审核结论为“不支持”"
    return None


def amount_of(submission) -> Decimal | None:
    raw = ((submission.data or {}).get("exante") or {}).get("amount")
    return Decimal(str(raw)) if raw not in (None, "") else None


def may_reassess(project, amount: Decimal | None) -> bool:
    """再评估 is open to 重大项目 (above the major amount) and projects marked 专业性较强."""
    return bool(project.specialized) or (amount is not None and amount > major_amount())
