"""The blob store: file contents under ``<instance>/files/<aa>/<sha256>``, written once, atomically.

A blob is written to a temporary file in its final directory, fsynced, then hard-linked
into place (``os.link`` fails instead of replacing), and the directory is fsynced.  A crash
leaves at worst a ``.tmp-*`` file, never a half-written blob under a hash name.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path
from typing import BinaryIO

from flask import current_app

from portal.util import crash_window

TEMP_PREFIX = ".tmp-"
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1024 * 1024


def root() -> Path:
    """The folder holding every blob of the current app."""
    return Path(current_app.instance_path) / "files"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path(sha: str) -> Path:
    """Where the blob with this hash lives (it may not exist)."""
    if not _SHA_RE.match(sha):
        raise ValueError(f"not a SHA-256 hex digest: {sha!r}")
    return root() / sha[:2] / sha


def exists(sha: str) -> bool:
    return path(sha).is_file()


def open(sha: str) -> BinaryIO:  # noqa: A001 - the store's natural verb
    """Open a stored blob for reading."""
    return path(sha).open("rb")


def put(data: bytes) -> tuple[str, bool]:
    """Store ``data``; return its hash and whether this call created the blob.

    An existing blob is never overwritten (content addressing makes it identical anyway).
    """
    sha = sha256_of(data)
    if path(sha).exists():
        return sha, False
    return sha, stage(data, sha).link()


class Staged:
    """A blob written and fsynced to a temporary file in its final directory, not yet under its hash.

    :meth:`link` puts it in place (the upload was accepted), :meth:`discard` removes it (refused); a
    crash in between leaves only the ``.tmp-*`` file, which start-up removes.
    """

    def __init__(self, sha: str, tmp: Path):
        self.sha, self.tmp = sha, tmp

    def link(self) -> bool:
        """Hard-link the temporary file into place; whether this call created the blob."""
        target = path(self.sha)
        try:
            crash_window("store")
            try:
                os.link(self.tmp, target)
                created = True
            except FileExistsError:  # a concurrent upload of the same content won
                created = False
        finally:
            self.discard()
        _fsync_dir(target.parent)
        return created

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


def stage(data: bytes, sha: str | None = None) -> Staged:
    """Write ``data`` durably (fsync) beside its future place; link or discard the result."""
    sha = sha or sha256_of(data)
    target = path(sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    _fsync_dir(target.parent.parent)
    tmp = target.parent / f"{TEMP_PREFIX}{sha[:12]}-{os.getpid()}-{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Staged(sha, tmp)


def remove_temp_files() -> list[Path]:
    """Delete temporary files left by writers that were killed; call only when no writer runs (start-up)."""
    leftovers = temp_files()
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    return leftovers


def discard(sha: str) -> None:
    """Remove a blob this request just created, when its database rows were not saved."""
    path(sha).unlink(missing_ok=True)
    _fsync_dir(path(sha).parent)


def verify(sha: str) -> bool:
    """Whether the blob exists and its content still hashes to ``sha``."""
    try:
        fh = open(sha)
    except FileNotFoundError:
        return False
    digest = hashlib.sha256()
    with fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest() == sha


def all_blobs() -> list[str]:
    """Hashes of every blob on disk."""
    base = root()
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.glob("??/*") if _SHA_RE.match(p.name))


def temp_files() -> list[Path]:
    """Leftover temporary files (a writer was killed before linking its blob)."""
    base = root()
    return sorted(base.glob(f"??/{TEMP_PREFIX}*")) if base.is_dir() else []


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
