"""The one table of allowed submission transitions and who may make them."""

from __future__ import annotations

from portal.accounts.models import Role
from portal.transitions import Rule
from portal.transitions import rule as _rule

OWNER_ROLES = (Role.UNIT_EDITOR, Role.FIRM_EDITOR)

TRANSITIONS: tuple[Rule, ...] = (
    _rule("submit", "提交审核", {"draft", "returned"}, "submitted", "owner", OWNER_ROLES),
    _rule("withdraw", "撤回（作废草稿）", {"draft", "returned"}, "withdrawn", "owner", OWNER_ROLES,
          needs_comment=True),
    _rule("recall", "撤回修改", {"submitted"}, "draft", "owner", OWNER_ROLES),
    _rule("pass_first_review", "初审通过", {"submitted"}, "review", "bureau", {Role.BUREAU_SECTION}),
    _rule("return_first_review", "初审退回", {"submitted"}, "returned", "bureau", {Role.BUREAU_SECTION},
          needs_comment=True),
    _rule("approve", "审核通过", {"review"}, "approved", "bureau", {Role.BUREAU_REVIEWER}),
    _rule("return", "退回修改", {"submitted", "review"}, "returned", "bureau", {Role.BUREAU_REVIEWER},
          needs_comment=True),
)
RULES = {rule.action: rule for rule in TRANSITIONS}
#: What each irreversible action does, said on the confirmation page before it is done.
CONSEQUENCES = {
    "submit": "提交后材料交业务科室初审，不能再修改，除非被退回；在业务科室打开之前，可以“撤回修改”。",
    "withdraw": "撤回后本材料作废（标记为“已撤回”），不能恢复，也不能再提交；如需填报，须重新新建。",
    "pass_first_review": "初审通过后材料转绩效科审核，业务科室不能再退回。",
    "return_first_review": "退回后材料回到填报单位修改，单位重新提交后再次进入初审。",
    "approve": "审核通过后材料定稿，不能再修改或退回，其结果可以公开。",
    "return": "退回后材料回到填报单位修改，单位重新提交后须重新初审和审核。",
}
_APPROVE_TARGETS = "审核通过后本版绩效目标批复生效并冻结，不能再修改或退回；此后的调整须另行申报新版本。"


def consequence(action: str, submission) -> str:
    """The confirmation text of ``action`` on ``submission`` ("" when the action needs none)."""
    if action == "approve" and submission.kind == "target_declaration":
        return _APPROVE_TARGETS
    return CONSEQUENCES.get(action, "")
#: The pseudo-action recorded when a submission is created as a draft.
CREATE = "create"
ACTION_LABELS = {CREATE: "创建草稿", **{r.action: r.label for r in TRANSITIONS}}


def is_owner(user, submission) -> bool:
    return user.org_id == submission.org_id and user.has_role(*OWNER_ROLES)


def is_region_bureau(user, submission) -> bool:
    return user.org.kind == "bureau" and submission.project.unit.parent_id == user.bureau_id


def allowed(rule: Rule, user, submission) -> bool:
    """Whether ``user`` may apply ``rule`` to ``submission`` in its current state."""
    if submission.state not in rule.from_states or not user.has_role(*rule.roles):
        return False
    if rule.action == "recall" and submission.section_opened_at is not None:
        return False  # the 业务科室 has begun its review
    if rule.side == "owner":
        return is_owner(user, submission)
    return is_region_bureau(user, submission)


def available_actions(user, submission) -> list[Rule]:
    return [rule for rule in TRANSITIONS if allowed(rule, user, submission)]
