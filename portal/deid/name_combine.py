"""One list of person names from the rules and the statistical model (:func:`combine_names`).

Where both find a name the span covers both and its confidence rises; a name only the model
proposes is kept, reviewed or dropped by its shape and by what the dictionary knows of it.
"""

from __future__ import annotations

import re

from portal import segmentation
from portal.deid import translit_names
from portal.deid.name_forms import is_han, looks_like_name
from portal.deid.name_lexicon import (
    ADDRESS_TITLES,
    ANCHOR_RE,
    COMMON,
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    NEVER_GIVEN,
    NOT_IN_GIVEN_NAME,
    RIGHT_OK,
    SURNAMES,
    TRANSLIT,
)
from portal.deid.spans import Span

#: A post after a surname (王主任): no name.
POSTS = re.compile("|".join(ADDRESS_TITLES))


def combine_names(text: str, rules: list[Span], model: list[Span], seeds: list[Span]) -> list[Span]:
    """One list of name spans from the rules and the model.

    Where both find a name the span covers both and its confidence rises; a rule candidate below
    the rules' threshold that the model confirms becomes a name; a name only the model proposes is
    a name when the model is sure and it has the shape of one, and uncertain otherwise.
    """
    out: list[Span] = []
    exact = seeds + [s for s in rules if s.confidence >= 0.5]
    for span in rules:
        agree = [m for m in model if m.overlaps(span)]
        if agree:
            start = min([span.start] + [m.start for m in agree if _joins(text, m, span)])
            end = max([span.end] + [m.end for m in agree if _joins(text, m, span)])
            confidence = min(0.99, max(span.confidence, 0.5) + 0.25)
            out.append(_one_short_widened(text, Span(start, end, span.kind, text[start:end], confidence,
                                                  span.reason + "；统计模型亦识别")))
        else:
            out.append(span)
    for m in model:
        if any(m.overlaps(s) for s in rules) or any(m.overlaps(s) for s in seeds):
            continue
        m = with_compound_surname(text, _one_short_widened(text, _grower_cut(m)))
        start, end = translit_names.widen(text, m.start, m.end)
        if translit_names.place_run(text, start, end):
            continue  # 依某|某某其乡: a fragment of a place's name
        if (start, end) != (m.start, m.end):  # the model's fragment of a transliterated name
            m = Span(start, end, m.kind, text[start:end], m.confidence, m.reason)
            if translit_names.name_parts(m.text):
                out.append(Span(m.start, m.end, m.kind, m.text, 0.65, m.reason + "，少数民族姓名成分"))
                continue
        name = re.sub(r"[ \u3000\n]", "", m.text)  # read closed up: the model reads 某 某 letter-spaced too (or 某某\n某)
        if POSTS.search(name[1:]) or any(POSTS.match(name[1:] + text[m.end:m.end + k]) for k in (1, 2)):
            continue  # 王主任, 李局长 (or the model's 王主|任): a surname and a post, no name
        # a surname and characters no given name has (金|请, 费|壹佰贰) is no name's shape
        shaped = (looks_like_name(name) and not set(name[1:]) & NEVER_GIVEN) or set(name) <= TRANSLIT
        if text[m.start - 1:m.start] in _QUOTES_OPEN and text[m.end:m.end + 1] in _QUOTES_CLOSE \
                and not _NAMING.search(text, max(0, m.start - 4), m.start - 1):
            # “某某”变身器, 画面为“某某牧羊”: a title, a brand or a character the writer quotes — a person decides
            if looks_like_name(name) or set(name) <= TRANSLIT:
                out.append(Span(m.start, m.end, m.kind, m.text, 0.45, m.reason + "，加引号，可能是品牌或作品名，须人工确认"))
            continue
        if common_word(name) and m.confidence < 0.95:
            if m.confidence >= 0.6 and ANCHOR_RE.search(text, max(0, m.start - 12), m.start) and shaped_word(name):
                # …unless a post or a label stands right before it (队员江河因…): a person decides
                out.append(Span(m.start, m.end, m.kind, m.text, 0.45, m.reason + "，前有称谓/职务，但为常用词，须人工确认"))
            continue  # 林果, 陈述: a frequent word of the dictionary that is no name, and the model not sure
        if shaped and m.confidence >= 0.8 and not _in_exact(m, exact):
            out.append(Span(m.start, m.end, m.kind, m.text, 0.7, m.reason))
        elif shaped and m.confidence >= 0.5 and not _in_exact(m, exact) and not _ordinary_word(name):
            # a surname and a given name the dictionary does not know, read as a name by the model
            out.append(Span(m.start, m.end, m.kind, m.text, 0.65, m.reason + "，具姓名形式"))
        elif _ordinary_word(name) and m.confidence < 0.9:
            continue  # 惠企, 林果: a word of the dictionary that is no name, and the model is unsure
        elif (shaped and m.confidence >= 0.4) or m.confidence >= 0.85 or _unknown_word(name):
            out.append(Span(m.start, m.end, m.kind, m.text, 0.45, m.reason + "，把握不足，须人工确认"))
    return out


#: Crops whose growers are called by the crop and 农 (烟农, 椒农, 蔗农), not 农房, 农田.
_CROPS = set("烟椒果茶菜棉瓜花蜂蔗稻粮药桑参枣菇莓蒜姜葱薯麻豆杏桃梨橘柑橙蕉莲藕笋蚕林")


def _grower_cut(m: Span) -> Span:
    """The model's span that took in the grower before the name (椒农|某某某, 烟农|某某: a crop and
    农, then a surname and one or two characters): the name alone."""
    if len(m.text) in (4, 5) and m.text[0] in _CROPS and m.text[1] == "农" and m.text[2] in SURNAMES \
            and all(map(is_han, m.text)):
        return Span(m.start + 2, m.end, m.kind, m.text[2:], m.confidence, m.reason)
    return m


#: Words that quote a person's name as written (签字处为“…”, 原登记“…”, 名字错写成“…”, 叫“…”).
_NAMING = re.compile(r"(?:为|成|作|登记|叫|名|是|写|签|署|改)$")
_QUOTES_OPEN, _QUOTES_CLOSE = ("“", "「", "『", '"', "‘"), ("”", "」", "』", '"', "’")
_FAMILIAR = re.compile(r"^[老小]|^阿.$|[元整仟佰]")


def _unknown_word(word: str) -> bool:
    """Three or four Han characters the dictionary does not know as a common word, no 老王家/小刘,
    no amount in words: whatever the model's confidence, a person decides (rare surnames the rules
    do not know).  Two characters are left out: the model proposes too many fragments of places."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{3,4}", word)) and not _FAMILIAR.search(word) and not common_word(word) \
        and not translit_names.is_place(word, 0, len(word))


#: What may follow a whole name where the model stopped one character short (韦振|东与…, 周立|军\t已签).
_AFTER_NAME = re.compile(r"(?:[与和及等的在说系因于向对将把被为是户家代]|$|[^\u4e00-\u9fff])")


def _one_short_widened(text: str, span: Span) -> Span:
    """A name the model cut one character short is widened to the whole name: before 户 or 家 (谭玉|山户,
    as relief lists write a household by its head), or where a character names use stands between the
    model's span and a word that follows names (韦振|东与…, 周立|军 at a cell's end), or alone on the
    next line."""
    c, after = text[span.end:span.end + 1], text[span.end + 1:span.end + 2]
    if c == "\n" and span.end - span.start == 2 and is_han(after) and looks_like_name(span.text + after) \
            and not is_han(text[span.end + 2:span.end + 3] or "x") and after not in NOT_IN_GIVEN_NAME:
        # the name's last character alone on the next line, a cell's wrapped text (某某|\n某（…）
        return Span(span.start, span.end + 2, span.kind, text[span.start:span.end + 2], span.confidence, span.reason)
    if span.end - span.start != 2 or not is_han(c) or not looks_like_name(span.text + c):
        return span
    if (after in ("户", "家") and c not in "户家的之等") or (
            c not in NOT_IN_GIVEN_NAME and (c not in RIGHT_OK or c in "和与" and not is_han(after or "x"))  # 孟祥|和 11:00
            and _AFTER_NAME.match(text, span.end + 1)
            and not common_word(span.text + c) and not (after and c not in GIVEN_CHARS and common_word(c + after))):  # 某某|代为
        return Span(span.start, span.end + 1, span.kind, span.text + c, span.confidence, span.reason)
    return span


def with_compound_surname(text: str, span: Span) -> Span:
    """A name read without the first part of its compound surname (长|孙婉清, 闻|人晓月 at the start
    of a line or an item, or broken by a line) is widened to the whole name."""
    for back in (2, 1):
        start = span.start - back
        if start >= 0 and text[start:start + 2] in COMPOUND_SURNAMES and (
                start == 0 or not is_han(text[start - 1]) or text[start - 1] in "、，：；"):
            return Span(start, span.end, span.kind, text[start:span.end], span.confidence, span.reason)
    if span.start >= 3 and text[span.start - 1] == "\n" and text[span.start - 3:span.start - 1] in COMPOUND_SURNAMES:
        # the whole compound surname ends the line before (产妇呼延⏎某某)
        return Span(span.start - 3, span.end, span.kind, text[span.start - 3:span.end], span.confidence, span.reason)
    start = span.start - 2
    if start >= 0 and text[start + 1] == "\n" and text[start] + text[span.start] in COMPOUND_SURNAMES:
        # the compound surname broken by a line (我是夏\n侯某某): its first character ends the line before
        return Span(start, span.end, span.kind, text[start:span.end], span.confidence, span.reason)
    return span


def _joins(text: str, model: Span, rule: Span) -> bool:
    """Whether the model's span may widen the rule's: never across punctuation, a tab, a digit or a
    line break."""
    lo, hi = min(model.start, rule.start), max(model.end, rule.end)
    return not any(c in "，。、；：,.;:\n\t()（）" or c.isdigit() for c in text[lo:hi])


def _ordinary_word(word: str) -> bool:
    """A word jieba's dictionary knows, with a part of speech other than a person's name."""
    tags = segmentation.pos_tagger().word_tag_tab
    tag = tags.get(word)
    return tag is not None and not tag.startswith("nr")


def common_word(word: str) -> bool:
    """A word of the dictionary at least as frequent as :data:`COMMON`, other than a person's name
    (unless it is a very frequent word that the dictionary also tags as a name: 阳光)."""
    freq, tags = segmentation.pos_tagger().tokenizer.FREQ, segmentation.pos_tagger().word_tag_tab
    count = freq.get(word) or 0
    return count >= COMMON and (count >= 1000 or not (tags.get(word) or "").startswith("nr"))


def _in_exact(span: Span, exact: list[Span]) -> bool:
    return any(span.overlaps(e) for e in exact)


def shaped_word(word: str) -> bool:
    """An ordinary word that could be a name: a surname and one or two characters (高洁, 江河)."""
    return 2 <= len(word) <= 3 and word[0] in SURNAMES and all(map(is_han, word))
