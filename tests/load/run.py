"""``make loadtest``: 16 clients on the public search and project pages for 60 s against gunicorn on PostgreSQL.

Loopback only and bounded in time; exits non-zero on any error. Needs a PostgreSQL URL in
``JIXIAO_TEST_DATABASE_URL`` or ``DATABASE_URL`` (a fresh database is created beside it);
without one it says so and exits 0.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

QUERIES = ["绩效", "招商引资", "评价", "项目", "满意度", "预算"]


def _paths(base: str) -> list[str]:
    """Public search pages and every project page linked from the home page and search."""
    conn = http.client.HTTPConnection(urlsplit(base).hostname, urlsplit(base).port, timeout=30)
    paths = [f"/search?q={quote(q)}" for q in QUERIES]
    publications: list[str] = []
    for page in ("/", *paths):
        conn.request("GET", page)
        html = conn.getresponse().read().decode()
        publications += re.findall(r'href="(/publications/\d+)"', html)
    for page in dict.fromkeys(publications):
        conn.request("GET", page)
        paths += re.findall(r'href="(/projects/[^"#?]+)"', conn.getresponse().read().decode())
    conn.close()
    return list(dict.fromkeys(paths))


def _client(base: str, paths: list[str], stop: float, latencies: list[float], errors: list[str], offset: int):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    index = offset
    while time.monotonic() < stop:
        path = paths[index % len(paths)]
        index += 1
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{path}: HTTP {response.status}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{path}: {exc!r}")
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    base_url = os.environ.get("JIXIAO_TEST_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    if not base_url.startswith("postgresql"):
        print("loadtest skipped: set JIXIAO_TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL URL")
        return 0
    os.environ["JIXIAO_TEST_DATABASE_URL"] = base_url
    from tests import conftest
    from tests.servers import make_instance, serve

    conftest.PG_URL = base_url
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        try:
            instance = make_instance(tmp_path, conftest.fresh_database_url(tmp_path))
            instance.cli("reindex", check=False)
            with serve(instance, workers=args.workers) as (url, _):
                paths = _paths(url)
                latencies: list[float] = []
                errors: list[str] = []
                stop = time.monotonic() + args.seconds
                threads = [threading.Thread(target=_client, args=(url, paths, stop, latencies, errors, i))
                           for i in range(args.clients)]
                started = time.monotonic()
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                elapsed = time.monotonic() - started
        finally:
            conftest.pytest_sessionfinish(None, 0)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    print(f"loadtest: {args.clients} clients × {elapsed:.0f} s on {len(paths)} public search/project pages "
          f"(gunicorn {args.workers} workers, PostgreSQL): {len(latencies)} requests, "
          f"{len(latencies) / elapsed:.1f} requests/s, p95 {p95 * 1000:.0f} ms, {len(errors)} errors")
    for error in errors[:10]:
        print("  error:", error)
    return 1 if errors or not latencies else 0


if __name__ == "__main__":
    sys.exit(main())
