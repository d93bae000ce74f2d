"""The labeled development set: recall and precision the engine must keep."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from portal.deid import bank_card, credit_code, id_number
from portal.deid.evaluation import evaluate, load_corpus

DATA = Path(__file__).resolve().parents[2] / "data" / "deid"
CORPUS = DATA / "corpus.jsonl"


def test_corpus_is_large_varied_and_consistent():
    passages = load_corpus(CORPUS)
    assert len(passages) >= 80
    kinds = {s["kind"] for p in passages for s in p["spans"]}
    assert kinds == {"person_name", "id_number", "phone", "email", "bank_card", "credit_code", "sensitive_term"}
    for p in passages:
        for s in p["spans"]:
            assert p["text"][s["start"]:s["end"]] == s["text"], p["id"]
    names = [s["text"] for p in passages for s in p["spans"] if s["kind"] == "person_name"]
    assert any("？" in n or "?" in n for n in names) and any("·" in n for n in names)


@pytest.mark.parametrize("corpus", ["corpus.jsonl", "heldout.jsonl"])
def test_checksum_values_are_valid(corpus):
    """Planted IDs, cards and credit codes carry valid check characters in both labelled sets."""
    for p in load_corpus(DATA / corpus):
        for s in p["spans"]:
            value = s["text"].replace(" ", "")
            if s["kind"] == "id_number":
                assert id_number.is_valid(value), value
            elif s["kind"] == "bank_card":
                assert bank_card.luhn_ok(value), value
            elif s["kind"] == "credit_code":
                assert credit_code.is_valid(value), value


def test_corpus_is_what_the_generator_writes(tmp_path):
    """The committed corpus is reproducible from make_corpus.py and templates.txt."""
    script = (DATA / "make_corpus.py").read_text(encoding="utf-8")
    copy = tmp_path / "make_corpus.py"
    copy.write_text(script, encoding="utf-8")
    (tmp_path / "templates.txt").write_text((DATA / "templates.txt").read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run([sys.executable, str(copy)], check=True, capture_output=True)
    assert [json.loads(x) for x in (tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines()] \
        == load_corpus(CORPUS)


def test_recall_and_precision_thresholds():
    scores = evaluate(load_corpus(CORPUS))
    for kind in ("id_number", "bank_card", "credit_code"):
        assert scores[kind].recall == 1.0, (kind, scores[kind].missed)
    assert scores["person_name"].recall >= 0.95, scores["person_name"].missed
    assert scores["all"].precision >= 0.9, {k: s.wrong for k, s in scores.items()}
