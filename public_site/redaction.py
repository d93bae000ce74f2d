"""De-identify every string of a Snapshot and build the side-by-side preview, failing closed.

The engine (``portal.deid``) finds spans and its policy decides redact, review or keep; the
reviewer may add text to redact everywhere (``extras``), keep a detection with a reason
(``keeps``), and must decide every *review* span (``reviews``: ``{id: "redact"}``, or keep it
with a reason).  An undecided review span is replaced in the content all the same, and blocks
publishing.  The redacted output is scanned again: any detection the reviewer did not keep
blocks publishing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from portal.deid.policy import LABELS, apply, merge
from portal.deid.spans import Span
from public_site.models import FIELDS

KIND_LABELS = {"person_name": "姓名", "id_number": "身份证号", "phone": "电话", "email": "邮箱",
               "bank_card": "银行卡号", "credit_code": "信用代码", "sensitive_term": "敏感词", "manual": "手动脱密"}
MANUAL_REASON = "审核人员手动脱密"
REVIEW_REDACT_REASON = "审核人员确认脱密"
#: ``reviews`` value that decides every review span as redact (the engine's own fail-closed choice).
REDACT_UNCERTAIN = "redact"


@dataclass
class Detection:
    """One detection in one string of the snapshot, and what will happen to it."""

    id: str
    location: str
    place: str
    kind: str
    text: str
    start: int
    end: int
    #: redact | redact_manual | review (undecided, replaced) | review_redact (reviewer decided) |
    #: keep (reviewer) | keep_policy (rule of the policy)
    action: str
    reason: str
    #: the engine's outcome before the reviewer: redact, review or keep
    engine_action: str = "redact"

    @property
    def replaced(self) -> bool:
        return self.action in ("redact", "redact_manual", "review", "review_redact")

    @property
    def uncertain(self) -> bool:
        return self.engine_action == "review"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def decision(self) -> dict:
        return {"location": self.location, "kind": self.kind, "action": self.action, "reason": self.reason,
                "text_sha256": hashlib.sha256(self.text.encode()).hexdigest()}


@dataclass
class FieldPreview:
    location: str
    place: str
    original: str
    redacted: str
    #: The original cut into (text, detection or None) pieces for highlighting.
    pieces: list[tuple[str, Detection | None]]


@dataclass
class Preview:
    digest: str
    content: dict
    fields: list[FieldPreview] = field(default_factory=list)
    detections: list[Detection] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.errors

    def decisions(self) -> list[dict]:
        return [d.decision() for d in self.detections]

    def redacted_texts(self) -> list[str]:
        return [d.text for d in self.detections if d.replaced]

    @property
    def undecided(self) -> list[Detection]:
        return [d for d in self.detections if d.action == "review"]

    @property
    def uncertain(self) -> list[Detection]:
        return [d for d in self.detections if d.uncertain]


def digest(snapshot) -> str:
    """A fingerprint of the snapshot, so a confirmation applies to the content that was previewed."""
    raw = json.dumps(asdict(snapshot), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _strings(snapshot, names: dict[str, str]):
    """(location, Chinese place, text) for every string of the snapshot; ``names`` name its keys."""
    yield "title", "标题", snapshot.title
    yield "summary", "摘要", snapshot.summary
    yield "body", "正文", snapshot.body
    for name, value in snapshot.facets.items():
        if isinstance(value, str):
            yield f"facets/{name}", f"分类“{names.get(name, name)}”", value
    for t, (title, rows) in enumerate(snapshot.tables):
        yield f"tables/{t}", f"表格标题 {t + 1}", title
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if isinstance(cell, str):
                    yield f"tables/{t}/{r}/{c}", f"表格“{title}”第{r + 1}行第{c + 1}列", cell
    for name, items in snapshot.lists.items():
        for i, item in enumerate(items):
            if isinstance(item, str):
                yield f"lists/{name}/{i}", f"{name}第{i + 1}条", item
    for location, place, value in _figure_strings(snapshot.figures, "figures", "数据", names):
        yield location, place, value


#: The Chinese names of the facets every kind shares (the open-data fields' labels); a publisher names
#: its own facets and figures in ``field_labels`` (a key without a name is shown as it is written).
FACET_NAMES = {**{name: label for name, _type, label, _description in FIELDS}, "year": "年度"}


def _figure_strings(value, location, place, names):
    """Every string among the figures, however deep in dicts and lists (a list of pairs is published
    as it is: each of its strings is previewed and de-identified like any other)."""
    if isinstance(value, str):
        yield location, place, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _figure_strings(item, f"{location}/{key}", f"{place}“{names.get(key, key)}”", names)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _figure_strings(item, f"{location}/{i}", f"{place}第{i + 1}项", names)


def _occurrences(text: str, extras: list[str]) -> list[Span]:
    spans = []
    for extra in extras:
        start = text.find(extra)
        while start >= 0:
            spans.append(Span(start, start + len(extra), "sensitive_term", extra, 1.0, MANUAL_REASON))
            start = text.find(extra, start + len(extra))
    return spans


def _detection_id(location: str, start: int, end: int) -> str:
    return "d" + hashlib.sha1(f"{location}:{start}:{end}".encode()).hexdigest()[:10]


def redact_string(engine, location: str, place: str, text: str, extras: list[str], keeps: dict[str, str],
                  reviews: dict[str, str] | str | None = None):
    """De-identify one string: (redacted text, detections, residual spans, pieces)."""
    detections: list[Detection] = []
    to_redact: list[Span] = []
    seen: set[str] = set()
    for decision in engine.decide(text):
        span = decision.span
        det_id = _detection_id(location, span.start, span.end)
        if det_id in seen:  # two recognisers found the same text: one row, and the redaction still applies
            if decision.action in ("redact", "review") and det_id not in keeps:
                to_redact.append(span)
            continue
        seen.add(det_id)
        if decision.action == "keep":
            action, reason = "keep_policy", decision.reason
        elif det_id in keeps:
            action, reason = "keep", keeps[det_id]
        elif decision.action == "review":
            decided = reviews == REDACT_UNCERTAIN or (isinstance(reviews, dict) and reviews.get(det_id) == "redact")
            action, reason = ("review_redact", REVIEW_REDACT_REASON) if decided else ("review", decision.reason)
            to_redact.append(span)
        else:
            action, reason = "redact", decision.reason
            to_redact.append(span)
        detections.append(Detection(det_id, location, place, span.kind, span.text, span.start, span.end,
                                    action, reason, decision.action))
    for span in _occurrences(text, extras):
        detections.append(Detection(_detection_id(location, span.start, span.end) + "m", location, place, "manual",
                                    span.text, span.start, span.end, "redact_manual", MANUAL_REASON))
        to_redact.append(span)
    redacted = apply(text, merge(to_redact))
    kept = {d.text for d in detections if d.action in ("keep", "keep_policy")}
    residual = [d.span for d in engine.decide(redacted)
                if d.action in ("redact", "review") and d.span.text not in kept]
    residual += [Span(0, 0, "manual", extra, 1.0) for extra in extras if extra in redacted]
    return redacted, detections, residual, _pieces(text, detections)


def _pieces(text: str, detections: list[Detection]):
    pieces, pos = [], 0
    for det in sorted(detections, key=lambda d: (d.start, -d.end)):
        if det.start < pos:
            continue
        if det.start > pos:
            pieces.append((text[pos:det.start], None))
        pieces.append((text[det.start:det.end], det))
        pos = det.end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


def build_preview(snapshot, engine, extras=(), keeps: dict[str, str] | None = None,
                  reviews: dict[str, str] | str | None = None, field_labels: dict[str, str] | None = None) -> Preview:
    """Run the engine over every string of ``snapshot``; the preview holds the redacted content
    and shows every string (not only those with a detection): what is published is what is seen.
    ``field_labels`` are the publisher's Chinese names of its facets' and figures' keys."""
    extras = sorted({e.strip() for e in extras if e and e.strip()}, key=len, reverse=True)
    keeps = keeps or {}
    redacted: dict[str, str] = {}
    preview = Preview(digest(snapshot), {})
    residual_total: list[str] = []
    for location, place, text in _strings(snapshot, {**FACET_NAMES, **(field_labels or {})}):
        if not text:
            redacted[location] = text
            continue
        out, detections, residual, pieces = redact_string(engine, location, place, text, extras, keeps, reviews)
        redacted[location] = out
        preview.detections.extend(detections)
        residual_total.extend(f"{place}：“{s.text}”" for s in residual)
        preview.fields.append(FieldPreview(location, place, text, out, pieces))
    missing = [d for d in preview.detections if d.action == "keep" and not keeps.get(d.id, "").strip()]
    if missing:
        preview.errors.append(f"保留 {len(missing)} 处检测结果须填写理由")
    if preview.undecided:
        preview.errors.append(f"尚有 {len(preview.undecided)} 处不确定的检测（黄色标记）待确认：请逐项选择“脱密”或"
                              "“保留”（保留须说明理由）后再发布")
    if residual_total:
        shown = "；".join(residual_total[:5])
        preview.errors.append(f"脱密后仍检测到 {len(residual_total)} 处疑似敏感信息（{shown}），"
                              "请补充脱密或说明保留理由后再发布")
    preview.content = _content(snapshot, redacted)
    return preview


def _content(snapshot, redacted: dict[str, str]) -> dict:
    def figures(value, location):
        if isinstance(value, str):
            return redacted.get(location, value)
        if isinstance(value, dict):
            return {k: figures(v, f"{location}/{k}") for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [figures(v, f"{location}/{i}") for i, v in enumerate(value)]
        return value

    return {
        "title": redacted["title"], "summary": redacted["summary"], "body": redacted["body"],
        "facets": {k: redacted.get(f"facets/{k}", v) for k, v in snapshot.facets.items()},
        "figures": figures(snapshot.figures, "figures"),
        "tables": [[redacted.get(f"tables/{t}", title),
                    [[redacted.get(f"tables/{t}/{r}/{c}", cell) for c, cell in enumerate(row)]
                     for r, row in enumerate(rows)]] for t, (title, rows) in enumerate(snapshot.tables)],
        "lists": {name: [redacted.get(f"lists/{name}/{i}", item) for i, item in enumerate(items)]
                  for name, items in snapshot.lists.items()},
    }


__all__ = ["LABELS", "Preview", "build_preview", "digest"]
