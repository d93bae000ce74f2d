"""Documents generated from the code, so they cannot drift: the CLI reference and the hook reference.

``python -m portal.docsgen cli`` rewrites ``docs/cli.md`` from what ``jixiao … --help`` prints;
``python -m portal.docsgen hooks`` rewrites the hook reference in ``docs/plugins.md`` from the
docstrings of :mod:`portal.hookspecs`.  ``make docs`` runs both; tests fail when either is stale.
"""

from __future__ import annotations

from pathlib import Path

#: The checkout's docs folder (the generators write there; tests compare against it).
DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
