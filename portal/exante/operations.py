"""Filing and reviewing an ex-ante assessment; what its approval does to the proposed project."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.audit.operations import record
from portal.exante import rules
from portal.extensions import db
from portal.projects import operations as project_ops
from portal.projects.models import ProjectFunding
from portal.scoring import compute
from portal.scoring.frameworks import framework_for
from portal.scoring.models import Framework
from portal.submissions import operations as submission_ops
from portal.submissions.models import ScoreEntry, Submission
from portal.submissions.operations import WorkflowError, parse_decimal
from portal.submissions.workflow import is_region_bureau
from portal.targets.models import TargetVersion
from portal.util import utcnow


def propose(*, user, code: str, name: str, fiscal_year: int, proposal_kind: str, specialized: bool,
            description: str = "") -> Submission:
    """A unit proposes a project (新增 / 追加): the project in stage ``proposed`` and its assessment draft."""
    if proposal_kind not in rules.PROPOSAL_KINDS:
        raise WorkflowError("请选择申报类型（新增项目或年中追加）")
    if not (code or "").strip() or not (name or "").strip():
        raise WorkflowError("请填写项目编码和项目名称")
    if len(code.strip()) > 40 or len(name.strip()) > 200:
        raise WorkflowError("项目编码不超过 40 字，项目名称不超过 200 字")
    try:
        project = project_ops.create_project(code=code, name=name, unit=user.org, fiscal_year=fiscal_year,
                                             kind="project", category="一般公共预算", description=description or "",
                                             funding={}, user=user)
    except (project_ops.ProjectError, ValueError) as exc:
        raise WorkflowError(str(exc)) from None
    project.exante_stage = "proposed"
    project.exante_kind = proposal_kind
    project.specialized = bool(specialized)
    db.session.flush()
    return start(project, user)


def start(project, user) -> Submission:
    """The assessment draft of a proposed project, with its scoring framework and a draft target table."""
    if project.exante_stage is None:
        raise WorkflowError("只有拟新增（追加）的项目才需要事前绩效评估")
    if project.unit_id != user.org_id or not user.has_role(Role.UNIT_EDITOR):
        raise WorkflowError("事前绩效评估由项目所属单位的填报人员填报")
    submission_ops.refuse_duplicate(rules.KIND, project, None, None, user.org_id)
    number = (db.session.scalar(select(func.max(TargetVersion.version_no))
                                .where(TargetVersion.project_id == project.id)) or 0) + 1
    version = TargetVersion(project_id=project.id, version_no=number, reason="", overall_goal="",
                            created_by_id=user.id)
    db.session.add(version)
    db.session.flush()
    submission = submission_ops.create(kind=rules.KIND, project=project, user=user, target_version=version)
    framework = framework_for(rules.KIND, project.fiscal_year, project.unit.parent_id)
    submission.framework_id = framework.id
    submission.data = {**(submission.data or {}), "exante": {"proposal_kind": project.exante_kind or "new"}}
    db.session.flush()
    return submission


def parse_amount(raw) -> Decimal:
    value = parse_decimal(raw, "申请金额", required=True)
    if value <= 0:
        raise WorkflowError("申请金额应大于 0")
    if value != value.quantize(Decimal("0.01")):
        raise WorkflowError("申请金额以万元为单位，最多保留两位小数")
    if value >= Decimal("1000000000"):
        raise WorkflowError("申请金额过大，请以万元为单位填写")
    return value.quantize(Decimal("0.01"))


def save_filing(submission: Submission, user, fields: dict[str, str], amount_raw: str) -> None:
    """The unit's structured part: the five texts and the amount requested (万元)."""
    submission_ops._editable(submission, user)
    data = dict(submission.data or {})
    part = dict(data.get("exante") or {})
    for key, label in rules.FIELDS:
        text = (fields.get(key) or "").strip()
        if len(text) > 5000:
            raise WorkflowError(f"“{label}”不能超过 5000 字")
        part[key] = text
    part["amount"] = f"{parse_amount(amount_raw)}" if (amount_raw or "").strip() else ""
    data["exante"] = part
    submission.data = data


def filing_problems(submission: Submission) -> list[str]:
    """What is missing before the unit may hand the assessment in."""
    part = (submission.data or {}).get("exante") or {}
    problems = [f"请填写“{label}”" for key, label in rules.FIELDS if not part.get(key)]
    if not part.get("amount"):
        problems.append("请填写申请金额（万元）")
    if not (submission.data or {}).get("report_attachment_id"):
        problems.append("请上传事前绩效评估报告（DOCX 或 PDF）")
    version = submission.target_version
    present = {i.level1 for i in version.indicators} if version is not None else set()
    if not present:
        problems.append("请填写绩效目标表（至少一条指标）")
    else:
        problems += [f"绩效目标须包含“{level1}”指标" for level1 in ("产出", "效益") if level1 not in present]
    return problems


def _region_reviewer(submission: Submission, user, role: str, state: str, what: str) -> None:
    if not (user.has_role(role) and is_region_bureau(user, submission)):
        raise WorkflowError(f"您不能填写本材料的{what}")
    if submission.state != state:
        raise WorkflowError(f"材料当前状态为“{submission.state_label}”，不能填写{what}")


def save_first_review(submission: Submission, user, checks: dict[str, bool], opinion: str) -> None:
    """业务科室's 初审意见表: the checks it made and its opinion (required)."""
    _region_reviewer(submission, user, Role.BUREAU_SECTION, "submitted", "初审意见表")
    opinion = (opinion or "").strip()
    if not opinion:
        raise WorkflowError("请填写初审意见")
    if len(opinion) > 2000:
        raise WorkflowError("初审意见不能超过 2000 字")
    data = dict(submission.data or {})
    data["first_review"] = {"checks": {key: bool(checks.get(key)) for key, _ in rules.FIRST_REVIEW_CHECKS},
                            "opinion": opinion, "by": user.full_name, "at": utcnow().isoformat(timespec="seconds")}
    submission.data = data
    record("exante_first_review", user=user, target_type="submission", target_id=submission.id, opinion=opinion)


def save_review(submission: Submission, user, scores: dict[int, str], conclusion: str, reason: str) -> None:
    """绩效科's 审核打分表: one score per item within its weight, and the conclusion with its reason.

    Everything is checked before anything is kept; a conclusion may be left empty while scoring.
    """
    _region_reviewer(submission, user, Role.BUREAU_REVIEWER, "review", "审核打分表")
    framework = db.session.get(Framework, submission.framework_id)
    errors, values = [], {}
    for item in framework.items:
        try:
            value = parse_decimal(scores.get(item.id), item.name)
        except WorkflowError as exc:
            errors.append(str(exc))
            continue
        if value is not None and (message := compute.check_score(value, item.weight)):
            errors.append(f"{item.name}：{message}")
            continue
        values[item.id] = value
    if conclusion and conclusion not in rules.CONCLUSIONS:
        errors.append("请选择审核结论：支持、部分支持或不支持")
    reason = (reason or "").strip()
    if len(reason) > 2000:
        errors.append("结论理由不能超过 2000 字")
    if errors:
        raise WorkflowError("；".join(errors))
    for item_id, value in values.items():
        entry = submission.score_for(item_id)
        if value is None:
            if entry is not None:
                submission.scores.remove(entry)
        elif entry is None:
            submission.scores.append(ScoreEntry(item_id=item_id, score=compute.q2(value)))
        else:
            entry.score = compute.q2(value)
    db.session.flush()
    submission_ops.refresh_scores(submission)
    submission.grade = None  # an ex-ante assessment concludes 支持 / 部分支持 / 不支持, not 优良中差
    data = dict(submission.data or {})
    data["conclusion"] = {"value": conclusion or "", "reason": reason}
    submission.data = data
    record("exante_review_saved", user=user, target_type="submission", target_id=submission.id,
           conclusion=rules.CONCLUSIONS.get(conclusion, ""), total=str(submission.total_score))


def review_problems(submission: Submission) -> list[str]:
    """What 绩效科 must still do before concluding (审核通过)."""
    framework = db.session.get(Framework, submission.framework_id) if submission.framework_id else None
    missing = [i.name for i in framework.items if submission.score_for(i.id) is None] if framework else []
    problems = ["审核打分表尚未打分完整（缺：" + "、".join(missing) + "）"] if missing else []
    conclusion = (submission.data or {}).get("conclusion") or {}
    if conclusion.get("value") not in rules.CONCLUSIONS:
        problems.append("请在审核打分表中选择审核结论（支持、部分支持或不支持）")
    if not conclusion.get("reason"):
        problems.append("请填写审核结论的理由")
    return problems


def guard(submission: Submission, action: str) -> str | None:
    """The ex-ante checks of a transition (called through the core's ``transition_guard``)."""
    if submission.kind != rules.KIND:
        return None
    if action == "submit" and (problems := filing_problems(submission)):
        return "；".join(problems)
    if action == "pass_first_review" and not ((submission.data or {}).get("first_review") or {}).get("opinion"):
        return "请先填写初审意见表（初审意见）再初审通过"
    if action == "approve" and (problems := review_problems(submission)):
        return "；".join(problems)
    return None


def on_resubmitted(submission: Submission) -> None:
    """A resubmission after a return needs a new 初审意见表: the last one is kept as history."""
    data = dict(submission.data or {})
    if data.get("first_review"):
        data["first_review_history"] = [*data.get("first_review_history", []), data.pop("first_review")]
        submission.data = data


def on_approved(submission: Submission) -> None:
    """绩效科 concluded: the project's stage follows; 支持 freezes the draft targets as the project's first
    approved version and puts the amount requested into its 本级 budget (counted from then on)."""
    project = submission.project
    conclusion = ((submission.data or {}).get("conclusion") or {}).get("value")
    project.exante_stage = rules.STAGE_OF_CONCLUSION.get(conclusion, project.exante_stage)
    if conclusion != "support":
        return
    version = submission.target_version
    if version is not None and not version.is_frozen:
        version.is_frozen = True
        version.approved_at = utcnow()
    amount = rules.amount_of(submission)
    if amount is not None and not project.funding:
        project.funding.append(ProjectFunding(source="local", position=3, budget=amount))
    db.session.flush()


def latest_of(project) -> Submission | None:
    """The project's ex-ante assessment by its unit still standing (newest first)."""
    return db.session.scalar(select(Submission).where(
        Submission.project_id == project.id, Submission.kind == rules.KIND, Submission.org_id == project.unit_id,
        Submission.state != "withdrawn").order_by(Submission.id.desc()).limit(1))
