"""Publications as search documents, and keeping the index in step with publish, withdraw and dates."""

from __future__ import annotations

import contextlib
import contextvars

from sqlalchemy import select

from portal import db
from portal.search.backend import Document
from portal.search.service import backend
from public_site.models import Publication

FACETS = ("kind", "year", "region", "unit", "category", "grade", "project_code", "firm")


def searchable_text(pub: Publication) -> str:
    """Body, lists and table cells: everything a citizen may look for."""
    parts = [pub.body or ""]
    for name, items in (pub.lists or {}).items():
        parts.append(name)
        parts.extend(items)
    for title, rows in pub.tables or []:
        parts.append(title)
        parts.extend(" ".join(str(c) for c in row) for row in rows)
    return "\n".join(p for p in parts if p)


def document(pub: Publication) -> Document:
    facets = {name: (pub.facets or {}).get(name) for name in FACETS}
    facets["kind"] = pub.kind
    return Document(id=str(pub.id), text={"title": pub.title, "summary": pub.summary, "body": searchable_text(pub)},
                    facets=facets, visible_from=pub.visible_from,
                    published=int(pub.published_at.timestamp()) if pub.published_at else 0)


#: While :func:`batched` runs: documents to write and ids to delete, sent in one write at its end.
_pending: contextvars.ContextVar[dict | None] = contextvars.ContextVar("jixiao_index_pending", default=None)


def index(*pubs: Publication) -> None:
    pending = _pending.get()
    if pending is not None:
        for p in pubs:
            pending["remove"].discard(str(p.id))
            pending["index"][str(p.id)] = document(p)
        return
    backend().index(document(p) for p in pubs)


def remove(*pubs: Publication) -> None:
    pending = _pending.get()
    if pending is not None:
        for p in pubs:
            pending["index"].pop(str(p.id), None)
            pending["remove"].add(str(p.id))
        return
    backend().delete(str(p.id) for p in pubs)


@contextlib.contextmanager
def batched():
    """Bulk publishing: index writes inside the block go to the backend as one write when it ends.

    One Whoosh commit (or one batch of upserts) for hundreds of publications instead of one
    each; nothing is written when the block raises (the caller rolls back).
    """
    pending = {"index": {}, "remove": set()}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if pending["remove"]:
        backend().delete(sorted(pending["remove"]))
    if pending["index"]:
        backend().index(pending["index"].values())


def indexable():
    """Every current publication (scheduled ones too: the index knows their visibility day)."""
    return select(Publication).where(Publication.is_current.is_(True), Publication.withdrawn_at.is_(None)) \
        .order_by(Publication.id)


def rebuild(progress=None) -> int:
    """Replace the index by the stored publications; ``progress(n)`` after each batch."""
    rows = db.session.scalars(indexable().execution_options(yield_per=200))
    return backend().rebuild((document(p) for p in rows), progress=progress)


def count_indexable() -> int:
    from sqlalchemy import func

    return db.session.scalar(select(func.count()).select_from(indexable().subquery()))
