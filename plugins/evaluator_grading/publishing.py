"""Final firm ratings (执业质量评价结果) as publishable items for the public site."""

from __future__ import annotations

from plugins.evaluator_grading.models import FirmRating
from plugins.evaluator_grading.queries import visible_ratings
from plugins.evaluator_grading.ratings import COMPONENTS
from portal import Candidate, Snapshot, db, key_id


def _points(value) -> str:
    """``83.60 分``, or 暂无数据 for a rating finalised without any component data."""
    return "暂无数据" if value is None else f"{value} 分"


def _figure(value) -> str | None:
    return None if value is None else f"{value}"


def breakdown_table(rating: FirmRating) -> list[list[str]]:
    """指标 / 得分 / 权重 rows, then the composite and the level (first row: headers)."""
    weights = (rating.breakdown or {}).get("weights", {})
    rows = [["评价指标", "得分", "权重（%）"]]
    for key, label in COMPONENTS.items():
        value = getattr(rating, key)
        rows.append([label, "—" if value is None else f"{value}", weights.get(key, "不参与计算")])
    rows.append(["综合得分", _figure(rating.composite) or "—", "100.00"])
    rows.append(["评价等级", rating.level or "—", ""])
    return rows


class FirmRatingPublisher:
    kind = "firm_rating"
    label = "第三方机构执业质量评价"
    disclosure = None
    field_labels = {"composite": "综合得分", "level": "等级", **COMPONENTS}

    def _final(self, user):
        return visible_ratings(user).where(FirmRating.state == "final")

    def candidates(self, user) -> list[Candidate]:
        if user.org.kind != "bureau":
            return []
        return [Candidate(f"firm_rating:{r.id}", f"{r.firm.name}{r.fiscal_year}年度执业质量评价", r.fiscal_year,
                          note=f"{_points(r.composite)} · {r.level} 级")
                for r in db.session.scalars(self._final(user).order_by(FirmRating.fiscal_year.desc(),
                                                                       FirmRating.composite.desc()))]

    def snapshot(self, key: str, user) -> Snapshot:
        rating_id, rating = key_id(key, "firm_rating"), None
        if rating_id is not None and user.org.kind == "bureau":
            rating = db.session.scalar(self._final(user).where(FirmRating.id == rating_id))
        if rating is None:
            raise LookupError(key)
        info = rating.breakdown or {}
        rows = [["项目", "截止日期", "提交日期", "按期完成", "评审得分", "满意度"]] + [
            [r["project"], r["deadline"], r["delivered"] or "—", r.get("timeliness") or ("是" if r["on_time"] else "否"),
             "、".join(r["panel_scores"]) or "—", r["satisfaction"] or "—"] for r in info.get("rows", [])]
        summary = (f"{rating.firm.name}{rating.fiscal_year}年度执业质量评价：综合得分 {_points(rating.composite)}，"
                   f"评价等级 {rating.level} 级。")
        if rating.is_changed:
            summary += f"财政部门定稿时调整了等级：{rating.change_reason}"
        return Snapshot(
            kind=self.kind, key=key, title=f"{rating.firm.name}（{rating.fiscal_year}年度）执业质量评价",
            summary=summary,
            facets={"year": str(rating.fiscal_year), "firm": rating.firm.name, "region": rating.firm.region},
            figures={"composite": _figure(rating.composite), "level": rating.level,
                     **{k: _figure(getattr(rating, k)) for k in COMPONENTS}},
            tables=[("评价指标得分", breakdown_table(rating)), ("委托项目明细", rows)])

