"""What the batch commands share: the bureau a ``--bureau`` option names."""

from __future__ import annotations

import click
from sqlalchemy import select

from portal.accounts.models import Organisation, OrgKind
from portal.extensions import db


def bureau_option(name: str | None) -> Organisation:
    """The bureau named by ``--bureau``, or the only one; a clear CLI error (in Chinese) otherwise."""
    query = select(Organisation).where(Organisation.kind == OrgKind.BUREAU)
    if name:
        query = query.where(Organisation.name == name)
    bureaus = db.session.scalars(query.order_by(Organisation.name)).all()
    if not bureaus:
        raise click.ClickException(f"找不到财政局“{name}”" if name else "系统中还没有财政局，请先运行 jixiao demo 或创建单位")
    if len(bureaus) > 1:
        names = "、".join(b.name for b in bureaus)
        raise click.ClickException(f"系统中有多个财政局（{names}），请用 --bureau 指定其一")
    return bureaus[0]
