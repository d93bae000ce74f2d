"""The redaction policy: which spans are replaced, by which label, and what disclosure keeps."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from portal.deid import credit_code, public_figures
from portal.deid.name_combine import common_word
from portal.deid.name_lexicon import ADDRESS_TITLES, COMPOUND_SURNAMES, SURNAME_WORDS, SURNAMES
from portal.deid.name_values import FAMILIAR, dictionary
from portal.deid.spans import Span

LABELS = {
    "person_name": "[姓名]",
    "id_number": "[身份证号]",
    "phone": "[电话]",
    "email": "[邮箱]",
    "bank_card": "[银行卡号]",
    "credit_code": "[信用代码]",
    "sensitive_term": "[敏感信息]",
}
#: Which kind names a merged span when detections overlap (checksums beat guesses).
PRIORITY = {"sensitive_term": 7, "id_number": 6, "credit_code": 5, "bank_card": 4, "email": 3, "phone": 2,
            "person_name": 1}
LABEL_RE = re.compile("|".join(re.escape(v) for v in LABELS.values()))

# 文号 (财预〔2023〕12号, 新财预〔2018〕158号, 新准党财〔2019〕3 号) — disclosure needs them intact.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号")
# A state leader named in a political formula (习近平新时代中国特色社会主义思想, …总书记): public, not personal.
LEADER = re.compile(r"[\u4e00-\u9fff]{2,3}(?=总书记|新时代)")


#: A name already anonymous: 李某, 张某某, 王某甲, 欧阳某, and one masked inside (王某华, 次某卓玛).
PSEUDONYM = re.compile(r"^[\u4e00-\u9fff]{1,2}某(?:某?[甲乙丙丁戊]?|[\u4e00-\u9fff]{1,2})家?$")
#: The names a form's example is filled with (申请表中“张三”“李四”为填写示例): nobody's.
SAMPLE = re.compile(r"^(?:张三|李四|王五|赵六)$")
#: A surname and how one addresses its bearer (王老师, 李会计, 汪工): nobody named, kept as 王某 is.
SURNAME_TITLE = re.compile(r"^(?P<surname>[\u4e00-\u9fff]{1,2}?)(?:副?(?:" + "|".join(ADDRESS_TITLES) + r")|老板|老汉|大姐|大哥|大爷|"
                           r"大妈|阿姨|律师|出纳|院长|校长|连长|副局长|副主任|科员|干事|专干|专员|技术员|警官|民警|奶奶|"
                           r"爷爷|大娘|婶|叔|姐|哥|副|局|工|总|委员|社长|馆长|店长|主管|护士|护工|药师|医师|技师|教练|叔叔|伯伯|婶婶|嫂子|嫂|厨师|氏|园长|爸爸|妈妈|爸|妈|社工|政委|教导员|指导员|阿婆|阿公|阿妈|阿爸|阿叔|阿伯|阿哥|阿姐|婆婆|大叔|场长|保管|姓|主席|裁判|参谋|探长|兽医|支队长|大队长|中队长|导|队|机长|船长|车长|舰长|副驾|教员|教官)$")
#: From this confidence a detection is redacted; below it, down to REVIEW_AT, a person decides.
REDACT_AT = 0.6
REVIEW_AT = 0.3
ACTIONS = ("redact", "review", "keep")


@dataclass(frozen=True)
class Decision:
    """What the policy does with one detection: ``redact`` (with its label), ``review`` (uncertain:
    a person decides before publishing; replaced where nobody can) or ``keep`` (policy, with why)."""

    span: Span
    action: str
    label: str
    reason: str

    def as_dict(self) -> dict:
        """The public shape (``jixiao deidentify --format json``)."""
        return {**self.span.as_dict(), "action": self.action, "reason": self.reason}


class Policy:
    """Turns detections into decisions; built with what the portal must keep."""

    def __init__(self, keep_credit_codes: Iterable[str] = (), keep_names: Iterable[str] = ()):
        self.keep_credit_codes = {c.strip().upper() for c in keep_credit_codes if c}
        names = sorted({n.strip() for n in keep_names if n and n.strip()}, key=len, reverse=True)
        self.keep_pattern = re.compile("|".join(map(re.escape, names))) if names else None

    def protected(self, text: str) -> list[tuple[int, int, str]]:
        """Ranges disclosure requires intact: organisation names the portal knows, 文号, labels already there."""
        ranges = [(m.start(), m.end(), "文号") for m in DOC_NUMBER.finditer(text)]
        ranges += [(m.start(), m.end(), "已脱密标签") for m in LABEL_RE.finditer(text)]
        ranges += [(m.start(), m.end(), "国家领导人的公开称谓") for m in LEADER.finditer(text)]
        if self.keep_pattern is not None:
            ranges += [(m.start(), m.end(), "单位名称") for m in self.keep_pattern.finditer(text)]
        return ranges

    def decide(self, text: str, spans: list[Span]) -> list[Decision]:
        protected = self.protected(text)
        decisions = []
        for span in spans:
            label = LABELS[span.kind]
            hit = next((why for s, e, why in protected if s < span.end and span.start < e), None)
            if span.kind == "credit_code" and span.text.upper() in self.keep_credit_codes \
                    and not credit_code.is_individual_business(span.text):
                decisions.append(Decision(span, "keep", label, "本平台登记单位自身的信用代码，依规公开"))
            elif hit and (span.kind == "person_name" and span.confidence < 1.0 or hit == "已脱密标签"):
                decisions.append(Decision(span, "keep", label, f"位于{hit}内，予以保留"))
            elif span.kind == "person_name" and PSEUDONYM.match(re.sub(r"\s", "", span.text)):
                decisions.append(Decision(span, "keep", label, "化名（某），本身已匿名"))
            elif span.kind == "person_name" and span.confidence < 1.0 \
                    and (figure := public_figures.named(text, span.start, span.end)):
                decisions.append(Decision(span, figure, label, "历史人物、文学形象等公众人物，非个人信息" if figure == "keep"
                                          else "与历史人物、文学形象同名，请确认是否指真实个人"))
            elif span.kind == "person_name" and SAMPLE.match(span.text) and re.search(r"示例|样例|范例|例如|填写", text):
                decisions.append(Decision(span, "keep", label, "填写示例中的姓名，不指向真人"))
            elif span.kind == "person_name" and (_surname_and_title(re.sub(r"\s", "", span.text))
                                                 or _cut_from_title(text, span)):
                decisions.append(Decision(span, "keep", label, "姓氏加称谓，未指明姓名"))
            elif span.kind == "person_name" and FAMILIAR.fullmatch(span.text) and span.text[1] in SURNAMES:
                # how one calls a colleague or a neighbour by the surname alone (老张, 小王)
                decisions.append(Decision(span, "keep", label, "以姓相称（老某、小某），未指明姓名"))
            elif span.confidence >= REDACT_AT:
                decisions.append(Decision(span, "redact", label, span.reason))
            elif span.confidence >= REVIEW_AT:
                decisions.append(Decision(span, "review", label, span.reason))
        return decisions




def _cut_from_title(text: str, span: Span) -> bool:
    """A surname and the first characters of a title, the title running on after the span (韩阿|姨,
    鲁干|事, 邵指|导员): a surname and how one addresses its bearer, cut short."""
    word = re.sub(r"\s", "", span.text)
    if len(word) in (3, 4) and word[-2] in "科股室局办处队所站" and word[-1] in SURNAMES \
            and any((m := SURNAME_TITLE.match(word[-1] + text[span.end:span.end + k])) and m.group("surname") == word[-1]
                    for k in (2, 3)):
        return True  # 宿管科|张科长: a unit's name, then a surname and its title
    if len(word) > 3:
        return False
    for k in (1, 2):
        m = SURNAME_TITLE.match(word + text[span.end:span.end + k])
        # the title begins inside the span (not 某和|同志: a name before a whole title)
        if m and m.group("surname") in SURNAME_WORDS and len(m.group("surname")) < len(word):
            return True
    # a unit, then a surname and its title (社区|韩|主任): the span took the unit for a name's start
    freq, tags = dictionary()
    if len(word) == 3 and word[1] in "总工局队导" and (m := SURNAME_TITLE.match(word[:2])) and m.group("surname") == word[0]:
        return True  # 王总|订的…: a surname and its one-character title, a verb after
    # (not a compound surname and its given name: 司徒某|老师 names the teacher)
    return len(word) == 3 and word[-1] in SURNAMES and common_word(word[:2]) and word[:2] not in COMPOUND_SURNAMES \
        and any((m := SURNAME_TITLE.match(word[-1] + text[span.end:span.end + k])) and m.group("surname") == word[-1]
                for k in (1, 2, 3))


def _surname_and_title(word: str) -> bool:
    """王主任, 上官叔叔 — or read with the last character of the word before (教师|王老师)."""
    for w in (word, word[1:]) if len(word) >= 4 else (word,):
        m = SURNAME_TITLE.match(w)
        if m and m.group("surname") in SURNAME_WORDS:
            return True
    return False


def merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans become one, named by the strongest kind among them."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            lead = max((last, span), key=lambda s: (PRIORITY[s.kind], s.confidence))
            end = max(last.end, span.end)
            merged[-1] = Span(last.start, end, lead.kind, last.text + span.text[last.end - span.start:]
                              if end > last.end else last.text, max(last.confidence, span.confidence), lead.reason)
        else:
            merged.append(span)
    return merged


def apply(text: str, spans: list[Span]) -> str:
    """Replace each (merged, non-overlapping) span by its label."""
    out, pos = [], 0
    for span in spans:
        out.append(text[pos:span.start])
        out.append(LABELS[span.kind])
        pos = span.end
    out.append(text[pos:])
    return "".join(out)
