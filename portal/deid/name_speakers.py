"""Who speaks: the speaker of a line of minutes or of a transcript, who wrote a line of a chat export,
and a person a photo's caption places (图为某某（左二）).  Part of :mod:`portal.deid.name_slots`; each
value is judged by :mod:`portal.deid.name_values`.
"""

from __future__ import annotations

import re

from portal.deid.name_forms import looks_like_name
from portal.deid.name_values import (
    DOTS,
    HAN,
    KIND,
    SPACE,
    SPEAKER_ROLE,
    SURE,
    TRANSLIT_ALL,
    dictionary,
    judge,
    name_shaped,
    wordy,
)
from portal.deid.spans import Span, span_at
from portal.deid.syllable_names import of_syllables

_LATIN = re.compile(r"[A-Z][a-z]+(?:[ .\-][A-Z][a-zA-Z]+){0,3}")
#: A person in a photo's caption: 图为某某（左二）, 某某（右一）.
CAPTION = re.compile(r"(?P<name>[" + HAN + re.escape(DOTS) + r"]{2,14})[（(](?:前排|后排|中排)?(?:[左右](?:起)?[一二三四五六七八九十0-9]+|中|居中)[)）]")
_CAPTION_LEAD = re.compile(r"^(?:图为|图中|照片中|左起|右起|左为|右为|中为|图|为)")
#: A chat export's line: [00:50:33], [2024-03-01 10:30] or 2024-03-01 10:30 unbracketed, and who wrote it
#: (letter-spaced too, as a scan's text has it).
CHAT_LINE = re.compile(r"^(?:\[[^\]\n]{1,25}\][ \t]*|(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?[ \t]+)"
                       r"(?P<name>[" + HAN + r"](?: ?[" + HAN + re.escape(DOTS) + r"]){1,11})[：:]", re.M)
SPEAKER = re.compile(r"^[" + SPACE + r"]*(?P<dash>[-—–]{1,2}[" + SPACE + r"]*)?(?P<name>[" + HAN + r"][" + HAN
                     + re.escape(DOTS) + r"]{1,13}|" + _LATIN.pattern + r")(?P<paren>[（(][^（()）\n]{1,20}[)）])?[：:]", re.M)


#: A post opening a speaker's line before the name (教练, 队医, 领队).
_POST_FIRST = re.compile(r"(?:教练|队医|领队|队长|裁判|组长|班长|老师|医生|护士|调度|司机|会计|出纳|主任|书记)(?=[\u4e00-\u9fff]{2})")
_SPEAKER_TITLE = re.compile(r"(?:书记|主任|局长|副局长|科长|股长|县长|乡长|镇长|村长|组长|主席|经理|会计|老师|同志|专家)$")


def _speaks(text: str, m: re.Match, word: str) -> bool:
    """车某某：我家院墙是…: a surname and a given name opening a line, what they said after the colon
    (at least six characters), or a letter's salutation alone on its line."""
    line_end = text.find("\n", m.end())
    said = text[m.end():line_end if line_end >= 0 else len(text)].strip()
    if not looks_like_name(word) or len(word) > 3 or set(word) & set("好他"):
        return False
    if said and _transcript(text):  # a turn of a transcript or a chat, however short: even a word of the dictionary (judged)
        return judge(word) is not None
    return judge(word) == SURE and not dictionary()[1].get(word) and not wordy(word) \
        and (len(said) >= 6 or (not said and line_end >= 0))


def _speaks_again(text: str, word: str) -> bool:
    """A name of sounds (某某某) opening two lines of a chat or a transcript or more: its speaker."""
    return 2 <= len(word) <= 5 and set(word) <= TRANSLIT_ALL and judge(word) == SURE \
        and len(re.findall(r"^[" + SPACE + r"]*" + re.escape(word) + r"[：:]", text, re.M)) >= 2


#: A line opened by a short run and a colon and going on in sentences: a turn of a transcript
#: (调解员：请双方陈述。, 某某：我家…，…), not a form's field (文号：…).
_TURN = re.compile(r"^[" + HAN + r"]{2,4}[：:][^\n]{4,}[，。！？；,!?]", re.M)


def _transcript(text: str) -> bool:
    """Whether ``text`` is a transcript: three turns or more (a word that could be a name opening one of
    them, 车长江：…, is then its speaker)."""
    return len(_TURN.findall(text)) >= 3


def speakers(text: str) -> list[Span]:
    """The speaker of a line of minutes: 萨日朗（州财政局）：… (a unit or role in brackets), or a line
    opened by a dash (——Aigul：…; a person confirms a word of the dictionary)."""
    out = []
    for m in SPEAKER.finditer(text):
        paren = m.group("paren")
        word = m.group("name")
        post = _POST_FIRST.match(word)
        if post and len(word) - post.end() >= 2 and (name_shaped(word[post.end():]) or of_syllables(word[post.end():])):  # 教练某某：…, 队医某某：…: the post opens the speaker's line
            word, start_shift = word[post.end():], post.end()
        else:
            start_shift = 0
        title = _SPEAKER_TITLE.search(word)
        if title and title.start() >= 2:  # 某某某江书记：…
            if (dictionary()[0].get(word[title.start() - 1:]) or 0) >= 1 or judge(word[:title.start()]) != SURE:
                continue  # 村民小组长：: the post is longer than the title; 指导老师：: a word before it
            word = word[:title.start()]
        elif not ((paren and SPEAKER_ROLE.search(paren)) or m.group("dash") or start_shift or _speaks(text, m, word)
                  or _speaks_again(text, word)):
            continue
        if word[0].isascii():
            confidence = SURE if len(word) >= 4 else None
        else:
            confidence = judge(word)
        if confidence is not None:
            start = m.start("name") + start_shift
            out.append(span_at(KIND, text, start, start + len(word), confidence, "会议记录中的发言人"))
    return out


def captions_and_chats(text: str) -> list[Span]:
    """A person in a caption (图为X（左二）) and who wrote a line of a chat export ([10:02] X：), if the
    writer's name is short or transliterated (a long word is more likely a nickname)."""
    out = []
    for m in CAPTION.finditer(text):
        start = m.start("name") + (_CAPTION_LEAD.match(m.group("name")) or re.match("", "")).end()
        confidence = judge(text[start:m.end("name")])
        if confidence is not None:
            out.append(span_at(KIND, text, start, m.end("name"), confidence, "图片说明中标注位置的人名"))
    for m in CHAT_LINE.finditer(text):
        word = m.group("name").replace(" ", "")
        # a nickname is no name to find (阳光彩虹): only a short word or a transliterated name counts
        if judge(word) == SURE and (len(word) <= 3 and looks_like_name(word) or set(word) <= TRANSLIT_ALL | set(DOTS)):
            out.append(span_at(KIND, text, m.start("name"), m.end("name"), SURE, "聊天记录中的发言人"))
    return out
