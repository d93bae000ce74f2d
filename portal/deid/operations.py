"""Every change to the sensitive-term list: write, audit, and nothing else."""

from __future__ import annotations

from sqlalchemy import select

from portal.audit.operations import record
from portal.deid.models import SensitiveTerm
from portal.extensions import db


class TermError(ValueError):
    """A change to the term list that cannot be made; the message is Chinese."""


def add_term(term: str, *, bureau_id: int | None, note: str = "", actor=None) -> SensitiveTerm:
    """Add a term (or re-activate one that was removed) to a bureau's list, or the global list for ``None``."""
    term = (term or "").strip()
    if not term:
        raise TermError("敏感词不能为空")
    if len(term) > 200:
        raise TermError("敏感词不能超过 200 个字符")
    row = db.session.scalar(select(SensitiveTerm).where(SensitiveTerm.term == term,
                                                        _same_bureau(bureau_id)))
    if row is not None and row.is_active:
        raise TermError(f"敏感词“{term}”已在列表中")
    if row is None:
        row = SensitiveTerm(term=term, bureau_id=bureau_id, note=(note or "").strip()[:300],
                            created_by_id=getattr(actor, "id", None))
        db.session.add(row)
    else:
        row.is_active = True
        row.note = (note or row.note or "").strip()[:300]
    db.session.flush()
    record("term_add", user=actor, target_type="sensitive_term", target_id=row.id, term=term)
    return row


def deactivate_term(row: SensitiveTerm, *, actor=None) -> None:
    """Stop applying a term; the row is kept so the audit trail still names it."""
    if not row.is_active:
        raise TermError(f"敏感词“{row.term}”已停用")
    row.is_active = False
    record("term_deactivate", user=actor, target_type="sensitive_term", target_id=row.id, term=row.term)


def _same_bureau(bureau_id: int | None):
    column = SensitiveTerm.bureau_id
    return column.is_(None) if bureau_id is None else column == bureau_id
