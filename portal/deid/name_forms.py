"""Names in their exact forms: the names the portal knows (in every spelling of the middle dot),
and Uyghur and Kazakh names written with a middle dot or the ？/? a conversion left in its place."""

from __future__ import annotations

import re
from collections.abc import Iterable

from portal import segmentation
from portal.deid.name_lexicon import (
    COMPOUND_SURNAMES,
    DOT_NAME,
    KIN_WORD,
    KIND,
    NOT_IN_GIVEN_NAME,
    SURNAMES,
    TRANSLIT,
    TRUE_DOTS,
)
from portal.deid.spans import Span, span_at


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def name_variants(name: str) -> set[str]:
    """A known name as it may be written: the middle dot in any of its forms, or lost to ？."""
    name = name.strip()
    parts = re.split(f"[{TRUE_DOTS}．.？?]", name)
    if len(parts) < 2:
        return {name}
    return {sep.join(parts) for sep in (*TRUE_DOTS, "．", "？", "?", "")}


class KnownNames:
    """Exact matching of the names the portal knows (longest first)."""

    def __init__(self, names: Iterable[str]):
        variants = {v for n in names if looks_like_name(n) for v in name_variants(n)}
        ordered = sorted(variants, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def find(self, text: str) -> list[Span]:
        if self.pattern is None:
            return []
        return [span_at(KIND, text, m.start(), m.end(), 1.0, "平台已知人员姓名")
                for m in self.pattern.finditer(text)]


def looks_like_name(name: str) -> bool:
    """Users' full names include role accounts (系统管理员); keep only what can be a person's name."""
    name = (name or "").strip()
    if not name or not all(is_han(c) or c in TRUE_DOTS + "．.？?" for c in name):
        return False
    if any(c in TRUE_DOTS + "．.？?" for c in name):
        return 3 <= len(name) <= 20
    return 2 <= len(name) <= 4 and (name[0] in SURNAMES or name[:2] in COMPOUND_SURNAMES)


def find_dotted(text: str) -> list[Span]:
    """Uyghur/Kazakh names: Han parts joined by a middle dot (or a ？ left by a conversion).

    A run of dotted words may hold several names (托乎提·色依提的补助误发至阿孜古丽·托乎提): a name
    goes on through a middle part only if that part is all transliteration characters."""
    spans = []
    for m in DOT_NAME.finditer(text):
        parts = re.split(r"([·・•‧∙･．.？?\-])", m.group(0))
        words, seps = parts[0::2], parts[1::2]
        starts, pos = [], m.start()
        for k, word in enumerate(words):
            starts.append(pos)
            pos += len(word) + (len(seps[k]) if k < len(seps) else 0)
        first_word = 0
        for k in range(1, len(words)):
            if k < len(words) - 1 and set(words[k]) <= TRANSLIT and len(words[k]) <= 8:
                continue  # a middle part: the name goes on
            span = _dotted_name(text, words, seps, starts, first_word, k)
            if span:
                spans.append(span)
            first_word = k
    return spans


def _dotted_name(text, words, seps, starts, a, b):
    """The name made of words[a] (its tail) … words[b] (its head), or None."""
    first = _tail_in(words[a], TRANSLIT)
    for k in (1, 2):  # 其丈|夫某某·…: a kin word's end is no sound of the name
        if len(first) - k >= 2 and _KIN_END.search(words[a], 0, len(words[a]) - len(first) + k):
            first = first[k:]
            break
    if "和" in first[:-2]:  # 王芳和阿不都·买买提, 陶春兰和米吉提·卡哈尔: 和 is the conjunction
        first = first[first.rindex("和", 0, len(first) - 2) + 1:]
    clan = next((c for c in MANCHU_CLANS if words[a].endswith(c)), None) if b == a + 1 and seps[a] in TRUE_DOTS else None
    if clan:  # 爱新觉罗·某某: a Manchu clan's name, then a Han given name of one or two characters
        first, given = clan, re.match(r"[\u4e00-\u9fff]{1,2}", words[b]).group(0)
        return span_at(KIND, text, starts[a] + len(words[a]) - len(clan), starts[b] + len(given), 0.9, "满族姓氏加名字（间隔号）")
    last = _head_in(words[b], TRANSLIT)
    if len(last) == 1 and len(words[b]) == 2 and seps[b - 1] in TRUE_DOTS and not is_han(text[starts[b] + 2:starts[b] + 3] or "x"):
        last = words[b]  # a last part of two characters, one of them no sound of the alphabet (某某·阿|散（)
    if last.endswith("和") and len(last) > 2:  # 买合木提·吐尔洪和水管员杨俊杰
        last = last[:-1]
    joined = last.find("和", 2)  # 某某·某某和|孟某: 和 joins the next person, a surname and a name
    if joined > 0 and words[b][joined + 1:joined + 2] in SURNAMES and len(words[b]) >= joined + 3:
        last = last[:joined]
    if not first and len(last) >= 2 and seps[a] in TRUE_DOTS and b == a + 1:
        first = _place_word_before(words[a], last)  # 塔城·某某: a name given after a place
    if not first or not last:
        return None
    loose = any(sep in "？?．.-" for sep in seps[a:b])  # a dot a conversion or a keyboard put otherwise
    if loose and (len(first) < 2 or len(last) < 2):
        return None
    start = starts[a] + len(words[a]) - len(first)
    end = starts[b] + len(last)
    return span_at(KIND, text, start, end, 0.85 if loose else 0.95,
                   "少数民族姓名（间隔号" + ("被转换为问号）" if loose else "）"))


#: Manchu clans' names written before a dot and the given name (爱新觉罗·某某).
MANCHU_CLANS = ("爱新觉罗", "西林觉罗", "伊尔根觉罗", "叶赫那拉", "钮祜禄", "瓜尔佳", "舒穆禄", "赫舍里", "他塔拉", "富察",
                "佟佳", "完颜", "那拉")


#: A kin word a dotted name may follow (其丈夫某某·某某).
_KIN_END = re.compile(KIN_WORD + "$")


def _place_word_before(word: str, last: str) -> str:
    """The place or name word that ends ``word`` (请|塔城), as a name's first part before a true
    middle dot, when the part after the dot is no place (中国·乌鲁木齐 is an address)."""
    tagger = segmentation.pos_tagger()
    if (tagger.word_tag_tab.get(last) or "").startswith("ns"):
        return ""
    tokens = list(tagger.cut(word[-6:]))
    token, flag = (tokens[-1].word, tokens[-1].flag) if tokens else ("", "")
    return token if 2 <= len(token) <= 4 and flag in ("ns", "nr", "nrt") and all(map(is_han, token)) else ""


def _tail_in(word: str, chars: set[str]) -> str:
    i = len(word)
    while i > 0 and word[i - 1] in chars and len(word) - i < 8:
        i -= 1
    return word[i:]


def _head_in(word: str, chars: set[str]) -> str:
    i = 0
    while i < len(word) and word[i] in chars and i < 8:
        i += 1
    return word[:i]


#: Compound surnames that are no ordinary word (东方, 第五, 东门, 百里, 西门, 南宫, 司空 are words too).
_RARE_COMPOUNDS = [c for c in COMPOUND_SURNAMES if c not in ("东方", "第五", "东门", "百里", "西门", "南宫", "司空", "单于",
                                                             "公良", "乐正", "左丘")]
_COMPOUND_NAME = re.compile(rf"({'|'.join(_RARE_COMPOUNDS)})([\u4e00-\u9fff]{{1,2}}?)(?=[^\u4e00-\u9fff]|[等和与及的在于为对向已将说因从代签确]|$)")


def find_compound(text: str) -> list[Span]:
    """A rare compound surname (欧阳, 司徒, 鲜于, 万俟…) and a given name of one or two characters
    before a boundary: a name, whatever the given name (来宾司徒景行等3人); with no boundary, the given
    name is what the dictionary cuts before the sentence's next word (某某某|合办…, 某某某某|捐…)."""
    spans = [span_at(KIND, text, m.start(), m.end(), 0.7, "复姓加名") for m in _COMPOUND_NAME.finditer(text)
             if len(m.group(2)) >= 1 and not _ETHNONYM.match(text, max(0, m.start() - 1))]
    for m in _COMPOUND_GLUED.finditer(text):
        if any(s.start == m.start() for s in spans) or _ETHNONYM.match(text, max(0, m.start() - 1)):
            continue
        given = _given_before_a_verb(m.group(2))
        if given and all(c not in NOT_IN_GIVEN_NAME for c in given):
            spans.append(span_at(KIND, text, m.start(), m.end(1) + len(given), 0.7, "复姓加名"))
    return spans


def _given_before_a_verb(run: str) -> str:
    """The given name opening ``run`` when the dictionary cuts a verb, a preposition or a conjunction
    right after it (某|合办…, 某某|交来…, 某某|捐…): one letter, two single ones, or a two-letter word
    the dictionary knows only as an adjective (卓然) or not at all."""
    tags = segmentation.pos_tagger().word_tag_tab
    words = list(segmentation.jieba().cut(run, HMM=False))
    if len(words) < 2:
        return ""
    if len(words[0]) == 2:
        given, after = words[0], words[1]
        if (tags.get(given) or "a")[:1] not in "a":
            return ""
    elif len(words[1]) == 1 and words[1] not in _NOT_GIVEN_AFTER and len(words) > 2:
        given, after = words[0] + words[1], words[2]
    else:
        given, after = words[0], words[1]
    return given if (tags.get(after) or "x")[:1] in "vpc" or after[0] in _NOT_GIVEN_AFTER else ""


#: A rare compound surname glued to the sentence's words (not 长孙, a grandson too).
_COMPOUND_GLUED = re.compile(rf"({'|'.join(c for c in _RARE_COMPOUNDS if c != '长孙')})(?=([\u4e00-\u9fff]{{3,6}}))")
#: Single characters that begin the words after a name, not its given name's second letter.
_NOT_GIVEN_AFTER = set("等和与及的在于为对向已将说因从代签确捐把被让给是也都就还又氏")


#: A people's or a country's name that holds a compound surname's letters (塔吉克族, 塔吉克斯坦).
_ETHNONYM = re.compile(r"塔吉克")
