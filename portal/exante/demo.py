"""Demo ex-ante assessments for 2024 (seed 004 §二.1's 2024 plan; seed 001 §(三)'s fields 安全生产,
信息统计, 市场监控 and its 207.5 万元): one 支持, one 部分支持, one 不支持 and one awaiting the 初审."""

from __future__ import annotations

import io

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.exante import operations
from portal.extensions import db
from portal.projects.models import Project
from portal.scoring.models import Framework
from portal.submissions import operations as ops
from portal.targets import operations as target_ops

YEAR = 2024
#: code, name, username, amount (万元), 专业性较强, conclusion (None: pending), scores' shortfall, reason.
PROPOSALS = (
    ("AQSC-2024-01", "安全生产风险监测预警平台建设", "unit", "85.00", True, "support", 4,
     "立项依据充分，绩效目标与资金规模匹配，实施方案可行"),
    ("TJXX-2024-01", "统计信息采集与分析系统", "unit", "62.50", False, "partial", 22,
     "建设内容与现有政务平台部分重复，绩效指标偏重产出、效益指标不足，建议压减硬件投入后重新申报"),
    ("SCJK-2024-01", "农贸市场价格监控系统", "unit", "60.00", False, "reject", 38,
     "需求论证不充分，与州级市场监管平台功能重复，可持续运维经费无来源"),
    ("XQXX-2024-01", "学前教育信息化管理平台", "unit2", "18.28", False, None, 0, ""),
)
TEXTS = {
    "necessity": "落实上级部署的新增重点工作，县本级现有手段不能满足管理需要。",
    "targets": "绩效目标与部门职能、项目内容相符，产出和效益指标可量化、可考核。",
    "feasibility": "依托县政务云分期实施，组织分工、制度保障和实施进度安排明确。",
    "funds": "按市场询价和同类项目标准测算，资金来源为县本级财力。",
    "sustainability": "建成后纳入部门日常运维，运维经费列入以后年度部门预算。",
}
TARGETS = [
    dict(level1="产出", level2="数量", name="系统覆盖单位（企业）数", operator="≥", value="120", unit="家", weight="30"),
    dict(level1="产出", level2="时效", name="系统上线时间", operator="≤", value="6", unit="月", weight="20"),
    dict(level1="效益", level2="社会效益", name="监测预警信息处置率", operator="≥", value="95", unit="%", weight="30"),
    dict(level1="满意度", level2="服务对象满意度", name="使用单位满意度", operator="≥", value="90", unit="%",
         weight="20"),
]


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _report(name: str) -> bytes:
    import docx

    document = docx.Document()
    for line in (f"{name}项目事前绩效评估报告", "一、项目实施背景", TEXTS["necessity"], "二、评估方法",
                 "采用专家咨询、实地调研和比较分析相结合的方法。", "三、评估内容", TEXTS["feasibility"], TEXTS["funds"],
                 "四、评估结论", "项目具备实施条件，建议予以支持。"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def load(app, orgs) -> None:
    """Create the demo assessments unless they exist (idempotent)."""
    from portal.files.operations import attach

    if db.session.scalar(select(Project.id).where(Project.code == PROPOSALS[0][0], Project.fiscal_year == YEAR)):
        return
    section, reviewer = _user("section"), _user("reviewer")
    for code, name, username, amount, specialized, conclusion, shortfall, reason in PROPOSALS:
        unit = _user(username)
        submission = operations.propose(user=unit, code=code, name=name, fiscal_year=YEAR, proposal_kind="new",
                                        specialized=specialized)
        operations.save_filing(submission, unit, TEXTS, amount)
        target_ops.save_indicators(submission, unit, TARGETS, overall_goal=f"建成并运行{name}")
        attachment = attach(FileStorage(io.BytesIO(_report(name)), filename=f"{name}事前绩效评估报告.docx"),
                            owner_type="submission", owner_id=submission.id, user=unit)
        submission.data = {**submission.data, "report_attachment_id": attachment.id}
        ops.apply_transition(submission, "submit", unit)
        if conclusion is None:
            continue
        operations.save_first_review(submission, section, {"in_scope": True, "complete": True, "consistent": True},
                                     "属于2024年度新增项目，评估报告及附表齐全，同意报送绩效科审核")
        ops.apply_transition(submission, "pass_first_review", section)
        framework = db.session.get(Framework, submission.framework_id)
        scores, left = {}, shortfall
        for item in framework.items:  # the shortfall taken from the first items, at most half of each
            cut = min(left, int(item.weight) // 2)
            scores[item.id] = str(item.weight - cut)
            left -= cut
        operations.save_review(submission, reviewer, scores, conclusion, reason)
        ops.apply_transition(submission, "approve", reviewer)
    db.session.flush()
