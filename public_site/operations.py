"""Every change the public site makes: publish, withdraw, set disclosure dates (write, flush, audit, index)."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal import db, plugins
from portal.accounts.models import Role
from portal.audit.operations import record
from portal.deid.queries import deidentifier
from portal.util import crash_window, utcnow
from public_site import indexing, queries
from public_site.documents import build_docx
from public_site.models import DISCLOSURE_LABELS, DisclosureDate, Publication, RedactionDecision
from public_site.redaction import Preview, build_preview

PUBLISHER_ROLES = (Role.ADMIN, Role.BUREAU_REVIEWER)


class PublishError(Exception):
    """Publishing refused; the message is Chinese and shown to the user."""


def publisher_for(kind: str):
    publisher = plugins.publishers().get(kind)
    if publisher is None:
        raise LookupError(kind)
    return publisher


def _check_user(user) -> None:
    if not (user.has_role(*PUBLISHER_ROLES) and user.bureau_id):
        raise PublishError("只有财政局绩效科审核人员或管理员可以发布")


def prepare(kind: str, key: str, user, extras=(), keeps: dict[str, str] | None = None,
            reviews: dict[str, str] | str | None = None):
    """The snapshot of item ``kind``/``key`` and its de-identification preview.

    Raises ``LookupError`` when the item is unknown or not publishable by ``user``.
    """
    _check_user(user)
    publisher = publisher_for(kind)
    snapshot = publisher.snapshot(key, user)
    return snapshot, build_preview(snapshot, deidentifier(user.bureau_id), extras, keeps, reviews,
                                   getattr(publisher, "field_labels", None))


def prepare_ahead(kind: str, key: str, user_id: int | None) -> None:
    """Run :func:`prepare` for ``kind``/``key`` once the current request's response has been sent,
    filling the de-identification cache; failures are only logged.  Outside a request (the CLI)
    nothing is done: the first preview fills the cache."""
    from flask import after_this_request, current_app, has_request_context

    app = current_app._get_current_object()

    def run() -> None:
        from portal.accounts.models import User

        with app.app_context():
            try:
                user = db.session.get(User, user_id) if user_id else None
                if user is not None and user.has_role(*PUBLISHER_ROLES):
                    prepare(kind, key, user)
            except Exception:  # noqa: BLE001 - a cache that is not filled is only slower
                app.logger.exception("preparing the preview of %s %s ahead failed", kind, key)
            finally:
                db.session.remove()

    if has_request_context():
        @after_this_request
        def _later(response):
            response.call_on_close(run)
            return response


def publish(kind: str, key: str, user, *, extras=(), keeps: dict[str, str] | None = None,
            reviews: dict[str, str] | str | None = None, digest: str | None = None) -> tuple[Publication, Preview]:
    """Store the de-identified snapshot as a new version of the item; refuses while anything remains,
    including a review span nobody decided (``reviews``: ``{detection id: "redact"}``, or
    :data:`~public_site.redaction.REDACT_UNCERTAIN` to take the engine's fail-closed choice for all)."""
    snapshot, preview = prepare(kind, key, user, extras, keeps, reviews)
    if digest and digest != preview.digest:
        raise PublishError("该事项的内容在预览后发生了变化，请重新预览后再确认发布")
    if not preview.is_clean:
        raise PublishError("；".join(preview.errors))
    publisher = publisher_for(kind)
    content = preview.content
    year = _year(snapshot)
    version = (db.session.scalar(select(func.max(Publication.version_no))
                                 .where(Publication.kind == kind, Publication.item_key == key)) or 0) + 1
    label = getattr(publisher, "label", kind)
    docx_bytes = build_docx(content, label)
    # The current version lets go before the new one takes the unique index. The superseded one stays in
    # the search index until the item is withdrawn or reindexed (never found: searches allow only
    # ``published()`` ids); deleting it here would outlive a rollback in a non-transactional index.
    db.session.execute(update(Publication).where(Publication.kind == kind, Publication.item_key == key,
                                                 Publication.is_current.is_(True)).values(is_current=False))
    pub = Publication(
        kind=kind, item_key=key, version_no=version, bureau_id=user.bureau_id,
        disclosure=publisher.disclosure, fiscal_year=year,
        visible_from=queries.disclosure_day(user.bureau_id, year, publisher.disclosure),
        title=content["title"], summary=content["summary"], body=content["body"],
        facets=content["facets"], figures=content["figures"], tables=content["tables"], lists=content["lists"],
        project_code=content["facets"].get("project_code"), firm=content["facets"].get("firm"),
        docx=docx_bytes, docx_sha256=hashlib.sha256(docx_bytes).hexdigest(),
        published_at=utcnow(), published_by_id=user.id, is_current=True)
    pub.decisions = [RedactionDecision(**d) for d in preview.decisions()]
    try:
        with db.session.begin_nested():
            db.session.add(pub)
            db.session.flush()
    except IntegrityError:  # another reviewer published this item at the same moment
        raise PublishError("该事项正由他人同时发布，请刷新后重新预览") from None
    record("publish", user=user, target_type="publication", target_id=pub.id, item_kind=kind, key=key,
           version=version, redacted=sum(1 for d in preview.detections if d.replaced),
           kept=sum(1 for d in preview.detections if d.action == "keep"),
           reviewed=sum(1 for d in preview.detections if d.uncertain))
    indexing.index(pub)
    crash_window("publish")
    return pub, preview


def _year(snapshot) -> int | None:
    raw = (snapshot.facets or {}).get("year")
    return int(raw) if raw and str(raw).isdigit() else None


def withdraw(pub: Publication, user, reason: str) -> Publication:
    """Take a publication off every public surface; its address answers 410 from now on.

    Withdrawing the current version takes the whole item off: older versions stay superseded
    (a new publication brings the item back). The reason is shown publicly, so it is stored
    de-identified.
    """
    reason = (reason or "").strip()
    if not reason:
        raise PublishError("请填写撤回理由")
    if pub.withdrawn_at is not None:
        raise PublishError("该公开内容已撤回")
    reason = public_reason(reason[:2000], pub.bureau_id)
    pub.withdrawn_at, pub.withdrawn_by_id, pub.withdrawal_reason = utcnow(), user.id, reason
    pub.is_current = False
    db.session.flush()
    record("withdraw", user=user, target_type="publication", target_id=pub.id, item_kind=pub.kind,
           key=pub.item_key, reason=reason[:500])
    indexing.remove(*queries.versions(pub.kind, pub.item_key, up_to=pub.id))
    return pub


def public_reason(reason: str, bureau_id: int | None) -> str:
    """A withdrawal reason as citizens may read it: run through the de-identification engine."""
    return deidentifier(bureau_id).redact(reason).redacted if reason else reason


def disclosure_date_effect(bureau_id: int, fiscal_year: int, disclosure: str,
                           day: date) -> tuple[list[Publication], list[Publication]]:
    """What moving the day would do today: (publications it hides, publications it reveals)."""
    today = queries.today()
    current = db.session.scalars(select(Publication).where(
        Publication.bureau_id == bureau_id, Publication.fiscal_year == fiscal_year,
        Publication.disclosure == disclosure, Publication.withdrawn_at.is_(None),
        Publication.is_current.is_(True)).order_by(Publication.id)).all()
    shown_now = {p.id for p in current if p.visible_from is not None and p.visible_from <= today}
    shown_after = day <= today
    hides = [p for p in current if p.id in shown_now and not shown_after]
    reveals = [p for p in current if p.id not in shown_now and shown_after]
    return hides, reveals


def set_disclosure_date(bureau_id: int, fiscal_year: int, disclosure: str, day: date, user,
                        reason: str = "") -> DisclosureDate:
    """Set (or move) the county's disclosure day for one year and kind; waiting items follow it.

    ``reason`` (asked for on the page, with the list of what the change hides and reveals) is kept in
    the audit event with the ids hidden and revealed."""
    if disclosure not in DISCLOSURE_LABELS:
        raise PublishError("公开类型无效")
    if not 2000 <= fiscal_year <= 2100:
        raise PublishError("预算年度无效")
    hides, reveals = disclosure_date_effect(bureau_id, fiscal_year, disclosure, day)
    row = db.session.scalar(select(DisclosureDate).where(
        DisclosureDate.bureau_id == bureau_id, DisclosureDate.fiscal_year == fiscal_year,
        DisclosureDate.disclosure == disclosure))
    if row is None:
        row = DisclosureDate(bureau_id=bureau_id, fiscal_year=fiscal_year, disclosure=disclosure, day=day,
                             set_by_id=user.id)
        db.session.add(row)
    row.day, row.set_by_id, row.set_at = day, user.id, utcnow()
    waiting = list(db.session.scalars(select(Publication).where(
        Publication.bureau_id == bureau_id, Publication.fiscal_year == fiscal_year,
        Publication.disclosure == disclosure, Publication.withdrawn_at.is_(None))))
    for pub in waiting:
        pub.visible_from = day
    db.session.flush()
    record("disclosure_date", user=user, target_type="disclosure_date", target_id=row.id,
           fiscal_year=fiscal_year, disclosure=disclosure, day=day.isoformat(), items=len(waiting),
           reason=(reason or "").strip()[:500], hidden=[p.id for p in hides], revealed=[p.id for p in reveals])
    current = [pub for pub in waiting if pub.is_current]
    if current:
        indexing.index(*current)
    return row
