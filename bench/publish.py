"""Preparing the publication preview of a 100-page report: what a reviewer waits for.

Run: ``.venv/bin/python bench/publish.py [--pages 100] [--runs 3]``.  A snapshot like an evaluation
result's is built from the seed documents (the report body of PAGES × 800 characters, findings,
a score table) and previewed with the engine as the portal builds it (every recogniser, the
re-scan, the model), three ways:

* cold — nothing cached (the model's sentence cache and the decision cache empty): the first
  preview when nothing was prepared ahead;
* ahead — the decision cache filled, as the public site does when the item is approved: the
  reviewer's first preview in the normal flow (target: at most 2 s for 100 pages);
* warm — the same process again (update preview, confirm).

Baseline: ``jieba.cut`` plus the NER model's bare inference over the same text.  The machine's load
is printed first; the last line is ``ratio=<cold / baseline>``.
"""

from __future__ import annotations

import argparse
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
CHARS_PER_PAGE = 800


def report(pages: int) -> str:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt")))
    if not text:
        raise SystemExit(f"seed documents not found under {SEEDS}")
    out = ""
    part = 0
    while len(out) < pages * CHARS_PER_PAGE:
        # each copy a little different, so no sentence is served by the cache of another
        out += re.sub(r"。", f"（{part}）。", text, count=40)
        part += 1
    return out[:pages * CHARS_PER_PAGE]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import jieba

    from portal import segmentation
    from portal.deid import ner
    from portal.deid.cache import DecisionCache
    from portal.deid.engine import Deidentifier
    from portal.publishing import Snapshot
    from public_site.redaction import build_preview

    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    segmentation.pos_tagger()
    ner.warm()
    body = report(args.pages)
    snapshot = Snapshot(kind="evaluation_result", key="submission:1", title="招商引资工作经费第三方评价报告结果",
                        summary="总分 86.50 分，评价等级“良”。", body=body,
                        facets={"year": "2022", "unit": "阿克陶县商务科技和工业信息化局"},
                        tables=[("评分表", [["指标", "分值", "得分"]] + [[f"指标{i}", "5", "4.5"] for i in range(19)])],
                        lists={"存在问题": ["资金拨付进度偏慢"] * 5, "有关建议": ["加快支出进度"] * 5})
    print(f"snapshot: {len(body):,} characters of report ({args.pages} pages)")

    def baseline():
        ner._cache.clear()
        list(jieba.cut(body))
        ner.bare(body)

    cold, ahead, warm, base = [], [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            cache = DecisionCache(folder)
            engine = Deidentifier(cache=cache)
            start = time.perf_counter()
            baseline()
            base.append(time.perf_counter() - start)
            ner._cache.clear()
            start = time.perf_counter()
            build_preview(snapshot, engine)
            cold.append(time.perf_counter() - start)
            ner._cache.clear()  # a new worker: only the decision cache on disk is shared
            start = time.perf_counter()
            build_preview(snapshot, Deidentifier(cache=cache))
            ahead.append(time.perf_counter() - start)
            start = time.perf_counter()
            build_preview(snapshot, engine)
            warm.append(time.perf_counter() - start)
    median = statistics.median
    print(f"baseline (jieba.cut + NER bare): {median(base) * 1000:,.0f} ms")
    print(f"preview cold (nothing cached):   {median(cold) * 1000:,.0f} ms")
    print(f"preview prepared ahead (cache):  {median(ahead) * 1000:,.0f} ms  (target ≤ 2,000 ms)")
    print(f"preview warm (same process):     {median(warm) * 1000:,.0f} ms")
    print(f"ratio={median(cold) / median(base):.2f}")


if __name__ == "__main__":
    main()
