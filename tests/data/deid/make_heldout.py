"""Convert hand-written labelled passages (heldout.txt, evaluation/batchN.txt) into JSONL.

Run ``.venv/bin/python tests/data/deid/make_heldout.py [INPUT [OUTPUT]]``; the output is committed.
Without arguments it converts heldout.txt into heldout.jsonl (passage ids ``h000``…); given only
INPUT it writes INPUT with the suffix ``.jsonl`` beside it.  Passage ids of ``batchN.txt`` are
``eN-000``…; ``--prefix P`` sets another prefix.  Unlike
corpus.jsonl (generated from templates), every passage here was written by hand; this script
only turns the inline markup into offsets, so no offset is ever typed.

Markup, one passage per line (``\\n`` inside a line is a line break of the passage):
``{{name:陈晓燕}}`` plants a span of kind person_name (also ``phone``, ``id``, ``card``, ``email``,
``code``, ``term``).  In id/card/code values a final ``#`` becomes the computed check character
(GB 11643, Luhn, GB 32100; implemented in make_corpus.py, independently of portal.deid).
The check character is computed over the value with its separators removed (spaces, hyphens, dots,
line breaks and their full-width forms) and full-width digits and letters read as ASCII, and it is
written back in the value's own writing (a full-width check character after full-width digits), so
``{{id:653022 19870412 031#}}`` and ``{{card:６２２８　４８…#}}`` work; the span is the value exactly as written.
``{{bad_id:…}}``, ``{{bad_card:…}}``, ``{{bad_code:…}}`` write the value with a deliberately wrong
check character and label nothing: hard negatives.
``{{typo_id:…}}``, ``{{typo_card:…}}``, ``{{typo_code:…}}`` also write a wrong check character but ARE
labelled (id_number, bank_card, credit_code): a mistyped number after a person label such as 身份证号：
is still that person's number.
A value may contain a line break (``\\n``) where a name or number is broken across lines; offsets stay exact.
Literal id/card/code values (without ``#``) are checked, and a wrong check character is reported on
stderr (an 18-digit ID, a 16-19 digit card, an 18-character code); the output is not affected.
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
         "code": "credit_code", "term": "sensitive_term",
         "typo_id": "id_number", "typo_card": "bank_card", "typo_code": "credit_code"}
MARK = re.compile(r"\{\{(\w+):([^{}]+)\}\}")
#: Characters that separate the groups of a written number and do not count for its check character.
SEPARATORS = re.compile(r"[\s\u3000\-\u2010\u2011\u2012\u2013\u2014\u2212\uff0d.\uff0e\u00b7\u30fb\uff65/\uff0f]")
#: Full-width digits and letters as ASCII.
ASCII = {0xFF10 + i: 0x30 + i for i in range(10)} | {0xFF21 + i: 0x41 + i for i in range(26)} | \
        {0xFF41 + i: 0x61 + i for i in range(26)}
FULL_WIDTH = {v: k for k, v in ASCII.items()}


def _family(kind: str) -> str:
    """``id``, ``card`` or ``code`` for the kinds that carry a check character."""
    return kind.split("_", 1)[1] if kind.startswith(("bad_", "typo_")) else kind


def normalise(value: str) -> str:
    """The characters of a written number that its check character is computed over (ASCII, upper case)."""
    return SEPARATORS.sub("", value).translate(ASCII).upper()


def _digits(value: str) -> str:
    return normalise(value)


def in_writing_of(char: str, value: str) -> str:
    """``char`` (an ASCII check character) written as ``value`` writes its digits and letters."""
    alnum = [c for c in value if c.isalnum()]
    last = alnum[-1] if alnum else "0"
    letters = [c for c in value.translate(ASCII) if c.isascii() and c.isalpha()]
    if letters and all(c.islower() for c in letters):
        char = char.lower()
    if 0xFF10 <= ord(last) <= 0xFF5A:
        return char.translate(FULL_WIDTH)
    return char


def check_char(kind: str, body: str) -> str:
    """The right check character (ASCII) of ``body`` (an ID, card or credit code without its last character)."""
    family = _family(kind)
    if family == "id":
        return id_check(normalise(body))
    if family == "card":
        return luhn_digit(_digits(body))
    if family == "code":
        return code_check(normalise(body))
    raise ValueError(f"no check character for {kind}")


def fill(kind: str, value: str) -> str:
    """The value as it appears in the passage: ``#`` replaced, or a wrong check character appended."""
    if kind.startswith(("bad_", "typo_")):
        right = check_char(kind, value)
        alphabet = {"id": "0123456789X", "card": "0123456789", "code": CODE_ALPHABET}[_family(kind)]
        return value + in_writing_of(alphabet[(alphabet.index(right) + 1) % len(alphabet)], value)
    if value.endswith("#"):
        return value[:-1] + in_writing_of(check_char(kind, value[:-1]), value[:-1])
    return value


def problems(row: dict) -> list[str]:
    """Labelled id/card/code spans whose check character is wrong, except the ``typo_`` ones (see main)."""
    found = []
    for span in row["spans"]:
        if span.get("typo"):
            continue
        plain = normalise(span["text"])
        kind = span["kind"]
        if kind == "id_number" and len(plain) == 18 and plain[:17].isdigit():
            ok = id_check(plain[:17]) == plain[17]
        elif kind == "bank_card" and plain.isdigit() and 16 <= len(plain) <= 19:
            ok = luhn_digit(plain[:-1]) == plain[-1]
        elif kind == "credit_code" and len(plain) == 18 and all(c in CODE_ALPHABET for c in plain):
            ok = code_check(plain[:17]) == plain[17]
        else:
            continue
        if not ok:
            found.append(f"{row['id']}: {kind} span at {span['start']} has a wrong check character")
    return found


def render(line: str, index: int, prefix: str = "h", typos: list | None = None) -> dict:
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
            if kind.startswith("typo_") and typos is not None:
                typos.append(len(spans) - 1)
        text.append(value)
        length += len(value)
        pos = m.end()
    text.append(source[pos:])
    joined = "".join(text)
    if "{{" in joined or "}}" in joined:
        raise ValueError(f"line {index}: unbalanced markup")
    for span in spans:
        if span["text"] != joined[span["start"]:span["end"]]:
            raise ValueError(f"line {index}: span offsets do not match its text")
    return {"id": f"{prefix}{index:03d}", "text": joined, "spans": spans}


def default_prefix(source: Path) -> str:
    """``h`` for heldout.txt, ``eN-`` for evaluation/batchN.txt, otherwise the file's stem and a hyphen."""
    if source.stem == "heldout":
        return "h"
    batch = re.fullmatch(r"batch(\d+)", source.stem)
    return f"e{batch.group(1)}-" if batch else f"{source.stem}-"


def convert(source: Path, target: Path, prefix: str | None = None) -> list[dict]:
    prefix = default_prefix(source) if prefix is None else prefix
    lines = [line.rstrip("\n") for line in source.read_text(encoding="utf-8").splitlines()]
    passages = [line for line in lines if line.strip() and not line.startswith("#")]
    rows = []
    for i, line in enumerate(passages):
        typos: list[int] = []
        row = render(line, i, prefix, typos)
        checked = {"id": row["id"], "spans": [dict(s, typo=True) if k in typos else s
                                              for k, s in enumerate(row["spans"])]}
        for problem in problems(checked):
            print(f"warning: {problem}", file=sys.stderr)
        rows.append(row)
    with open(target, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} passages, {sum(len(r['spans']) for r in rows)} planted spans -> {target}")
    return rows


def main(argv: list[str] | None = None) -> None:
    """Convert ``argv`` ([--prefix P] [INPUT [OUTPUT]]); called without arguments, heldout.txt."""
    args = list(argv or [])
    prefix = None
    if "--prefix" in args:
        at = args.index("--prefix")
        prefix = args[at + 1]
        del args[at:at + 2]
    source = Path(args[0]) if args else HERE / "heldout.txt"
    target = Path(args[1]) if len(args) > 1 else source.with_suffix(".jsonl")
    convert(source, target, prefix)


if __name__ == "__main__":
    main(sys.argv[1:])
