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
    return f"{path.relative_to(ROOT)} is out of date: run {command} and commit the result.\n{diff}"


def test_cli_reference_matches_the_help_the_commands_print():
    from portal.docsgen import cli_doc

    problem = _drift(ROOT / "docs" / "cli.md", cli_doc.generate(), "`make docs` (or `python -m portal.docsgen cli`)")
    assert not problem, problem


def test_cli_reference_covers_every_plugin_group():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for heading in ("## `jixiao`", "### `jixiao plugins`", "#### `jixiao rectification sample`",
                    "#### `jixiao ratings compute`", "#### `jixiao evaluator_grading engagements`",
                    "### `jixiao publish`", "#### `jixiao terms add`", "#### `jixiao user create`"):
        assert heading in text


def test_hook_reference_and_tutorial_code_match_hookspecs_and_the_example_plugin():
    """docs/plugins.md: the reference is generated from portal/hookspecs.py, the tutorial's code blocks are the
    example plugin's files (so the package the example test installs is the tutorial's)."""
    from portal.docsgen import hooks_doc

    path = ROOT / "docs" / "plugins.md"
    problem = _drift(path, hooks_doc.update(path.read_text(encoding="utf-8")),
                     "`make docs` (or `python -m portal.docsgen hooks`)")
    assert not problem, problem


def test_hook_reference_documents_every_hook_and_value_type():
    from portal import hookspecs

    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in hookspecs.all_hook_names():
        assert f'<a id="{name}"></a>' in text and f"#### `{name}(" in text
    for name in ("MenuItem", "DashboardPanel", "PanelRow", "Section", "SearchGroup", "Publisher", "Snapshot"):
        assert f".{name}`" in text
    assert "First result wins" in text  # attachment_access_for_owner is firstresult


def test_open_data_reference_names_every_field_and_address(client):
    """docs/open-data.md documents every field of the CSV/JSON (in order) and every address it lists answers."""
    import re

    from public_site.models import FIELDS

    text = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `(\w+)` \| (\w+) \| ([^|]+) \|", text, re.M)
    assert [(n, t, title.strip()) for n, t, title in documented] == [(n, t, title) for n, t, title, _ in FIELDS]
    header = client.get("/data/publications.csv").get_data(as_text=True).lstrip("\ufeff").splitlines()[0]
    assert header in text  # the CSV example starts with the real header row
    for address in re.findall(r"^\| `(/[a-z./]+)` \|", text, re.M):
        assert client.get(address).status_code == 200, address


def test_manual_has_a_chapter_per_role_and_uses_exactly_the_screenshots_the_browser_test_takes():
    import re

    from tests.e2e.test_docs_screens import SHOTS

    manual = ROOT / "docs" / "manual"
    for chapter in ("index", "unit", "firm", "expert", "section", "reviewer", "admin"):
        assert (manual / f"{chapter}.md").exists(), chapter
    used = set()
    for path in manual.glob("*.md"):
        used |= set(re.findall(r"\]\(\.\./images/([\w-]+)\.png\)", path.read_text(encoding="utf-8")))
    on_disk = {p.stem for p in (ROOT / "docs" / "images").glob("*.png")}
    assert used == set(SHOTS) == on_disk, "run `make docs-screens` after changing SHOTS or the manual's images"


def test_every_relative_link_in_the_handbook_resolves():
    import re

    broken = []
    for path in [ROOT / "README.md", ROOT / "CHANGELOG.md", *(ROOT / "docs").rglob("*.md")]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (path.parent / target).exists():
                broken.append(f"{path.relative_to(ROOT)} → {target}")
    assert broken == []
