"""Every change to organisations and users: write, audit, and nothing else."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import ROLES_BY_ORG_KIND, Organisation, OrgKind, User
from portal.audit.operations import record
from portal.extensions import db


class AccountError(ValueError):
    """A change to accounts that cannot be made; the message is Chinese and shown to the user."""


def create_organisation(*, name: str, kind: str, region: str, parent: Organisation | None,
                        credit_code: str | None = None, actor=None) -> Organisation:
    name = name.strip()
    if db.session.scalar(select(Organisation.id).where(Organisation.name == name)):
        raise AccountError(f"已存在名为“{name}”的单位")
    org = Organisation(name=name, kind=str(OrgKind(kind)), region=region.strip(),
                       parent_id=parent.id if parent else None, credit_code=credit_code or None)
    db.session.add(org)
    db.session.flush()
    record("org_create", user=actor, target_type="organisation", target_id=org.id, bureau_id=org.bureau_id,
           name=org.name)
    return org


def set_organisation_active(org: Organisation, active: bool, *, actor=None) -> None:
    """Disable (or re-enable) an organisation; disabling signs out its users, who cannot sign in until
    it is enabled again (re-enabling revives no old session)."""
    if org.kind == OrgKind.BUREAU and not active:
        raise AccountError("不能停用财政局本身")
    org.is_active = active
    if not active:
        for user in db.session.scalars(select(User).where(User.org_id == org.id)):
            user.end_sessions()
    record("org_enable" if active else "org_disable", user=actor, target_type="organisation",
           target_id=org.id, bureau_id=org.bureau_id, name=org.name)


def _check_roles(org: Organisation, roles) -> list[str]:
    allowed = {str(r) for r in ROLES_BY_ORG_KIND[OrgKind(org.kind)]}
    wanted = sorted({str(r) for r in roles})
    wrong = [r for r in wanted if r not in allowed]
    if wrong or not wanted:
        raise AccountError(f"“{org.kind_label}”的用户只能担任：" + "、".join(
            sorted(_role_label(r) for r in allowed)))
    return wanted


def _role_label(role: str) -> str:
    from portal.accounts.models import ROLE_LABELS, Role

    return ROLE_LABELS[Role(role)]


def create_user(*, username: str, full_name: str, org: Organisation, roles, password: str,
                must_change_password: bool = True, actor=None) -> User:
    username = username.strip()
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise AccountError(f"用户名“{username}”已被使用")
    user = User(username=username, full_name=full_name.strip(), org=org,
                must_change_password=must_change_password)
    user.set_password(password)
    user.set_roles(_check_roles(org, roles))
    db.session.add(user)
    db.session.flush()
    record("user_create", user=actor, target_type="user", target_id=user.id, bureau_id=org.bureau_id,
           username_created=username,
           roles=sorted(user.roles))
    return user


def update_user(user: User, *, full_name: str, roles, new_password: str | None = None, actor=None) -> None:
    user.full_name = full_name.strip()
    wanted = _check_roles(user.org, roles)
    if set(wanted) != set(user.roles):
        record("role_change", user=actor, target_type="user", target_id=user.id, bureau_id=user.bureau_id,
               before=sorted(user.roles), after=wanted)
        user.set_roles(wanted)
    if new_password:
        user.set_password(new_password)
        user.must_change_password = True
        record("password_reset", user=actor, target_type="user", target_id=user.id, bureau_id=user.bureau_id)


def set_user_active(user: User, active: bool, *, actor=None) -> None:
    """Disable a user (never delete one: their history stays attributable)."""
    if actor is not None and actor.id == user.id and not active:
        raise AccountError("不能停用自己的账号")
    user.is_active = active
    if not active:
        user.end_sessions()
    record("user_enable" if active else "user_disable", user=actor, target_type="user",
           target_id=user.id, bureau_id=user.bureau_id, username_target=user.username)


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise AccountError("当前密码不正确")
    user.set_password(new)
    user.must_change_password = False
    record("password_change", user=user, target_type="user", target_id=user.id)
