"""Publications (immutable de-identified snapshots), their redaction decisions, and disclosure dates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import db
from portal.util import utcnow

#: When a kind of item is disclosed (Publisher.disclosure) → Chinese label.
DISCLOSURE_LABELS = {"budget": "随预算公开", "final_accounts": "随决算公开"}
#: Kind labels used when the publisher is not loaded (a plugin switched off).
KIND_LABELS = {"target_table": "绩效目标", "evaluation_result": "绩效评价结果", "firm_rating": "第三方机构执业质量评价",
               "rectification_summary": "整改情况", "exante_register": "事前绩效评估结果"}
#: The components of a firm rating's figures (besides ``composite`` and ``level``) as citizens read them.
RATING_COMPONENT_LABELS = (("quantity", "数量"), ("quality", "质量"), ("effect", "效果"), ("satisfaction", "满意度"))


def label_of(kind: str) -> str:
    """The Chinese label of a publication kind: the built-in ones, else the label of the plugin's
    publisher that registered it (``register_publishers``), else the kind itself (plugin switched off)."""
    if kind in KIND_LABELS:
        return KIND_LABELS[kind]
    from portal.plugins import publishers

    publisher = publishers().get(kind)
    return getattr(publisher, "label", None) or kind


class Publication(db.Model):
    """One published version of an item (kind + key): de-identified content, never edited.

    Only ``visible_from`` (follows the county's disclosure date), ``is_current`` and the
    withdrawal columns change after publishing; the content columns are written once.
    """

    __tablename__ = "public_site_publications"
    __table_args__ = (
        Index("ix_public_site_publications_item", "kind", "item_key"),
        # At most one current version per item; the public query reads only these rows.
        Index("uq_public_site_publications_current", "kind", "item_key", unique=True,
              sqlite_where=text("is_current"), postgresql_where=text("is_current")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    #: The publisher's stable key (``submission:12``); a new version keeps it.
    item_key: Mapped[str] = mapped_column(String(80))
    version_no: Mapped[int] = mapped_column(default=1)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: ``budget`` / ``final_accounts`` / None (copied from the publisher at publishing time).
    disclosure: Mapped[str | None] = mapped_column(String(20))
    fiscal_year: Mapped[int | None] = mapped_column(index=True)
    #: Copied from the facets for the project and firm pages (indexed look-ups).
    project_code: Mapped[str | None] = mapped_column(String(40), index=True)
    firm: Mapped[str | None] = mapped_column(String(200), index=True)
    #: First day citizens see it; None while the county has not set its disclosure date.
    visible_from: Mapped[date | None] = mapped_column(index=True)

    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    facets: Mapped[dict] = mapped_column(JSON, default=dict)
    figures: Mapped[dict] = mapped_column(JSON, default=dict)
    #: [[title, [[cell, …], …]], …] — the first row of each table holds the headers.
    tables: Mapped[list] = mapped_column(JSON, default=list)
    lists: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The de-identified Word document re-generated from the content above (no metadata).
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    docx_sha256: Mapped[str] = mapped_column(String(64))

    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(index=True)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: De-identified when stored (shown publicly on the 410 page).
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)
    #: The newest version of its item, not withdrawn: the one version citizens may see (from
    #: ``visible_from`` on). Set on the new version and cleared on the others when publishing,
    #: cleared when withdrawing; a withdrawn item comes back only with a new publication.
    is_current: Mapped[bool] = mapped_column(default=False, server_default=false())

    decisions: Mapped[list[RedactionDecision]] = relationship(
        back_populates="publication", order_by="RedactionDecision.id", cascade="all, delete-orphan")

    @property
    def kind_label(self) -> str:
        return label_of(self.kind)

    def facet(self, name: str) -> str | None:
        return (self.facets or {}).get(name)

    @property
    def search_id(self) -> str:
        return str(self.id)


class RedactionDecision(db.Model):
    """What happened to one detection when it was published: kind, hash of the text, action, why."""

    __tablename__ = "public_site_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("public_site_publications.id"), index=True)
    #: Where in the snapshot: ``body``, ``tables/0/3/2``, ``lists/存在问题/1``…
    location: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    #: SHA-256 of the detected text (the text itself is never stored).
    text_sha256: Mapped[str] = mapped_column(String(64))
    #: ``redact`` (engine), ``redact_manual`` (reviewer added), ``keep`` (reviewer), ``keep_policy`` (rule).
    action: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")

    publication: Mapped[Publication] = relationship(back_populates="decisions")


class DisclosureDate(db.Model):
    """The day a county discloses one kind for one fiscal year (预算公开 / 决算公开)."""

    __tablename__ = "public_site_disclosure_dates"
    __table_args__ = (UniqueConstraint("bureau_id", "fiscal_year", "disclosure"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    fiscal_year: Mapped[int]
    disclosure: Mapped[str] = mapped_column(String(20))
    day: Mapped[date]
    set_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def label(self) -> str:
        return DISCLOSURE_LABELS.get(self.disclosure, self.disclosure)


#: Every field of the open data (CSV, JSON, datapackage) with its type, Chinese title and description.
FIELDS = (
    ("id", "integer", "编号", "公开内容的编号，在本网站地址 /publications/<编号> 中使用；新版本有新编号"),
    ("url", "string", "网址", "该公开内容在本网站的页面地址"),
    ("kind", "string", "公开类别代码", "target_table 绩效目标、evaluation_result 绩效评价结果、firm_rating 第三方机构执业质量评价、"
                                    "rectification_summary 整改情况"),
    ("kind_label", "string", "公开类别", "公开类别的中文名称"),
    ("title", "string", "标题", "已脱密的标题"),
    ("summary", "string", "摘要", "已脱密的摘要"),
    ("fiscal_year", "integer", "预算年度", "事项所属的预算年度"),
    ("region", "string", "地区", "县（市、区）"),
    ("unit", "string", "预算单位", "实施项目或提交报告的部门单位"),
    ("category", "string", "预算类别", "一般公共预算、政府性基金预算等"),
    ("project_code", "string", "项目编码", "项目在预算系统中的编码；同一编码跨年度关联"),
    ("project_name", "string", "项目名称", "项目支出或部门整体支出的名称"),
    ("firm", "string", "第三方机构", "承担重点绩效评价的第三方机构（如有）"),
    ("grade", "string", "评价等级", "优（≥90分）、良（80–90分）、中（60–80分）、差（<60分）"),
    ("total_score", "number", "评价总分", "绩效评价总分（百分制），仅评价结果有"),
    ("budget", "number", "预算数（万元）", "项目预算数，单位万元，保留两位小数，仅绩效目标有"),
    ("execution_rate", "number", "预算执行率（%）", "发布评价结果时最新一条已审核的执行数 ÷ 预算数，仅评价结果有"),
    ("version", "integer", "版本", "同一事项的第几次公开；新版本替代旧版本"),
    ("published_at", "datetime", "发布时间", "财政局确认发布的时间（北京时间）"),
    ("visible_from", "date", "公开日期", "按本县预算或决算公开时间对外公开的日期"),
    ("document_url", "string", "文件下载", "脱密后重新生成的 Word 文件地址（不含原始上传文件及其作者等属性）"),
)

