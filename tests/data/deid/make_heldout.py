"""Convert the hand-written held-out passages (heldout.txt) into heldout.jsonl.

Run ``.venv/bin/python tests/data/deid/make_heldout.py``; the output is committed.  Unlike
corpus.jsonl (generated from templates), every passage here was written by hand; this script
only turns the inline markup into offsets, so no offset is ever typed.

Markup, one passage per line (``\\n`` inside a line is a line break of the passage):
``{{name:陈晓燕}}`` plants a span of kind person_name (also ``phone``, ``id``, ``card``, ``email``,
``code``, ``term``).  In id/card/code values a final ``#`` becomes the computed check character
(GB 11643, Luhn, GB 32100; implemented in make_corpus.py, independently of portal.deid).
``{{bad_id:…}}``, ``{{bad_card:…}}``, ``{{bad_code:…}}`` write the value with a deliberately wrong
check character and label nothing: hard negatives.
Format of heldout.jsonl: as corpus.jsonl, ``{"id", "text", "spans": [{"kind", "start", "end", "text"}]}``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from make_corpus import CODE_ALPHABET, code_check, id_check, luhn_digit  # noqa: E402

KINDS = {"name": "person_name", "phone": "phone", "id": "id_number", "card": "bank_card", "email": "email",
         "code": "credit_code", "term": "sensitive_term"}
MARK = re.compile(r"\{\{(\w+):([^{}]+)\}\}")


def _digits(value: str) -> str:
    return re.sub(r"[ \-]", "", value)


def check_char(kind: str, body: str) -> str:
    """The right check character of ``body`` (an ID, card or credit code without its last character)."""
    if kind in ("id", "bad_id"):
        return id_check(body)
    if kind in ("card", "bad_card"):
        return luhn_digit(_digits(body))
    if kind in ("code", "bad_code"):
        return code_check(body)
    raise ValueError(f"no check character for {kind}")


def fill(kind: str, value: str) -> str:
    """The value as it appears in the passage: ``#`` replaced, or a wrong check character appended."""
    if kind.startswith("bad_"):
        right = check_char(kind, value)
        alphabet = {"bad_id": "0123456789X", "bad_card": "0123456789", "bad_code": CODE_ALPHABET}[kind]
        return value + alphabet[(alphabet.index(right) + 1) % len(alphabet)]
    if value.endswith("#"):
        return value[:-1] + check_char(kind, value[:-1])
    return value


def render(line: str, index: int) -> dict:
    source = line.replace("\\n", "\n")
    text, spans, pos, length = [], [], 0, 0
    for m in MARK.finditer(source):
        literal = source[pos:m.start()]
        text.append(literal)
        length += len(literal)
        kind, value = m.group(1), fill(m.group(1), m.group(2))
        if kind not in KINDS and not kind.startswith("bad_"):
            raise ValueError(f"line {index}: unknown kind {kind}")
        if kind in KINDS:
            spans.append({"kind": KINDS[kind], "start": length, "end": length + len(value), "text": value})
        text.append(value)
        length += len(value)
        pos = m.end()
    text.append(source[pos:])
    joined = "".join(text)
    if "{{" in joined or "}}" in joined:
        raise ValueError(f"line {index}: unbalanced markup")
    return {"id": f"h{index:03d}", "text": joined, "spans": spans}


def main() -> None:
    lines = [line.rstrip("\n") for line in (HERE / "heldout.txt").read_text(encoding="utf-8").splitlines()]
    passages = [line for line in lines if line.strip() and not line.startswith("#")]
    rows = [render(line, i) for i, line in enumerate(passages)]
    with open(HERE / "heldout.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} passages, {sum(len(r['spans']) for r in rows)} planted spans")


if __name__ == "__main__":
    main()
