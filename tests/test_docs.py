"""The generated documents match the code: docs/cli.md (``jixiao … --help``) and the hook reference."""

from __future__ import annotations

import difflib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _drift(path: Path, expected: str, command: str) -> str:
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if current == expected:
        return ""
    diff = "".join(list(difflib.unified_diff(current.splitlines(True), expected.splitlines(True),
                                             str(path.relative_to(ROOT)), "generated", n=1))[:60])
    return f"{path.relative_to(ROOT)} is out of date: run `{command}` and commit the result.\n{diff}"


def test_cli_reference_matches_the_help_the_commands_print():
    from portal.docsgen import cli_doc

    problem = _drift(ROOT / "docs" / "cli.md", cli_doc.generate(), "make docs` (or `python -m portal.docsgen cli")
    assert not problem, problem


def test_cli_reference_covers_every_plugin_group():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for heading in ("## `jixiao`", "### `jixiao plugins`", "#### `jixiao rectification sample`",
                    "#### `jixiao ratings compute`", "#### `jixiao evaluator_grading engagements`",
                    "### `jixiao publish`", "#### `jixiao terms add`", "#### `jixiao user create`"):
        assert heading in text
