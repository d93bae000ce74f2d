"""Evaluation frameworks (评价指标体系) and their level-3 items with weights."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db


class Framework(db.Model):
    """A scoring framework: the bureau's default or one it defines for a year."""

    __tablename__ = "frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: ``evaluation`` (决策/过程/产出/效益) or ``self_evaluation`` (预算执行率/产出/效益/满意度).
    kind: Mapped[str] = mapped_column(String(30))
    fiscal_year: Mapped[int | None]
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    is_default: Mapped[bool] = mapped_column(default=False)

    items: Mapped[list[FrameworkItem]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="FrameworkItem.position")

    @property
    def total_weight(self) -> Decimal:
        return sum((i.weight for i in self.items), Decimal("0"))

    def level1_weights(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for item in self.items:
            out[item.level1] = out.get(item.level1, Decimal("0")) + item.weight
        return out


class FrameworkItem(db.Model):
    """A level-3 item of a framework and its weight (points)."""

    __tablename__ = "framework_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    level1: Mapped[str] = mapped_column(String(20))
    level2: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    weight: Mapped[Decimal] = mapped_column(Numeric(6, 2))
