"""``python -m portal.docsgen cli|hooks|all``: rewrite the generated documents under ``docs/``."""

from __future__ import annotations

import sys

from portal.docsgen import DOCS


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    if what not in ("cli", "hooks", "all"):
        print("usage: python -m portal.docsgen [cli|hooks|all]", file=sys.stderr)
        return 2
    if what in ("cli", "all"):
        from portal.docsgen import cli_doc

        (DOCS / "cli.md").write_text(cli_doc.generate(), encoding="utf-8")
        print(f"wrote {DOCS / 'cli.md'}")
    if what in ("hooks", "all"):
        from portal.docsgen import hooks_doc

        path = DOCS / "plugins.md"
        path.write_text(hooks_doc.update(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote the hook reference in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
