"""Reading real TXT/DOCX/PDF files, and ``jixiao deidentify`` / ``jixiao terms`` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from portal.deid.readers import ReadError, read_text

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.author = "任建品"
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉 联系人：王芳"
    section.footer.paragraphs[0].text = "页脚 电话0991-1234567"
    paragraph = document.add_paragraph("项目负责人欧阳建军介绍了情况，资金4万元。")
    document.add_comment(paragraph.runs, text="请核实身份证号11010519491231002X", author="审核人")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "卡号"
    table.rows[0].cells[1].text = "6222021234567890128"
    document.save(path)
    return path


def test_txt_in_utf8_and_gb18030(tmp_path):
    (tmp_path / "a.txt").write_bytes("签发人：任建品".encode("gb18030"))
    (tmp_path / "b.txt").write_bytes("\ufeff签发人：任建品".encode())
    assert read_text(tmp_path / "a.txt") == read_text(tmp_path / "b.txt") == "签发人：任建品"


def test_docx_every_part(tmp_path):
    text = read_text(make_docx(tmp_path / "r.docx"))
    for piece in ("作者：任建品", "联系人：王芳", "0991-1234567", "欧阳建军", "11010519491231002X",
                  "6222021234567890128"):
        assert piece in text


def test_unsupported_and_broken_files(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"PK")
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    for name in ("x.xlsx", "bad.docx", "missing.txt"):
        with pytest.raises(ReadError) as err:
            read_text(tmp_path / name)
        assert "\n" not in str(err.value)


def make_pdf(path: Path, text: str) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if FONT.exists():
        pdf.add_font("wqy", fname=str(FONT))
        pdf.set_font("wqy", size=12)
    else:
        pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    pdf.output(str(path))
    return path


def test_cli_json_for_pdf_and_docx(runner, tmp_path):
    chinese = FONT.exists()
    body = "联系人：王芳，手机13912345678" if chinese else "Tel 13912345678, mail wf@163.com"
    pdf = make_pdf(tmp_path / "r.pdf", body)
    docx_file = make_docx(tmp_path / "r.docx")
    result = runner.invoke(args=["deidentify", "--format", "json", str(pdf), str(docx_file)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["file"] == str(pdf) and "13912345678" not in first["redacted"] and "[电话]" in first["redacted"]
    assert {s["kind"] for s in first["spans"]} >= ({"person_name", "phone"} if chinese else {"phone", "email"})
    for s in second["spans"]:
        assert set(s) == {"kind", "start", "end", "text", "confidence", "action", "reason"}
    for secret in ("任建品", "王芳", "欧阳建军", "11010519491231002X", "6222021234567890128", "0991-1234567"):
        assert secret not in second["redacted"]
    assert "4万元" in second["redacted"]


def test_cli_error_exit_keeps_processing_other_files(runner, tmp_path):
    (tmp_path / "ok.txt").write_text("签发人：任建品", encoding="utf-8")
    (tmp_path / "x.xls").write_bytes(b"\x00")
    result = runner.invoke(args=["deidentify", str(tmp_path / "x.xls"), str(tmp_path / "ok.txt")])
    assert result.exit_code == 2
    assert "签发人：[姓名]" in result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "不支持" in result.stderr


def test_seeds_lose_their_people_and_keep_everything_disclosed(runner, seeds_dir):
    files = sorted(str(p) for p in seeds_dir.glob("0*.txt"))
    result = runner.invoke(args=["deidentify", "--format", "json", *files])
    assert result.exit_code == 0, result.stderr
    out = {Path(o["file"]).name[:3]: o for o in map(json.loads, result.stdout.splitlines())}
    everything = "".join(o["redacted"] for o in out.values())
    originals = {Path(f).name[:3]: Path(f).read_text(encoding="utf-8") for f in files}
    for name in ("张子琦", "周淑花", "阿不来提？托合提", "任建品"):
        assert name not in everything
    assert "签发人：[姓名]" in out["001"]["redacted"] and "[姓名]任评价组组长" in out["003"]["redacted"]
    for key, kept in (("003", "阿克陶县商务科技和工业信息化局"), ("000", "新疆准东经济技术开发区管理委员会"),
                      ("001", "新准管字〔2021〕102号"), ("001", "新党发〔2018〕30号"), ("001", "207.5万元"),
                      ("002", "97.96"), ("003", "财预〔2020〕10号"), ("004", "尉财发〔2023〕4号")):
        assert kept in originals[key] and kept in out[key]["redacted"], kept
    # every span removed is a person: amounts, scores, grades and organisation names stay put
    removed = [s for o in out.values() for s in o["spans"] if s["action"] != "keep"]
    assert {s["kind"] for s in removed} == {"person_name"} and len(removed) == 4
    assert {s["action"] for s in removed} == {"redact"} and not any(o["review"] for o in out.values())
    # what stays is said, with why: a 文号 the model took for a name, a leader in a political formula
    kept = {s["text"]: s["reason"] for o in out.values() for s in o["spans"] if s["action"] == "keep"}
    assert any("文号" in why for why in kept.values()) and "领导人" in kept["习近平"]
    for o in out.values():
        for s in o["spans"]:
            assert originals[Path(o["file"]).name[:3]][s["start"]:s["end"]] == s["text"]
            assert set(s) == {"kind", "start", "end", "text", "action", "reason", "confidence"}
    for key, o in out.items():
        assert o["redacted"].count("优") == originals[key].count("优")


def test_terms_commands(runner, app):
    from portal.deid.models import SensitiveTerm
    from portal.extensions import db

    assert runner.invoke(args=["terms", "add", "内部核查线索", "--note", "未公开"]).exit_code == 0
    again = runner.invoke(args=["terms", "add", "内部核查线索"])
    assert again.exit_code != 0 and "已在列表中" in again.output
    assert "内部核查线索\t全局\t未公开" in runner.invoke(args=["terms", "list"]).output
    (Path(app.instance_path) / "t.txt").write_text("附内部核查线索一份", encoding="utf-8")
    assert "附[敏感信息]一份" in runner.invoke(args=["deidentify", str(Path(app.instance_path) / "t.txt")]).output
    assert runner.invoke(args=["terms", "remove", "内部核查线索"]).exit_code == 0
    assert "内部核查线索" not in runner.invoke(args=["terms", "list"]).output
    assert "已停用" in runner.invoke(args=["terms", "list", "--all"]).output
    assert runner.invoke(args=["terms", "remove", "没有这个词"]).exit_code != 0
    with app.app_context():
        row = db.session.scalar(select(SensitiveTerm).where(SensitiveTerm.term == "内部核查线索"))
        assert row is not None and not row.is_active


def test_cached_decisions_of_another_engine_are_not_read(tmp_path, monkeypatch):
    """An upgrade changes the engine's source, hence its version: what the older engine decided about a
    text is analysed afresh, not read back."""
    from portal.deid import cache as cache_module
    from portal.deid.engine import Deidentifier

    text = "联系人：韩素琴，电话 15288314067。" * 30  # long enough to be cached
    engine = Deidentifier(cache=cache_module.DecisionCache(tmp_path))
    decisions = engine.decide(text)
    assert engine.cache.get(engine.fingerprint, text) == decisions
    monkeypatch.setattr(cache_module, "ENGINE_VERSION", "an-older-engine")
    assert engine.cache.get(engine.fingerprint, text) is None
    assert engine.decide(text) == decisions  # analysed again, then stored under this version
