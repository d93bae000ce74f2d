"""Demo publications: approved targets and results of the demo county, with past disclosure dates."""

from __future__ import annotations

from datetime import date

import click
from sqlalchemy import select

from portal import db, demo_execution, plugins
from public_site import operations
from public_site.models import DisclosureDate, Publication
from public_site.redaction import REDACT_UNCERTAIN

#: (fiscal year, disclosure) → day the demo county disclosed it.
DEMO_DATES = {(2022, "budget"): date(2022, 2, 15), (2022, "final_accounts"): date(2023, 8, 31),
              (2023, "budget"): date(2023, 2, 10), (2023, "final_accounts"): date(2024, 8, 30)}
KINDS = ("target_table", "firm_rating", "rectification_summary")


def load(app) -> None:
    """Publish what the demo has approved (idempotent: items already published are skipped)."""
    from portal.accounts.models import User

    reviewer = db.session.scalar(select(User).where(User.username == "reviewer"))
    if reviewer is None:
        return
    for (year, disclosure), day in DEMO_DATES.items():
        if db.session.scalar(select(DisclosureDate.id).where(
                DisclosureDate.bureau_id == reviewer.bureau_id, DisclosureDate.fiscal_year == year,
                DisclosureDate.disclosure == disclosure)) is None:
            operations.set_disclosure_date(reviewer.bureau_id, year, disclosure, day, reviewer)
    publishers = plugins.publishers()
    wanted = []
    for kind in KINDS:
        if kind in publishers:
            wanted += [(kind, c) for c in publishers[kind].candidates(reviewer)]
    if "evaluation_result" in publishers:
        wanted += [("evaluation_result", c) for c in publishers["evaluation_result"].candidates(reviewer)
                   if ("招商引资" in c.title and c.fiscal_year == 2022) or c.title.startswith(demo_execution.PROJECT_NAME)]
    for kind, candidate in wanted:
        if db.session.scalar(select(Publication.id).where(Publication.kind == kind,
                                                          Publication.item_key == candidate.key)):
            continue
        try:
            operations.publish(kind, candidate.key, reviewer, reviews=REDACT_UNCERTAIN)
        except operations.PublishError as exc:
            click.echo(f"演示发布跳过“{candidate.title}”：{exc}")
