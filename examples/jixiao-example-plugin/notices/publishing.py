"""A new kind for 信息公开: the public site lists these candidates, de-identifies and publishes them."""

from __future__ import annotations

from notices.models import Notice
from notices.queries import visible_notices
from portal import Candidate, Snapshot, db, key_id


class NoticePublisher:
    kind = "notice"          # unique over all plugins
    label = "通知公告"        # shown to reviewers and citizens
    disclosure = None        # public as soon as published (no disclosure date to wait for)

    def candidates(self, user) -> list[Candidate]:
        if not user.is_bureau:
            return []
        return [Candidate(f"notice:{n.id}", n.title, n.fiscal_year, note=f"{n.fiscal_year}年度")
                for n in db.session.scalars(visible_notices(user))]

    def snapshot(self, key: str, user) -> Snapshot:
        notice_id = key_id(key, "notice")  # None for a foreign prefix or an absurd number
        notice = db.session.scalar(visible_notices(user).where(Notice.id == notice_id)) \
            if notice_id is not None and user.is_bureau else None
        if notice is None:
            raise LookupError(key)
        return Snapshot(kind=self.kind, key=key, title=notice.title,
                        summary=notice.body[:120], body=notice.body,
                        facets={"year": str(notice.fiscal_year)})

