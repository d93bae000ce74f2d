"""The plugin's one table. Its name starts with the plugin's name, so its migrations are the plugin's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal import db
from portal.util import utcnow


class Notice(db.Model):
    """A notice (通知公告) of a finance bureau to the units of its region."""

    __tablename__ = "notices_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The bureau that wrote it; only users of that bureau's region read it.
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
