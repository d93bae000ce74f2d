"""Public summaries per year (no names): the truthfulness checks and the results use (counts, 万元 per grade)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from portal.accounts.models import BUREAU_ROLES, Organisation
from portal.extensions import db
from portal.publishing import Candidate, Snapshot, key_id
from portal.results.models import CHECK_OUTCOMES, ResultsUse, TruthDraw
from portal.results.uselist import grade_summary, rows_of


def _bureau_id(user) -> int | None:
    if user.org.kind == "bureau" and user.has_role(*BUREAU_ROLES):
        return user.bureau_id
    return None


def _region(bureau_id: int) -> str:
    bureau = db.session.get(Organisation, bureau_id)
    return bureau.region if bureau else ""


class TruthSummaryPublisher:
    kind = "truth_check_summary"
    label = "绩效自评真实性核查情况"
    disclosure = None
    field_labels = {"population": "项目总数", "drawn": "抽取数", "vetoed": "否决数"}

    def candidates(self, user) -> list[Candidate]:
        bureau_id = _bureau_id(user)
        if bureau_id is None:
            return []
        years = sorted(set(db.session.scalars(select(TruthDraw.fiscal_year).where(TruthDraw.bureau_id == bureau_id))),
                       reverse=True)
        return [Candidate(f"year:{y}", f"{y}年度绩效自评真实性核查情况", y) for y in years]

    def snapshot(self, key: str, user) -> Snapshot:
        year, bureau_id = key_id(key, "year"), _bureau_id(user)
        draws = list(db.session.scalars(select(TruthDraw).where(
            TruthDraw.bureau_id == bureau_id, TruthDraw.fiscal_year == year))) if year and bureau_id else []
        if not draws:
            raise LookupError(key)
        outcomes = Counter(c.outcome for d in draws for c in d.checks)
        drawn = {sid for d in draws for sid in d.submission_ids}
        vetoed = {c.submission_id for d in draws for c in d.checks if c.outcome == "untrue"}
        population = max(d.population for d in draws)
        rows = [["核查结论", "核心指标数"]] + [[label, str(outcomes.get(k, 0))] for k, label in CHECK_OUTCOMES.items()]
        return Snapshot(
            kind=self.kind, key=key, title=f"{year}年度绩效自评真实性核查情况",
            summary=(f"{year}年度共有 {population} 份绩效自评审核通过，随机抽取 {len(drawn)} 份，核查核心指标 "
                     f"{sum(outcomes.values())} 项，其中属实 {outcomes.get('verified', 0)} 项、无法核实 "
                     f"{outcomes.get('unverifiable', 0)} 项、不属实 {outcomes.get('untrue', 0)} 项；"
                     f"{len(vetoed)} 个项目实行“一票否决”，自评等级为“差”并收回资金。"),
            facets={"year": str(year), "region": _region(bureau_id)},
            figures={"population": population, "drawn": len(drawn), "vetoed": len(vetoed)},
            tables=[("核查结论", rows)])


class ResultsUseSummaryPublisher:
    kind = "results_use_summary"
    label = "绩效评价结果应用情况"
    disclosure = None
    field_labels = {"grades": "评价等级分布", "cut_total": "核减金额"}

    def candidates(self, user) -> list[Candidate]:
        bureau_id = _bureau_id(user)
        if bureau_id is None:
            return []
        years = sorted(set(db.session.scalars(select(ResultsUse.fiscal_year).where(
            ResultsUse.bureau_id == bureau_id, ResultsUse.confirmed_at.is_not(None)))), reverse=True)
        return [Candidate(f"year:{y}", f"{y}年度绩效评价结果应用情况", y) for y in years]

    def snapshot(self, key: str, user) -> Snapshot:
        year, bureau_id = key_id(key, "year"), _bureau_id(user)
        rows = [r for r in rows_of(bureau_id, year) if r.confirmed] if year and bureau_id else []
        if not rows:
            raise LookupError(key)
        grades = grade_summary(rows)
        cut_total = sum((g[3] for g in grades), start=0)
        counts = {g[0]: g[1] for g in grades}
        recovered = sum(1 for r in rows if r.action == "recover")
        table = [["评价等级", "项目数", "核减预算项目数", "核减金额（万元）"]] + [[g, str(n), str(c), f"{a}"]
                                                                   for g, n, c, a in grades]
        return Snapshot(
            kind=self.kind, key=key, title=f"{year}年度绩效评价结果应用情况",
            summary=(f"{year}年度纳入结果应用的项目 {len(rows)} 个：评价为“中”的 {counts.get('中', 0)} 个、“差”的 "
                     f"{counts.get('差', 0)} 个予以通报并按比例核减下一年度预算，合计核减 {cut_total} 万元；"
                     f"真实性核查不属实收回资金 {recovered} 个。"),
            facets={"year": str(year), "region": _region(bureau_id)},
            figures={"grades": [[g, n] for g, n, _c, _a in grades], "cut_total": f"{cut_total}"},
            tables=[("按评价等级", table)])
