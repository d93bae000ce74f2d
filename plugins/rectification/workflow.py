"""The one table of allowed rectification transitions and who may make them."""

from __future__ import annotations

from portal.accounts.models import Role
from portal.transitions import Rule
from portal.transitions import rule as _rule

UNIT_ROLES = (Role.UNIT_EDITOR,)
VERIFIER_ROLES = (Role.BUREAU_REVIEWER, Role.BUREAU_SECTION)

TRANSITIONS: tuple[Rule, ...] = (
    _rule("start", "开始整改", {"open"}, "in_progress", "unit", UNIT_ROLES),
    _rule("submit_evidence", "提交整改佐证", {"open", "in_progress"}, "evidence_submitted", "unit", UNIT_ROLES),
    _rule("close", "核验通过并销号", {"evidence_submitted"}, "closed", "bureau", VERIFIER_ROLES),
    # Back to work with a reason: evidence not sufficient, or a 抽查 re-check of a closed item failed.
    _rule("reopen", "退回重新整改", {"evidence_submitted", "closed"}, "in_progress", "bureau", VERIFIER_ROLES,
          needs_comment=True),
)
RULES = {rule.action: rule for rule in TRANSITIONS}
#: The pseudo-action recorded when an item is created.
CREATE = "create"
ACTION_LABELS = {CREATE: "创建整改事项", **{r.action: r.label for r in TRANSITIONS}}


def is_unit_editor(user, item) -> bool:
    return user.org_id == item.unit_id and user.has_role(*UNIT_ROLES)


def is_region_bureau(user, item) -> bool:
    return user.org.kind == "bureau" and item.unit.parent_id == user.bureau_id


def allowed(rule: Rule, user, item) -> bool:
    """Whether ``user`` may apply ``rule`` to ``item`` in its current state."""
    if item.state not in rule.from_states or not user.has_role(*rule.roles):
        return False
    return is_unit_editor(user, item) if rule.side == "unit" else is_region_bureau(user, item)


def available_actions(user, item) -> list[Rule]:
    return [rule for rule in TRANSITIONS if allowed(rule, user, item)]


def may_manage(user) -> bool:
    """Bureau staff who create items (from findings, by hand) and draw samples."""
    return user.org.kind == "bureau" and user.has_role(Role.BUREAU_REVIEWER, Role.BUREAU_SECTION, Role.ADMIN)
