"""Text (and DOCX tables) extracted from an upload, in a child process with a time limit.

Parsers of untrusted files can loop or eat memory; each extraction therefore runs in a
forked child with a memory cap, and is killed when it overruns JIXIAO_EXTRACT_TIMEOUT.
"""

from __future__ import annotations

import gc
import importlib
import io
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app

from portal.files.sniff import UploadRejected, decode_text

#: Address-space cap of the extraction child (bytes).
CHILD_MEMORY = 2 * 1024 * 1024 * 1024

_FAILED = {
    "docx": "无法读取该 Word 文档（文件可能已损坏），请用 Office 或 WPS 重新保存后上传。",
    "xlsx": "无法读取该 Excel 表格（文件可能已损坏），请用 Office 或 WPS 重新保存后上传。",
    "pdf": "无法读取该 PDF 文件（文件可能已损坏或已加密），请重新导出后上传。",
    "txt": "无法读取该文本文件，请确认其编码为 UTF-8 或 GB18030。",
}


@dataclass
class Extracted:
    """Plain text in document order, and DOCX tables as rows of cell text."""

    text: str
    tables: list[list[list[str]]] = field(default_factory=list)


def extract(data: bytes, kind: str, *, max_chars: int | None = None, timeout: float | None = None,
            pdf_tables: bool = False, meanwhile: Callable[[], None] | None = None) -> Extracted:
    """Extract text from ``data`` of ``kind`` in a child process; UploadRejected on failure or timeout.

    ``pdf_tables``: also read a PDF's ruled tables by their layout (for score proposals; slower).
    ``meanwhile``: work the caller does in this process while the child extracts (the upload stores its
    blob); its time counts against the time limit, and if it raises the child is stopped."""
    config = current_app.config
    max_chars = max_chars or config["JIXIAO_EXTRACT_MAX_CHARS"]
    timeout = timeout or config["JIXIAO_EXTRACT_TIMEOUT"]
    _import_parser(kind)
    _reap()
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, data, kind, max_chars, timeout, pdf_tables), daemon=True)
    started = time.monotonic()
    # The child's garbage collector must not walk (and so copy, page by page) the whole inherited heap:
    # objects alive at the fork are frozen out of its reach (gc.freeze's documented use before fork).
    gc.freeze()
    try:
        child.start()
    finally:
        gc.unfreeze()
    sender.close()
    answered = False
    try:
        if meanwhile is not None:
            meanwhile()
        if not receiver.poll(max(0.0, timeout - (time.monotonic() - started))):
            raise UploadRejected(f"读取文件内容超过 {timeout:g} 秒仍未完成，文件可能已损坏或结构异常，已拒绝。")
        try:
            status, payload = receiver.recv()
        except EOFError:  # the child died (e.g. hit its memory cap)
            raise UploadRejected(_FAILED[kind]) from None
        answered = True
    finally:
        receiver.close()
        if answered:
            # The child has sent its answer and is exiting (unmapping a copy of this worker's address space
            # takes milliseconds): not waited for here; reaped (or killed, if it lingers) by the next call.
            _exiting.append((time.monotonic() + timeout, child))
        else:
            if child.is_alive():
                child.kill()
            child.join()
    if status != "ok":
        raise UploadRejected(_FAILED[kind])
    return payload


#: Children that answered and were exiting, with the time after which one still alive is killed.
_exiting: list[tuple[float, multiprocessing.process.BaseProcess]] = []
os.register_at_fork(after_in_child=_exiting.clear)  # a forked process (child, gunicorn worker) has no such children


def _reap() -> None:
    """Reap the children of earlier calls; kill one still alive past its time limit (a stuck exit)."""
    now = time.monotonic()
    for entry in list(_exiting):
        deadline, child = entry
        if child.is_alive():
            if now < deadline:
                continue
            child.kill()
        child.join()
        _exiting.remove(entry)


#: The parser each kind's child uses; imported here once so that no child imports it again.
_PARSERS = {"docx": ("docx",), "pdf": ("pypdf",), "xlsx": ("openpyxl",), "txt": ()}


def _import_parser(kind: str) -> None:
    for module in _PARSERS.get(kind, ()):
        if module not in sys.modules:
            importlib.import_module(module)


def _child(sender, data: bytes, kind: str, max_chars: int, timeout: float, pdf_tables: bool = False) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
        cpu = int(timeout) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    except (ValueError, OSError):
        pass
    try:
        result = extract_in_process(data, kind, max_chars, pdf_tables)
        sender.send(("ok", result))
    except BaseException as exc:  # noqa: BLE001 - anything a parser throws is a refusal
        sender.send(("error", f"{type(exc).__name__}: {exc}"[:500]))
    finally:
        sender.close()


def extract_in_process(data: bytes, kind: str, max_chars: int, pdf_tables: bool = False) -> Extracted:
    """Extraction proper (no time limit): used by the child, and by tests of the parsers."""
    if kind == "docx":
        return _docx(data, max_chars)
    if kind == "pdf":
        return Extracted(_cap(_pdf(data, max_chars), max_chars), _pdf_tables(data) if pdf_tables else [])
    if kind == "xlsx":
        return Extracted(_cap(_xlsx(data, max_chars), max_chars))
    if kind == "txt":
        return Extracted(_cap(decode_text(data), max_chars))
    raise ValueError(f"unknown kind {kind!r}")


def _cap(text: str, max_chars: int) -> str:
    return text[:max_chars]


def _docx(data: bytes, max_chars: int) -> Extracted:
    import docx

    from portal.files import docx_text

    document = docx.Document(io.BytesIO(data))
    try:
        return Extracted(*docx_text.read(document, max_chars))
    except Exception:  # noqa: BLE001 - a structure the lean walk does not expect: python-docx's objects decide
        return _docx_objects(document, max_chars)


def _docx_objects(document, max_chars: int) -> Extracted:
    """The same reading through python-docx's objects (4× slower; the reference the lean walk is tested against)."""
    from docx.table import Table

    lines: list[str] = []
    tables: list[list[list[str]]] = []
    size = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = _table_rows(block)
            tables.append(rows)
            new = ["\t".join(row) for row in rows]
        else:
            new = [block.text]
        lines.extend(new)
        size += sum(len(line) + 1 for line in new)
        if size > max_chars:
            break
    return Extracted(_cap("\n".join(lines), max_chars), tables)


def _table_rows(table) -> list[list[str]]:
    """Cell text per row; a merged cell repeated by python-docx is kept once per row."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
        rows.append(cells)
    return rows


def _pdf(data: bytes, max_chars: int) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted")
    parts, size = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > max_chars:
            break
    return "\n".join(parts)


def _pdf_tables(data: bytes) -> list[list[list[str]]]:
    """The PDF's ruled tables; best effort: a drawing pypdf cannot follow gives no tables, not a refusal."""
    from pypdf import PdfReader

    from portal.files.pdf_tables import document_tables

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return []
        return document_tables(reader)
    except Exception:  # noqa: BLE001 - the text was read; tables only add to the proposal
        return []


def _xlsx(data: bytes, max_chars: int) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines, size = [], 0
    try:
        for sheet in workbook.worksheets:
            lines.append(f"【{sheet.title}】")
            for row in sheet.iter_rows(values_only=True):
                if all(value is None for value in row):
                    continue
                line = "\t".join("" if value is None else str(value) for value in row).rstrip("\t")
                lines.append(line)
                size += len(line) + 1
                if size > max_chars:
                    return "\n".join(lines)
    finally:
        workbook.close()
    return "\n".join(lines)
