"""The plugin's settings: defaults here, overridden by the same names in instance/config.py."""

from __future__ import annotations

from decimal import Decimal

from flask import current_app

DEFAULTS = {
    #: A service relation (audit, bookkeeping, consulting, self-evaluation) this many years before
    #: the project's fiscal year, or later, is a conflict of interest.
    "EVALUATOR_GRADING_CONFLICT_YEARS": 3,
    #: Days the firm may answer its draft rating (CPARS-like comment window).
    "EVALUATOR_GRADING_COMMENT_DAYS": 14,
    #: A panel score at or above this lets the bureau approve the report; below returns it.
    "EVALUATOR_GRADING_PASS_SCORE": 90,
    #: Weights of the rating's components; a component without data is left out and the rest re-weighted.
    "EVALUATOR_GRADING_WEIGHTS": {"quantity": 20, "quality": 40, "effect": 20, "satisfaction": 20},
    #: Lowest composite for each level, best first; below the last is D.
    "EVALUATOR_GRADING_LEVELS": (("A", 90), ("B", 80), ("C", 60)),
    #: Consistency signals: flag a unit whose self-scores exceed external scores by this many points on
    #: average (every gap positive), and a firm whose totals exceed its panels' view by as much.
    "EVALUATOR_GRADING_GAP_POINTS": 5,
    #: The default report-quality rubric (名称, 分值), used for a year the bureau has not defined.
    "EVALUATOR_GRADING_RUBRIC": (("评价方案与指标体系", 20), ("证据与数据", 25), ("分析与结论", 25),
                                 ("问题与建议", 20), ("形式与时效", 10)),
}


def setting(name: str):
    """A setting by name: instance config first, then the default above."""
    return current_app.config.get(name, DEFAULTS[name])


def decimal_setting(name: str) -> Decimal:
    return Decimal(str(setting(name)))
