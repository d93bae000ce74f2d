"""Names that are ordinary words (江河, 方圆, 高洁) where the context says a person is meant.

The rules do not take a dictionary word for a name, and the model rarely does; but before a
personal title (高洁同志, 方圆主任) or as the speaker of a reporting verb (据江河介绍, 方圆表示) a
surname-led word is most likely a person.  Such spans are never certain: they are reported with a
confidence in the *review* band, so a person decides.
"""

from __future__ import annotations

import re

from portal.deid.name_lexicon import COMPOUND_SURNAMES, SURNAMES
from portal.deid.spans import Span, span_at

KIND = "person_name"
_SURNAME = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])"
_TITLES = r"(?:同志|先生|女士|老师|局长|副局长|主任|副主任|科长|股长|书记|组长|会计|出纳|村医|支书)"
_SPEECH = r"(?:介绍|表示|反映|说|称|指出|认为|提出|回忆|反馈)"
_START = r"(?:^|(?<=[\n。；;，,：:、“\"（(\s]))"
TITLE_AFTER = re.compile(_START + rf"({_SURNAME}[\u4e00-\u9fff]{{1,2}}?)(?={_TITLES}(?![\u4e00-\u9fff]*[局委办院所站队中心]))")
SPEAKER = re.compile(rf"(?:据|经|听|向|与)({_SURNAME}[\u4e00-\u9fff]{{1,2}}?)(?={_SPEECH})|"
                     + _START + rf"({_SURNAME}[\u4e00-\u9fff]{{1,2}}?)(?={_SPEECH})")
CONFIDENCE = 0.45


_TITLE_WORDS = re.compile(_TITLES + "|主任|局长|书记|部长|县长|乡长|镇长|村长")


def find(text: str) -> list[Span]:
    spans = []
    for m in TITLE_AFTER.finditer(text):
        spans.append(span_at(KIND, text, m.start(1), m.end(1), CONFIDENCE, "后接称谓的词语，可能是人名，须人工确认"))
    for m in SPEAKER.finditer(text):
        group = 1 if m.group(1) else 2
        spans.append(span_at(KIND, text, m.start(group), m.end(group), CONFIDENCE,
                             "作为说话人的词语，可能是人名，须人工确认"))
    return [s for s in spans if not _TITLE_WORDS.search(s.text[1:])]  # 王主任: a surname and a post
