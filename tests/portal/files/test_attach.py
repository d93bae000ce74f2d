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


def test_pdf_with_circular_page_tree_ends_without_hanging(app, ctx):
    app.config["JIXIAO_EXTRACT_TIMEOUT"] = 5
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\n")
    data = body + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    started = time.monotonic()
    try:
        attachment = _attach(data, "循环.pdf", ctx)
    except UploadRejected as refused:
        assert "PDF" in str(refused) or "秒" in str(refused)
    else:
        assert attachment.stored.kind == "pdf"
    assert time.monotonic() - started < 10


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
