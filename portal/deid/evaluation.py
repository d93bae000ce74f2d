"""Measuring the engine on a labeled corpus: recall and precision per kind."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from portal.deid.engine import Deidentifier

#: Names and terms the corpus assumes the portal knows (see tests/data/deid/make_corpus.py).
CORPUS_KNOWN_NAMES = ("李建华", "王晓燕", "阿依古丽·买买提", "马国庆")
CORPUS_TERMS = ("信访人员名单", "内部核查线索", "未公开处分决定", "涉密项目清单")


def load_corpus(path: str | Path) -> list[dict]:
    """Passages of a JSONL corpus: ``{"id", "text", "spans": [{"kind", "start", "end", "text"}]}``."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def evaluate(passages: list[dict], engine: Deidentifier | None = None) -> dict[str, Score]:
    """A gold span counts as found when a redacted span of its kind covers it; a redacted span
    is correct when it overlaps a gold span of its kind.  Key ``"all"`` totals every kind."""
    engine = engine or Deidentifier(known_names=CORPUS_KNOWN_NAMES, terms=CORPUS_TERMS)
    scores: dict[str, Score] = {}
    total = scores.setdefault("all", Score())
    for passage in passages:
        result = engine.redact(passage["text"])
        for gold in passage["spans"]:
            for s in (scores.setdefault(gold["kind"], Score()), total):
                s.gold += 1
            if any(p.kind == gold["kind"] and p.start <= gold["start"] and p.end >= gold["end"]
                   for p in result.spans):
                scores[gold["kind"]].found += 1
                total.found += 1
            else:
                scores[gold["kind"]].missed.append((passage["id"], gold["text"]))
        for p in result.spans:
            for s in (scores.setdefault(p.kind, Score()), total):
                s.predicted += 1
            if any(g["kind"] == p.kind and g["start"] < p.end and p.start < g["end"] for g in passage["spans"]):
                scores[p.kind].correct += 1
                total.correct += 1
            else:
                scores[p.kind].wrong.append((passage["id"], p.text))
    return scores
