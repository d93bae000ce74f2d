"""Demo rectification items in every state, built through the real operations, dated relative to today.

From the approved 2022 self-evaluation of 招商引资工作经费 (seed 003) two findings become items;
the August monitoring of 学前教育幼儿资助资金 is approved so its May 黄标 escalates to a 红标 and
the hook creates an item; verification checks (抽查) add items closed on time, closed late,
waiting for verification and one overdue; a 10 % sample draw is recorded.
"""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from plugins.rectification import operations as ops
from plugins.rectification.dates import today
from plugins.rectification.models import RectificationItem
from portal import db
from portal.accounts.models import Organisation, User
from portal.projects.models import Project
from portal.submissions.models import Submission
from portal.util import utcnow

DEMO_SEED = 20240601


def _user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


def _project(code: str) -> Project | None:
    return db.session.scalar(select(Project).where(Project.code == code))


def _backdate(item: RectificationItem, *days_ago: int) -> None:
    """Spread the item's history over the past: creation and each later step ``days_ago`` days back."""
    now = utcnow()
    for transition, days in zip(item.transitions, days_ago, strict=False):
        transition.at = now - timedelta(days=days)
    item.created_at = item.transitions[0].at
    if item.evidence_submitted_at:
        submitted = [t for t in item.transitions if t.action == "submit_evidence"]
        item.evidence_submitted_at = submitted[-1].at
    if item.closed_at:
        item.closed_at = item.transitions[-1].at


def _evidence_file(name: str, text: str) -> FileStorage:
    return FileStorage(io.BytesIO(text.encode("utf-8")), filename=name, content_type="text/plain")


def _manual(project, reviewer, text, *, severity="general", deadline_days=60, person=""):
    return ops.manual_item(project=project, user=reviewer, description=text, severity=severity,
                           deadline=today() + timedelta(days=deadline_days), responsible_person=person)


def _escalate_preschool(unit2, section, reviewer) -> None:
    """Approve the August monitoring of 学前教育 (still deviating): the May 黄标 becomes a 红标."""
    from portal.submissions import operations as sub_ops

    project = _project("XQJY-2023-01")
    august = db.session.scalar(select(Submission).where(
        Submission.project_id == project.id, Submission.kind == "monitoring", Submission.checkpoint == 8,
        Submission.state == "draft")) if project else None
    if august is None or unit2 is None:
        return
    actuals = {"资助学前教育幼儿人数": "860", "资助资金发放及时率": "100", "家庭经济困难幼儿入园率": "94",
               "受助家庭满意度": "96"}
    sub_ops.save_results(august, unit2, {i.id: {"actual": actuals.get(i.name, "0"), "expects": True}
                                         for i in august.target_version.indicators})
    sub_ops.apply_transition(august, "submit", unit2)
    sub_ops.apply_transition(august, "pass_first_review", section)
    sub_ops.apply_transition(august, "approve", reviewer, comment="执行进度仍明显滞后，转为红标，限期整改")


def load(app) -> None:
    """Create the demo items unless they exist (idempotent)."""
    if db.session.scalar(select(RectificationItem.id).limit(1)) is not None:
        return
    reviewer, section = _user("reviewer"), _user("section")
    unit, unit2, unit3 = _user("unit"), _user("unit2"), _user("unit3")
    zsyz = _project("ZSYZ-2022-01")
    if None in (reviewer, section, unit, unit2, unit3, zsyz):
        return

    # 1. Findings of the approved 2022 self-evaluation of 招商引资工作经费 → two items.
    self_eval = db.session.scalar(select(Submission).where(
        Submission.project_id == zsyz.id, Submission.kind == "self_evaluation", Submission.state == "approved"))
    if self_eval is not None:
        first, second = ops.items_from_findings(
            self_eval, [f.id for f in self_eval.findings], reviewer, severity="general",
            deadline=today() + timedelta(days=30), responsible_person="阿依古丽·买买提")
        ops.apply_transition(first, "start", unit)
        ops.submit_evidence(first, unit, text="已修订绩效指标体系，补充产出质量和效益类量化指标，经局党组会审定。",
                            uploads=[_evidence_file("绩效指标修订说明.txt", "招商引资工作经费绩效指标修订说明\n"
                                                    "一、新增指标：签约项目落地率≥80%。\n二、细化满意度调查方式。")])
        ops.apply_transition(first, "close", reviewer, comment="佐证齐全，同意销号")
        first.deadline = today() - timedelta(days=150)
        _backdate(first, 200, 190, 170, 160)
        ops.apply_transition(second, "start", unit)
        ops.submit_evidence(second, unit, text="已安排现场核查两次。")
        ops.apply_transition(second, "reopen", reviewer, comment="现场评价记录未附，后续效益评价措施仍未明确，请补充")
        _backdate(second, 40, 35, 20, 10)

    # 2. The August monitoring turns the May 黄标 red; the on_monitoring_flag hook creates the item.
    _escalate_preschool(unit2, section, reviewer)

    # 3. Verification checks (抽查) of 2023 projects: closed on time, closed late, waiting, overdue.
    zsyz23, preschool, farmland = _project("ZSYZ-2023-01"), _project("XQJY-2023-01"), _project("GBNT-2023-01")
    if zsyz23 and preschool and farmland:
        checks = [
            (zsyz23, unit, "招商活动签到及费用凭证不全，部分支出缺少审批单", "general", 95, "已补齐签到表和审批单并装订成册"),
            (zsyz23, unit, "客商满意度调查样本量不足，未留存原始问卷", "minor", 65, "已补充问卷 120 份并建立台账"),
            (preschool, unit2, "资助对象名单未按规定公示", "major", 120, "已在县政府网站和各幼儿园公示资助名单"),
            (preschool, unit2, "资助资金发放台账与银行代发记录存在差异", "general", 30, "已逐笔核对并更正台账"),
        ]
        closed_histories = [(150, 140, 130, 120), (100, 95, 80, 55), (60, 50, 40, 25), (20, 15, 8, 3)]
        for (project, owner, text, severity, _, evidence), history in zip(checks, closed_histories, strict=True):
            item = _manual(project, reviewer, text, severity=severity, person=owner.full_name)
            ops.apply_transition(item, "start", owner)
            ops.submit_evidence(item, owner, text=evidence)
            ops.apply_transition(item, "close", reviewer, comment="经核验，同意销号")
            _backdate(item, *history)
        late = db.session.scalar(select(RectificationItem).where(RectificationItem.description == checks[1][2]))
        late.deadline = late.closed_on - timedelta(days=12)  # closed twelve days after its deadline
        for (_, _, text, _, days_before_close, _) in checks:
            item = db.session.scalar(select(RectificationItem).where(RectificationItem.description == text))
            if item is not late:
                item.deadline = item.closed_on + timedelta(days=days_before_close // 10)

        waiting = _manual(preschool, reviewer, "家庭经济困难幼儿认定材料归档不完整", person="陈志强")
        ops.submit_evidence(waiting, unit2, text="已按户补齐认定材料并归档，附归档目录。",
                            uploads=[_evidence_file("认定材料归档目录.txt", "学前教育资助认定材料归档目录\n1. 申请表\n2. 认定表")])
        _backdate(waiting, 12, 2)

        overdue = _manual(farmland, reviewer, "高标准农田项目资金到位后长期未支出，执行率为 0", severity="major",
                          person="吐尔逊·艾力")
        ops.apply_transition(overdue, "start", unit3)
        overdue.deadline = today() - timedelta(days=15)
        _backdate(overdue, 75, 60)

        _manual(zsyz23, reviewer, "部门整体支出绩效目标未细化到二级指标", deadline_days=45)
    db.session.flush()

    # 4. The 10 % random verification of 2023's closed items, recorded.
    bureau = db.session.get(Organisation, reviewer.bureau_id)
    ops.draw_sample(bureau=bureau, year=2023, share="0.10", seed=DEMO_SEED, user=reviewer)
