"""Demo projects, targets and submissions in every state, built through the real operations.

招商引资工作经费 and its evaluation report come from seed 003 (a copy ships in
``portal/demo_data`` so the demo works on a fresh checkout); the other projects are
typical county projects with figures in the seeds' formats.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.extensions import db
from portal.projects.models import Project
from portal.projects.operations import create_project
from portal.submissions import operations as ops
from portal.targets import operations as target_ops

DATA = Path(__file__).parent / "demo_data"

#: Seed 003's targets: (level-1, level-2, name, operator, value, unit, weight).
ZSYZ_TARGETS = (
    ("产出", "数量", "举办招商引资活动数量", "≥", "2", "个", "10"),
    ("产出", "数量", "引进入驻企业并投产", "≥", "2", "个", "10"),
    ("产出", "数量", "带动本地劳动力就业", "≥", "60", "人", "10"),
    ("产出", "质量", "提升城市品牌影响力", "≥", "2", "%", "10"),
    ("产出", "时效", "招商引资工作周期", "=", "12", "月", "10"),
    ("产出", "成本", "招商引资工作经费", "≤", "4", "万元", "10"),
    ("效益", "经济效益", "招商活动的签约项目个数", "≥", "2", "个", "20"),
    ("满意度", "服务对象满意度", "客商满意度", "≥", "98", "%", "20"),
)
ZSYZ_ACTUALS = {"举办招商引资活动数量": "2", "引进入驻企业并投产": "2", "带动本地劳动力就业": "60",
                "提升城市品牌影响力": "2", "招商引资工作周期": "12", "招商引资工作经费": "4",
                "招商活动的签约项目个数": "2", "客商满意度": "98"}

PRESCHOOL_TARGETS = (
    ("产出", "数量", "资助学前教育幼儿人数", "≥", "1200", "人", "30"),
    ("产出", "时效", "资助资金发放及时率", "=", "100", "%", "20"),
    ("效益", "社会效益", "家庭经济困难幼儿入园率", "≥", "95", "%", "30"),
    ("满意度", "服务对象满意度", "受助家庭满意度", "≥", "95", "%", "20"),
)
FARMLAND_TARGETS = (
    ("产出", "数量", "新建高标准农田面积", "≥", "20000", "亩", "40"),
    ("产出", "质量", "工程验收合格率", "=", "100", "%", "20"),
    ("效益", "经济效益", "亩均粮食产能提高", "≥", "100", "公斤", "20"),
    ("满意度", "服务对象满意度", "受益群众满意度", "≥", "90", "%", "20"),
)

PROJECTS = (
    # code, name, unit, year, kind, category, funding {source: (budget, allocated, spent)}
    ("ZSYZ-2022-01", "招商引资工作经费", 0, 2022, "project", "一般公共预算", {"local": ("4", "4", "4")}),
    ("XQJY-2023-01", "学前教育幼儿资助资金", 1, 2023, "project", "一般公共预算",
     {"central": ("120", "120", "62.5"), "region": ("30", "30", "11"), "local": ("10", "10", "3.2")}),
    ("GBNT-2023-01", "高标准农田建设项目", 2, 2023, "project", "一般公共预算",
     {"central": ("800", "800", "0"), "region": ("200", "150", "0"), "prefecture": ("50", "50", "0"),
      "local": ("30", "30", "0")}),
    ("ZSYZ-2023-01", "招商引资工作经费", 0, 2023, "project", "一般公共预算", {"local": ("5", "5", "1.2")}),
    ("BM-SXJ-2023", "阿克陶县商务科技和工业信息化局部门整体支出", 0, 2023, "department", "一般公共预算",
     {"region": ("35.6", "35.6", "35.6"), "local": ("412.38", "412.38", "398.74")}),
)


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _declare(project, unit_user, targets, *, approve: bool, submit: bool = True, reason: str = ""):
    submission = target_ops.declare(project, unit_user, reason=reason)
    target_ops.save_indicators(submission, unit_user, [
        dict(level1=a, level2=b, name=c, operator=d, value=e, unit=f, weight=g) for a, b, c, d, e, f, g in targets],
        overall_goal=f"完成{project.name}年度任务，资金使用合规高效")
    if submit:
        ops.apply_transition(submission, "submit", unit_user)
    if approve:
        ops.apply_transition(submission, "pass_first_review", _user("section"))
        ops.apply_transition(submission, "approve", _user("reviewer"), comment="同意")
    return submission


def _results(submission, unit_user, actuals: dict[str, str], spent: str, expects=None):
    ops.save_data(submission, unit_user, spent=spent)
    ops.save_results(submission, unit_user, {
        i.id: {"actual": actuals.get(i.name, ""), "expects": (expects or {}).get(i.name, True)}
        for i in submission.target_version.indicators})


def _approve(submission, unit_user):
    ops.apply_transition(submission, "submit", unit_user)
    ops.apply_transition(submission, "pass_first_review", _user("section"))
    ops.apply_transition(submission, "approve", _user("reviewer"))


def report_docx() -> bytes:
    """Seed 003's evaluation report as a Word document."""
    import docx

    document = docx.Document()
    document.core_properties.title = "招商引资工作经费项目支出绩效评价报告"
    text = (DATA / "seed_003_evaluation_report.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def load(app, orgs) -> None:
    """Create the demo projects and their submissions unless they exist."""
    if db.session.scalar(select(Project.id).where(Project.code == PROJECTS[0][0])):
        return
    units = [orgs[name] for name in ("阿克陶县商务科技和工业信息化局", "阿克陶县教育局", "阿克陶县农业农村局")]
    projects = {}
    for code, name, unit_index, year, kind, category, funding in PROJECTS:
        projects[code] = create_project(
            code=code, name=name, unit=units[unit_index], fiscal_year=year, kind=kind, category=category,
            funding={s: {"budget": Decimal(b), "allocated": Decimal(a), "spent": Decimal(sp)}
                     for s, (b, a, sp) in funding.items()})
    unit, unit2, unit3, firm = _user("unit"), _user("unit2"), _user("unit3"), _user("firm")

    # 2022 招商引资: targets approved, self-evaluation approved, third-party report (seed 003) submitted.
    zsyz = projects["ZSYZ-2022-01"]
    _declare(zsyz, unit, ZSYZ_TARGETS, approve=True)
    self_eval = ops.create(kind="self_evaluation", project=zsyz, user=unit)
    _results(self_eval, unit, ZSYZ_ACTUALS, spent="4")
    ops.save_findings(self_eval, unit, ["对各项指标和指标值要进一步优化、完善", "现场评价的工作量少，后续效益评价措施较少"],
                      ["切实提升绩效目标和指标的编制水平", "严格把控项目资金支出进度"])
    _approve(self_eval, unit)
    report = ops.create(kind="third_party", project=zsyz, user=firm)
    ops.save_data(report, firm, team=["张子琦", "阿不来提·托合提", "周淑花"])
    ops.save_findings(report, firm, [
        "绩效指标和指标值有待进一步细化、量化",
        "自评价工作存在自我审定的局限性，客观性和公正性说服力不强",
        "现场评价的工作量少，后续效益评价具体措施和方法较少",
    ], ["严格按照自治区要求提升绩效目标和指标编制水平", "强化预算执行管理，严格把控资金支出进度",
        "加强对项目实施进度和质量的管控"])
    from portal.files.operations import attach

    attach(FileStorage(io.BytesIO(report_docx()), filename="招商引资工作经费项目支出绩效评价报告.docx"),
           owner_type="submission", owner_id=report.id, user=firm)
    from portal.scoring.models import Framework

    framework = db.session.get(Framework, report.framework_id)
    ops.save_scores(report, firm, {item.id: str(item.weight) for item in framework.items})
    ops.apply_transition(report, "submit", firm)

    # 2023 学前教育: targets approved; May monitoring approved with a deviation → 黄标; August in draft.
    preschool = projects["XQJY-2023-01"]
    _declare(preschool, unit2, PRESCHOOL_TARGETS, approve=True)
    may = ops.create(kind="monitoring", project=preschool, user=unit2, checkpoint=5)
    _results(may, unit2, {"资助学前教育幼儿人数": "520", "资助资金发放及时率": "100", "家庭经济困难幼儿入园率": "93",
                          "受助家庭满意度": "96"}, spent="24.5")
    _approve(may, unit2)
    august = ops.create(kind="monitoring", project=preschool, user=unit2, checkpoint=8)
    _results(august, unit2, {"资助学前教育幼儿人数": "860"}, spent="76.7")

    # 2023 高标准农田: targets submitted, waiting for the first review.
    _declare(projects["GBNT-2023-01"], unit3, FARMLAND_TARGETS, approve=False)

    # 2023 招商引资: declaration returned with a comment at one indicator.
    # Without the 质量, 时效 and 成本 rows; the weights are spread over what is left (100 in all).
    returned_targets = [(*row[:6], weight) for row, weight in
                        zip(ZSYZ_TARGETS[:3] + ZSYZ_TARGETS[6:], ("20", "20", "20", "20", "20"), strict=True)]
    returned = _declare(projects["ZSYZ-2023-01"], unit, returned_targets, approve=False)
    first = returned.target_version.indicators[0]
    ops.apply_transition(returned, "return_first_review", _user("section"), comment="请补充成本指标",
                         field_comments={f"indicator:{first.position}": "活动数量目标低于上年实际，请论证"})
