"""The one contract between the core and its plugins: every hook Jixiao calls.

Conventions (see docs/plugins.md): ``register_<things>`` returns a list that is
merged over all plugins; ``<area>_<things>`` returns entries shown to a user;
``on_<event>`` is a notification whose return value is ignored.  Call a hook only
through its typed wrapper in :mod:`portal.plugins`, with keyword arguments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:  # pragma: no cover - names for the signatures only
    import click
    from flask import Blueprint, Flask
    from sqlalchemy import Select

    from portal.accounts.models import Organisation, User
    from portal.hooktypes import DashboardPanel, MenuItem, ReportSection, SearchGroup, Section
    from portal.projects.models import Project
    from portal.publishing import Publisher
    from portal.submissions.models import MonitoringFlag, Submission, Transition

PROJECT = "jixiao"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# ---------------------------------------------------------------------------
# Application setup: called once by create_app, in this order.
# ---------------------------------------------------------------------------


@hookspec
def register_blueprints(app: Flask) -> list[Blueprint]:
    """Blueprints the plugin serves.

    Called once while the app is built.  A blueprint's name must be the plugin's
    name or start with ``<name>_``; the factory refuses anything else.

    Returns: a list of blueprints (merged over all plugins); ``None`` or ``[]`` for none.
    """


@hookspec
def register_template_dirs() -> list[str]:
    """Extra template folders searched after the app's and blueprints' own.

    Called once while the app is built.  Templates inside them must live under a
    subfolder named after the plugin (``<name>/page.html``).

    Returns: a list of absolute folder paths (merged); ``None`` for none.
    """


@hookspec
def register_commands() -> list[click.Command]:
    """Commands added to the ``jixiao`` CLI.

    Called once while the app is built.  A plugin adds one click group named after
    itself (``jixiao rectification sample …``) or top-level commands whose names it owns.

    Returns: a list of click commands or groups (merged); ``None`` for none.
    """


# ---------------------------------------------------------------------------
# User interface: called per request for the signed-in user.
# ---------------------------------------------------------------------------


@hookspec
def nav_menu_items(user: User) -> list[MenuItem]:
    """Entries of the main menu for this user.

    Called on every staff page.  Return only entries the user may open.  The core's entries use
    orders 10–90; plugins use 100 and above.

    Returns: a list of :class:`portal.hooktypes.MenuItem` (merged, sorted by ``order``).
    """


@hookspec
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """Panels on the user's dashboard (what waits for them, with counts).

    Called when the dashboard renders.

    Returns: a list of :class:`portal.hooktypes.DashboardPanel` (merged, sorted by ``order``).
    """


@hookspec
def project_sections(project: Project, user: User) -> list[Section]:
    """Extra sections on a project's staff page (engagements, rectification items…).

    Called when the project page renders; ``user`` may already see the project.

    Returns: a list of :class:`portal.hooktypes.Section` (merged, sorted by ``order``).
    """


@hookspec
def submission_sections(submission: Submission, user: User) -> list[Section]:
    """Extra sections on a submission's page (panel review, rectification from findings…).

    Called when the submission page renders; ``user`` may already see the submission.

    Returns: a list of :class:`portal.hooktypes.Section` (merged, sorted by ``order``).
    """


@hookspec
def workspace_search(user: User, q: str) -> list[SearchGroup]:
    """What the workspace's search box (/work/search) finds for ``user`` by the words ``q``.

    Called when the search page renders, with a non-empty ``q`` of at most 100 characters.
    Search by code, name and unit, and return only what ``user`` may see — through the same
    scoping query as the plugin's own lists — at most 20 hits per group.

    Returns: a list of :class:`portal.hooktypes.SearchGroup` (merged, sorted by ``order``);
    ``None`` or ``[]`` for nothing found.  The core's groups (项目 10, 申报与评价材料 20) come
    through the same hook; plugins use 100 and above.  Empty groups are not shown.
    """


# ---------------------------------------------------------------------------
# Access: plugins widen or guard what the core allows.
# ---------------------------------------------------------------------------


@hookspec
def visible_project_ids(user: User) -> list[Select]:
    """Extra projects this user may see beyond the core rule (own unit, own region).

    Called by the project scoping query.  A firm engaged on a project sees it through this.

    Returns: a list of ``select(Project.id)``-shaped statements (merged, OR-ed); ``None`` for none.
    """


@hookspec
def visible_submission_ids(user: User) -> list[Select]:
    """Extra submissions this user may see beyond the core rule (owner; bureau once handed in).

    Called by the submission scoping query.  A panel expert sees the report they score through this.

    Returns: a list of ``select(Submission.id)``-shaped statements (merged, OR-ed); ``None`` for none.
    """


@hookspec
def transition_guard(submission: Submission, transition: str, user: User) -> str | None:
    """A reason to refuse a submission transition, in Chinese, or ``None`` to allow it.

    Called before :func:`portal.submissions.operations.apply_transition` changes
    anything (e.g. an approval waits for the review panel's score).

    Returns: a message string that blocks the transition (shown to the user); ``None`` for
    "no objection".  All results are collected; any message blocks.
    """


@hookspec(firstresult=True)
def attachment_access_for_owner(owner_type: str, owner_id: int, user: User) -> bool | None:
    """Whether ``user`` may read the files attached to the object ``owner_type``/``owner_id``.

    Called by the file download route.  The plugin (or core domain) that owns that
    kind of object (e.g. ``rectification_item``/3) answers; the others return ``None`` ("not mine").

    Returns: ``True``/``False`` from the owner of ``owner_type``; ``None`` for "not me".
    The first non-``None`` answer wins; when nobody answers, access is refused.
    """


# ---------------------------------------------------------------------------
# Events: notifications after the change is flushed; return values are ignored.
# ---------------------------------------------------------------------------


@hookspec
def on_submission_transition(submission: Submission, transition: Transition) -> None:
    """A submission changed state (including creation as a draft).

    Called inside the same database transaction, after the audit row is flushed;
    an exception aborts the whole change.  ``transition`` holds actor, from, to
    and comment.

    Returns: nothing (ignored).
    """


@hookspec
def on_monitoring_flag(flag: MonitoringFlag) -> None:
    """A monitoring checkpoint raised a 黄标 or escalated one to 红标.

    Called inside the transaction that recorded the flag.

    Returns: nothing (ignored).
    """


# ---------------------------------------------------------------------------
# Disclosure: what can be published and what must be hidden.
# ---------------------------------------------------------------------------


@hookspec
def register_publishers() -> list[Publisher]:
    """Kinds of items this plugin can hand to the public site (ratings, summaries…).

    Called by the public site when a reviewer chooses what to publish.

    Returns: a list of :class:`portal.publishing.Publisher` (merged; ``kind`` unique).
    A publisher reads the id out of a key such as ``project:12`` with ``portal.key_id(key, "project")``,
    which gives ``None`` for another prefix or an id no database column holds (never pass ``int(…)``
    of the raw text to a query: a 30-digit number fails the query instead of finding nothing).
    """


@hookspec
def known_person_names() -> list[str]:
    """Person names this plugin holds (responsible persons, panel members…).

    Called by the de-identification engine so names the portal knows are always
    redacted, even where the statistical recogniser would miss them.

    Returns: a list of names (merged; duplicates are fine).
    """


@hookspec
def register_recognizers() -> list:
    """Extra de-identification recognisers (a bureau's own identifiers: 社保卡号, 车牌号…).

    Called each time the engine is built for a bureau.  Each recogniser is a callable
    ``recognise(text: str) -> list[portal.deid.spans.Span]``; it sees the normalised view of the
    text (full-width forms mapped, letter-spaced runs joined) and its spans are mapped back to the
    original offsets.  A span's ``kind`` must be one of :data:`portal.deid.policy.LABELS`; its
    ``confidence`` decides the outcome (≥ 0.6 redact, ≥ 0.3 review).

    Returns: a list of callables (merged).
    """


# ---------------------------------------------------------------------------
# Data: demo material and maintenance.
# ---------------------------------------------------------------------------


@hookspec
def load_demo_data(app: Flask) -> None:
    """Add this plugin's demo records; called by ``jixiao demo`` after the core's.

    Must be idempotent: running ``jixiao demo`` twice changes nothing the second time.
    Runs inside an app context; the core commits afterwards.

    Returns: nothing (ignored).
    """


@hookspec
def finding_outcomes(finding_ids: list[int]) -> dict[int, str] | None:
    """What became of these findings (问题) of evaluation reports in rectification (整改).

    Called by the firm rating (its "effect" component: findings accepted and closed).
    The plugin that tracks rectification answers for the findings it knows.

    Returns: a dict finding id → ``"closed"`` (销号) or ``"open"`` (accepted, not yet closed);
    findings it never took up are left out.  ``None`` for "I do not track findings".
    Dicts from several plugins are merged; when nobody answers, the rating leaves the effect
    component out and re-weights the others.
    """


@hookspec
def yearly_report_sections(bureau: Organisation, year: int) -> list[ReportSection]:
    """Sections of the yearly summary (年度全面实施预算绩效管理总结报告) of ``bureau`` for ``year``.

    Called by ``jixiao report yearly`` and the bureau dashboard's download.  ``year`` is the year
    the report is written for: its targets and monitoring concern projects of fiscal year ``year``;
    self-evaluations, evaluations, their findings and the firm ratings concern fiscal year
    ``year - 1`` (evaluated after that year closed, as seeds 001 and 004 report them).  Count only
    records of units whose bureau is ``bureau``; an empty year gives a section with no rows.

    Returns: a list of :class:`portal.hooktypes.ReportSection` (merged, sorted by ``order``).
    """


@hookspec
def on_truthfulness_veto(check) -> None:
    """A truthfulness check (真实性核查) found a core indicator of a self-evaluation untrue (一票否决).

    Called inside the transaction that recorded the outcome, once per check that becomes untrue.
    ``check`` is a :class:`portal.results.models.TruthCheck`: its ``submission`` (the self-evaluation,
    whose project and unit are responsible), ``indicator``, ``evidence`` and ``responsible_person``.
    The rectification plugin raises an item 收回资金 from it.

    Returns: nothing (ignored).
    """


@hookspec
def open_rectification_counts(project_ids: list[int]) -> dict[int, int] | None:
    """How many rectification items (整改事项) of these projects are still open (not 销号).

    Called by the results-use list (结果应用清单) for its 未销号整改 column.

    Returns: a dict project id → count of open items (projects without any may be left out);
    ``None`` for "I do not track rectification". Dicts from several plugins are added up.
    """


def all_hook_names() -> list[str]:
    """Names of every hook defined here (for the documentation meta-tests)."""
    return sorted(name for name, value in globals().items()
                  if callable(value) and hasattr(value, f"{PROJECT}_spec"))


__all__ = ["hookimpl", "hookspec", "all_hook_names"]
