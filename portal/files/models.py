"""Stored file contents (by hash) and the attachments that point at them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.util import utcnow


class StoredFile(db.Model):
    """File contents, stored once under ``instance/files/<aa>/<sha256>`` and never overwritten."""

    __tablename__ = "stored_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    #: Detected from the content, not from the name: docx, pdf, xlsx or txt.
    kind: Mapped[str] = mapped_column(String(10))
    media_type: Mapped[str] = mapped_column(String(120))
    #: Text extracted at upload (DOCX incl. tables, PDF, XLSX, TXT), for review and search.
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Attachment(db.Model):
    """An uploaded file as someone attached it: original name, uploader, and what it belongs to."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256"), index=True)
    #: The original (often Chinese) file name, sent back with an RFC 6266 Content-Disposition.
    filename: Mapped[str] = mapped_column(String(255))
    #: What the file is attached to, e.g. ``submission`` / 12 or ``rectification_item`` / 3.
    owner_type: Mapped[str] = mapped_column(String(40), index=True)
    owner_id: Mapped[int] = mapped_column(index=True)
    #: The organisation that uploaded it (access follows the owner; this is for the record).
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Attachments are never deleted; a removed one is marked.
    is_removed: Mapped[bool] = mapped_column(default=False)

    stored: Mapped[StoredFile] = relationship(lazy="joined")
