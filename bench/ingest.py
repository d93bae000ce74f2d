"""What a user waits for when uploading a 100-page report (DOCX and PDF), against python-docx / pypdf.

Run: ``.venv/bin/python bench/ingest.py [--pages 100] [--runs 5]``.  A temporary demo instance
(SQLite) is made with ``jixiao init`` and ``jixiao demo``; the demo unit's user signs in and uploads
the report to a draft self-evaluation through the real route: multipart parsing, size limit, type
sniffing and zip / XML checks, SHA-256, text extraction in a time- and memory-limited child
process (the blob written and fsynced meanwhile), the blob linked and its rows committed, the
redirect answered.  Nothing is indexed at
upload (the product indexes a report when it is published, de-identified).  Each run uploads a
different file (one paragraph carries the run number), so no run is served from the
content-addressed store.  Baselines, in this process: ``docx.Document`` opening the same bytes and
reading every paragraph and table cell; ``pypdf.PdfReader`` extracting every page's text.  The
first upload of each kind is the cold run (first fork, first imports) and is reported apart; the
medians are of the warm runs.  The last line is ``ratio=<the larger of portal median / baseline
median over DOCX and PDF>``.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "seeds"
#: Roughly what one A4 page of a report holds in 仿宋 小四: about 800 characters.
CHARS_PER_PAGE = 800
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def sentences() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("0*.txt")):
        for part in re.split(r"(?<=[。；！？])", path.read_text(encoding="utf-8")):
            part = re.sub(r"\s+", "", part)
            if 12 <= len(part) <= 160:
                out.append(part)
    if not out:
        raise SystemExit(f"no seed sentences found under {SEEDS}")
    return out


def report_docx(pages: int, run: int, pool: list[str]) -> bytes:
    """A report of ``pages`` pages: headings, paragraphs of seed sentences, a score table every 10 pages."""
    import docx

    document = docx.Document()
    document.add_heading(f"招商引资工作经费项目绩效评价报告（第 {run} 稿）", level=1)
    index = 0
    for page in range(pages):
        document.add_heading(f"{page + 1}. 评价内容", level=2)
        written = 0
        while written < CHARS_PER_PAGE:
            paragraph = "".join(pool[(index + k) % len(pool)] for k in range(3))
            index += 3
            document.add_paragraph(paragraph)
            written += len(paragraph)
        if page % 10 == 9:
            table = document.add_table(rows=6, cols=4)
            for r, row in enumerate([("一级指标", "二级指标", "分值", "得分"), ("决策", "项目立项", "10", "9.5"),
                                     ("过程", "资金管理", "20", "18"), ("产出", "产出数量", "30", "29"),
                                     ("效益", "满意度", "40", "38.5"), ("合计", "", "100", "95")]):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_pdf(pages: int, run: int, pool: list[str]) -> bytes:
    """A report of ``pages`` A4 pages of seed sentences (Chinese, WenQuanYi font), one page per loop."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("wqy", fname=str(CJK_FONT))
    pdf.set_font("wqy", size=11)
    index = 0
    for page in range(pages):
        pdf.add_page()
        pdf.cell(0, 8, f"{page + 1}. 评价内容（第 {run} 稿）", new_x="LMARGIN", new_y="NEXT")
        for _ in range(CHARS_PER_PAGE // 40):  # lines of about 40 characters
            line = "".join(pool[(index + k) % len(pool)] for k in range(2))[:40]
            index += 2
            pdf.cell(0, 6.5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pypdf_read(data: bytes) -> int:
    """The baseline for PDF: what any script reading a report with pypdf does."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return len("\n".join(page.extract_text() or "" for page in reader.pages))


def python_docx_read(data: bytes) -> int:
    """The baseline: what any script reading a report with python-docx does."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return len("\n".join(parts))


def stages(app, data: bytes, filename: str) -> dict[str, float]:
    """Each step of the upload path timed on its own, in process (what the median is made of)."""
    from portal.files import storage
    from portal.files.extract import extract
    from portal.files.sniff import sniff

    out = {}
    with app.app_context():
        started = time.perf_counter()
        found = sniff(data, filename)
        out["sniff+checks"] = time.perf_counter() - started
        started = time.perf_counter()
        sha = storage.sha256_of(data)
        out["sha256"] = time.perf_counter() - started
        started = time.perf_counter()
        extract(data, found.kind)
        out["extract (child)"] = time.perf_counter() - started
        started = time.perf_counter()
        storage.stage(data, sha).discard()
        out["blob written + fsync"] = time.perf_counter() - started
        started = time.perf_counter()
        staged = []
        extract(data, found.kind, meanwhile=lambda: staged.append(storage.stage(data, sha)))
        out["both, overlapped as the upload does"] = time.perf_counter() - started
        staged[0].discard()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    pool = sentences()
    kinds = {"docx": ([report_docx(args.pages, run, pool) for run in range(args.runs + 1)], python_docx_read,
                      "python-docx"),
             "pdf": ([report_pdf(args.pages, run, pool) for run in range(args.runs + 1)], pypdf_read, "pypdf")}
    for kind, (files, read, _) in kinds.items():
        print(f"{kind} report: {args.pages} pages, {len(files[0]) / 1024:.0f} KiB, {read(files[0]):,} characters of text")
    print(f"load average {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")

    from sqlalchemy import select

    from tests.conftest import CSRFClient
    from tests.servers import make_instance

    ratios = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        print("making a demo instance (jixiao init, jixiao demo) …", flush=True)
        instance = make_instance(tmp_path, "sqlite:///" + str(tmp_path / "jixiao.sqlite"))
        os.environ.update({"JIXIAO_INSTANCE_PATH": str(instance.path), "DATABASE_URL": instance.database_url})

        from portal import create_app
        from portal.accounts.models import User
        from portal.extensions import db
        from portal.files.models import Attachment, StoredFile
        from portal.projects.models import Project
        from portal.submissions import operations
        from portal.submissions.models import Submission
        from portal.submissions.operations import WorkflowError

        app = create_app()
        with app.test_request_context():
            unit = db.session.scalar(select(User).where(User.username == "unit"))
            # An editable record of the demo unit (a draft), else a new self-evaluation.
            submission = next((s for s in db.session.scalars(select(Submission).where(
                Submission.org_id == unit.org_id).order_by(Submission.id)) if s.is_editable), None)
            for project in ([] if submission else db.session.scalars(
                    select(Project).where(Project.unit_id == unit.org_id))):
                try:
                    submission = operations.create(kind="self_evaluation", project=project, user=unit)
                    break
                except WorkflowError:
                    continue
            if submission is None:
                raise SystemExit("the demo unit has no editable record and none can be created")
            db.session.commit()
            submission_id = submission.id

        client = CSRFClient(app)
        signed_in = client.post("/work/login", data={"username": "unit", "password": "Demo-unit-2024"})
        if signed_in.status_code != 302:
            raise SystemExit("could not sign in as the demo unit")

        def upload(data: bytes, name: str) -> int:
            """The upload as the user sends it; returns the characters extracted and stored."""
            response = client.post(f"/work/submissions/{submission_id}/files",
                                   data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")
            if response.status_code != 302:
                raise SystemExit(f"upload refused: HTTP {response.status_code}")
            with app.app_context():
                attachment = db.session.scalars(select(Attachment).where(Attachment.owner_type == "submission", Attachment.owner_id == submission_id)
                                                .order_by(Attachment.id.desc())).first()
                if attachment is None or attachment.filename != name:
                    raise SystemExit(f"upload of {name} refused (see the flash message on the record's page)")
                return len(db.session.get(StoredFile, attachment.sha256).text)

        for kind, (files, read, label) in kinds.items():
            started = time.perf_counter()
            upload(files[0], f"绩效评价报告-0.{kind}")
            cold = time.perf_counter() - started
            started = time.perf_counter()
            read(files[0])
            cold_base = time.perf_counter() - started
            print(f"{kind} cold (first upload of the process: first fork, imports): portal {cold * 1000:.0f} ms, "
                  f"{label} {cold_base * 1000:.0f} ms")
            portal_times, baseline_times = [], []
            for run in range(1, args.runs + 1):
                started = time.perf_counter()
                chars = upload(files[run], f"绩效评价报告-{run}.{kind}")
                portal_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                read(files[run])
                baseline_times.append(time.perf_counter() - started)
                print(f"  {kind} warm run {run}/{args.runs}: portal {portal_times[-1] * 1000:.0f} ms "
                      f"({chars:,} chars extracted), {label} {baseline_times[-1] * 1000:.0f} ms", flush=True)
            steps = stages(app, files[1], f"x.{kind}")
            portal, baseline = statistics.median(portal_times), statistics.median(baseline_times)
            ratios[kind] = portal / baseline
            print(f"{kind}: upload → sniff → checks → extract → store → commit (warm median of {args.runs}): "
                  f"{portal * 1000:.0f} ms; {label} reading the same file: {baseline * 1000:.0f} ms; "
                  f"ratio {ratios[kind]:.2f}")
            print("  of which: " + ", ".join(f"{name} {seconds * 1000:.1f} ms" for name, seconds in steps.items()))
    print(f"ratio={max(ratios.values()):.2f}")


if __name__ == "__main__":
    main()
