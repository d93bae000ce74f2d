"""Demo: 2022 engagements, two panel rounds (85 → rework → 93), satisfaction and a finalised firm rating.

Built on the core demo's 2022 third-party report by 新疆正信绩效评价咨询有限公司 on 招商引资工作经费,
through the real operations.  2023 adds a report waiting for its panel and an overdue engagement.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from plugins.evaluator_grading import operations, panels, queries, ratings
from plugins.evaluator_grading.models import Engagement
from portal import db
from portal.accounts.models import Organisation, Role, User
from portal.accounts.operations import create_user
from portal.projects.models import Project
from portal.submissions import operations as submission_ops
from portal.submissions.models import Submission
from portal.util import local_date, today, utcnow

FIRM = "新疆正信绩效评价咨询有限公司"
OTHER_FIRM = "克州明德会计师事务所有限公司"
EXPERT_POOL = "阿克陶县预算绩效评审专家库"
#: A second expert for the panels (username, full name, password).
EXPERT2 = ("expert2", "古丽米热·阿布都", "Demo-expert2-2024")

COMMENTS = ("指标体系未细化到三级指标的评分标准，部分指标值缺少测算依据",
            "现场核查工作量偏少，满意度调查样本量和方法未说明",
            "产出与效益之间的因果分析不足，结论依据不够充分",
            "建议针对性不强，未与发现的问题一一对应",
            "报告结构与评价报告八部分大纲不完全一致")
#: Per round, each member's scores on the default rubric (20/25/25/20/10).
ROUND_SCORES = (((17, 21, 21, 17, 8), (18, 21, 22, 17, 8), (17, 22, 21, 17, 8)),   # 84, 86, 85 → 85.00
                ((19, 23, 23, 19, 9), (19, 23, 23, 18, 9), (19, 24, 23, 19, 9)))   # 93, 92, 94 → 93.00


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _org(name: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.name == name))


def _project(code: str) -> Project | None:
    return db.session.scalar(select(Project).where(Project.code == code))


def _score(panel, members, round_scores, rework: bool) -> None:
    for member, scores in zip(members, round_scores, strict=True):
        items = queries.rubric(panel.submission.project.unit.parent_id, panel.submission.project.fiscal_year)
        values = {}
        for item, score, comment in zip(items, scores, COMMENTS, strict=True):
            note = "" if score == item.points else (f"已按意见修改，仍可完善：{comment}" if rework else comment)
            values[item.id] = (str(score), note)
        panels.submit_scores(panel, member, values)


def _third_party_report(project, firm_user) -> Submission:
    report = submission_ops.create(kind="third_party", project=project, user=firm_user)
    submission_ops.save_data(report, firm_user, team=["张子琦", "周淑花"], summary="项目总体完成良好，资金支出进度偏慢")
    submission_ops.save_findings(report, firm_user, ["资金支出进度偏慢，8月底执行率低于时间进度"],
                                 ["加快资金拨付，按月通报执行进度"])
    from portal.scoring.models import Framework

    framework = db.session.get(Framework, report.framework_id)
    submission_ops.save_scores(report, firm_user, {i.id: str(i.weight * Decimal("0.9")) for i in framework.items})
    submission_ops.apply_transition(report, "submit", firm_user)
    return report


def load(app) -> None:
    """Add what is missing; nothing when the 2022 engagement already exists."""
    firm, zsyz = _org(FIRM), _project("ZSYZ-2022-01")
    if firm is None or zsyz is None:
        return
    if db.session.scalar(select(Engagement.id).where(Engagement.firm_id == firm.id,
                                                     Engagement.project_id == zsyz.id)):
        return
    if _user(EXPERT2[0]) is None:
        create_user(username=EXPERT2[0], full_name=EXPERT2[1], org=_org(EXPERT_POOL), roles=[Role.EXPERT],
                    password=EXPERT2[2], must_change_password=False)
    reviewer, section, firm_user = _user("reviewer"), _user("section"), _user("firm")
    members = [reviewer, _user("expert"), _user(EXPERT2[0])]
    report = db.session.scalar(select(Submission).where(Submission.project_id == zsyz.id,
                                                        Submission.kind == "third_party",
                                                        Submission.org_id == firm.id))
    handed_in = queries.first_handed_in(report).at if report and queries.first_handed_in(report) else utcnow()

    # A recorded service relation: 克州明德 kept the books of the commerce bureau, so it cannot evaluate its projects.
    operations.add_relation(firm=_org(OTHER_FIRM), unit=zsyz.unit, kind="bookkeeping", year=2021,
                            note="2021年度代理记账", user=reviewer)
    operations.engage(firm=firm, projects=[zsyz], deadline=local_date(handed_in) + timedelta(days=15),
                      amount="3.50", user=reviewer)
    if report is not None and report.state == "submitted":
        first = panels.form_panel(report, members, reviewer)
        _score(first, members, ROUND_SCORES[0], rework=False)            # 85.00 → returned with comments
        submission_ops.save_data(report, firm_user, summary="已按评审意见补充现场核查和因果分析")
        submission_ops.apply_transition(report, "submit", firm_user)     # round 2, same members
        _score(queries.current_panel(report), members, ROUND_SCORES[1], rework=True)  # 93.00 → passed
        submission_ops.apply_transition(report, "pass_first_review", section)
        submission_ops.apply_transition(report, "approve", reviewer, comment="报告质量评审 93 分，同意")
        engagement = queries.engagement_for(report)
        operations.rate_satisfaction(engagement, _user("unit"), {
            "communication": "5", "expertise": "4", "timeliness": "5", "report": "4", "integrity": "5"},
            "评价组工作认真，建议更多开展现场核查")

    # The 2022 rating: computed, opened three weeks ago, answered in the window, finalised unchanged.
    for rating in ratings.compute_year(reviewer.bureau_id, 2022, reviewer):
        if rating.firm_id != firm.id:
            continue
        opened = utcnow() - timedelta(days=21)
        ratings.open_draft(rating, reviewer, now=opened)
        ratings.respond(rating, firm_user, "对评价结果无异议。首轮报告评审未达 90 分的问题已整改，今后加强现场核查。",
                        now=opened + timedelta(days=3))
        ratings.finalise(rating, reviewer, reason="机构意见已阅，维持计算结果")

    # 2023: 新疆正信 engaged on 学前教育 (report waiting for its panel); 克州明德 on 高标准农田, overdue.
    preschool, farmland = _project("XQJY-2023-01"), _project("GBNT-2023-01")
    if preschool is not None:
        operations.engage(firm=firm, projects=[preschool], deadline=today() + timedelta(days=30),
                          amount="6.80", user=reviewer)
        report = _third_party_report(preschool, firm_user)
        panels.form_panel(report, members[1:], reviewer)
    if farmland is not None:
        operations.engage(firm=_org(OTHER_FIRM), projects=[farmland], deadline=today() - timedelta(days=10),
                          amount="12.00", user=reviewer)
    db.session.flush()
