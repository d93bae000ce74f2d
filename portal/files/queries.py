"""Read helpers for files: an attachment a user may read, an owner's attachments, score proposals."""

from __future__ import annotations

from sqlalchemy import select

from portal import plugins
from portal.extensions import db
from portal.files import storage
from portal.files.extract import extract
from portal.files.models import Attachment
from portal.files.proposal import Proposal, propose
from portal.files.sniff import UploadRejected


def readable_attachment(attachment_id: int, user) -> Attachment | None:
    """The attachment if it exists, is not removed and its owner lets ``user`` read it; else None."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.is_removed:
        return None
    if not plugins.may_read_attachments(attachment.owner_type, attachment.owner_id, user):
        return None
    return attachment


def attachments_of(owner_type: str, owner_id: int) -> list[Attachment]:
    """The owner's attachments that are not removed, oldest first (access is the caller's check)."""
    return list(db.session.scalars(
        select(Attachment).where(Attachment.owner_type == owner_type, Attachment.owner_id == owner_id,
                                 Attachment.is_removed.is_(False)).order_by(Attachment.id)))


def score_proposal(attachment: Attachment) -> Proposal:
    """A score proposal from an attached evaluation report (DOCX tables, and a PDF's ruled tables read by
    their layout, are read again from the blob; a PDF's wrapped lines are joined into paragraphs)."""
    tables = []
    text = attachment.stored.text
    if attachment.stored.kind in ("docx", "pdf"):
        with storage.open(attachment.sha256) as fh:
            data = fh.read()
        try:
            tables = extract(data, attachment.stored.kind, pdf_tables=True).tables
        except UploadRejected:
            if attachment.stored.kind == "docx":
                raise
            tables = []  # the PDF's text was read at upload; without its tables the proposal is from the text
    if attachment.stored.kind == "pdf":
        from portal.files.pdf_tables import reflow

        text = reflow(text)
    return propose(text, tables)
