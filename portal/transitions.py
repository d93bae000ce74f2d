"""A transition rule of a state machine (submissions, and plugins' own such as rectification items)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """An allowed transition: from which states, to which, by which side and roles."""

    action: str
    label: str
    from_states: frozenset[str]
    to_state: str
    #: Who may act, in the table's own words (``owner`` / ``unit``: the item's organisation; ``bureau``:
    #: bureau staff of its region); the table's ``allowed`` function interprets it.
    side: str
    roles: frozenset[str]
    needs_comment: bool = False


def rule(action, label, from_states, to_state, side, roles, needs_comment=False) -> Rule:
    return Rule(action, label, frozenset(from_states), to_state, side, frozenset(str(r) for r in roles),
                needs_comment)
