"""Shared set-up for public site tests: publishable items and publishing through the real operations."""

from __future__ import annotations

import re
from datetime import date

from portal.extensions import db
from portal.files.operations import attach
from portal.scoring.models import Framework
from portal.submissions import operations
from public_site import operations as pub_ops
from public_site.redaction import REDACT_UNCERTAIN
from tests.portal.files.samples import make_docx, upload
from tests.portal.workflow.helpers import bureau_user, project_with_targets, user

PAST = date(2020, 1, 1)
FUTURE = date(2099, 1, 1)


def approved_evaluation(project, paragraphs=("评价报告：项目总体完成良好，客商满意度较高。",), findings=("资金支出进度偏慢",),
                        team=(), kind="department_evaluation"):
    """An approved evaluation of ``project`` with a DOCX report, built through the workflow."""
    unit = _unit_user(project)
    evaluation = operations.create(kind=kind, project=project, user=unit)
    if team:
        operations.save_data(evaluation, unit, team=list(team))
    items = db.session.get(Framework, evaluation.framework_id).items
    operations.save_scores(evaluation, unit, {i.id: str(i.weight) for i in items})
    operations.save_findings(evaluation, unit, list(findings), ["加快支出进度"])
    attach(upload(make_docx(list(paragraphs)), "报告.docx"), owner_type="submission", owner_id=evaluation.id,
           user=unit)
    for action, actor in (("submit", unit), ("pass_first_review", bureau_user(project, "bureau_section")),
                          ("approve", bureau_user(project, "bureau_reviewer"))):
        operations.apply_transition(evaluation, action, actor)
    db.session.flush()
    return evaluation


def _unit_user(project):
    from sqlalchemy import select

    from portal.accounts.models import User

    return db.session.scalar(select(User).where(User.org_id == project.unit_id))


def set_dates(year: int, day: date, reviewer=None):
    reviewer = reviewer or user("reviewer")
    for disclosure in ("budget", "final_accounts"):
        pub_ops.set_disclosure_date(reviewer.bureau_id, year, disclosure, day, reviewer)


def without_query_echo(html: str) -> str:
    """A search page without the places that repeat the citizen's own query (title, search box, the
    result count, link addresses): what remains is what the site found."""
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
    html = re.sub(r'(?:href|value)="[^"]*"', "", html)
    return re.sub(r"“[^”]*”共找到", "共找到", html)


def publish(kind: str, key: str, **kwargs):
    """Publish as the reviewer, taking the engine's own decision (redact) for every uncertain span."""
    kwargs.setdefault("reviews", REDACT_UNCERTAIN)
    pub, _ = pub_ops.publish(kind, key, user("reviewer"), **kwargs)
    return pub


__all__ = ["approved_evaluation", "project_with_targets", "publish", "set_dates", "user", "without_query_echo", "PAST", "FUTURE"]
