"""Indicator library versions (one bureau, one fiscal year, numbered) and their items."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.util import utcnow


class LibraryVersion(db.Model):
    """One imported version of a bureau's indicator library for a fiscal year; the newest one is in force.

    Versions are never deleted: declared indicators keep pointing at the item they were picked from.
    """

    __tablename__ = "library_versions"
    __table_args__ = (UniqueConstraint("bureau_id", "fiscal_year", "version_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    version_no: Mapped[int] = mapped_column(default=1)
    #: 依据, e.g. 《尉犁县分行业分领域共性项目绩效指标体系（2023年度）》.
    basis: Mapped[str] = mapped_column(String(200), default="")
    filename: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    items: Mapped[list[LibraryItem]] = relationship(back_populates="version", cascade="all, delete-orphan",
                                                    lazy="selectin", order_by="LibraryItem.position")

    @property
    def label(self) -> str:
        return f"{self.fiscal_year}年度第 {self.version_no} 版"


class LibraryItem(db.Model):
    """A common level-3 indicator: 行业 / 领域, 一级 / 二级 / 三级, unit, direction and suggested value."""

    __tablename__ = "library_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("library_versions.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: 行业 (e.g. 教育, 农业农村) and 领域 (e.g. 学前教育, 高标准农田建设).
    sector: Mapped[str] = mapped_column(String(50))
    field: Mapped[str] = mapped_column(String(50), default="")
    level1: Mapped[str] = mapped_column(String(20))
    level2: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(20), default="")
    #: 指标方向: ≥, ≤, = or 定性.
    operator: Mapped[str] = mapped_column(String(4))
    suggested_value: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    suggested_text: Mapped[str] = mapped_column(String(200), default="")
    #: 适用预算类别; empty: every category.
    category: Mapped[str] = mapped_column(String(40), default="")

    version: Mapped[LibraryVersion] = relationship(back_populates="items")

    @property
    def suggestion(self) -> str:
        if self.operator == "定性":
            return self.suggested_text or "定性"
        if self.suggested_value is None:
            return f"{self.operator}（由单位填写）{self.unit}"
        return f"{self.operator}{self.suggested_value.normalize():f}{self.unit}"
