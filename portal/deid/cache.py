"""A cache of the engine's decisions by content, so a long report is analysed once, not per preview.

The key is the SHA-256 of the engine's fingerprint (what it knows: names, terms, organisations,
credit codes, its version) and the text: change either and the entry no longer applies.  Entries
live in ``instance/deid_cache/`` (one small JSON file each, written atomically), so every gunicorn
worker and every later request shares them; the public site fills the cache when an item becomes
publishable (see ``public_site.plugin``), so the reviewer's first preview reads it.  The oldest
entries are removed beyond :data:`MAX_ENTRIES`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from portal.deid.policy import Decision
from portal.deid.spans import Span


def _engine_version() -> str:
    """The engine as installed: a digest of its source files (the recognisers, their word lists, the
    policy), so that after an upgrade no entry an older engine wrote is read — nobody has to
    remember to raise a number."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


ENGINE_VERSION = _engine_version()
MAX_ENTRIES = 20_000
#: Texts shorter than this are analysed again (a file per table cell would cost more than it saves).
MIN_CHARS = 400


class DecisionCache:
    """Decisions of one text under one engine fingerprint, on disk."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, fingerprint: str, text: str) -> Path:
        digest = hashlib.sha256(f"{ENGINE_VERSION}\0{fingerprint}\0".encode() + text.encode()).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, fingerprint: str, text: str) -> list[Decision] | None:
        if len(text) < MIN_CHARS:
            return None
        try:
            rows = json.loads(self._path(fingerprint, text).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        try:
            return [Decision(Span(r["start"], r["end"], r["kind"], text[r["start"]:r["end"]], r["confidence"],
                                  r["span_reason"]), r["action"], r["label"], r["reason"]) for r in rows]
        except (KeyError, TypeError):
            return None

    def put(self, fingerprint: str, text: str, decisions: list[Decision]) -> None:
        if len(text) < MIN_CHARS:
            return
        path = self._path(fingerprint, text)
        rows = [{"start": d.span.start, "end": d.span.end, "kind": d.span.kind, "confidence": d.span.confidence,
                 "span_reason": d.span.reason, "action": d.action, "label": d.label, "reason": d.reason}
                for d in decisions]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(rows, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            return  # a cache that cannot be written is only slower
        self._prune()

    def _prune(self) -> None:
        files = list(self.folder.glob("*/*.json"))
        if len(files) <= MAX_ENTRIES:
            return
        files.sort(key=lambda p: p.stat().st_mtime)
        for old in files[:len(files) - MAX_ENTRIES]:
            old.unlink(missing_ok=True)
