"""Requests/s of the public project page and home under gunicorn (2 workers) vs a minimal Flask app.

Run: ``.venv/bin/python bench/pages.py [--seconds 5]``.  A demo instance (SQLite, Whoosh) and a
minimal Flask app rendering a Jinja template of the same size are both served by gunicorn with 2
workers on 127.0.0.1; 4 client threads request each page for the given time.  The last line is
``ratio=<portal project page req/s / minimal app req/s>``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MINIMAL = '''"""A minimal Flask app rendering one template (the baseline)."""
from flask import Flask, render_template
app = Flask(__name__)
@app.route("/")
def page():
    return render_template("page.html", rows=range({rows}), text={text!r})
'''


def rate(url: str, seconds: float, threads: int = 4) -> float:
    with urllib.request.urlopen(url, timeout=30) as resp:
        resp.read()
    count, lock, stop = [0], threading.Lock(), time.monotonic() + seconds

    def run():
        n = 0
        while time.monotonic() < stop:
            with urllib.request.urlopen(url, timeout=30) as resp:
                resp.read()
            n += 1
        with lock:
            count[0] += n

    started = time.monotonic()
    workers = [threading.Thread(target=run) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return count[0] / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    from tests.servers import free_port, make_instance, serve, wait_until_up

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        tmp = Path(tmp)
        instance = make_instance(tmp, f"sqlite:///{tmp}/bench.sqlite", demo=True)
        with serve(instance, workers=2) as (base, _):
            home = urllib.request.urlopen(base + "/", timeout=30).read().decode()
            code = None  # a project page, linked from the publications listed on the home page
            for publication in dict.fromkeys(re.findall(r'href="(/publications/\d+)"', home)):
                found = re.search(r'href="(/projects/[^"#?]+)"',
                                  urllib.request.urlopen(base + publication, timeout=30).read().decode())
                if found:
                    code = found.group(1)
                    break
            if code is None:
                raise SystemExit("no project page is linked from the demo's publications")
            page = urllib.request.urlopen(base + code, timeout=30).read().decode()
            portal_project = rate(base + code, args.seconds)
            portal_home = rate(base + "/", args.seconds)
        # The baseline renders a template producing as many bytes as the project page.
        app_dir = tmp / "minimal"
        (app_dir / "templates").mkdir(parents=True)
        text = "预算绩效管理信息公开示例文字，" * 4
        rows = max(1, len(page.encode()) // len(f"<p>0 {text}</p>\n".encode()))
        (app_dir / "templates" / "page.html").write_text(
            "<!doctype html><html><body>{% for i in rows %}<p>{{ i }} {{ text }}</p>\n{% endfor %}</body></html>")
        (app_dir / "minimal.py").write_text(MINIMAL.format(rows=rows, text=text))
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
                                   "--chdir", str(app_dir), "minimal:app"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", server)
            size = len(urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read())
            minimal = rate(f"http://127.0.0.1:{port}/", args.seconds)
        finally:
            server.terminate()
            server.wait(15)
    print(f"portal project page {code}: {len(page.encode())} bytes, {portal_project:.0f} req/s")
    print(f"portal home: {len(home.encode())} bytes, {portal_home:.0f} req/s")
    print(f"minimal Flask app: {size} bytes, {minimal:.0f} req/s")
    print(f"home / minimal: {portal_home / minimal:.2f}")
    print(f"ratio={portal_project / minimal:.2f}")


if __name__ == "__main__":
    main()
