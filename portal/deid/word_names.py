"""Names that are ordinary words (江河, 方圆, 高洁) where the context says a person is meant.

The rules do not take a dictionary word for a name, and the model rarely does; but before a
personal title (高洁同志, 方圆主任) or as the speaker of a reporting verb (据江河介绍, 方圆表示) a
surname-led word is most likely a person.  Such spans are never certain: they are reported with a
confidence in the *review* band, so a person decides.
"""

from __future__ import annotations

import re

from portal.deid import translit_names
from portal.deid.name_forms import looks_like_name
from portal.deid.name_lexicon import COMPOUND_SURNAMES, SURNAMES
from portal.deid.name_values import judge
from portal.deid.spans import Span, span_at

KIND = "person_name"
_SURNAME = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])"
_TITLES = r"(?:同志|先生|女士|老师|局长|副局长|主任|副主任|科长|股长|书记|组长|会计|出纳|村医|支书)"
_SPEECH = r"(?:介绍|表示|反映|说|声称|指出|认为|提出|回忆|反馈)"
_START = r"(?:^|(?<=[\n。；;，,：:、“\"（(\s]))"
TITLE_AFTER = re.compile(_START + rf"({_SURNAME}[\u4e00-\u9fff]{{1,2}}?)(?={_TITLES}(?!师)(?![\u4e00-\u9fff]*[局委办院所站队中心]))")
#: A word ending like a body or a grade is no name (党支部书记, 高级会计师).
NOT_A_NAME = re.compile(r"[部局委办组队室科股所院站级]$|中心$")
SPEAKER = re.compile(rf"(?:据|经|听|向|与)({_SURNAME}[\u4e00-\u9fff]{{1,2}}?)(?={_SPEECH})|"
                     + _START + rf"({_SURNAME}[\u4e00-\u9fff]{{1,2}}?)(?={_SPEECH})")
CONFIDENCE = 0.45
# Who speaks in a chat export ([14:02] 库尔曼江：, [16:48] 阿克陶财政-宗晓峰：) and whom a message names (@黎明).
_NAME_CHARS = r"[\u4e00-\u9fff·]"
CHAT_SPEAKER = re.compile(r"^\[[^\]\n]{1,25}\][ \t]*(?:[^：:\n@\[\]]{1,14}[-－—])?(" + _NAME_CHARS + r"{2,12})[：:]", re.M)
MENTION = re.compile(r"[@＠](" + _NAME_CHARS + r"{2,12}?)(?=[ \t\u3000,，:：]|$)", re.M)
SELF_NAMED = re.compile(r"(?:[我他她]叫|名叫|叫做|本人名叫|[我他她]的名字是)(" + _NAME_CHARS + r"{2,8}?)(?=[，,。；;、\s]|$)")


#: Whom a letter or a notice greets at its head (某某您好：, 尊敬的某某：, after a sender in brackets: 【某站】某某您好): a person.
GREETED = re.compile(r"(?:^|尊敬的|】|\])(" + _NAME_CHARS + r"{2,8}?)(?:先生|女士|同志)?[，,]?(?:您好|你好)", re.M)


_TITLE_WORDS = re.compile(_TITLES + "|主任|局长|书记|部长|县长|乡长|镇长|村长")


def find(text: str) -> list[Span]:
    spans = []
    for m in TITLE_AFTER.finditer(text):
        spans.append(span_at(KIND, text, m.start(1), m.end(1), CONFIDENCE, "后接称谓的词语，可能是人名，须人工确认"))
    for m in SPEAKER.finditer(text):
        group = 1 if m.group(1) else 2
        spans.append(span_at(KIND, text, m.start(group), m.end(group), CONFIDENCE,
                             "作为说话人的词语，可能是人名，须人工确认"))
    for pattern, why in ((CHAT_SPEAKER, "聊天记录中的发言人"), (MENTION, "聊天记录中@的人"), (SELF_NAMED, "自我介绍的姓名")):
        for m in pattern.finditer(text):
            word = m.group(1)
            if translit_names.name_parts(word) or "·" in word:
                spans.append(span_at(KIND, text, m.start(1), m.end(1), 0.65, why))
            elif looks_like_name(word):  # 黎明, or a nickname such as 向日葵: a person decides
                spans.append(span_at(KIND, text, m.start(1), m.end(1), CONFIDENCE, why + "，可能是昵称，须人工确认"))
    for m in GREETED.finditer(text):
        confidence = judge(m.group(1))
        if confidence is not None:
            spans.append(span_at(KIND, text, m.start(1), m.end(1), confidence, "信函开头称呼的姓名"))
    # 王主任: a surname and a post; 党支部, 高级: a body or a grade
    return [s for s in spans if not _TITLE_WORDS.search(s.text[1:]) and not NOT_A_NAME.search(s.text)]
