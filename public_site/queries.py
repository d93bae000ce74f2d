"""Reads of the public site: ``published()`` is the one query every public surface goes through."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from sqlalchemy import Date, bindparam, select
from sqlalchemy.orm import defer

from portal import db, util
from public_site.models import DisclosureDate, Publication

GRADES = ("优", "良", "中", "差")


def today() -> date:
    """The day in the county (Beijing time)."""
    return util.today()


def published(on: date | None = None):
    """Current publications already visible on ``on`` (default today).

    "Current" (``Publication.is_current``): the newest version of its item, not withdrawn. An
    older version is superseded by any newer one, withdrawn or not, so withdrawing the newest
    version takes the whole item off the public site until a new version is published.
    """
    return _published_statement().params(published_day=on or today())


@cache
def _published_statement():
    """The statement of :func:`published` with the day as a bound parameter, built once per process."""
    day = bindparam("published_day", type_=Date)
    # ``withdrawn_at`` is redundant with ``is_current`` (withdrawing clears it) and kept as a second lock.
    return (select(Publication)
            .where(Publication.is_current.is_(True), Publication.withdrawn_at.is_(None),
                   Publication.visible_from.is_not(None), Publication.visible_from <= day)
            .options(defer(Publication.docx), defer(Publication.body)))


def published_one(publication_id: int) -> Publication | None:
    return db.session.scalar(published().where(Publication.id == publication_id))


def published_ids_query():
    """The ids of :func:`published` as a select (a search backend in this database uses it as a subquery)."""
    return published().with_only_columns(Publication.id)


#: Audit events written in the very transaction that changes what :func:`published` returns.
CHANGE_EVENTS = ("publish", "withdraw", "disclosure_date")


def published_state(on: date | None = None) -> tuple:
    """A value that changes whenever :func:`published` may: the newest change event of each kind (its id
    and, so that an id reused after a rollback or a restore never looks the same, its time), and the day.

    Every change goes through ``public_site.operations``, which audits it in the same transaction, so
    a search backend may reuse the published ids it read, and the public pages their rendered bytes
    (``public_site.page_cache``), while this value is unchanged.
    """
    return (*db.session.execute(_state_statement()).one(), on or today())


@cache
def _state_statement():
    """The statement of :func:`published_state`, built once per process (it runs on every anonymous page)."""
    from sqlalchemy import func, or_

    from portal.audit.models import AuditEvent

    newest = [select(func.max(AuditEvent.id)).where(AuditEvent.kind == kind).scalar_subquery()
              for kind in CHANGE_EVENTS]
    latest = select(func.max(AuditEvent.at)).where(
        or_(*(AuditEvent.kind == kind for kind in CHANGE_EVENTS))).scalar_subquery()
    return select(*newest, latest)


def published_ids() -> set[str]:
    return {str(i) for i in db.session.scalars(published_ids_query())}


def current_version(kind: str, item_key: str) -> Publication | None:
    """The version citizens see now of an item (None when nothing is visible)."""
    return db.session.scalar(published().where(Publication.kind == kind, Publication.item_key == item_key))


def versions(kind: str, item_key: str, up_to: int | None = None) -> list[Publication]:
    """Every version of an item (oldest first), those up to id ``up_to`` when given."""
    query = select(Publication).where(Publication.kind == kind, Publication.item_key == item_key)
    if up_to is not None:
        query = query.where(Publication.id <= up_to)
    return list(db.session.scalars(query.options(defer(Publication.docx), defer(Publication.body))
                                   .order_by(Publication.id)))


def withdrawal_of(row: Publication) -> Publication | None:
    """The withdrawn version that took ``row`` off the public site: itself, or the newest version
    of its item when that one was withdrawn (and nothing newer was published since)."""
    if row.withdrawn_at is not None:
        return row
    newest = db.session.scalar(select(Publication).where(
        Publication.kind == row.kind, Publication.item_key == row.item_key)
        .options(defer(Publication.docx), defer(Publication.body)).order_by(Publication.id.desc()).limit(1))
    return newest if newest is not None and newest.withdrawn_at is not None else None


def newest(limit: int = 10) -> list[Publication]:
    return list(db.session.scalars(published().order_by(Publication.published_at.desc(), Publication.id.desc())
                                   .limit(limit)))


def for_project(code: str) -> list[Publication]:
    return list(db.session.scalars(published().where(Publication.project_code == code)
                                   .order_by(Publication.fiscal_year, Publication.published_at)))


def for_firm(name: str) -> list[Publication]:
    return list(db.session.scalars(published().where(Publication.firm == name)
                                   .order_by(Publication.fiscal_year.desc(), Publication.published_at)))


def _money(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal("0")


def headline() -> dict:
    """Projects evaluated, money covered (万元) and the grade distribution, from published items only."""
    rows = db.session.execute(published().with_only_columns(Publication.kind, Publication.facets,
                                                            Publication.figures)).all()
    evaluated = {(r.facets or {}).get("project_code") for r in rows if r.kind == "evaluation_result"}
    evaluated.discard(None)
    budgets: dict[str, Decimal] = {}
    for r in rows:
        code = (r.facets or {}).get("project_code")
        if r.kind == "target_table" and code and "budget" in (r.figures or {}):
            budgets[code] = _money(r.figures["budget"])
    grades = Counter((r.figures or {}).get("grade") for r in rows if r.kind == "evaluation_result")
    return {"publications": len(rows), "projects_evaluated": len(evaluated),
            "money": sum(budgets.values(), Decimal("0")).quantize(Decimal("0.01")),
            "projects_with_targets": len(budgets),
            "grades": [(g, grades.get(g, 0)) for g in GRADES]}


# -- staff reads (scoped to the user's bureau) ---------------------------------------------


def bureau_publications(bureau_id: int):
    return select(Publication).where(Publication.bureau_id == bureau_id).options(defer(Publication.docx))


def publication_of_bureau(publication_id: int, bureau_id: int | None) -> Publication | None:
    return db.session.scalar(bureau_publications(bureau_id).where(Publication.id == publication_id))


def disclosure_dates(bureau_id: int) -> list[DisclosureDate]:
    return list(db.session.scalars(select(DisclosureDate).where(DisclosureDate.bureau_id == bureau_id)
                                   .order_by(DisclosureDate.fiscal_year.desc(), DisclosureDate.disclosure)))


def disclosure_day(bureau_id: int, fiscal_year: int | None, disclosure: str | None) -> date | None:
    """When an item of this kind is disclosed: its date, or None while the county has not set one."""
    if disclosure is None:
        return today()
    if fiscal_year is None:
        return None
    return db.session.scalar(select(DisclosureDate.day).where(
        DisclosureDate.bureau_id == bureau_id, DisclosureDate.fiscal_year == fiscal_year,
        DisclosureDate.disclosure == disclosure))
