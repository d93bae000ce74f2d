"""Organisations (bureau, unit, firm, expert pool) and their users with roles."""

from __future__ import annotations

import secrets
from datetime import datetime
from enum import StrEnum

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from portal.extensions import db
from portal.util import utcnow


class OrgKind(StrEnum):
    BUREAU = "bureau"
    UNIT = "unit"
    FIRM = "firm"
    EXPERT_POOL = "expert_pool"


ORG_KIND_LABELS = {
    OrgKind.BUREAU: "财政局",
    OrgKind.UNIT: "部门单位",
    OrgKind.FIRM: "第三方机构",
    OrgKind.EXPERT_POOL: "专家库",
}


class Role(StrEnum):
    ADMIN = "admin"
    BUREAU_REVIEWER = "bureau_reviewer"
    BUREAU_SECTION = "bureau_section"
    UNIT_EDITOR = "unit_editor"
    FIRM_EDITOR = "firm_editor"
    EXPERT = "expert"


ROLE_LABELS = {
    Role.ADMIN: "系统管理员",
    Role.BUREAU_REVIEWER: "绩效科审核人员",
    Role.BUREAU_SECTION: "业务科室初审人员",
    Role.UNIT_EDITOR: "部门单位填报人员",
    Role.FIRM_EDITOR: "第三方机构人员",
    Role.EXPERT: "评审专家",
}

#: Roles that work for the bureau and see its whole region.
BUREAU_ROLES = frozenset({Role.ADMIN, Role.BUREAU_REVIEWER, Role.BUREAU_SECTION})

#: Which roles a user of each kind of organisation may hold.
ROLES_BY_ORG_KIND = {
    OrgKind.BUREAU: (Role.ADMIN, Role.BUREAU_REVIEWER, Role.BUREAU_SECTION),
    OrgKind.UNIT: (Role.UNIT_EDITOR,),
    OrgKind.FIRM: (Role.FIRM_EDITOR,),
    OrgKind.EXPERT_POOL: (Role.EXPERT,),
}


class Organisation(db.Model):
    """A bureau, budget unit (部门单位), third-party firm (第三方机构) or expert pool."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    #: County or district (区县) the organisation works in, e.g. 阿克陶县.
    region: Mapped[str] = mapped_column(String(100))
    #: The bureau an organisation reports to; ``None`` for a bureau itself.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: 统一社会信用代码, kept for firms so their own code can be disclosed by policy.
    credit_code: Mapped[str | None] = mapped_column(String(18))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    parent: Mapped[Organisation | None] = relationship(remote_side=[id])

    @property
    def bureau_id(self) -> int | None:
        """The bureau whose region this organisation belongs to."""
        return self.id if self.kind == OrgKind.BUREAU else self.parent_id

    @property
    def kind_label(self) -> str:
        return ORG_KIND_LABELS.get(OrgKind(self.kind), self.kind)

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name}>"


class UserRole(db.Model):
    """A role held by a user."""

    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(30))


class User(UserMixin, db.Model):
    """A person who signs in; belongs to exactly one organisation."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    #: Set for accounts an admin created or reset: the next sign-in asks for a new password.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    #: Identifies the user in the session cookie; rotating it signs out every session.
    session_token: Mapped[str] = mapped_column(String(64), unique=True,
                                               default=lambda: secrets.token_urlsafe(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    org: Mapped[Organisation] = relationship(lazy="joined")
    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    # -- roles --------------------------------------------------------------
    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r.role for r in self.role_rows)

    def set_roles(self, roles) -> None:
        wanted = {str(r) for r in roles}
        self.role_rows = [r for r in self.role_rows if r.role in wanted]
        have = {r.role for r in self.role_rows}
        self.role_rows.extend(UserRole(role=r) for r in sorted(wanted - have))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & {str(r) for r in roles})

    @property
    def is_bureau(self) -> bool:
        return self.org.kind == OrgKind.BUREAU and self.has_role(*BUREAU_ROLES)

    @property
    def bureau_id(self) -> int | None:
        return self.org.bureau_id

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[Role(r)] for r in sorted(self.roles)]

    # -- passwords ----------------------------------------------------------
    def set_password(self, password: str) -> None:
        method = current_app.config.get("JIXIAO_PASSWORD_HASH", "scrypt") if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)
        self.end_sessions()

    def end_sessions(self) -> None:
        """Sign out every session of this user, on every device: the token in their cookies no longer matches."""
        self.session_token = secrets.token_urlsafe(32)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    # -- Flask-Login ----------------------------------------------------------
    def get_id(self) -> str:
        return self.session_token

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class LoginThrottle(db.Model):
    """Failed sign-ins in a row for one account name (known or not) and the lock they earned.

    Kept in the database so that every worker and host sees the same count (see
    :mod:`portal.accounts.throttle`); a successful sign-in deletes the row.
    """

    __tablename__ = "login_throttles"

    #: The name as typed, trimmed and lower-cased.
    account: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None]
    locked_until: Mapped[datetime | None]
