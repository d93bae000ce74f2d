"""The de-identification engine: every recogniser on a normalised view, the policy, the re-scan.

``analyze`` runs the recognisers over :func:`portal.deid.normalize.normalise`'s view of the text
and maps each span back to exact offsets in the original.  Person names come from two sources side
by side — the rules (:mod:`portal.deid.person_name`, exact forms in :mod:`portal.deid.name_forms`)
and the statistical model (:mod:`portal.deid.ner`) — and :func:`portal.deid.name_combine.combine_names` turns their
agreement into one confidence.  Then, on the text as written (its lines and cells), numbers under
a table's 身份证号/卡号/电话 heading (:mod:`portal.deid.table_columns`) and names found by where
they stand (:mod:`portal.deid.name_slots`) are added.  The policy then gives every span one of three outcomes: *redact*,
*review* (a person decides before anything is published; :meth:`Deidentifier.redact` — the
unattended path — replaces review spans too: fail closed) or *keep* (policy, with its reason).
The last corrections of the spans (halves of one name joined, posts trimmed off a name, two readings
of the same digits) live in :mod:`portal.deid.span_mending`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from portal.deid import (
    bank_card,
    credit_code,
    email,
    id_number,
    latin_names,
    name_shapes,
    name_slots,
    ner,
    padded_names,
    phone,
    syllable_names,
    table_columns,
    translit_names,
    word_names,
)
from portal.deid.broken_lines import slot_broken
from portal.deid.name_combine import combine_names, with_compound_surname
from portal.deid.name_forms import KnownNames, find_compound, find_dotted, looks_like_name
from portal.deid.name_lexicon import LIST_SEPARATORS
from portal.deid.normalize import View, close_up, normalise
from portal.deid.not_names import FOLK_WORDS, no_person
from portal.deid.person_name import NameRecogniser
from portal.deid.policy import REDACT_AT, Decision, Policy, apply, merge
from portal.deid.sensitive_term import TermMatcher
from portal.deid.span_mending import (
    dotted_halves_joined,
    masked_whole,
    one_per_place,
    outermost_names,
    repeated_names_surer,
    spaced_last_letter,
    strongest_numbers,
    without_word_ends,
)
from portal.deid.spans import Span, inside_word, span_at

Recogniser = Callable[[str], Iterable[Span]]


@dataclass
class Result:
    """A redacted text, the spans replaced (offsets in the original), every decision, and what survived."""

    redacted: str
    spans: list[Span]
    decisions: list[Decision]
    #: Detections the re-scan still finds in ``redacted``; publishing is blocked unless empty.
    residual: list[Span] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.residual

    @property
    def reviews(self) -> list[Decision]:
        """Uncertain detections: replaced here (fail closed), to be decided by a person before publishing."""
        return [d for d in self.decisions if d.action == "review"]

    def problem(self) -> str:
        """A Chinese message naming what blocks publishing ('' when clean)."""
        if self.is_clean:
            return ""
        shown = "、".join(f"“{s.text}”" for s in self.residual[:5])
        return f"脱密后仍检测到 {len(self.residual)} 处疑似敏感信息（{shown}），请人工处理后再发布"


class Deidentifier:
    """Built once with what the portal knows; ``analyze`` and ``redact`` are pure functions of the text.

    ``recognisers`` are extra recognisers (a plugin's, through the ``register_recognizers`` hook):
    callables from a text to spans, run on the normalised view like the built-in ones.
    """

    def __init__(self, known_names: Iterable[str] = (), terms: Iterable[str] = (),
                 keep_credit_codes: Iterable[str] = (), keep_names: Iterable[str] = (),
                 recognisers: Iterable[Recogniser] = (), use_model: bool = True, cache=None):
        known_names, terms = sorted(set(known_names)), sorted(set(terms))
        keep_credit_codes, keep_names, recognisers = sorted(set(keep_credit_codes)), sorted(set(keep_names)), \
            list(recognisers)
        #: What the engine knows, as one value: a cached decision applies only to the same fingerprint.
        self.fingerprint = hashlib.sha256(json.dumps(
            [known_names, terms, keep_credit_codes, keep_names, [_name_of(r) for r in recognisers],
             use_model and ner.available()], ensure_ascii=False).encode()).hexdigest()
        self.cache = cache
        self.known = KnownNames(known_names)
        self.terms = TermMatcher(terms)
        self.names = NameRecogniser()
        self.policy = Policy(keep_credit_codes=keep_credit_codes, keep_names=keep_names)
        self.extra = list(recognisers)
        self.use_model = use_model and ner.available()

    def analyze(self, text: str) -> list[Span]:
        """Every detection of every recogniser, sorted by position (offsets in ``text``)."""
        view = normalise(text)
        found = self._analyze_view(view.text)
        # the last net, for review: names by their shape alone, where nothing below finds one either
        shaped = [s for s in name_shapes.find(view.text, found) if not no_person(s.text)]
        spans, shaped = _in_original(view, text, found), _in_original(view, text, shaped)
        # a surname ending a line where a name is written, its given name opening the next (司机某⏎某某)
        spans += [span_at("person_name", text, a, b, 0.65, "行末姓氏与下行名字（换行断开的姓名）")
                  for a, b in slot_broken(text)]
        # where a number or a name stands is read in the text as written: its lines and cells
        spans = table_columns.with_cells(spans, table_columns.find(text))
        # a name spaced apart found whole widens a part found otherwise (刘 满| 仓), and is surer than
        # the same letters found otherwise, less sure (the model's guess alone)
        padded = padded_names.find(text)
        spans = [s for s in spans if not any((p.start, p.end) == (s.start, s.end) and p.confidence > s.confidence
                                             and s.kind == "person_name" for p in padded)]
        spans += [p for p in padded
                  if not any(p.overlaps(s) and (s.kind != "person_name" or (s.start <= p.start and p.end <= s.end))
                             for s in spans)]
        taken = [s for s in spans if s.kind != "person_name"]
        rows = close_up(text)  # the text as written, letter-spaced and line-broken names closed up
        spans = outermost_names(sorted(_add_slot_names(rows, sorted(spans), taken)))
        spans = [padded_names.glued_surname(text, padded_names.whole_word(text, without_word_ends(text, padded_names.without_sex(s))))
                 for s in spans
                 if not (s.kind == "person_name" and _names_a_business(text, s))]
        spans = dotted_halves_joined(text, [spaced_last_letter(text, masked_whole(text, s)) for s in spans])
        spans += [s for s in shaped if not any(s.overlaps(o) for o in spans)]
        return one_per_place(repeated_names_surer(text, spans) + _after_names(rows, spans))

    def _analyze_view(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for finder in (id_number.find, bank_card.find, credit_code.find, phone.find, email.find,
                       self.terms.find, self.known.find, find_dotted, find_compound, *self.extra):
            spans.extend(finder(text))
        spans = strongest_numbers(spans)
        taken = [s for s in spans if s.kind != "person_name"]
        # names found exactly (known, dotted) lift their neighbours in a list of names
        seeds = [s for s in spans if s.kind == "person_name"]
        # …and so do names of syllables and transliterated names found whole (卓玛、…)
        syllables, transliterated = syllable_names.find(text), translit_names.find(text)
        whole = [s for s in syllables + transliterated if s.confidence >= 0.5 and not set(s.text) & set(LIST_SEPARATORS)]
        rules = [r for r in self.names.find(text, seeds=seeds + whole, floor=REVIEW_FLOOR)
                 if not any((w.start, w.end) == (r.start, r.end) and w.confidence > r.confidence for w in whole)
                 # nor a surname and one character begun inside a transliterated name (某某某|江用: 用 is none of it)
                 and not any(w.start < r.start < w.end < r.end and r.end - r.start == 2 for w in whole)]
        rules += [w for w in word_names.find(text) + latin_names.find(text)
                  if not any(w.overlaps(r) for r in rules + seeds)]
        # a name of syllables found whole widens a part the rules found (白玛|央宗)
        rules += [w for w in syllables if not any(r.start <= w.start and w.end <= r.end for r in rules + seeds)]
        # a transliterated name found whole widens a part found otherwise (朱|马别克·托合托逊)
        rules += [w for w in transliterated if not any(r.start <= w.start and w.end <= r.end for r in rules + seeds)]
        model = ner.find(text) if self.use_model else []
        spans = [s for s in spans if s.kind != "person_name" or s.confidence >= 1.0
                 or not translit_names.is_place(text, s.start, s.end)]
        for span in (with_compound_surname(text, s) for s in combine_names(text, rules, model, seeds)):
            # a name inside a number, an address or a term is not a name; nor is a place
            if not any(span.overlaps(t) for t in taken) and not translit_names.is_place(text, span.start, span.end) \
                    and not no_person(span.text) and not inside_word(text, span.start, span.end, FOLK_WORDS):
                spans.append(span)
        # a name of one syllable beside a name in a list (某某、旺堆)
        spans += syllable_names.beside(text, [s for s in spans if s.kind == "person_name" and s.confidence >= 0.6])
        return outermost_names(sorted(spans))

    def decide(self, text: str) -> list[Decision]:
        """Every detection of ``text`` with its outcome (read from the cache when there is one)."""
        if self.cache is not None:
            cached = self.cache.get(self.fingerprint, text)
            if cached is not None:
                return cached
        decisions = self.policy.decide(text, self.analyze(text))
        if self.cache is not None:
            self.cache.put(self.fingerprint, text, decisions)
        return decisions

    def _to_redact(self, text: str) -> tuple[list[Span], list[Decision]]:
        decisions = self.decide(text)
        return merge([d.span for d in decisions if d.action in ("redact", "review")]), decisions

    def redact(self, text: str) -> Result:
        """Replace what must not leave the portal (redact and review spans) by labels; re-scan the output."""
        spans, decisions = self._to_redact(text)
        redacted = apply(text, spans)
        residual, _ = self._to_redact(redacted)
        return Result(redacted, spans, decisions, residual)


#: Rule candidates from this score are reported (below the rules' own threshold: for review).
REVIEW_FLOOR = 0.35


PERSONAL_NUMBERS = ("id_number", "phone", "bank_card", "email")


def _add_slot_names(rows: View, spans: list[Span], taken: list[Span]) -> list[Span]:
    """The names :mod:`portal.deid.name_slots` finds by where they stand, added to ``spans``: a slot
    name replaces a name it crosses or lies inside only when it is surer than that name."""
    names = [s for s in spans if s.kind == "person_name"]
    identifiers = [s for s in spans if s.kind in PERSONAL_NUMBERS]
    dropped: set[Span] = set()
    added: list[Span] = []
    text = rows.original
    for found in name_slots.find(rows.text, [_into(rows, s) for s in names], [_into(rows, s) for s in identifiers]):
        start, end = rows.to_original(found.start, found.end)
        span = Span(start, end, found.kind, text[start:end], found.confidence, found.reason)
        if any(span.overlaps(t) for t in taken) or no_person(found.text) or (
                translit_names.is_place(rows.text, found.start, found.end) and not looks_like_name(found.text)):
            continue
        same = [n for n in names + added if (n.start, n.end) == (span.start, span.end)]
        crossing = [n for n in names + added if n.overlaps(span) and not (span.start <= n.start and n.end <= span.end)]
        # a slot's value that stops inside another name (团委邹|  某: the padded name read whole) cuts it —
        # unless that name is only put to review (鲜于某某|兔舍: 某某兔, a guess the repeated name corrects)
        if any(n.confidence >= span.confidence for n in same + crossing) or any(
                span.start < n.start < span.end < n.end and n.confidence >= REDACT_AT for n in crossing):
            continue
        dropped.update(same + crossing)  # the same text or a crossing one, now surer: one detection
        added = [a for a in added if a not in dropped]
        # a slot's value inside a wider name (某某|  某, 某某 |某某（满族）: the padded name read whole) makes
        # that name surer, whole
        wider = [n for n in crossing if n.start <= span.start and span.end <= n.end and n.confidence >= REDACT_AT
                 and not re.search(r"[\t\n\u3000]|  ", text[n.start:span.start] + text[span.end:n.end])]  # (no cell's edge)
        if wider:
            span = Span(wider[0].start, wider[0].end, span.kind, wider[0].text, span.confidence, span.reason)
        added.append(span)
    return [s for s in spans if s not in dropped] + added


#: A business named after its owner (“某某烤馕店”, 某某百货商店): the name of the business, kept.
_SHOP = (r"(?:饭庄|饭馆|饭店|餐厅|餐馆|酒店|宾馆|商店|商行|百货|超市|裁缝店|烤馕店|馕店|鲜花店|花店|五金|门市|诊所|农家乐|"
         r"便利店|小卖部|理发店|批发部|经营部|食品店|烟酒店|药店|茶馆|拉面馆|面馆|汽修|修理部|烧烤|养殖场|种植园|专业合作社|家庭农场|牧家乐)")
#: …set apart by a space, the shop's word ends its cell (某某 超市采购 is a row's next cell: bought at a supermarket).
_BUSINESS = re.compile(rf"{_SHOP}|[ \t]+{_SHOP}+(?![\u4e00-\u9fff])|(?:馕坑肉|烤肉|烤包子|干果|肉铺|经销部|菜刀|剪刀|刀剪)")  # no space: a shop's name or a brand
#: A party of a contract or a delivery (供货方：, 采购方) before a company's name: a trade's word and the
#: company's ending after the letters taken for a name (供货方：某某|电子有限公司).
_PARTY_BEFORE = re.compile(r"方[：:]?[ \t]*$")
_COMPANY_AFTER = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:有限责任公司|有限公司|集团|公司|合作社|厂)")


def _names_a_business(text: str, span: Span) -> bool:
    """Whether the letters taken for a name begin a shop's, a brand's or (after a party) a company's name."""
    return bool(_BUSINESS.match(text, span.end) or (
        _PARTY_BEFORE.search(text, max(0, span.start - 4), span.start) and _COMPANY_AFTER.match(text, span.end)))


def _in_original(view, text: str, spans: list[Span]) -> list[Span]:
    """Spans found in the normalised view, with offsets (and text) in ``text`` as written."""
    if view.identity:
        return spans
    out = []
    for s in spans:
        start, end = view.to_original(s.start, s.end)
        if s.kind == "person_name":
            start, end = padded_names.as_written(text, start, end)
        out.append(Span(start, end, s.kind, text[start:end], s.confidence, s.reason))
    return out


def _after_names(rows: View, spans: list[Span]) -> list[Span]:
    """What stands right after a name found (a mistyped ID, a phone, a card, the Latin form in
    brackets), read in ``rows`` — the text as written with its rows and cells, a table's tabs written
    ``\\t`` read as tabs, letter-spaced names closed up — and mapped back to the original."""
    text = rows.original
    seen = [_into(rows, s) for s in spans]
    found = (id_number.after_names(rows.text, seen) + phone.after_names(rows.text, seen)
             + bank_card.after_names(rows.text, seen) + latin_names.after_names(rows.text, seen))
    if rows.identity:
        return found
    return [span_at(s.kind, text, *rows.to_original(s.start, s.end), s.confidence, s.reason) for s in found]


def _into(view: View, span: Span) -> Span:
    start, end = view.from_original(span.start, span.end)
    return Span(start, end, span.kind, view.text[start:end], span.confidence, span.reason)


def _name_of(recogniser) -> str:
    return f"{getattr(recogniser, '__module__', '')}.{getattr(recogniser, '__qualname__', repr(recogniser))}"


