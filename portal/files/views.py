"""Downloads of attached files: always as an attachment, with the original Chinese name."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from flask import Blueprint, abort, current_app, send_file
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from portal.audit.operations import record
from portal.errors import render_error
from portal.extensions import DOWNLOAD_CSP, db, talisman
from portal.files import storage
from portal.files.queries import readable_attachment

bp = Blueprint("files", __name__, url_prefix="/work/files")


@bp.get("/<int:attachment_id>")
@login_required
@talisman(content_security_policy=DOWNLOAD_CSP)
def download(attachment_id: int):
    """Send the file; 404 (not 403) when it is missing or not readable, so existence does not leak."""
    attachment = readable_attachment(attachment_id, current_user)
    if attachment is None or not storage.exists(attachment.sha256):
        abort(404)
    if attachment.org_id != current_user.org_id:
        record("download_unpublished", target_type="attachment", target_id=attachment.id,
               filename=attachment.filename, owner=f"{attachment.owner_type}/{attachment.owner_id}")
        db.session.commit()
    response = send_file(storage.path(attachment.sha256), mimetype=attachment.stored.media_type,
                         as_attachment=True, download_name=attachment.filename, conditional=True, etag=True)
    response.headers["Content-Disposition"] = content_disposition(attachment.filename, attachment.id)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def content_disposition(filename: str, attachment_id: int) -> str:
    """RFC 6266 header: an ASCII fallback name and the UTF-8 original (RFC 5987)."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_stem).strip("._")
    ascii_ext = re.sub(r"[^A-Za-z0-9]", "", ext)
    fallback = (ascii_stem or f"attachment-{attachment_id}") + (f".{ascii_ext}" if ascii_ext else "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@bp.app_errorhandler(RequestEntityTooLarge)
def too_large(exc):
    """An upload over MAX_CONTENT_LENGTH: the Chinese 413 page, naming the limit."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return render_error(413, message=f"上传的文件超过了允许的大小（{limit / (1024 * 1024):g} MB），"
                                     "请压缩或拆分后重新上传。")
