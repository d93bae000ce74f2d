"""The bureau-maintained list of sensitive terms (敏感词)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.util import utcnow


class SensitiveTerm(db.Model):
    """A word or phrase that must never be published (redacted as ``[敏感信息]``)."""

    __tablename__ = "sensitive_terms"
    __table_args__ = (UniqueConstraint("bureau_id", "term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The bureau whose list this is; ``None`` for terms that apply everywhere.
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    term: Mapped[str] = mapped_column(String(200))
    #: Why it is sensitive (shown to reviewers in the redaction preview).
    note: Mapped[str] = mapped_column(String(300), default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
