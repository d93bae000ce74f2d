"""Pure scoring arithmetic: completion rates, grades, score-sheet totals, monitoring deviation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal("100")
TWO = Decimal("0.01")

#: 评价等级 bands: 优 ≥ 90, 良 80 ≤ s < 90, 中 60 ≤ s < 80, 差 < 60.
GRADE_BANDS = ((Decimal("90"), "优"), (Decimal("80"), "良"), (Decimal("60"), "中"), (Decimal("0"), "差"))


def q2(value) -> Decimal:
    return Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


def grade_for(total: Decimal | None) -> str | None:
    if total is None:
        return None
    for floor, grade in GRADE_BANDS:
        if Decimal(total) >= floor:
            return grade
    return "差"


def completion_rate(operator: str, target: Decimal | None, actual: Decimal | None,
                    judged: Decimal | None = None, cap: Decimal | None = HUNDRED) -> Decimal | None:
    """指标完成率 in percent: actual ÷ target, inverted for ≤ indicators, capped (default 100 %).

    Qualitative (定性) indicators use the judged completion.  ``None`` when it cannot be told.
    """
    if operator == "定性":
        rate = judged
    elif actual is None or target is None:
        return None
    elif operator == "≤":
        if actual <= 0:
            rate = HUNDRED if target >= 0 else Decimal(0)
        else:
            rate = Decimal(target) * HUNDRED / Decimal(actual)
    else:
        rate = HUNDRED if target == 0 else Decimal(actual) * HUNDRED / Decimal(target)
    if rate is None:
        return None
    rate = max(Decimal(0), Decimal(rate))
    if cap is not None:
        rate = min(rate, cap)
    return q2(rate)


@dataclass
class SheetTotals:
    """Totals of a score sheet: per level-1 (score, weight) and overall, with the grade."""

    by_level1: dict[str, tuple[Decimal, Decimal]]
    total: Decimal
    grade: str
    missing: list[str]


def sheet_totals(items, scores: dict[int, Decimal]) -> SheetTotals:
    """Sum a score sheet; ``items`` are FrameworkItems, ``scores`` item id → score."""
    by_level1: dict[str, tuple[Decimal, Decimal]] = {}
    missing = []
    for item in items:
        score = scores.get(item.id)
        if score is None:
            missing.append(item.name)
            score = Decimal(0)
        got, weight = by_level1.get(item.level1, (Decimal(0), Decimal(0)))
        by_level1[item.level1] = (got + Decimal(score), weight + item.weight)
    total = q2(sum((v[0] for v in by_level1.values()), Decimal(0)))
    return SheetTotals({k: (q2(v[0]), q2(v[1])) for k, v in by_level1.items()}, total, grade_for(total), missing)


def check_score(score: Decimal, weight: Decimal) -> str | None:
    """A Chinese message when a score is outside 0…weight."""
    if score < 0 or score > weight:
        return f"得分应在 0 至 {q2(weight)} 分之间"
    return None


# -- self-evaluation: indicator completion → points --------------------------------------------

SELF_EVAL_LEVEL1 = {"产出": Decimal(50), "效益": Decimal(30), "满意度": Decimal(10)}
EXECUTION_ITEM = "预算执行率"
EXECUTION_POINTS = Decimal(10)


def self_evaluation_weights(weights: dict[str, Decimal] | None) -> tuple[Decimal, dict[str, Decimal]]:
    """(预算执行率 points, points per indicator group) of a self-evaluation framework (default 10/50/30/10)."""
    if not weights:
        return EXECUTION_POINTS, SELF_EVAL_LEVEL1
    return (Decimal(weights.get(EXECUTION_ITEM, 0)),
            {k: Decimal(v) for k, v in weights.items() if k != EXECUTION_ITEM})


def self_evaluation_allocation(level1_present: set[str],
                               weights: dict[str, Decimal] | None = None) -> dict[str, Decimal]:
    """Points per level-1 group; a missing group (e.g. 满意度) moves its points to the others in proportion.

    ``weights`` are the framework's level-1 weights (default 预算执行率 10 / 产出 50 / 效益 30 / 满意度 10).
    """
    _, groups = self_evaluation_weights(weights)
    shares = {k: v for k, v in groups.items() if k in level1_present}
    missing = sum((v for k, v in groups.items() if k not in level1_present), Decimal(0))
    base = sum(shares.values(), Decimal(0))
    if base == 0:
        return {}
    return {k: v + missing * v / base for k, v in shares.items()}


#: 财预〔2021〕101号 makes 成本 a level-1 of the target table; a self-evaluation framework that does not
#: weigh it separately counts it with 产出 (national practice: 产出 and 成本 share the 50 points).
SELF_EVAL_FOLDED = {"成本": "产出"}


def self_evaluation_group(level1: str, framework_groups: dict[str, Decimal]) -> str:
    """The self-evaluation group an indicator of ``level1`` scores in."""
    if level1 in framework_groups:
        return level1
    return SELF_EVAL_FOLDED.get(level1, level1)


@dataclass
class IndicatorScore:
    indicator_id: int
    points: Decimal
    completion: Decimal | None
    score: Decimal


def self_evaluation_scores(indicators, rates: dict[int, Decimal | None], execution_rate: Decimal | None,
                           weights: dict[str, Decimal] | None = None
                           ) -> tuple[list[IndicatorScore], dict[str, Decimal], Decimal]:
    """Points of every indicator (its weight's share of its group), its score, group and overall totals.

    Within a level-1 group, points are split by the indicators' weights (equally when all are 0).
    The 预算执行率 item scores ``its points × min(执行率, 100 %)`` (10 points by default).
    """
    execution_points, framework_groups = self_evaluation_weights(weights)
    groups: dict[str, list] = {}
    for ind in indicators:
        groups.setdefault(self_evaluation_group(ind.level1, framework_groups), []).append(ind)
    allocation = self_evaluation_allocation(set(groups), weights)
    out: list[IndicatorScore] = []
    totals: dict[str, Decimal] = {}
    for level1, members in groups.items():
        group_points = allocation.get(level1, Decimal(0))
        weight_sum = sum((Decimal(m.weight or 0) for m in members), Decimal(0))
        for m in members:
            share = (Decimal(m.weight or 0) / weight_sum) if weight_sum else Decimal(1) / len(members)
            points = group_points * share
            rate = rates.get(m.id)
            score = points * (rate or Decimal(0)) / HUNDRED
            out.append(IndicatorScore(m.id, q2(points), rate, q2(score)))
            totals[level1] = totals.get(level1, Decimal(0)) + score
    execution = execution_points * min(Decimal(execution_rate or 0), HUNDRED) / HUNDRED
    totals = {EXECUTION_ITEM: q2(execution), **{k: q2(v) for k, v in totals.items()}}
    return out, totals, q2(sum(totals.values(), Decimal(0)))


# -- monitoring ----------------------------------------------------------------------------------

def time_progress(checkpoint_month: int) -> Decimal:
    """Share of the year elapsed at the end of the checkpoint month, in percent."""
    return q2(Decimal(checkpoint_month) * HUNDRED / 12)


def execution_deviation(checkpoint_month: int, execution_rate: Decimal | None) -> Decimal:
    """Percentage points by which budget execution lags time progress (negative: ahead)."""
    return q2(time_progress(checkpoint_month) - Decimal(execution_rate or 0))
