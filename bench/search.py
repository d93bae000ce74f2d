"""Search latency under gunicorn vs raw SQLite FTS5 over the same jieba-segmented texts, at 2,000 and N documents.

Run: ``.venv/bin/python bench/search.py [--docs 20000] [--backend whoosh|postgres --database-url URL]``.
Synthetic publications are built from the seeds' sentences and published through the portal's
own service (de-identification, stored snapshot, index) in batches of 500 (one index write
each, ``public_site.indexing.batched``), into a temporary instance served by gunicorn with 2
workers on 127.0.0.1.  A concurrent client (4 threads) asks ``/search`` for a two-word Chinese
query with a facet and highlighting.  Baseline: SQLite FTS5 (unicode61) over the same texts
pre-segmented with jieba, ``snippet()`` and the same facet, in this process, no HTTP.

Cold queries: every request asks a different two-word query with a facet value (pairs of 20 common
words of the reports × the four grades, shuffled with a fixed seed; the same list for FTS5), so no
answer can be reused; the words recur, so the Whoosh backend's postings cache (decoded postings per
segment and term) is warm after a word's first use, as it is on a site. There is no result cache.
The machine's load average is printed before each measurement.
The last line is ``ratio=<portal p95 / FTS5 p95>`` at N documents.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERY, FACET = "资金 绩效", ("grade", "良")
#: Common words of the reports: two of them and a grade make one query (190 pairs × 4 grades).
WORDS = ("资金", "绩效", "项目", "预算", "评价", "整改", "管理", "目标", "支出", "指标", "单位", "部门", "财政",
         "完成", "资产", "监控", "服务", "建设", "考核", "执行")
REGIONS = ("城关镇", "东城镇", "西湖乡", "南山乡", "北岭镇", "河口镇")
UNITS = ("县教育局", "县卫生健康委", "县农业农村局", "县交通运输局", "县民政局", "县水利局", "县文化旅游局")
CATEGORIES = ("教育", "卫生健康", "农林水", "交通运输", "社会保障", "文化旅游")
GRADES = ("优", "良", "中", "差")
SEEDS = ROOT.parent / "shared" / "seeds"


def sentences() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("0*.txt")):
        for part in re.split(r"(?<=[。；！？])", path.read_text(encoding="utf-8")):
            part = re.sub(r"\s+", "", part)
            if 12 <= len(part) <= 160:
                out.append(part)
    return out


class SyntheticPublisher:
    """Reports made of seed sentences (the bench registers it like a plugin would)."""

    kind, label, disclosure = "bench_report", "评价报告（基准测试）", None

    def __init__(self, pool: list[str]):
        self.pool = pool

    def candidates(self, user):
        return []

    def snapshot(self, key: str, user):
        from portal.publishing import Snapshot

        i = int(key.split(":")[1])
        rnd = random.Random(i)
        body = "".join(rnd.choice(self.pool) for _ in range(6))
        year, unit = 2019 + i % 6, UNITS[i % len(UNITS)]
        return Snapshot(kind=self.kind, key=key, title=f"{unit}第{i}号项目（{year}年度）绩效评价结果",
                        summary=rnd.choice(self.pool), body=body,
                        facets={"year": str(year), "region": REGIONS[i % len(REGIONS)], "unit": unit,
                                "category": CATEGORIES[i % len(CATEGORIES)], "grade": GRADES[rnd.randrange(4)],
                                "project_code": f"BENCH-{i:05d}"})


def build(app, publisher, start: int, stop: int) -> None:
    """Publish items ``start``…``stop-1`` through the real service, 500 per transaction and index write."""
    from sqlalchemy import select

    from portal.accounts.models import User
    from portal.extensions import db
    from public_site import indexing, operations

    with app.test_request_context():
        reviewer = db.session.scalar(select(User).where(User.username == "reviewer"))
        for first in range(start, stop, 500):
            with indexing.batched():
                for i in range(first, min(stop, first + 500)):
                    operations.publish(publisher.kind, f"doc:{i}", reviewer)
            db.session.commit()
            db.session.expunge_all()
            reviewer = db.session.merge(reviewer)
            print(f"  published {min(stop, first + 500)}", end="\r", flush=True)
    print()


def build_direct(app, publisher, start: int, stop: int) -> None:
    """``--direct``: the same snapshots stored as publications without de-identification and DOCX
    (``bench/publish.py`` measures those), audited and indexed as ``publish`` does, 500 per
    transaction and index write: the search path measured is the same, the corpus builds ~20× faster."""
    from sqlalchemy import select

    from portal.accounts.models import User
    from portal.audit.operations import record
    from portal.extensions import db
    from portal.util import utcnow
    from public_site import indexing, queries
    from public_site.models import Publication

    with app.test_request_context():
        reviewer = db.session.scalar(select(User).where(User.username == "reviewer"))
        for first in range(start, stop, 500):
            with indexing.batched():
                pubs = []
                for i in range(first, min(stop, first + 500)):
                    snap = publisher.snapshot(f"doc:{i}", reviewer)
                    year = int(snap.facets["year"])
                    pubs.append(Publication(
                        kind=snap.kind, item_key=snap.key, version_no=1, bureau_id=reviewer.bureau_id,
                        disclosure=publisher.disclosure, fiscal_year=year,
                        visible_from=queries.disclosure_day(reviewer.bureau_id, year, publisher.disclosure),
                        title=snap.title, summary=snap.summary, body=snap.body, facets=snap.facets, figures={},
                        tables=[], lists={}, project_code=snap.facets.get("project_code"), docx=b"",
                        docx_sha256="", published_at=utcnow(), published_by_id=reviewer.id, is_current=True))
                db.session.add_all(pubs)
                db.session.flush()
                for pub in pubs:
                    record("publish", user=reviewer, target_type="publication", target_id=pub.id,
                           item_kind=pub.kind, key=pub.item_key, version=1, redacted=0, kept=0, reviewed=0)
                indexing.index(*pubs)
            db.session.commit()
            db.session.expunge_all()
            reviewer = db.session.merge(reviewer)
            print(f"  stored {min(stop, first + 500)}", end="\r", flush=True)
    print()


def fts5(texts: list[tuple[str, str, str, str]]):
    """A raw FTS5 table of the same texts, segmented with jieba; returns a query function."""
    import jieba

    con = sqlite3.connect(":memory:", check_same_thread=False)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, summary, body, grade UNINDEXED, tokenize='unicode61')")
    con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)",
                    [(" ".join(jieba.cut(t)), " ".join(jieba.cut(s)), " ".join(jieba.cut(b)), g)
                     for t, s, b, g in texts])
    con.commit()

    def query(text: str = QUERY, grade: str = FACET[1]):
        match = " AND ".join(f'"{w}"' for w in text.split())
        rows = con.execute("SELECT rowid, snippet(docs, 2, '<mark>', '</mark>', '…', 30) FROM docs "
                           "WHERE docs MATCH ? AND grade = ? ORDER BY rank LIMIT 10", (match, grade)).fetchall()
        total = con.execute("SELECT count(*) FROM docs WHERE docs MATCH ? AND grade = ?",
                            (match, grade)).fetchone()[0]
        return rows, total

    return query


def cold_queries(n: int) -> list[tuple[str, str]]:
    """``n`` different (two-word query, grade) pairs in a fixed shuffled order."""
    pairs = [(f"{a} {b}", g) for a, b in itertools.combinations(WORDS, 2) for g in GRADES]
    random.Random(18).shuffle(pairs)
    return pairs[:n]


def percentiles(samples: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(samples, n=100)
    return q[49] * 1000, q[94] * 1000


def time_fts(query, queries: list[tuple[str, str]]) -> tuple[float, float]:
    query()
    samples = []
    for text, grade in queries:
        t0 = time.perf_counter()
        query(text, grade)
        samples.append(time.perf_counter() - t0)
    return percentiles(samples)


def time_http(url: str, queries: list[tuple[str, str]], threads: int = 4) -> tuple[float, float, int]:
    path = "/search?" + urllib.parse.urlencode({"q": QUERY, FACET[0]: FACET[1]})
    with urllib.request.urlopen(url + path, timeout=60) as resp:  # warm both the index and the worker
        page = resp.read().decode()
    found = re.search(r"共找到\s*(?:<[^>]+>)?\s*(\d+)", page)
    assert "<mark>" in page, "no highlighted hit"
    samples, lock = [], threading.Lock()

    def run(mine_queries):
        mine = []
        for text, grade in mine_queries:
            query_path = "/search?" + urllib.parse.urlencode({"q": text, FACET[0]: grade})
            t0 = time.perf_counter()
            with urllib.request.urlopen(url + query_path, timeout=60) as resp:
                resp.read()
            mine.append(time.perf_counter() - t0)
        with lock:
            samples.extend(mine)

    workers = [threading.Thread(target=run, args=(queries[i::threads],)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    p50, p95 = percentiles(samples)
    return p50, p95, int(found.group(1)) if found else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--backend", default="whoosh", choices=("whoosh", "postgres"))
    parser.add_argument("--database-url", help="an empty database (default: SQLite in the temporary instance)")
    parser.add_argument("--direct", action="store_true",
                        help="store the publications without de-identification and DOCX (build_direct)")
    args = parser.parse_args()

    from portal import create_app, hookimpl, plugins
    from portal.extensions import db
    from tests.conftest import create_world
    from tests.servers import make_instance, serve

    pool = sentences()
    sizes = sorted({min(2000, args.docs), args.docs})
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        tmp = Path(tmp)
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite"
        instance = make_instance(tmp, url, demo=False, JIXIAO_SEARCH_BACKEND=args.backend)
        app = create_app({"INSTANCE_PATH": str(instance.path), "SQLALCHEMY_DATABASE_URI": url,
                          "JIXIAO_SEARCH_BACKEND": args.backend})
        publisher = SyntheticPublisher(pool)

        class BenchPlugin:
            @staticmethod
            @hookimpl
            def register_publishers():
                return [publisher]

        plugins.manager(app).register(BenchPlugin, name="bench_synthetic")
        with app.app_context():
            create_world()
            db.session.commit()
        print(f"backend {args.backend}; database {url.split('@')[-1]}; {len(pool)} seed sentences")
        results, done = {}, 0
        for size in sizes:
            t0 = time.perf_counter()
            (build_direct if args.direct else build)(app, publisher, done, size)
            done = size
            print(f"built {size} publications ({time.perf_counter() - t0:.0f} s for this step)")
            queries = cold_queries(160)
            print(f"load average {os.getloadavg()[0]:.2f} (1 min) before the HTTP measurement; "
                  f"{len(set(queries))} different queries", flush=True)
            with serve(instance, workers=2) as (base, _):
                p50, p95, total = time_http(base, queries)
            texts = []
            with app.app_context():
                from sqlalchemy import select

                from public_site.models import Publication

                for title, summary, body, facets in db.session.execute(select(
                        Publication.title, Publication.summary, Publication.body, Publication.facets)):
                    texts.append((title, summary, body, (facets or {}).get("grade") or ""))
            base_p50, base_p95 = time_fts(fts5(texts), queries)
            results[size] = (p95, base_p95)
            print(f"{size} docs: portal /search p50 {p50:.1f} ms p95 {p95:.1f} ms ({total} hits for {QUERY!r}); "
                  f"FTS5 p50 {base_p50:.2f} ms p95 {base_p95:.2f} ms")
        small, large = results[sizes[0]][0], results[sizes[-1]][0]
        print(f"growth {sizes[0]} -> {sizes[-1]} docs: portal p95 x{large / small:.2f} "
              f"(FTS5 x{results[sizes[-1]][1] / results[sizes[0]][1]:.2f})")
        print(f"ratio={results[sizes[-1]][0] / results[sizes[-1]][1]:.2f}")


if __name__ == "__main__":
    main()
