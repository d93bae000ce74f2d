"""检索文档 — the ``postgres`` search backend's table: jieba-segmented text in a ``tsvector`` with a GIN index."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, Index, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db

#: Facet dimensions kept as columns and counted with GROUP BY over the matching rows.
FACET_FIELDS = ("kind", "year", "region", "unit", "category", "grade", "project_code", "firm")


class SearchDocument(db.Model):
    """One searchable item of the ``postgres`` backend (the Whoosh backend keeps its own files)."""

    __tablename__ = "search_documents"
    __table_args__ = (
        Index("ix_search_documents_terms", "terms", postgresql_using="gin"),
        Index("ix_search_documents_visible_from", "visible_from"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: Text fields cut at word boundaries by a control character (see ``analyzer.segment``): read by
    #: ``ts_headline`` for the page shown; removing the separator gives the published text back.
    title: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    #: jieba search-mode words of every text field, as ``to_tsvector('simple', …)``; plain text on SQLite.
    terms: Mapped[str] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))
    kind: Mapped[str | None] = mapped_column(Text)
    year: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(Text)
    grade: Mapped[str | None] = mapped_column(Text)
    project_code: Mapped[str | None] = mapped_column(Text)
    firm: Mapped[str | None] = mapped_column(Text)
    #: First day it may be found; NULL: not scheduled yet (never found).
    visible_from: Mapped[date | None] = mapped_column(Date)
    #: Sort key for newest first (epoch seconds).
    published: Mapped[int] = mapped_column(BigInteger, default=0)
