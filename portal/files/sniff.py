"""Decide what an upload is from its bytes (never from its name), and refuse what is hostile.

Accepted kinds are DOCX, XLSX, PDF and plain text, and JPEG / PNG photos where the caller allows
images (rectification evidence); those are decoded and stripped of metadata by ``images``.  Zip containers are checked from their
central directory before anything is decompressed (entry count, total size, ratio), and
every XML part of an OOXML file must be free of DOCTYPE/ENTITY declarations: every part that
``[Content_Types].xml`` declares as XML (by extension or by part name, whatever the part is
called) and every ``.xml`` / ``.rels`` part.  Plain text is scanned for active markup from its
first byte to its last, chunk by chunk (bounded memory, whatever the file's size).
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException


class UploadRejected(ValueError):
    """An upload refused with a message for the user (in Chinese)."""


@dataclass(frozen=True)
class Kind:
    name: str
    media_type: str
    extensions: tuple[str, ...]
    label: str


KINDS = {
    "docx": Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 (".docx",), "Word 文档（DOCX）"),
    "xlsx": Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 (".xlsx",), "Excel 表格（XLSX）"),
    "pdf": Kind("pdf", "application/pdf", (".pdf",), "PDF 文件"),
    "txt": Kind("txt", "text/plain; charset=utf-8", (".txt", ".csv"), "纯文本文件"),
    "jpeg": Kind("jpeg", "image/jpeg", (".jpg", ".jpeg"), "JPG 图片"),
    "png": Kind("png", "image/png", (".png",), "PNG 图片"),
}
#: Kinds accepted only where the caller allows images (``allow_images``).
IMAGE_KINDS = ("jpeg", "png")

ACCEPTED_HINT = "仅接受 DOCX、XLSX、PDF 和 TXT 文件。"
ACCEPTED_HINT_WITH_IMAGES = "仅接受 DOCX、XLSX、PDF、TXT 文件和 JPG、PNG 图片。"

#: Zip limits, checked on the central directory before anything is decompressed.
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
#: A part must be at least this large before its ratio counts (tiny parts compress oddly).
RATIO_FLOOR = 1024 * 1024

#: Longest stored file name, in UTF-8 bytes (most file systems allow 255).
MAX_NAME_BYTES = 200

_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
_MACRO_TYPES = ("macroEnabled", "vbaProject", "vbaData")
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf",
                     b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"#!", b"\x00asm")
_SCRIPT_RE = re.compile(rb"^\s*(@echo\s+off|#!/|<\?php|powershell\b|' *vbscript|set\s+\w+\s*=\s*createobject)",
                        re.I)
_MARKUP_RE = re.compile(r"<\s*(!doctype|html|svg|\?xml|script|body|head|iframe|object|embed|meta|"
                        r"xsl:|math|a\s+href|img\s)", re.I)
_ACTIVE_MARKUP_RE = re.compile(r"<\s*(script|svg|html|iframe)\b", re.I)
#: The start of a tag that may continue into the next chunk: "<", spaces, at most six letters.
_TAG_START_RE = re.compile(r"<\s*[a-z]{0,6}\Z", re.I)
#: How much of a text upload is decoded at a time when it is scanned for markup.
TEXT_SCAN_CHUNK = 64 * 1024
#: The start of a text upload that the type heuristics look at (control characters, leading markup).
TEXT_SAMPLE_CHARS = 8192
#: Text encodings tried in turn, as :func:`decode_text` does.
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
_DECLARATION_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_DECLARATION_UTF16 = [s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
                      for enc in ("utf-16-le", "utf-16-be")]


@dataclass(frozen=True)
class Sniffed:
    """What an upload turned out to be."""

    kind: str
    media_type: str
    filename: str


def sniff(data: bytes, filename: str, *, allow_images: bool = False) -> Sniffed:
    """Identify ``data``; return its kind and the sanitised name, or raise UploadRejected."""
    name = sanitize_filename(filename)
    kind = detect_kind(data, allow_images=allow_images)
    ext = _extension(name)
    if ext not in KINDS[kind].extensions:
        shown = ext or "（无扩展名）"
        raise UploadRejected(f"文件内容是{KINDS[kind].label}，但文件名的扩展名为 {shown}，两者不符。"
                             f"请确认文件后以正确的扩展名（{'、'.join(KINDS[kind].extensions)}）重新上传。")
    return Sniffed(kind, KINDS[kind].media_type, name)


def detect_kind(data: bytes, *, allow_images: bool = False) -> str:
    """The kind of ``data`` (docx, xlsx, pdf, txt; jpeg, png if ``allow_images``) or UploadRejected.

    An image is only recognised here by its magic bytes; ``images.clean_image`` decodes it.
    """
    if not data:
        raise UploadRejected("文件为空（0 字节），请选择有内容的文件重新上传。")
    head = data[:4096]
    if head.startswith(_EXECUTABLE_MAGIC) or _SCRIPT_RE.match(head):
        raise UploadRejected("该文件是可执行程序或脚本，出于安全原因不允许上传（无论扩展名如何）。" + ACCEPTED_HINT)
    if head.startswith(b"%PDF-"):
        _check_pdf(data)
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _check_ooxml(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UploadRejected("不支持旧版 Office 格式（.doc / .xls），请在 Office 或 WPS 中另存为 "
                             ".docx / .xlsx 后上传。")
    image = "png" if head.startswith(b"\x89PNG\r\n\x1a\n") else "jpeg" if head.startswith(b"\xff\xd8\xff") else None
    if image and allow_images:
        return image
    if image:
        raise UploadRejected("此处不接受图片。" + ACCEPTED_HINT)
    if head.startswith((b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"\x89PNG", b"GIF8")):
        hint = ACCEPTED_HINT_WITH_IMAGES if allow_images else ACCEPTED_HINT
        raise UploadRejected("不支持该文件类型（压缩包或其他格式的图片）。" + hint)
    _check_text(data)
    return "txt"


def decode_text(data: bytes) -> str:
    """Text of a plain-text upload: UTF-8 (with or without BOM), else GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _check_text(data: bytes) -> None:
    unknown = UploadRejected("无法识别该文件的类型。" + ACCEPTED_HINT)
    if b"\x00" in data:
        raise unknown
    for encoding in TEXT_ENCODINGS:
        try:
            sample, active_markup = _scan_text(data, encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise unknown
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f")
    if controls > max(2, len(sample) // 100):
        raise unknown
    stripped = sample.lstrip()
    starts_as_markup = stripped.startswith("<") and _MARKUP_RE.match(stripped)
    if starts_as_markup or active_markup:
        raise UploadRejected("该文件是网页或图形标记文件（HTML / SVG / XML），不允许上传。" + ACCEPTED_HINT)


def _scan_text(data: bytes, encoding: str) -> tuple[str, bool]:
    """Decode ``data`` chunk by chunk: its first :data:`TEXT_SAMPLE_CHARS` characters, and whether active
    markup (script, svg, html, iframe tags) occurs anywhere in it, also across chunk boundaries.

    Memory stays bounded by the chunk size; raises UnicodeDecodeError if ``data`` is not in ``encoding``.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    view, sample, carry = memoryview(data), "", ""
    for start in range(0, len(data), TEXT_SCAN_CHUNK):
        final = start + TEXT_SCAN_CHUNK >= len(data)
        text = carry + decoder.decode(view[start:start + TEXT_SCAN_CHUNK], final)
        if len(sample) < TEXT_SAMPLE_CHARS:
            sample += text[:TEXT_SAMPLE_CHARS - len(sample)]
        found = _ACTIVE_MARKUP_RE.search(text)
        # A tag name at the very end may go on in the next chunk ("<scriptx" is no tag): decide it there.
        if found and (final or found.end() < len(text)):
            return sample, True
        tail = _TAG_START_RE.search(text)
        carry = "<" + tail.group()[1:].lstrip() if tail else ""
    return sample, False


def _check_pdf(data: bytes) -> None:
    if b"%%EOF" not in data[-2048:]:
        raise UploadRejected("PDF 文件不完整或已损坏（缺少文件结尾），请重新导出后上传。")


def _check_ooxml(data: bytes) -> str:
    broken = UploadRejected("文件不完整或已损坏（压缩结构无法读取），请重新保存后上传。")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise broken from None
    _check_zip_limits(infos)
    names = {info.filename for info in infos}
    if any(n.lower().endswith(("vbaproject.bin", "vbadata.xml")) for n in names):
        raise _macro()
    if "[Content_Types].xml" not in names:
        raise UploadRejected("不支持该压缩文件。" + ACCEPTED_HINT)
    try:
        types_xml = archive.read("[Content_Types].xml")
        _check_xml_part(types_xml)
        types = SafeET.fromstring(types_xml)
        xml_parts = _declared_xml_parts(types, infos)
        for info in infos:
            if info.filename == "[Content_Types].xml":
                continue
            if info.filename in xml_parts or info.filename.lower().endswith((".xml", ".rels")):
                _check_xml_part(archive.read(info))
    except UploadRejected:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError):
        raise broken from None
    except (DefusedXmlException, SafeET.ParseError):
        raise broken from None
    content_types = [el.get("ContentType") or "" for el in types.iter()]
    if any(marker in ct for ct in content_types for marker in _MACRO_TYPES):
        raise _macro()
    for ct in content_types:
        if ct in _MAIN_PARTS:
            return _MAIN_PARTS[ct]
    raise UploadRejected("不支持该 Office 文件类型（例如 PPTX 或模板文件）。" + ACCEPTED_HINT)


def _is_xml_type(content_type: str) -> bool:
    """``application/xml``, ``text/xml``, ``…+xml``, ``…main+xml``: a content type whose part is XML."""
    return content_type.split(";", 1)[0].strip().lower().endswith("xml")


def _declared_xml_parts(types, infos: list[zipfile.ZipInfo]) -> set[str]:
    """Names of the zip entries that ``[Content_Types].xml`` declares as XML, whatever they are called.

    An Override names its part (``/word/document.dat``); otherwise the Default for the part's extension
    applies. Both are matched without regard to case, as in Open Packaging Conventions.
    """
    defaults, overrides = {}, {}
    for element in types.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        content_type = element.get("ContentType") or ""
        if tag == "Default" and element.get("Extension"):
            defaults[element.get("Extension").lower()] = content_type
        elif tag == "Override" and element.get("PartName"):
            overrides[unquote(element.get("PartName")).lstrip("/").lower()] = content_type
    declared = set()
    for info in infos:
        name = info.filename.lower()
        content_type = overrides.get(name)
        if content_type is None:
            base = name.rsplit("/", 1)[-1]
            content_type = defaults.get(base.rpartition(".")[2] if "." in base else "", "")
        if _is_xml_type(content_type):
            declared.add(info.filename)
    return declared


def _check_zip_limits(infos: list[zipfile.ZipInfo]) -> None:
    bomb = "该文件的压缩结构异常（{}），疑似“压缩炸弹”，已拒绝。请重新保存后上传。"
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UploadRejected(bomb.format(f"包含 {len(infos)} 个内部条目，超过 {MAX_ZIP_ENTRIES} 个"))
    total = sum(info.file_size for info in infos)
    if total > MAX_ZIP_TOTAL:
        raise UploadRejected(bomb.format(f"解压后 {total // (1024 * 1024)} MB，超过 "
                                         f"{MAX_ZIP_TOTAL // (1024 * 1024)} MB"))
    packed = sum(info.compress_size for info in infos)
    for info in infos:
        if info.file_size >= RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise UploadRejected(bomb.format("压缩比过高"))
    if total >= RATIO_FLOOR and total > MAX_ZIP_RATIO * max(packed, 1):
        raise UploadRejected(bomb.format("压缩比过高"))
    for info in infos:
        if info.filename.startswith(("/", "\\")) or ".." in info.filename.replace("\\", "/").split("/"):
            raise UploadRejected("文件内部包含异常路径，已拒绝。")


def _check_xml_part(part: bytes) -> None:
    # A UTF-16 declaration holds zero bytes: a part without any is not scanned for the eight UTF-16 spellings.
    if _DECLARATION_RE.search(part) or (b"\x00" in part and any(marker in part for marker in _DECLARATION_UTF16)):
        raise UploadRejected("文件内部的 XML 含有 DOCTYPE / ENTITY 声明（可被用于实体扩展攻击），已拒绝。"
                             "请用 Office 或 WPS 重新保存后上传。")


def _macro() -> UploadRejected:
    return UploadRejected("该文件包含宏（如 .docm / .xlsm），出于安全原因不允许上传。"
                          "请另存为不含宏的 .docx / .xlsx 后重新上传。")


def sanitize_filename(filename: str | None) -> str:
    """A safe display/storage name: no path, no control characters, at most MAX_NAME_BYTES bytes.

    The extension is kept when the stem has to be shortened.
    """
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        name = "未命名文件"
    stem, ext = _split(name)
    if len(ext.encode("utf-8")) > 16:
        stem, ext = name, ""
    budget = MAX_NAME_BYTES - len(ext.encode("utf-8"))
    encoded = stem.encode("utf-8")
    if len(encoded) > budget:
        stem = encoded[:budget].decode("utf-8", errors="ignore").rstrip(" .")
    return (stem or "未命名文件") + ext


def _split(name: str) -> tuple[str, str]:
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    return name[:dot], name[dot:]


def _extension(name: str) -> str:
    return _split(name)[1].lower()
