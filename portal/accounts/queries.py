"""Reads of organisations and users, scoped to what the signed-in user may manage."""

from __future__ import annotations

from sqlalchemy import or_, select

from portal.accounts.models import Organisation, User
from portal.extensions import db


def user_by_login_token(token: str) -> User | None:
    return db.session.scalar(select(User).where(User.session_token == token))


def user_by_username(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


def managed_organisations(admin: User):
    """Organisations an admin manages: their bureau and everything registered under it."""
    bureau_id = admin.bureau_id
    return select(Organisation).where(or_(Organisation.id == bureau_id, Organisation.parent_id == bureau_id))


def managed_organisation_or_none(admin: User, org_id: int) -> Organisation | None:
    return db.session.scalar(managed_organisations(admin).where(Organisation.id == org_id))


def managed_users(admin: User):
    org_ids = managed_organisations(admin).with_only_columns(Organisation.id)
    return select(User).where(User.org_id.in_(org_ids))


def managed_user_or_none(admin: User, user_id: int) -> User | None:
    return db.session.scalar(managed_users(admin).where(User.id == user_id))


def organisations_of_kind(bureau_id: int, kind: str):
    return db.session.scalars(select(Organisation).where(
        Organisation.parent_id == bureau_id, Organisation.kind == kind,
        Organisation.is_active.is_(True)).order_by(Organisation.name)).all()


def bureau_of(user: User) -> Organisation | None:
    return db.session.get(Organisation, user.bureau_id) if user.bureau_id else None


