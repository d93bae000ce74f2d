"""Demo: a 2022 like seed 004 describes, at demo scale — 中 and 差 projects, a grade capped by 审计, one capped
by a 红标 (two failed monitoring checkpoints), a 差 by a major funds problem found by 财会监督, a 真实性核查 draw with one untrue core indicator (一票否决), and a
confirmed results-use list whose cuts two 2023 projects carry."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from portal.accounts.models import Organisation
from portal.demo_workflow import _approve, _declare, _results, _user
from portal.extensions import db
from portal.projects.models import Project
from portal.projects.operations import create_project
from portal.results import operations, uselist
from portal.results.demo_core import mark_core
from portal.submissions import operations as ops
from portal.submissions.models import Submission

UNITS = ("阿克陶县商务科技和工业信息化局", "阿克陶县教育局", "阿克陶县农业农村局")
UNIT_USERS = ("unit", "unit2", "unit3")

#: code, name, unit index, 2022 budget (万元), share of every target reached.
PROJECTS = (
    ("SW-DSNC", "电子商务进农村综合示范项目", 0, "60", "1"),
    ("SW-ZXQY", "中小企业发展专项资金", 0, "25", "0.75"),
    ("JY-YYGS", "农村义务教育学生营养改善计划", 1, "180", "1"),
    ("JY-XSZZ", "学生资助补助经费", 1, "40", "0.85"),
    ("JY-XSWX", "校舍维修改造项目", 1, "90", "0.5"),
    ("NY-JSTG", "基层农业技术推广补助项目", 2, "30", "1"),
    ("NY-DWFY", "动物防疫补助经费", 2, "45", "0.72"),
    ("NY-RJHJ", "农村人居环境整治项目", 2, "120", "1"),
)
#: 2023 projects with the same code: they carry last year's cut.
NEXT_YEAR = {"SW-ZXQY": "20", "JY-XSWX": "80"}


def _targets(name: str):
    return (("产出", "数量", f"{name}覆盖对象数量", "≥", "100", "个", "30"),
            ("产出", "质量", "项目验收合格率", "≥", "100", "%", "20"),
            ("效益", "社会效益", "受益群众人数", "≥", "1000", "人", "30"),
            ("满意度", "服务对象满意度", "受益对象满意度", "≥", "90", "%", "20"))


#: Projects whose 2022 monitoring lagged at both checkpoints (spent at end of May, end of August): 黄标 → 红标.
LAGGING = {"JY-YYGS": ("10", "40")}


def _monitoring(project, unit_user, checkpoint: int, spent: str) -> None:
    report = ops.create(kind="monitoring", project=project, user=unit_user, checkpoint=checkpoint)
    _results(report, unit_user, {i.name: str(i.value) for i in report.target_version.indicators}, spent=spent)
    _approve(report, unit_user)


def _self_evaluation(project, unit_user, share: Decimal):
    _declare(project, unit_user, _targets(project.name), approve=True)
    for checkpoint, spent in zip((5, 8), LAGGING.get(project.code, ()), strict=False):
        _monitoring(project, unit_user, checkpoint, spent)
    report = ops.create(kind="self_evaluation", project=project, user=unit_user)
    actuals = {}
    for i in report.target_version.indicators:
        actuals[i.name] = str((Decimal(i.value) * share).quantize(Decimal("0.01")))
    _results(report, unit_user, actuals, spent=str(project.budget))
    _approve(report, unit_user)
    return report


def load(app, orgs) -> None:
    if db.session.scalar(select(Project.id).where(Project.code == PROJECTS[0][0])):
        return
    reviewer = _user("reviewer")
    reports = {}
    for code, name, unit_index, budget, share in PROJECTS:
        project = create_project(code=code, name=name, unit=orgs[UNITS[unit_index]], fiscal_year=2022,
                                 kind="project", category="一般公共预算",
                                 funding={"local": {"budget": Decimal(budget), "allocated": Decimal(budget),
                                                    "spent": Decimal(budget)}})
        reports[code] = _self_evaluation(project, _user(UNIT_USERS[unit_index]), Decimal(share))

    operations.add_finding(reports["SW-DSNC"].project, reviewer, source="audit", found_on=date(2023, 5, 16),
                           document_no="阿审报〔2023〕8号", severity="general",
                           description="部分补助资金未按规定公示，资金拨付凭证不完整")
    operations.add_finding(reports["NY-RJHJ"].project, reviewer, source="fiscal_supervision",
                           found_on=date(2023, 6, 9), document_no="阿财监〔2023〕3号", severity="major_funds",
                           description="挤占挪用项目资金 18.6 万元用于单位日常公用支出")

    mark_core(reports)  # 核心指标 the draw checks
    bureau = db.session.get(Organisation, reports["NY-JSTG"].project.unit.parent_id)
    population = sorted(db.session.scalars(select(Submission.id).join(Project).where(
        Project.fiscal_year == 2022, Submission.kind == "self_evaluation", Submission.state == "approved",
        Submission.superseded_at.is_(None))))
    share = Decimal("0.20")
    size = -(-len(population) * share // 1)
    # The first seed from 20240620 whose draw holds 农业技术推广 (the demo's untrue indicator).
    seed = next(s for s in range(20240620, 20250620)
                if reports["NY-JSTG"].id in random.Random(s).sample(population, int(size)))
    draw = operations.draw(bureau=bureau, year=2022, share=share, seed=seed, user=reviewer)
    for check in draw.checks:
        if check.submission_id == reports["NY-JSTG"].id and check.indicator.level1 == "效益":
            operations.record_check(check, reviewer, outcome="untrue",
                                    evidence="抽查培训签到表与补助发放名册，实际受益农户 412 人，自评填报 1000 人",
                                    onsite=True, onsite_note="2024年6月12日赴巴仁乡、皮拉勒乡实地核查",
                                    responsible_person="买买提江·吐尔逊")
        else:
            operations.record_check(check, reviewer, outcome="verified", evidence="查阅台账、发放凭证，与自评一致")

    rows = {r.project.code: r for r in uselist.build(bureau_id=bureau.id, year=2022, user=reviewer)}
    for code, row in rows.items():
        if code == "NY-DWFY":
            uselist.decide(row, reviewer, action="notify", amount="",
                           reason="属重大动物疫病防控民生支出，经县政府常务会议研究不予核减，予以通报并限期整改")
        else:
            uselist.decide(row, reviewer, action=row.proposed_action, amount="", reason="")
    for code, budget in NEXT_YEAR.items():
        last = reports[code].project
        create_project(code=code, name=last.name, unit=last.unit, fiscal_year=2023, kind="project",
                       category="一般公共预算",
                       funding={"local": {"budget": Decimal(budget), "allocated": Decimal("0"),
                                          "spent": Decimal("0")}})
    db.session.flush()
