"""Text out of the files people upload: TXT (UTF-8 or GB18030), DOCX (every part that holds text), PDF."""

from __future__ import annotations

from pathlib import Path


class ReadError(Exception):
    """A file that cannot be read as text; the message is Chinese and fits on one line."""


SUPPORTED = (".txt", ".docx", ".pdf")


def read_text(path: str | Path) -> str:
    """The text of a TXT, DOCX or PDF file; raises ReadError for anything else or anything broken."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(f"{path}: 不支持的文件类型（仅支持 TXT、DOCX、PDF）")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: 无法读取文件（{exc.strerror or exc}）") from None
    try:
        if suffix == ".txt":
            return decode_text(data)
        if suffix == ".docx":
            return docx_text(path)
        return pdf_text(path)
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 — a corrupt upload can raise anything; report it in one line
        raise ReadError(f"{path}: 文件已损坏或格式不正确（{type(exc).__name__}）") from None


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which covers GBK and GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError("文本编码无法识别（既不是 UTF-8 也不是 GB18030）") from None


def docx_text(path: Path) -> str:
    """Body paragraphs and tables, headers and footers, comments, and core properties (author…)."""
    import docx

    document = docx.Document(str(path))
    lines: list[str] = []
    props = document.core_properties
    for label, value in (("作者", props.author), ("最后修改者", props.last_modified_by), ("标题", props.title),
                         ("主题", props.subject), ("关键词", props.keywords), ("备注", props.comments),
                         ("类别", props.category)):
        if value:
            lines.append(f"{label}：{value}")
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if not part.is_linked_to_previous:
                lines.extend(_block_text(part))
    lines.extend(_block_text(document))
    for comment in document.comments:
        author = f"{comment.author}：" if comment.author else ""
        lines.append("批注 " + author + "\n".join(p.text for p in comment.paragraphs))
    return "\n".join(line for line in lines if line.strip())


def _block_text(container) -> list[str]:
    """Paragraphs and (nested) tables in document order."""
    from docx.table import Table

    lines = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    cells.append("\n".join(_block_text(cell)))
                lines.append("\t".join(cells))
        else:
            lines.append(block.text)
    return lines


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
