"""Target versions and their indicators."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.util import utcnow

if TYPE_CHECKING:
    from portal.projects.models import Project

LEVEL1 = ("产出", "效益", "满意度")
LEVEL2 = {
    "产出": ("数量", "质量", "时效", "成本"),
    "效益": ("经济效益", "社会效益", "生态效益", "可持续影响"),
    "满意度": ("服务对象满意度",),
}
OPERATORS = ("≥", "≤", "=", "定性")
UNITS = ("个", "人", "人次", "%", "万元", "元", "月", "天", "次", "家", "项", "亩", "公里", "平方米", "户")


class TargetVersion(db.Model):
    """One version of a project's indicator table; frozen once its declaration is approved."""

    __tablename__ = "target_versions"
    __table_args__ = (UniqueConstraint("project_id", "version_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    version_no: Mapped[int] = mapped_column(default=1)
    #: Why the targets changed (required from version 2 on; seed 004: changes are approved and disclosed).
    reason: Mapped[str] = mapped_column(Text, default="")
    #: 总体目标 text.
    overall_goal: Mapped[str] = mapped_column(Text, default="")
    is_frozen: Mapped[bool] = mapped_column(default=False)
    approved_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    project: Mapped[Project] = relationship()
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="version", cascade="all, delete-orphan", lazy="selectin", order_by="Indicator.position")

    @property
    def label(self) -> str:
        return f"第 {self.version_no} 版"


class Indicator(db.Model):
    """A level-3 indicator (三级指标) with its target value (指标值) and weight."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("target_versions.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    level1: Mapped[str] = mapped_column(String(20))
    level2: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    operator: Mapped[str] = mapped_column(String(4))
    #: Numeric target; ``None`` for qualitative (定性) indicators.
    value: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    #: Text of a qualitative target (e.g. 有效提升).
    text_value: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(20), default="")
    weight: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal("0"))
    #: The indicator-library item it was picked from (``None``: written by the unit, 自定义).
    library_item_id: Mapped[int | None] = mapped_column(ForeignKey("library_items.id"))
    #: 核心指标: marked by the unit; 真实性核查 verifies these (seed 004 §二.5), or all 产出/效益 when none is marked.
    is_core: Mapped[bool] = mapped_column(default=False, server_default=false())

    version: Mapped[TargetVersion] = relationship(back_populates="indicators")

    @property
    def target_text(self) -> str:
        """The target as written in reports: ≥2个, ≤4万元, =12月, or the qualitative text."""
        if self.operator == "定性":
            return self.text_value or "定性"
        value = f"{self.value.normalize():f}" if self.value is not None else ""
        return f"{self.operator}{value}{self.unit}"

    @property
    def weight_text(self) -> str:
        """The weight without trailing zeros: 20, 12.5."""
        return f"{self.weight.normalize():f}" if self.weight is not None else ""

    def signature(self) -> tuple:
        """What identifies the indicator across versions (for the version diff)."""
        return (self.level1, self.level2, self.name)

    def content(self) -> tuple:
        return (self.operator, self.value, self.text_value, self.unit, self.weight)


class TargetTree(db.Model):
    """The 一级 → 二级 indicator tree a bureau's target tables use in one fiscal year.

    Without a row the year uses the default tree (``portal.targets.tree.DEFAULT_PRESET``).
    """

    __tablename__ = "target_trees"
    __table_args__ = (UniqueConstraint("bureau_id", "fiscal_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int]
    #: Where the tree comes from, e.g. 财预〔2021〕101号, or 本局自定.
    basis: Mapped[str] = mapped_column(String(100), default="")
    #: ``[[level1, [level2, ...]], ...]`` in display order.
    levels: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
