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
    _rule("pass_first_review", "初审通过", {"submitted"}, "review", "bureau", {Role.BUREAU_SECTION}),
    _rule("return_first_review", "初审退回", {"submitted"}, "returned", "bureau", {Role.BUREAU_SECTION},
          needs_comment=True),
    _rule("approve", "审核通过", {"review"}, "approved", "bureau", {Role.BUREAU_REVIEWER}),
    _rule("return", "退回修改", {"submitted", "review"}, "returned", "bureau", {Role.BUREAU_REVIEWER},
          needs_comment=True),
)
RULES = {rule.action: rule for rule in TRANSITIONS}
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
    if rule.side == "owner":
        return is_owner(user, submission)
    return is_region_bureau(user, submission)


def available_actions(user, submission) -> list[Rule]:
    return [rule for rule in TRANSITIONS if allowed(rule, user, submission)]
