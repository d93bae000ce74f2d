"""新建填报 — which submissions a user may start on a project now, and why the others cannot be started."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.submissions.effects import current_targets
from portal.submissions.models import KINDS, Submission
from portal.workcal.dates import checkpoint_label, checkpoints_for

#: Kinds the project's unit files, and the one a firm files.
UNIT_KINDS = ("target_declaration", "monitoring", "self_evaluation", "department_evaluation")
FIRM_KINDS = ("third_party",)
#: States in which a submission still stands (a withdrawn draft does not).
ACTIVE_STATES = ("draft", "submitted", "review", "returned", "approved")


@dataclass
class StartOption:
    """One kind (and checkpoint) the page offers: possible, or the reason it is not."""

    kind: str
    checkpoint: int | None = None
    possible: bool = False
    #: Why it cannot be started, or (when possible) what starting it means.
    note: str = ""
    #: The submission already filed, when that is the reason.
    existing: Submission | None = None
    #: A target change after approval needs its reason typed in.
    needs_reason: bool = False
    #: Filed by another kind of organisation than the user's (hidden on the project page).
    for_others: bool = False

    @property
    def label(self) -> str:
        if self.kind == "target_declaration" and self.needs_reason:
            return "申请调整绩效目标"
        suffix = f"（{checkpoint_label(self.checkpoint)}）" if self.checkpoint else ""
        return f"{KINDS[self.kind]}{suffix}"

    @property
    def button(self) -> str:
        """The button's words: what a click does."""
        if self.kind == "third_party":
            return "上传第三方评价报告"
        return self.label if self.needs_reason else f"新建{self.label}"


def checkpoint_opens(fiscal_year: int, checkpoint: int) -> date:
    """The day a checkpoint's monitoring report can first be filed: the first of its month."""
    return date(fiscal_year, checkpoint, 1)


def _existing(project, user, kind: str, checkpoint: int | None) -> Submission | None:
    query = select(Submission).where(Submission.project_id == project.id, Submission.kind == kind,
                                     Submission.org_id == user.org_id, Submission.state.in_(ACTIVE_STATES))
    if kind == "monitoring":
        query = query.where(Submission.checkpoint == checkpoint)
    if kind == "target_declaration":  # an approved declaration is the targets, not a pending change
        query = query.where(Submission.state != "approved")
    return db.session.scalar(query.order_by(Submission.id.desc()).limit(1))


def start_options(project, user, on: date) -> list[StartOption]:
    """Every kind for ``project`` as ``user`` sees it on ``on``: what may be started and why not the rest."""
    is_unit = user.has_role(Role.UNIT_EDITOR) and project.unit_id == user.org_id
    is_firm = user.has_role(Role.FIRM_EDITOR) and user.org.kind == "firm"
    targets = current_targets(project)
    options = []
    for kind, checkpoint in [("target_declaration", None), *[("monitoring", c) for c in checkpoints_for(project)],
                             ("self_evaluation", None), ("department_evaluation", None), ("third_party", None)]:
        option = StartOption(kind, checkpoint, needs_reason=kind == "target_declaration" and targets is not None)
        options.append(option)
        if kind in UNIT_KINDS and not is_unit:
            option.note = f"由项目所属单位（{project.unit.name}）的填报人员填报"
            option.for_others = True
            continue
        if kind in FIRM_KINDS and not is_firm:
            option.note = "由受财政局委托的第三方机构上传"
            option.for_others = True
            continue
        if getattr(project, "exante_stage", None) not in (None, "approved"):
            option.note = "拟新增（追加）项目须先通过事前绩效评估（“支持”）；绩效目标随事前评估申报"
            continue
        existing = _existing(project, user, kind, checkpoint)
        if existing is not None:
            option.existing = existing
            option.note = f"已填报，当前状态：{existing.state_label}"
            continue
        if kind in ("monitoring", "self_evaluation") and targets is None:
            option.note = "尚无已批复的绩效目标：须先申报绩效目标并通过审核"
            continue
        if kind == "monitoring" and on < (opens := checkpoint_opens(project.fiscal_year, checkpoint)):
            option.note = f"{checkpoint_label(checkpoint)}监控节点尚未开始（{opens.year}年{opens.month}月1日起可填报）"
            continue
        option.possible = True
        option.note = ("调整须说明原因，经审核后生效" if option.needs_reason
                       else "先上传报告，系统按报告填入评分表，核对后提交" if kind == "third_party"
                       else "将新建一份草稿，保存、提交前可随时修改或撤回")
    return options


def option_for(project, user, on: date, kind: str, checkpoint: int | None) -> StartOption | None:
    """The option of ``kind`` (and ``checkpoint`` for monitoring), or ``None`` for an unknown kind."""
    for option in start_options(project, user, on):
        if option.kind == kind and (kind != "monitoring" or option.checkpoint == checkpoint):
            return option
    return None
