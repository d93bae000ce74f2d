"""Attaching uploads: each accepted kind round-trips, and every hostile file is refused cleanly."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.files import extract as extract_module
from portal.files import sniff, storage
from portal.files.models import Attachment, StoredFile
from portal.files.operations import UploadRejected, attach, remove
from tests.portal.files.samples import make_docx, make_pdf, make_xlsx, rewrite_zip, upload

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _attach(data, name, user, owner_id=1):
    return attach(upload(data, name), owner_type="test_report", owner_id=owner_id, user=user)


def _blob(attachment) -> bytes:
    with storage.open(attachment.sha256) as fh:
        return fh.read()


def test_docx_round_trip_keeps_paragraphs_and_tables_in_order(ctx):
    data = make_docx(["一、项目概况", "二、评价结论"], tables=[[["三级指标", "得分"], ["立项依据充分性", "3"]]])
    attachment = _attach(data, "评价报告.docx", ctx)
    assert attachment.stored.kind == "docx"
    assert _blob(attachment) == data and storage.verify(attachment.sha256)
    text = attachment.stored.text
    assert text.index("一、项目概况") < text.index("立项依据充分性\t3") < text.index("二、评价结论")
    assert attachment.filename == "评价报告.docx" and attachment.org_id == ctx.org_id


def test_xlsx_round_trip_reads_every_sheet(ctx):
    data = make_xlsx({"项目": [["项目名称", "预算数"], ["招商引资工作经费", 4]], "指标": [["指标", "值"], ["满意度", "98%"]]})
    attachment = _attach(data, "项目清单.xlsx", ctx)
    text = attachment.stored.text
    assert attachment.stored.kind == "xlsx"
    assert "招商引资工作经费\t4" in text and "满意度\t98%" in text
    assert text.index("【项目】") < text.index("【指标】")


def test_pdf_round_trip(ctx):
    data, lines = make_pdf(["招商引资工作经费绩效评价报告", "本项目总得分为100分"])
    attachment = _attach(data, "报告.pdf", ctx)
    assert attachment.stored.kind == "pdf" and attachment.stored.media_type == "application/pdf"
    assert lines[0].replace(" ", "") in attachment.stored.text.replace(" ", "")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_txt_round_trip_in_utf8_and_gb18030(ctx, encoding):
    data = "绩效自评综合得分97.96分，评价结果为“优”。".encode(encoding)
    attachment = _attach(data, "自评.txt", ctx)
    assert attachment.stored.kind == "txt"
    assert "综合得分97.96分" in attachment.stored.text


def test_same_content_is_stored_once(ctx, files_on_disk):
    data = make_docx(["同一份报告"])
    first = _attach(data, "a.docx", ctx, owner_id=1)
    second = _attach(data, "b.docx", ctx, owner_id=2)
    assert first.sha256 == second.sha256 and first.id != second.id
    assert db.session.scalar(select(func.count()).select_from(StoredFile)
                             .where(StoredFile.sha256 == first.sha256)) == 1
    assert files_on_disk() == [storage.path(first.sha256)]


def test_extracted_text_is_capped(app, ctx):
    app.config["JIXIAO_EXTRACT_MAX_CHARS"] = 50
    attachment = _attach(("预算绩效" * 100).encode(), "长文本.txt", ctx)
    assert len(attachment.stored.text) == 50


def test_remove_marks_the_attachment_and_keeps_the_blob(ctx):
    attachment = _attach(make_docx(["要移除的附件"]), "x.docx", ctx)
    remove(attachment, ctx)
    assert attachment.is_removed and storage.verify(attachment.sha256)


def test_long_chinese_name_with_path_is_stored_safely(ctx):
    name = "../../etc/\\windows\\\x00\x07" + "绩" * 200 + ".docx"
    attachment = _attach(make_docx(["文件名测试"]), name, ctx)
    stored = attachment.filename
    assert "/" not in stored and "\\" not in stored and "\x00" not in stored and ".." not in stored
    assert stored.endswith(".docx") and stored.startswith("绩")
    assert sniff.MAX_NAME_BYTES - 3 <= len(stored.encode("utf-8")) <= sniff.MAX_NAME_BYTES


# -- hostile uploads ----------------------------------------------------------------------


def _docx() -> bytes:
    return make_docx(["正常的报告正文"])


def _docm() -> bytes:
    data = _docx()
    import io
    import zipfile

    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    types = types.replace(DOCX_MAIN, "application/vnd.ms-word.document.macroEnabled.main+xml")
    return rewrite_zip(data, replace={"[Content_Types].xml": types.encode()},
                       add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})


def _xlsm() -> bytes:
    return rewrite_zip(make_xlsx({"表": [["a"]]}), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})


def _entity(data: bytes, part: str) -> bytes:
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read(part).decode()
    head, _, rest = xml.rpartition("?>")
    bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
    return rewrite_zip(data, replace={part: (head + _ + bomb + rest).encode()})


def _main_part_renamed(entity: bool) -> bytes:
    """A DOCX whose main part is ``word/document.dat`` (declared by an Override, reached through the package
    relationships, as Word allows), with or without an entity expansion in it."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(_docx()))
    document = source.read("word/document.xml").decode()
    if entity:
        head, _, rest = document.rpartition("?>")
        document = head + _ + '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' + rest
    renamed = {"word/document.xml": "word/document.dat", "word/_rels/document.xml.rels": "word/_rels/document.dat.rels"}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = document.encode() if info.filename == "word/document.xml" else source.read(info)
            if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                content = content.replace(b"/word/document.xml", b"/word/document.dat") \
                    .replace(b'"word/document.xml"', b'"word/document.dat"')
            target.writestr(renamed.get(info.filename, info.filename), content)
    return out.getvalue()


def _xml_by_default_extension() -> bytes:
    """A DOCX with a custom part ``customXml/item1.dat`` that a Default declares XML, carrying an entity."""
    import io
    import zipfile

    data = _docx()
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    types = types.replace("<Default ", '<Default Extension="DAT" ContentType="application/xml"/><Default ', 1)
    part = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><x>&a;&a;&a;</x>'
    return rewrite_zip(data, replace={"[Content_Types].xml": types.encode()}, add={"customXml/item1.dat": part.encode()})


def _text_with_markup_after(prefix_bytes: int, markup: str = "<script>alert(1)</script>") -> bytes:
    """Plain Chinese text, then ``markup`` starting at byte ``prefix_bytes`` (ASCII filler keeps the count exact)."""
    filler = "绩效评价报告正文。".encode()
    data = (filler * (prefix_bytes // len(filler) + 1))[:prefix_bytes]
    data = data[:len(data.decode("utf-8", errors="ignore").encode())]
    return data + b"x" * (prefix_bytes - len(data)) + markup.encode() + "\n以上。".encode()


def _ratio_bomb() -> bytes:
    return rewrite_zip(_docx(), add={"word/media/padding.bin": b"\0" * (8 * 1024 * 1024)})


def _many_entries() -> bytes:
    return rewrite_zip(_docx(), add={f"word/parts/p{i}.txt": b"x" for i in range(sniff.MAX_ZIP_ENTRIES + 1)})


def _truncated_pdf() -> bytes:
    data, _ = make_pdf(["被截断的报告"])
    return data[: len(data) // 2]


HOSTILE = {
    "empty": (b"", "空文件.txt", "文件为空"),
    "exe renamed pdf": (b"MZ\x90\x00\x03" + b"\x00" * 200, "评价报告.pdf", "可执行程序"),
    "elf renamed docx": (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "报告.docx", "可执行程序"),
    "shell script renamed txt": (b"#!/bin/sh\nrm -rf /\n", "说明.txt", "可执行程序或脚本"),
    "html renamed pdf": (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "报告.pdf",
                         "网页或图形标记文件"),
    "svg renamed txt": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "图.txt",
                        "网页或图形标记文件"),
    "docm": (_docm(), "宏文档.docm", "包含宏"),
    "docm renamed docx": (_docm(), "宏文档.docx", "包含宏"),
    "xlsm": (_xlsm(), "宏表格.xlsx", "包含宏"),
    "docx entity expansion": (_entity(_docx(), "word/document.xml"), "实体.docx", "DOCTYPE / ENTITY"),
    "xlsx entity expansion": (_entity(make_xlsx({"表": [["a"]]}), "xl/worksheets/sheet1.xml"), "实体.xlsx",
                              "DOCTYPE / ENTITY"),
    "docx main part named .dat with entity expansion": (_main_part_renamed(entity=True), "实体.docx",
                                                         "DOCTYPE / ENTITY"),
    "docx part declared xml by default extension": (_xml_by_default_extension(), "实体.docx", "DOCTYPE / ENTITY"),
    "txt with a script after the first 8 KB": (_text_with_markup_after(30_000), "说明.txt", "网页或图形标记文件"),
    "txt with a script after 1 MB": (_text_with_markup_after(1024 * 1024 + 5), "说明.txt", "网页或图形标记文件"),
    "txt with a tag split across scan chunks": (_text_with_markup_after(sniff.TEXT_SCAN_CHUNK - 3), "说明.txt",
                                                "网页或图形标记文件"),
    "docx zip bomb (ratio)": (_ratio_bomb(), "炸弹.docx", "压缩炸弹"),
    "docx zip bomb (entries)": (_many_entries(), "炸弹.docx", "压缩炸弹"),
    "truncated docx": (_docx()[:3000], "残缺.docx", "不完整或已损坏"),
    "truncated pdf": (_truncated_pdf(), "残缺.pdf", "PDF 文件不完整"),
    "pdf pypdf cannot parse": (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage\n%%EOF\n",
                               "坏.pdf", "无法读取该 PDF"),
    "docx named pdf": (_docx(), "报告.pdf", "两者不符"),
    "binary junk": (bytes(range(256)) * 4, "数据.txt", "无法识别"),
    "legacy doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "旧报告.doc", "旧版 Office"),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_upload_is_refused_and_nothing_is_written(ctx, files_on_disk, case):
    data, name, message = HOSTILE[case]
    before = db.session.scalar(select(func.count()).select_from(StoredFile))
    with pytest.raises(UploadRejected) as refused:
        _attach(data, name, ctx)
    assert message in str(refused.value)
    assert refused.value.args[0][0] >= "\u4e00" or "PDF" in str(refused.value)  # a Chinese sentence
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == before
    assert not db.session.new
    assert files_on_disk() == []


def test_docx_with_its_main_part_named_dat_is_accepted_when_clean(ctx):
    """The control for the hostile case above: the renamed main part alone is a valid DOCX, read as usual."""
    attachment = _attach(_main_part_renamed(entity=False), "改名.docx", ctx)
    assert attachment.stored.kind == "docx" and "正常的报告正文" in attachment.stored.text


@pytest.mark.parametrize("offset", [sniff.TEXT_SCAN_CHUNK - 7, sniff.TEXT_SCAN_CHUNK - 1])
def test_words_that_only_look_like_a_tag_at_a_chunk_boundary_are_accepted(ctx, offset):
    data = _text_with_markup_after(offset, "<scripture 说明> <  htmlx>")
    assert _attach(data, "说明.txt", ctx).stored.kind == "txt"


def test_text_is_scanned_to_its_end_in_bounded_memory():
    """A 24 MB text upload is scanned without decoding it whole (which would need another 24 MB)."""
    import tracemalloc

    clean = ("绩效目标完成情况良好。" * 800_000).encode()
    hostile = clean + b"<iframe src=x>"
    tracemalloc.start()
    try:
        assert sniff.detect_kind(clean) == "txt"
        _, peak = tracemalloc.get_traced_memory()
        with pytest.raises(UploadRejected, match="网页或图形标记文件"):
            sniff.detect_kind(hostile)
    finally:
        tracemalloc.stop()
    assert len(clean) > 24_000_000 and peak < 2 * 1024 * 1024, peak


def test_oversize_upload_is_refused(app, ctx, files_on_disk):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    with pytest.raises(UploadRejected, match="超过了允许的大小（0.0009765"):
        _attach(b"a" * 2048, "大文件.txt", ctx)
    assert files_on_disk() == [] and not db.session.new


def test_pdf_that_hangs_the_parser_is_stopped_by_the_time_limit(app, ctx, files_on_disk, monkeypatch):
    def loop_forever(data, max_chars):
        while True:
            pass

    monkeypatch.setattr(extract_module, "_pdf", loop_forever)
    app.config["JIXIAO_EXTRACT_TIMEOUT"] = 1
    data, _ = make_pdf(["会让解析器死循环的报告"])
    started = time.monotonic()
    with pytest.raises(UploadRejected, match="超过 1 秒仍未完成"):
        _attach(data, "死循环.pdf", ctx)
    assert time.monotonic() - started < 5
    assert files_on_disk() == [] and not db.session.new


def _pdf_with_page_tree(kids_of_page_node: bytes) -> bytes:
    """A well-formed PDF (real xref table and startxref) whose second-level page node is given."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>", kids_of_page_node]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_with_circular_page_tree_is_refused_in_chinese(app, ctx, files_on_disk):
    """A page tree whose node lists its own parent as a kid: the parser detects the cycle and the upload is
    refused like any PDF that cannot be read (extract.py turns every parser error into a refusal)."""
    app.config["JIXIAO_EXTRACT_TIMEOUT"] = 5
    circular = _pdf_with_page_tree(b"<</Type/Pages/Parent 2 0 R/Kids[2 0 R]/Count 1>>")
    started = time.monotonic()
    with pytest.raises(UploadRejected) as refused:
        _attach(circular, "循环.pdf", ctx)
    assert str(refused.value) == extract_module._FAILED["pdf"] == \
        "无法读取该 PDF 文件（文件可能已损坏或已加密），请重新导出后上传。"
    assert time.monotonic() - started < 5  # refused by the parser, not by the time limit
    assert files_on_disk() == [] and not db.session.new
    # The control: the same file with a page instead of the loop is read (an empty page, no text).
    page = _attach(_pdf_with_page_tree(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"), "单页.pdf", ctx)
    assert page.stored.kind == "pdf" and page.stored.text == ""


def test_failed_flush_removes_the_new_blob(ctx, files_on_disk, monkeypatch):
    def broken_flush(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "flush", broken_flush)
    with pytest.raises(RuntimeError):
        _attach(make_docx(["写库失败"]), "失败.docx", ctx)
    monkeypatch.undo()
    assert files_on_disk() == []
    assert db.session.scalar(select(func.count()).select_from(Attachment)
                             .where(Attachment.filename == "失败.docx")) == 0
