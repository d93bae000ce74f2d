"""Reads for de-identification: the term list a user may see, and an engine built from the portal's data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import or_, select

from portal import plugins
from portal.accounts.models import Organisation, User
from portal.deid.engine import Deidentifier
from portal.deid.models import SensitiveTerm
from portal.extensions import db


def terms_for_bureau(bureau_id: int | None):
    """Terms that apply to a bureau: its own list and the terms that apply everywhere."""
    query = select(SensitiveTerm)
    if bureau_id is None:
        return query.where(SensitiveTerm.bureau_id.is_(None))
    return query.where(or_(SensitiveTerm.bureau_id == bureau_id, SensitiveTerm.bureau_id.is_(None)))


def active_terms(bureau_id: int | None = None) -> list[str]:
    query = terms_for_bureau(bureau_id) if bureau_id is not None else select(SensitiveTerm)
    return list(db.session.scalars(query.where(SensitiveTerm.is_active.is_(True))
                                   .with_only_columns(SensitiveTerm.term)))


def deidentifier(bureau_id: int | None = None) -> Deidentifier:
    """An engine with the names, terms, organisation names and own credit codes the portal holds.

    ``bureau_id`` limits the sensitive terms to that bureau's list (plus global ones);
    ``None`` applies every active term (the strictest choice).
    """
    names = set(plugins.known_person_names())
    names.update(db.session.scalars(select(User.full_name)))
    orgs = db.session.execute(select(Organisation.name, Organisation.credit_code)).all()
    return Deidentifier(known_names=names, terms=active_terms(bureau_id),
                        keep_names=[name for name, _ in orgs],
                        keep_credit_codes=[code for _, code in orgs if code],
                        recognisers=plugins.recognizers(), cache=_cache())


def _cache():
    """The decision cache of this instance (``instance/deid_cache``), or None outside an app."""
    from flask import current_app

    from portal.deid.cache import DecisionCache

    try:
        return DecisionCache(Path(current_app.instance_path) / "deid_cache")
    except RuntimeError:
        return None
