"""Short names standing letter-spaced in unspaced text (喻 晨, ``邵　宁``, 蔺 远 航), read as written.

Typesetting pads a two-character name with a space so that it lines up with the three-character
names of a roster, and justified table cells spread a name's characters apart; text extracted from
such a PDF or copied from such a table keeps the spaces where nothing else in the line is spaced.
Two to four single characters spaced apart, with no letter-spacing around them, standing as a word
of their own on both sides and led by a surname (or made of transliteration sounds), are a name.
Where they also make an ordinary word (方圆, 江河) the spacing is the only evidence, and a person
decides (review); otherwise they are redacted.
"""

from __future__ import annotations

import re

from portal import segmentation
from portal.deid import translit_names
from portal.deid.name_forms import is_han as _is_han
from portal.deid.name_lexicon import COMMON, COMPOUND_SURNAMES, ROLE_TAILS, SURNAMES, TRANSLIT, WORDY_SURNAMES
from portal.deid.name_values import DOTS, LABEL_END, dictionary
from portal.deid.not_names import FORM_WORDS
from portal.deid.spans import Span, span_at
from portal.deid.syllable_names import CHARS as SYLLABLE_CHARS

KIND = "person_name"
_CJK = r"\u4e00-\u9fff"
#: Two to four CJK characters, one space (half- or full-width) between each, none spaced around them;
#: three or four with two spaces between each (张  某  某); two characters with two to six spaces
#: between (王  芳), or a surname so padded before a given name of two (金  某某), also after a word
#: and a space (二等 王  芳; not after a single character so spaced: 金 额  元); a compound surname, a
#: space and one character, or two ending the word (上官 某某。), or two letter-spaced (上官 某 某、).
SPACED = re.compile(rf"(?<![{_CJK}][ \u3000])(?<!·)[{_CJK}](?:[ \u3000][{_CJK}]){{1,3}}(?![ \u3000][{_CJK}])"
                    rf"|(?<![{_CJK}]  )(?<![{_CJK}]\u3000\u3000)(?<!·)[{_CJK}](?:(?:  |\u3000\u3000)[{_CJK}]){{2,3}}(?![ \u3000][{_CJK}])"
                    # 王  芳, 金  某某 (a surname padded), the next cell after other spacing
                    rf"|(?<!(?<![{_CJK}])[{_CJK}][ \u3000])[{_CJK}](?: {{2,6}}|\u3000{{2}})(?:[{_CJK}]{{2}}(?![{_CJK}])|[{_CJK}])"
                    rf"(?!(?: {{2,6}}|\u3000{{2}})[{_CJK}])"
                    rf"|(?<![{_CJK}][ \u3000])(?:{'|'.join(COMPOUND_SURNAMES)})[ \u3000]"
                    rf"(?:[{_CJK}][ \u3000][{_CJK}](?![ \u3000][{_CJK}])|[{_CJK}]{{2}}(?![{_CJK}])|[{_CJK}](?![ \u3000]?[{_CJK}][ \u3000]))")
#: What follows a surname in a sentence without being a given name: function words, pronouns, a
#: sex, a pseudonym's 某, the units of a place (付 县…: a verb before a county's name).
NOT_GIVEN = set("的了是在和与及等也都就又他她它我你这那个们从向对把被为将于并或而且男女某县乡镇村市区省州每")
#: Single characters that end a word before a name: posts and roles, a household, a trader or a hand
#: (收购|商, 采收|工), lead-ins (由, 向, 请…, and 至 of a plot's boundaries: 南至某某宅基地) and 的 (5单元的某 某 某).
_BEFORE_NAME = set(ROLE_TAILS + "长师由给向与和让请派找被叫至妻夫的科股室局办队站所")
#: Kin named after a pronoun before a name (其子某　某　某; not 女高 某某, a choir's part).
_KIN_BEFORE = re.compile(r"[其之他她][女子儿父母姐妹哥弟]$")
_LABEL_AFTER = re.compile(r"[ \u3000]?[：:]")
SURE, UNSURE = 0.65, 0.45


def find(text: str) -> list[Span]:
    if " " not in text and "\u3000" not in text:
        return []
    spans = []
    _, tags = dictionary()
    m = SPACED.search(text)
    while m:
        span = _candidate(text, m.start(), m.end(), tags)
        if not span and m.start() and _is_han(text[m.start() - 1]) and m.end() - m.start() >= 5 \
                and _is_han(text[m.start() + 2]):
            # the first letter ends the word before (某某村 某 某: 村 is the village's), the rest a name
            span = _candidate(text, m.start() + 2, m.end(), tags)
        if not span and m.end() - m.start() >= 7 and _is_han(text[m.end():m.end() + 1]):
            # the last letter begins the next word, unspaced (某 某 某 车牌): the letters before it
            span = _candidate(text, m.start(), m.end() - 2, tags)
        if span:
            spans.append(span)
        # a candidate turned down may hide one that starts inside it (二等 王  芳: 等 王 is no name)
        m = SPACED.search(text, m.end() if span else m.start() + 1)
    return spans


def _candidate(text: str, start: int, end: int, tags: dict) -> Span | None:
    if start and text[start - 1:start + 1] in COMPOUND_SURNAMES:
        start -= 1  # 欧阳  某  某: the whole surname
    word = re.sub(r"[ \u3000]", "", text[start:end])
    # (和 ends Mongol names of sounds: 某和 spaced is no "and")
    not_given = NOT_GIVEN - {"和"} if set(word) <= SOUNDS else NOT_GIVEN
    given = word[2:] if word[:2] in COMPOUND_SURNAMES else word[1:]  # (a compound surname's letters are none of it)
    tag = tags.get(word)
    # 单 位：, 金 额：: a letter-spaced field label, a word the dictionary knows (not as a name) before a
    # colon — not a chat's speaker padded to a name's width (某  某：…)
    label = _LABEL_AFTER.match(text, end) and (tag is not None and not tag.startswith("nr") or word in FORM_WORDS
                                               or word[-2:] in FORM_WORDS or LABEL_END.search(word)
                                               or not (tags.get(word[-2:]) or "nr").startswith("nr"))  # 路  邮编：
    if label or not_given & set(given) or not _led_like_a_name(word):
        return None
    if not (_word_ends_before(text, start) and _word_ends_after(text, word, end)) or _spaced_line(text, start, end):
        return None
    if tag is not None and not tag.startswith("nr"):
        return span_at(KIND, text, start, end, UNSURE, "字间以空格隔开的词语，可能是人名，须人工确认")
    return span_at(KIND, text, start, end, SURE, "字间以空格隔开的姓名（排版补齐或表格对齐）")


_SPACED_LABEL = re.compile(rf"[{_CJK}](?:[ \u3000][{_CJK}])+[ \u3000]?[：:]")
#: (\x00 stands for a label or a name taken out of the line: 某 某 某 车|牌 蒙D, what it leaves of a word is no pair)
_PAIR = re.compile(rf"(?<![{_CJK}\x00])[{_CJK}][ \u3000]+[{_CJK}](?![{_CJK}])|[：:，,][ \u3000]+[{_CJK}](?![{_CJK}])")


def _spaced_line(text: str, start: int, end: int) -> bool:
    """Whether the rest of the line is letter-spaced too (单 位 ： 万 元, 项 目 名 称): a heading."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    rest = text[line_start:start] + "\n" + text[end:line_end if line_end >= 0 else len(text)]
    # a person's field label spaced apart before the name (姓 名：某　某　某) makes no heading either
    rest = _SPACED_LABEL.sub(lambda m: "\x00" if LABEL_END.search(re.sub(r"[ \u3000：:]", "", m.group(0))) else m.group(0), rest)
    # other short names spaced the same way (a roster's line: 某 某、某 某) make no heading
    rest = SPACED.sub(lambda m: "\x00" if _led_like_a_name(re.sub(r"[ \u3000]", "", m.group(0))) else m.group(0), rest)
    return bool(_PAIR.search(rest)) or text[max(0, start - 2):start - 1] in ("：", ":", "，", ",") and start >= 2 \
        and text[start - 1] in " \u3000"


def _led_like_a_name(word: str) -> bool:
    """A surname first (a compound one for four characters), or the sounds of a name throughout."""
    # (a surname that mostly begins words, 居 然, is one where the spacing sets it apart)
    if len(word) == 2 and word[0] in WORDY_SURNAMES:
        return True
    if len(word) == 3 and word[0] in WORDY_SURNAMES and word[0] not in SURNAMES:
        # 从 某 某, not 权 利 人 (a label whose word the surname begins)
        return next(iter(segmentation.jieba().cut(word, HMM=False))) == word[0]
    return word[0] in SURNAMES or word[:2] in COMPOUND_SURNAMES or set(word) <= SOUNDS


def _word_ends_before(text: str, start: int) -> bool:
    """Nothing of a word runs into the surname: a boundary, or a dictionary word of two characters
    or more ends right before it (去年|邵 宁, 本人|喻 晨; not 柳晓|梅 罗, the end of another name,
    nor 工程|师 克, a word that the surname ends)."""
    if start and text[start - 1].isdigit():
        return False  # 第2周 某某, 3号 某某: the unit of a number, not a surname
    if start == 0 or not ("\u4e00" <= text[start - 1] <= "\u9fff") or _KIN_BEFORE.search(text, max(0, start - 2), start):
        return True
    if text[start - 1] in "人员" and start >= 2 and _is_han(text[start - 2]) \
            and dictionary()[0].get(re.sub(r"[ \u3000]", "", text[start:start + 4])[:2], 0) < 100:
        return True  # …监护人|某　某　某: a role's word ends there, whatever the dictionary joins across (not 本人|马 上)
    tokens = list(segmentation.jieba().cut(text[max(0, start - 4):start + 1], HMM=False))
    # a post, a role, a household or a word a sentence names a person after (网格员|王  芳, 由|…) ends a word too
    return len(tokens) >= 2 and len(tokens[-1]) == 1 and (len(tokens[-2]) >= 2 or tokens[-2] in _BEFORE_NAME)


def _word_ends_after(text: str, word: str, end: int) -> bool:
    """The name ends a word once closed up: 喻晨|负责, 蔺远航|申请, not 高|质量."""
    pos = 0
    for token in segmentation.jieba().cut(word + text[end:end + 4], HMM=False):
        pos += len(token)
        if pos >= len(word):
            return pos == len(word)
    return False


#: How far a name's word is looked for on each side of the part found (six characters and a role of three).
_REACH = 9
#: The characters of names of sounds: transliterated, Tibetan and Mongol.
SOUNDS = TRANSLIT | set(SYLLABLE_CHARS)


def glued_surname(text: str, span: Span) -> Span:
    """A letter-spaced given name whose surname OCR glued to the word before (授予某 某 某, 社保科某 某 某),
    or a letter-spaced name of sounds whose first sound it glued so (副驾某 某 某): widened to it."""
    lo = span.start
    if span.kind != KIND or lo < 3 or text[lo - 1] != " " or not _is_han(text[lo - 3]) \
            or not re.fullmatch(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff])+", span.text):
        return span
    glued, letters = text[lo - 2], set(span.text) - {" "}
    if not (len(span.text) == 3 and glued in SURNAMES | WORDY_SURNAMES
            or glued in TRANSLIT and glued not in NOT_GIVEN and letters <= TRANSLIT):
        return span
    return Span(lo - 2, span.end, span.kind, text[lo - 2:span.end], span.confidence, span.reason)


def whole_word(text: str, span: Span) -> Span:
    """A name found in part where the writer sets names apart with spaces (本人 某某某某 对…, ：某某某 8 个
    班) is widened to the whole word between the spaces, if what the part leaves is a surname before it
    or, for a name of sounds, more sounds — never a function word, a place or a word of the dictionary."""
    lo, hi = span.start, span.end
    if span.kind != KIND or not all(_is_han(c) for c in span.text):
        return span
    # (a word longer than six characters, even after a role of three, is no cell: look no further)
    while lo > 0 and _is_han(text[lo - 1]) and span.start - lo < _REACH:
        lo -= 1
    while hi < len(text) and _is_han(text[hi]) and hi - span.end < _REACH:
        hi += 1
    if (lo > 0 and _is_han(text[lo - 1])) or (hi < len(text) and _is_han(text[hi])):
        return span
    lo = translit_names.after_role(text, lo, span.start)
    if (lo, hi) == (span.start, span.end) or hi - lo > 6 or not (
            text[lo - 1:lo] in (" ", "\u3000") or text[hi:hi + 1] in (" ", "\u3000")):
        return span
    left, right, word = text[lo:span.start], text[span.end:hi], text[lo:hi]
    sounds = set(span.text) <= SOUNDS
    if left and not (len(left) == 1 and left in SURNAMES and span.text[0] not in SURNAMES
                     or sounds and set(left) <= SOUNDS):
        return span
    if right and not (sounds and set(right) <= SOUNDS and not set(right) & NOT_GIVEN):
        return span
    freq, _ = dictionary()
    if (freq.get(word) or 0) >= COMMON or translit_names.is_place(text, lo, hi) or translit_names.place_run(text, lo, hi):
        return span
    return Span(lo, hi, span.kind, word, span.confidence, span.reason)


_SEX_AFTER = re.compile(r"[ \t\u3000]+[男女]$")


#: Given names that end in 男 (a daughter's, wishing for a son), not a name and its sex.
_MALE_GIVEN = {"胜男", "亚男", "若男", "楠男", "振男", "招男", "盼男", "赛男", "冠男", "佳男", "晓男", "超男"}


def without_sex(span: Span) -> Span:
    """A letter-spaced name read with the sex written after it (帕 哈 尔 丁 男): the name alone."""
    m = _SEX_AFTER.search(span.text) if span.kind == "person_name" else None
    if not m or len(span.text[:m.start()].replace(" ", "")) < 2:
        return span
    name = span.text.replace(" ", "")
    if len(name) == 3 and name[1:] in _MALE_GIVEN:
        return span  # 某 胜 男: a given name that ends in 男 (胜男, 亚男), no sex after it
    return Span(span.start, span.start + m.start(), span.kind, span.text[:m.start()], span.confidence, span.reason)


#: What stands between letters spaced apart: a space, or the dot of a dotted name as conversions leave it.
_LETTER_GAP = " \u3000" + DOTS
#: A word of two characters or more set apart before letters spaced apart (5号床 某 某 · 某 某).
_WORD_BEFORE_LETTERS = re.compile(rf"([{_CJK}]{{2,}}) (?=[{_CJK}][{re.escape(_LETTER_GAP)}]+[{_CJK}])")


def as_written(text: str, start: int, end: int) -> tuple[int, int]:
    """Where a name read on the closed-up view of ``text`` begins and ends as written: after a count's
    unit ending the line above (出勤22天⏎某某某) or a word set apart before its letters (3号床 某 某 ·
    某 某 — but a compound surname so set apart is the name's, 欧阳 某 某, and so is a first letter glued
    to the word before, 学员艾 某 某, or a Mongol name's part, 图门 某 某); and a dotted name at its last
    letter set apart (某 某 某．某 某 某|跟他学: the sentence runs on unspaced after it)."""
    return _starts(text, start, end), _ends(text, start, end)


#: A word glued before a letter-spaced name's surname (售户某 某 某, 采购员欧阳 某 某): the run before the first space.
_GLUED_RUN = re.compile(rf"[{_CJK}]{{3,}}(?= [{_CJK}])")


def _starts(text: str, start: int, end: int) -> int:
    broken = text.find("\n", start, end)
    if 0 < broken - start <= 2 and start and text[start - 1].isdigit():
        return broken + 1
    glued = _GLUED_RUN.match(text, start, end)
    if glued:  # the role's word ends before the surname (售户|某 某 某): the name begins at the surname
        run = glued.group(0)
        for size in (2, 1):
            surname, before = run[-size:], run[-size - 1]
            if (surname in COMPOUND_SURNAMES if size == 2 else surname in SURNAMES) and before in _BEFORE_NAME:
                return glued.end() - size
    m = _WORD_BEFORE_LETTERS.match(text, start, end)
    if m is None or m.group(1) in COMPOUND_SURNAMES or m.group(1)[-1] in SOUNDS | SURNAMES:
        return start
    return m.end()


def _ends(text: str, start: int, end: int) -> int:
    k, letters = start, 0
    while k + 1 < end and _is_han(text[k]) and text[k + 1] in _LETTER_GAP:
        k += 1
        while k < end and text[k] in _LETTER_GAP:
            k += 1
        letters += 1
    tail = text[k + 1:end]
    if letters >= 2 and " " in text[start:k] and any(c in DOTS for c in text[start:k]) \
            and len(tail) >= 2 and all(map(_is_han, tail)):
        return k + 1
    return end
