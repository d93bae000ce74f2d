"""The indicator tree (一级 → 二级) a year's target tables are written in."""

from __future__ import annotations

from portal.targets.models import LEVEL2


def tree_for(fiscal_year: int | None) -> dict[str, tuple[str, ...]]:
    """Level-1 names mapped to their level-2 names, in order, for targets of ``fiscal_year``."""
    return dict(LEVEL2)
