"""The de-identification engine: every recogniser, the policy, and the fail-closed re-scan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from portal.deid import bank_card, credit_code, email, id_number, phone
from portal.deid.name_forms import KnownNames, find_dotted
from portal.deid.person_name import NameRecogniser
from portal.deid.policy import Decision, Policy, apply, merge
from portal.deid.sensitive_term import TermMatcher
from portal.deid.spans import Span


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

    def problem(self) -> str:
        """A Chinese message naming what blocks publishing ('' when clean)."""
        if self.is_clean:
            return ""
        shown = "、".join(f"“{s.text}”" for s in self.residual[:5])
        return f"脱密后仍检测到 {len(self.residual)} 处疑似敏感信息（{shown}），请人工处理后再发布"


class Deidentifier:
    """Built once with what the portal knows; ``analyze`` and ``redact`` are pure functions of the text."""

    def __init__(self, known_names: Iterable[str] = (), terms: Iterable[str] = (),
                 keep_credit_codes: Iterable[str] = (), keep_names: Iterable[str] = ()):
        self.known = KnownNames(known_names)
        self.terms = TermMatcher(terms)
        self.names = NameRecogniser()
        self.policy = Policy(keep_credit_codes=keep_credit_codes, keep_names=keep_names)

    def analyze(self, text: str) -> list[Span]:
        """Every detection of every recogniser, sorted by position (overlaps included)."""
        spans: list[Span] = []
        for finder in (id_number.find, bank_card.find, credit_code.find, phone.find, email.find,
                       self.terms.find, self.known.find, find_dotted):
            spans.extend(finder(text))
        taken = [s for s in spans if s.kind != "person_name"]
        # names found exactly (known, dotted) lift their neighbours in a list of names
        seeds = [s for s in spans if s.kind == "person_name"]
        for span in self.names.find(text, seeds=seeds):
            # a statistical name inside a number, an address or a term is not a name
            if not any(span.overlaps(t) for t in taken):
                spans.append(span)
        return sorted(spans)

    def _to_redact(self, text: str) -> tuple[list[Span], list[Decision]]:
        decisions = self.policy.decide(text, self.analyze(text))
        return merge([d.span for d in decisions if d.action == "redact"]), decisions

    def redact(self, text: str) -> Result:
        """Replace what must not leave the portal by labels; re-scan the output (fail closed)."""
        spans, decisions = self._to_redact(text)
        redacted = apply(text, spans)
        residual, _ = self._to_redact(redacted)
        return Result(redacted, spans, decisions, residual)
