"""Relatives: a name followed by its bearer's kinship in brackets (某某（姑母）) and the name right
after a kinship word in a sentence (与妻子某某因…).  Part of :mod:`portal.deid.name_slots`; each value
is judged by :mod:`portal.deid.name_values`.
"""

from __future__ import annotations

import re

from portal import segmentation
from portal.deid.name_forms import is_han, looks_like_name
from portal.deid.name_lexicon import COMMON, COMPOUND_SURNAMES, GIVEN_CHARS, SURNAME_WORDS, TRANSLIT
from portal.deid.name_values import DOTS, HAN, KIND, SURE, dictionary, judge
from portal.deid.spans import Span, span_at

#: A value followed by its bearer's kinship in brackets (监护人 某某（姑母）, 某某（之子）): a relative.
KIN_ANNOTATED = re.compile(r"(?:^|(?<=[\s、，,；;：:｜|]))(?P<name>[" + HAN + r"][" + HAN + re.escape(DOTS) + r"]{1,13})"
                           r"(?=[ \u3000]?[（(](?:外?祖[父母]|父亲?|母亲?|姑[母姑父]|舅[舅父妈]|姨[母妈父]|叔[叔父]|伯[父母]|[兄姐弟妹]|哥哥|姐姐|"
                           r"配偶|妻子?|丈夫|之?[子女]|儿子|女儿|[长次][子女]|孙[子女]|外孙女?|外甥女?|侄[子女]?|儿媳|女婿|[继养岳][父母]|公公|婆婆)[)），,、])",
                           re.M)


#: Whose relative a person is (某某某之父某某): the name before 之父, 之母… at an item's start.
_KIN_OF = re.compile(r"(?:^|(?<=[\s、，,；;：:]))(?P<name>[" + HAN + r"][" + HAN + re.escape(DOTS) + r"]{1,9})(?=之[父母子女妻夫])",
                     re.M)


def annotated(text: str) -> list[Span]:
    """A value followed by its bearer's kinship in brackets, or by 之父, 之母… and the relative."""
    out = [span_at(KIND, text, m.start("name"), m.end("name"), SURE, "亲属称谓前的姓名") for m in _KIN_OF.finditer(text)
           if judge(m.group("name")) == SURE]
    for m in KIN_ANNOTATED.finditer(text):
        confidence = judge(m.group("name"))
        if confidence is not None:
            out.append(span_at(KIND, text, m.start("name"), m.end("name"), confidence, "后注亲属关系的姓名"))
    return out


#: A kinship word a sentence names a relative after (与妻子某某…, 其丈夫某某顶岗).
_KIN_LEAD = re.compile(r"(?:其(?:妻子|丈夫|爱人|父亲|母亲|儿子|女儿|[兄弟姐妹孙侄])|之[父母妻夫]|妻子|丈夫|爱人|配偶|父亲|母亲|其父|其母|其妻|其夫|儿子|女儿|之子|之女|其子|其女|长子|次子|长女|次女|"
                       r"孙子|孙女|哥哥|姐姐|弟弟|妹妹|侄子|侄女|儿媳|女婿)(?=[" + HAN + r"])")


#: Characters that follow a name in a sentence rather than belong to it (某某|因…, 某某|在…).
_NOT_IN_KIN_NAME = set("因在于按背被把将和与及的了是也都就又向给对从已未不没为由以等去说到回")


def after_kin(text: str) -> list[Span]:
    """The name right after a kinship word in a sentence: the next word if the dictionary does not know
    it as a common one, or the run of single characters it cuts into (喀热木|顶岗)."""
    out = []
    freq, tags = dictionary()
    for m in _KIN_LEAD.finditer(text):
        pos, run, singles = m.end(), "", True
        for token in segmentation.jieba().cut(text[pos:pos + 8], HMM=False):
            if not is_han(token[0]) or token[0] in _NOT_IN_KIN_NAME:
                break
            if len(token) == 1:
                run += token
                continue
            if not run and token in COMPOUND_SURNAMES:
                run = token  # 其女上官|某: a compound surname the dictionary knows as a word
                continue
            tag = tags.get(token) or ""
            rare = tag[:1] not in ("v", "p", "d", "c", "m", "q") and ((freq.get(token) or 0) < COMMON or tag.startswith("nr"))
            # …or a word made of given-name characters after a surname (女儿童|欣然: the kinship names a person)
            given = run in SURNAME_WORDS and len(token) == 2 and set(token) <= GIVEN_CHARS \
                and tag[:1] not in ("v", "p", "c", "m", "q", "t")
            if rare and (not run and len(token) <= 4 or run in SURNAME_WORDS and len(token) == 2) or given:
                run, singles = run + token, False  # 某某 or a surname and a rare word for a given name (其父某|某某)
                if run in COMPOUND_SURNAMES:
                    continue  # 其子欧阳|某: the given name follows a compound surname
            break
        if 2 <= len(run) <= 4 and judge(run) == SURE:
            # a word of the dictionary (长子|马匹) is put to the reviewer; single characters run on into the
            # sentence (女儿|同住各十天) only where they are a name's (a surname, or sounds)
            wordy = (freq.get(run) or 0) > 0 and (not (tags.get(run) or "").startswith("nr")
                                                  or not set(run[1:]) <= GIVEN_CHARS)
            if singles and len(run) >= 3 and not looks_like_name(run) and not set(run) <= TRANSLIT:
                continue
            out.append(span_at(KIND, text, pos, pos + len(run), 0.45 if wordy else 0.65,
                               "亲属称谓后的常用词，须人工确认" if wordy else "亲属称谓后的姓名"))
    return out
