"""The audit event table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.util import utcnow

#: Kinds of security events and their Chinese labels (the admin page filters by these).
EVENT_LABELS = {
    "login_success": "登录成功",
    "login_failure": "登录失败",
    "login_throttled": "登录受限",
    "logout": "退出登录",
    "password_change": "修改密码",
    "password_reset": "重置密码",
    "role_change": "角色变更",
    "user_create": "创建用户",
    "user_disable": "停用用户",
    "user_enable": "启用用户",
    "org_create": "创建单位",
    "org_disable": "停用单位",
    "org_enable": "启用单位",
    "framework_saved": "设置评价指标体系",
    "target_tree_saved": "设置绩效目标指标体系",
    "publish": "发布",
    "withdraw": "撤回发布",
    "disclosure_date": "设置公开日期",
    "term_add": "新增敏感词",
    "term_deactivate": "停用敏感词",
    "view_unpublished": "查看未公开报告",
    "download_unpublished": "下载未公开文件",
    "evaluator_grading_engagement": "委托第三方机构",
    "evaluator_grading_conflict_override": "利益冲突豁免委托",
    "evaluator_grading_relation": "登记机构服务关系",
    "evaluator_grading_rubric": "修改报告评审标准",
    "evaluator_grading_panel": "组建报告评审组",
    "evaluator_grading_satisfaction": "机构满意度评价",
    "evaluator_grading_rating": "机构执业质量评价",
    "results_finding": "记录审计/监督检查问题",
    "results_finding_delete": "删除审计/监督检查问题",
    "results_truth_draw": "真实性核查抽取",
    "results_truth_check": "录入真实性核查结果",
    "results_use_decision": "确认结果应用",
}


class AuditEvent(db.Model):
    """One security-relevant event; never updated or deleted."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: The bureau whose log shows the event: the actor's, else the one of what it concerns; ``None`` for
    #: events tied to no bureau (a failed sign-in with an unknown name), which no bureau's admin sees.
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: The name typed or held at the time (kept even for failed logins of unknown names).
    username: Mapped[str | None] = mapped_column(String(80))
    ip: Mapped[str | None] = mapped_column(String(64))
    #: What the event concerns, e.g. ``submission`` / 12.
    target_type: Mapped[str | None] = mapped_column(String(40), index=True)
    target_id: Mapped[str | None] = mapped_column(String(64), index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
