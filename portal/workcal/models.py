"""The work calendar of a bureau's year and the in-portal notices (站内消息)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.util import utcnow


class WorkCalendar(db.Model):
    """工作日历: a bureau's dates for one work year (the calendar year Y: monitoring of fiscal year Y's
    projects, self-evaluation and evaluation of fiscal year Y−1's). Without a row seed 004's defaults apply."""

    __tablename__ = "work_calendars"
    __table_args__ = (UniqueConstraint("bureau_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    year: Mapped[int]
    #: ``{"checkpoints": [{"month", "due", "scope"}], "items": {key: ISO date}, "share": "20", "key_count": 5}``
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Notice(db.Model):
    """站内消息: one message to one user, read or unread. ``key`` makes a notice idempotent."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: returned | approved | flag | due_soon | overdue | submitted
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(300), default="")
    #: ``<user>:<what>:<threshold>``; unique, so ``jixiao notify`` run twice sends nothing twice.
    key: Mapped[str | None] = mapped_column(String(160), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    #: When an e-mail digest carried it (``None``: not yet mailed).
    mailed_at: Mapped[datetime | None]


class NoticeMailbox(db.Model):
    """Where a user wants the e-mail digest of unread notices (only used when ``MAIL_SERVER`` is set)."""

    __tablename__ = "notice_mailboxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    email: Mapped[str] = mapped_column(String(200))
