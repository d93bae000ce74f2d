"""Recall and precision of the de-identification engine per kind, its throughput, and its cost vs jieba.cut.

Two labeled sets: the template-generated development set (corpus.jsonl) and the hand-written
held-out set (heldout.jsonl, real-document styles).
Run: ``.venv/bin/python bench/deid_eval.py``.  The last line is ``ratio=<x>``: the time to
de-identify a 30,000-character report built from the seeds divided by the time ``jieba.cut``
takes on the same text (both warm: dictionaries loaded before timing).
"""

from __future__ import annotations

import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.deid.engine import Deidentifier  # noqa: E402
from portal.deid.evaluation import CORPUS_KNOWN_NAMES, CORPUS_TERMS, evaluate, load_corpus  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "deid" / "corpus.jsonl"
HELDOUT = ROOT / "tests" / "data" / "deid" / "heldout.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"
REPORT_CHARS = 30_000


def report_text() -> str:
    """30,000 characters of real report text: the seeds, in order, repeated if needed."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    if not texts:
        raise SystemExit(f"seed documents not found under {SEEDS}")
    text = ""
    while len(text) < REPORT_CHARS:
        text += "\n".join(texts)
    return text[:REPORT_CHARS]


def paired_medians(first, second, runs: int = 9) -> tuple[float, float]:
    """Median times of two functions run alternately, so that a change in the machine's load
    (other jobs on 2 cores) weighs on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, out in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def report_scores(title: str, path: Path, engine: Deidentifier) -> None:
    """The per-kind table of one labeled set, then what it missed and what it took wrongly."""
    passages = load_corpus(path)
    scores = evaluate(passages, engine)
    print(f"{title}: {len(passages)} passages, {scores['all'].gold} planted spans ({path.name})")
    print(f"{'kind':<16}{'gold':>6}{'found':>7}{'pred':>6}{'recall':>9}{'precision':>11}")
    for kind in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[kind]
        print(f"{kind:<16}{s.gold:>6}{s.found:>7}{s.predicted:>6}{s.recall:>9.3f}{s.precision:>11.3f}")
    for kind, s in scores.items():
        if kind != "all":
            for pid, text in s.missed:
                print(f"  missed {kind}: {pid} {text}")
            for pid, text in s.wrong:
                print(f"  wrong  {kind}: {pid} {text}")


def main() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    engine = Deidentifier(known_names=CORPUS_KNOWN_NAMES, terms=CORPUS_TERMS)
    report_scores("template corpus", CORPUS, engine)
    report_scores("held-out set (hand-written)", HELDOUT, engine)

    text = report_text()
    jieba.initialize()
    list(jieba.cut(text))  # warm both: dictionaries loaded, caches filled
    engine.redact(text)
    t_cut, t_deid = paired_medians(lambda: list(jieba.cut(text)), lambda: engine.redact(text))
    print(f"report: {len(text)} chars; jieba.cut {t_cut * 1000:.1f} ms; redact {t_deid * 1000:.1f} ms "
          f"({len(text) / t_deid:,.0f} chars/s, analyze + re-scan)")
    print(f"ratio={t_deid / t_cut:.2f}")


if __name__ == "__main__":
    main()
