"""Upload → extract → index of a generated 100-page DOCX report, against python-docx reading the same file.

Run: ``.venv/bin/python bench/ingest.py [--pages 100] [--runs 5]``.  A temporary demo instance
(SQLite, Whoosh) is made with ``jixiao init`` and ``jixiao demo``; the demo unit's user signs in
and uploads the report to a draft self-evaluation through the real route (multipart parsing,
size limit, type sniffing and zip checks, SHA-256, text extraction in a time- and memory-limited
child process, the blob and its rows committed), then the extracted text is indexed by the app's
search backend.  Each run uploads a different file (one paragraph carries the run number), so
no run is served from the content-addressed store.  Baseline: ``docx.Document`` opening the same
bytes and reading every paragraph and table cell, in this process.  The last line is
``ratio=<portal median / python-docx median>``.
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


def python_docx_read(data: bytes) -> int:
    """The baseline: what any script reading a report with python-docx does."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return len("\n".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    pool = sentences()
    files = [report_docx(args.pages, run, pool) for run in range(args.runs + 1)]
    print(f"report: {args.pages} pages, {len(files[0]) / 1024:.0f} KiB DOCX, "
          f"{python_docx_read(files[0]):,} characters of text")

    from sqlalchemy import select

    from tests.conftest import CSRFClient
    from tests.servers import make_instance

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
        from portal.search.backend import Document
        from portal.search.service import backend
        from portal.submissions import operations
        from portal.submissions.operations import WorkflowError

        app = create_app()
        with app.test_request_context():
            unit = db.session.scalar(select(User).where(User.username == "unit"))
            submission = None
            for project in db.session.scalars(select(Project).where(Project.unit_id == unit.org_id)):
                try:
                    submission = operations.create(kind="self_evaluation", project=project, user=unit)
                    break
                except WorkflowError:
                    continue
            if submission is None:
                raise SystemExit("the demo unit has no project with approved targets")
            db.session.commit()
            submission_id = submission.id

        client = CSRFClient(app)
        signed_in = client.post("/work/login", data={"username": "unit", "password": "Demo-unit-2024"})
        if signed_in.status_code != 302:
            raise SystemExit("could not sign in as the demo unit")
        search = backend(app)

        def ingest(data: bytes, run: int) -> tuple[int, float]:
            """Upload, then index the extracted text; returns (characters, seconds spent indexing)."""
            response = client.post(f"/work/submissions/{submission_id}/files",
                                   data={"file": (io.BytesIO(data), f"绩效评价报告-{run}.docx")},
                                   content_type="multipart/form-data")
            if response.status_code != 302:
                raise SystemExit(f"upload refused: HTTP {response.status_code}")
            with app.app_context():
                attachment = db.session.scalars(select(Attachment).where(Attachment.owner_id == submission_id)
                                                .order_by(Attachment.id.desc())).first()
                text = db.session.get(StoredFile, attachment.sha256).text
            started = time.perf_counter()
            search.index([Document(id=f"ingest-{run}", text={"title": f"绩效评价报告 {run}", "body": text})])
            return len(text), time.perf_counter() - started

        ingest(files[0], 0)  # warm: first fork, first index open
        python_docx_read(files[0])
        portal_times, index_times, baseline_times = [], [], []
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            chars, indexing = ingest(files[run], run)
            portal_times.append(time.perf_counter() - started)
            index_times.append(indexing)
            started = time.perf_counter()
            python_docx_read(files[run])
            baseline_times.append(time.perf_counter() - started)
            print(f"  run {run}/{args.runs}: portal {portal_times[-1] * 1000:.0f} ms "
                  f"(upload {(portal_times[-1] - indexing) * 1000:.0f} ms, index {indexing * 1000:.0f} ms; "
                  f"{chars:,} chars extracted), python-docx {baseline_times[-1] * 1000:.0f} ms", flush=True)

    portal, baseline = statistics.median(portal_times), statistics.median(baseline_times)
    indexing = statistics.median(index_times)
    print(f"upload → extract → index (median of {args.runs}): {portal * 1000:.0f} ms, of which indexing "
          f"{indexing * 1000:.0f} ms (jieba segmentation and Whoosh postings)")
    print(f"python-docx reading the same file (median of {args.runs}): {baseline * 1000:.0f} ms")
    print(f"ratio={portal / baseline:.2f}")


if __name__ == "__main__":
    main()
