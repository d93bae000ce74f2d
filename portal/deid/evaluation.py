"""Measuring the engine on a labeled corpus: recall and precision per kind, and the reviewer's burden.

Every detection ends as *redact*, *review* or *keep*.  Two recalls follow: with no human action
(a gold span covered by a *redact* span of its kind) and counting *review* spans as caught (a
person is shown them and must decide before publishing).  Precision is that of the redact spans;
the burden is the number of review spans that cover nothing planted, per 1,000 characters.
"""

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
    #: gold spans covered by a redact or a review span of their kind
    flagged: int = 0
    predicted: int = 0
    correct: int = 0
    reviews: int = 0
    false_reviews: int = 0
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Recall with no human action (redact spans only)."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def recall_with_review(self) -> float:
        return self.flagged / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


@dataclass
class Report:
    scores: dict[str, Score]
    characters: int

    def __getitem__(self, kind: str) -> Score:
        return self.scores[kind]

    def __iter__(self):
        return iter(self.scores)

    def __contains__(self, kind: str) -> bool:
        return kind in self.scores

    def items(self):
        return self.scores.items()

    @property
    def false_reviews_per_1000(self) -> float:
        return 1000 * self.scores["all"].false_reviews / max(1, self.characters)

    def table(self) -> str:
        lines = [f"{'kind':<16}{'gold':>6}{'redact':>8}{'+review':>9}{'recall':>8}{'w/review':>10}"
                 f"{'precision':>11}{'reviews':>9}{'false':>7}"]
        for kind in sorted(self.scores, key=lambda k: (k == "all", k)):
            s = self.scores[kind]
            lines.append(f"{kind:<16}{s.gold:>6}{s.found:>8}{s.flagged:>9}{s.recall:>8.3f}{s.recall_with_review:>10.3f}"
                         f"{s.precision:>11.3f}{s.reviews:>9}{s.false_reviews:>7}")
        lines.append(f"false reviews per 1,000 characters: {self.false_reviews_per_1000:.2f} "
                     f"({self.characters} characters)")
        return "\n".join(lines)


def evaluate(passages: list[dict], engine: Deidentifier | None = None) -> Report:
    """Score ``engine`` on ``passages``.  Key ``"all"`` totals every kind."""
    engine = engine or Deidentifier(known_names=CORPUS_KNOWN_NAMES, terms=CORPUS_TERMS)
    scores: dict[str, Score] = {}
    total = scores.setdefault("all", Score())
    characters = 0
    for passage in passages:
        characters += len(passage["text"])
        decisions = engine.decide(passage["text"])
        redacted = [d.span for d in decisions if d.action == "redact"]
        reviewed = [d.span for d in decisions if d.action == "review"]
        golds = passage["spans"]
        for gold in golds:
            for s in (scores.setdefault(gold["kind"], Score()), total):
                s.gold += 1
            covered = _covers(redacted, gold)
            if covered:
                scores[gold["kind"]].found += 1
                total.found += 1
            if covered or _covers(reviewed, gold):
                scores[gold["kind"]].flagged += 1
                total.flagged += 1
            else:
                scores[gold["kind"]].missed.append((passage["id"], gold["text"]))
        for p in redacted:
            for s in (scores.setdefault(p.kind, Score()), total):
                s.predicted += 1
            if _overlaps_gold(golds, p):
                scores[p.kind].correct += 1
                total.correct += 1
            else:
                scores[p.kind].wrong.append((passage["id"], p.text))
        for p in reviewed:
            for s in (scores.setdefault(p.kind, Score()), total):
                s.reviews += 1
                if not _overlaps_gold(golds, p):
                    s.false_reviews += 1
    return Report(scores, characters)


def _covers(spans, gold) -> bool:
    """A gold span is caught when spans of its kind (merged where they touch) cover it."""
    covered = sorted((p.start, p.end) for p in spans if p.kind == gold["kind"] and p.end > gold["start"]
                     and p.start < gold["end"])
    pos = gold["start"]
    for start, end in covered:
        if start > pos:
            return False
        pos = max(pos, end)
    return pos >= gold["end"]


def _overlaps_gold(golds, p) -> bool:
    return any(g["kind"] == p.kind and g["start"] < p.end and p.start < g["end"] for g in golds)
