"""Every change to files: attach an upload to an owner, remove an attachment.

``attach`` refuses hostile or unreadable uploads with :class:`UploadRejected` before anything
is written; on success the rows are added and flushed, and the caller commits.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.datastructures import FileStorage

from portal.extensions import db
from portal.files import storage
from portal.files.extract import extract
from portal.files.images import clean_image
from portal.files.models import Attachment, StoredFile
from portal.files.sniff import IMAGE_KINDS, UploadRejected, sniff

__all__ = ["UploadRejected", "attach", "read_limited", "remove"]

_READ_CHUNK = 1024 * 1024


def read_limited(stream, limit: int) -> bytes:
    """Read a whole upload stream, refusing it as soon as it passes ``limit`` bytes."""
    chunks, size = [], 0
    while chunk := stream.read(_READ_CHUNK):
        size += len(chunk)
        if size > limit:
            raise UploadRejected(f"文件超过了允许的大小（{_megabytes(limit)}），请压缩或拆分后重新上传。")
        chunks.append(chunk)
    return b"".join(chunks)


def attach(upload: FileStorage, *, owner_type: str, owner_id: int, user,
           allow_images: bool = False) -> Attachment:
    """Store ``upload`` and attach it to ``owner_type``/``owner_id`` on behalf of ``user``.

    With ``allow_images`` a JPG / PNG photo is accepted too: within ``JIXIAO_IMAGE_MAX_BYTES`` and
    ``JIXIAO_IMAGE_MAX_PIXELS``, decoded, and stored without its metadata (EXIF GPS, device): the
    stored file is the stripped one. The blob is stored once per content (an existing StoredFile is
    reused). Raises UploadRejected, leaving nothing in the session or on disk, when the file is refused.
    """
    if upload is None or not (upload.filename or "").strip():
        raise UploadRejected("请选择要上传的文件。")
    config = current_app.config
    data = read_limited(upload.stream, config["MAX_CONTENT_LENGTH"])
    found = sniff(data, upload.filename, allow_images=allow_images)
    is_image = found.kind in IMAGE_KINDS
    if is_image:
        if len(data) > config["JIXIAO_IMAGE_MAX_BYTES"]:
            raise UploadRejected(f"图片超过了允许的大小（{_megabytes(config['JIXIAO_IMAGE_MAX_BYTES'])}），"
                                 "请压缩后重新上传。")
        data = clean_image(data, found.kind, max_pixels=config["JIXIAO_IMAGE_MAX_PIXELS"])
    sha = storage.sha256_of(data)
    stored = db.session.get(StoredFile, sha)
    staged = None
    created_blob = False
    attachment = None

    def write_blob() -> None:  # also repairs a blob lost from disk
        nonlocal staged
        if not storage.exists(sha):
            staged = storage.stage(data, sha)

    try:
        if stored is None:
            # The blob is written and fsynced while the child extracts; it is linked under its hash
            # only once the file is accepted, so a refused upload leaves nothing in the store.
            if is_image:
                text = ""
                write_blob()
            else:
                text = extract(data, found.kind, meanwhile=write_blob).text
            stored = StoredFile(sha256=sha, size=len(data), kind=found.kind, media_type=found.media_type,
                                text=text)
            db.session.add(stored)
        else:
            write_blob()
        if staged is not None:
            created_blob = staged.link()
        attachment = Attachment(sha256=sha, filename=found.filename, owner_type=owner_type,
                                owner_id=owner_id, org_id=user.org_id, uploaded_by_id=user.id)
        db.session.add(attachment)
        db.session.flush()
    except BaseException:
        _undo(stored, attachment)
        if staged is not None:
            staged.discard()
        if created_blob:
            storage.discard(sha)
        raise
    return attachment


def remove(attachment: Attachment, user) -> None:
    """Mark ``attachment`` removed (attachments and their blobs are never deleted)."""
    attachment.is_removed = True
    db.session.flush()


def _undo(*objects) -> None:
    for obj in objects:
        if obj is None:
            continue
        try:
            if obj in db.session.new:
                db.session.expunge(obj)
        except SQLAlchemyError:
            pass


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"
