"""Names written in Latin script inside Chinese text: Uyghur, Kazakh and Kyrgyz names in bilingual
forms, e-mail signatures and chat exports (联系人：Nurbek Turganbai（努尔别克）).

In a Chinese document two or three capitalised Latin words in a row are, far more often than not, a
person's name; the exceptions are English words of job titles, organisations and form fields, kept
in :data:`NOT_NAMES`.  A name followed by its Chinese transliteration in brackets, or standing right
after a label, is certain; any other is reported with a confidence that still redacts.
"""

from __future__ import annotations

import re

from portal.deid.name_lexicon import ANCHOR_RE, KIN_WORD
from portal.deid.name_values import SURE, judge, name_shaped
from portal.deid.spans import Span, span_at
from portal.deid.translit_names import is_place

KIND = "person_name"
#: Nothing of a word, an address or a hyphenated word before a name (a dash of punctuation, ——, may be).
_START = r"(?<![A-Za-z0-9@._])(?<![A-Za-z0-9@._]-)"
_WORD = r"[A-ZÄÖÜÇŞİÉ][a-zäöüéèıǵğşçñ']{1,15}"
PATTERN = re.compile(_START + rf"({_WORD}(?:[ \u00a0](?:(?:uulu|kyzy|uly|qizi|ogli)[ \u00a0])?{_WORD}){{1,2}})(?![A-Za-z0-9@\-])")
NOT_NAMES = set("""
Assistant Auditor Audit Manager Director Deputy Chief Head Officer Engineer Accountant Secretary President Chairman
Project Company Co Ltd Limited Group Bureau Finance Financial Department Office Committee Government County City
Prefecture Region Autonomous Xinjiang China Chinese Kashgar Kizilsu Akto Atush Ulugqat Aheqi Urumqi Kashi Road Street
Avenue District Town Township Village Park Center Centre Hotel Bank Agricultural Industrial Commercial Construction
Report Reports Evaluation Performance Budget Management Consulting Service Services Technology Tech Network Email
Mail Tel Tele Phone Mobile Mob Fax Address Add Web Website Dear Best Regards Thanks Thank You Hello Hi Mr Mrs Ms Dr
The And Of For To In On At By With From Page Table Figure Total Sum Note Notes Date Time Year Month Day Monday
Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
October November December Microsoft Word Excel Office Windows PDF Adobe Acrobat WeChat Alipay QQ Baidu Google
Apple Android Huawei Xiaomi Oppo Vivo Lenovo Dell Canon Epson HP Intel Invoice Contract Receipt Form Sign Signature
Invitation Letter Forum Central Asian Education Conference Meeting Workshop Seminar Training Delegation Visit
Schedule Agenda Please Sincerely Yours Faithfully Data Export Import Index Rate Value Online System
Name Names Gender Male Female Unit Amount Account Card Number No ID Code Sent Subject Re Fw Fwd Cc Bcc Original
Message Attachment Attachments Yes Ok OK Received Team Leader Member Members Expert Experts Panel Review Reviewer
Republic Port Customs Border Station Market Trading Industry Cooperative Farm School University College Hospital
Clinic Kazakhstan Kyrgyzstan Tajikistan Uzbekistan Pakistan Mongolia Russia Almaty Bishkek Astana Kyrgyz Kazakh Uyghur
Horgos Khorgos Ili Altay Aksu Hotan Turpan Hami Korla Karamay Tacheng Bortala Changji Shihezi Alashankou Irkeshtam
Torugart Nahiye Nahiyilik Maliye Idarisi Idare Bashqurush Ponkiti Yeza Kent Shehiri Wilayiti Aptonom Rayoni Xizmet
Merkizi Mektep Doxturxana Shirket Unum Xirajet Ishxanisi Komiteti Hökümiti Hokumiti
Foundation Fund Development Asian Law Firm Association Institute Academy Agency Authority Corporation Enterprise
International Partners Holdings Investment Insurance Securities Trust Capital Cooperation Programme Program
Python Java Linux Unix Oracle Photoshop PowerPoint Autocad Wps Mysql Docker Vue React Chrome Firefox Zoom Tencent
""".split())


#: Surnames in Hanyu Pinyin, as passports and certificates write them in capitals (GENG Ruolan, WANG Lei).
PINYIN_SURNAMES = set("""
WANG LI ZHANG LIU CHEN YANG HUANG ZHAO ZHOU WU XU SUN MA ZHU HU GUO HE LIN LUO ZHENG LIANG XIE SONG TANG HAN FENG
DENG CAO PENG ZENG XIAO TIAN DONG YUAN PAN JIANG CAI YU DU YE CHENG SU WEI LYU LV LU DING REN SHEN YAO CUI ZHONG TAN
FAN JIN LIAO JIA XIA FU FANG BAI ZOU MENG XIONG QIN QIU YIN XUE YAN DUAN LEI HOU LONG SHI TAO GU MAO HAO GONG SHAO
WAN QIAN DAI MO KONG CHANG WEN KANG NIU GE XING AN QI YI QIAO PANG NI ZHUANG NIE YUE ZHAI ZHAN GENG GUAN LAN JIAO
ZUO GAN BAO NING SHANG SHU RUAN KE JI MEI TONG LING BI SHAN PEI HUO TU MIAO SHENG QU WENG RAN LIAN TENG ZHAN MU
OUYANG SIMA SHANGGUAN ZHUGE DONGFANG HUANGFU DUANMU LINGHU SIKONG SITU XIAHOU NANGONG WANYAN YUWEN MURONG ZHANGSUN
GONGSUN HUYAN WENREN ZHONGLI TANTAI
""".split())
#: A given name in pinyin: one to three syllables (Wei, Xiaolong, Zhiyong), not an English word (Revolution).
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|"
             r"ia|ie|iu|ua|uo|ue|ui|er|a|e|i|o|u|v|ü)")
PINYIN_GIVEN = re.compile(f"(?:{_SYLLABLE}){{1,3}}", re.I)
#: A surname of one syllable the list above lacks (GAO, XIANG): one spoken syllable in capitals.
ONE_SYLLABLE = re.compile(_SYLLABLE, re.I)
CAPS = re.compile(_START + r"([A-Z]{2,10})[ \u00a0]([A-Z][a-z]{1,15}(?:-[a-z]{2,10})?|[A-Z]{2,15})(?:[ \u00a0]([A-Z][a-z]{1,15}))?"
                  r"(?![A-Za-z0-9@\-])")
#: Family names of Korea and Viet Nam as passports write them, in capitals before the given name
#: (KIM Xxx-xxx, NGUYEN Xxx Xxx).
EAST_ASIAN_SURNAMES = set("""
KIM LEE PARK CHOI JUNG JEONG KANG CHO JO YOON YUN JANG LIM HAN OH SEO SHIN KWON HWANG AHN SONG JEON HONG YOO
KO MOON YANG SON BAE BAEK HEO NAM NOH HA KWAK SUNG CHA JOO WOO MIN RYU NA JIN CHAE WON
NGUYEN TRAN LE PHAM HOANG HUYNH PHAN VU VO DANG BUI DO HO NGO DUONG LY TRINH DINH LAM TRUONG
""".split())


#: A pinyin surname in capitals at a line's end, the given name opening the next (签名：OUYANG⏎Zijian).
CAPS_BROKEN = re.compile(_START + r"([A-Z]{2,10})\n([A-Z][a-z]{1,15})(?![A-Za-z0-9@\-])")
#: Any Latin letter, accented ones included (Ö, ş, é, ğ).
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž"
#: A given name (accented, or two joined by a hyphen), then the family name in capitals (Rustam KADIROV,
#: Zijian OUYANG, Xxx-Yyyy ZZZZ).
GIVEN_CAPS = re.compile(_START + rf"([{_LETTER}]{{3,16}}(?:-[{_LETTER}]{{2,16}})?)[ \u00a0]([A-Z]{{3,15}})(?![{_LETTER}0-9@\-])")


def _title(word: str) -> bool:
    """Xxxx or Xxxx-Yyyy: each part capitalised, the rest in lower case."""
    return all(part[:1].isupper() and part[1:].islower() for part in word.split("-"))


def _capitals(text: str) -> list[Span]:
    """GENG Ruolan, WANG Lei, AYGUL TURSUN after a label: the surname in capitals as on a passport."""
    spans = [span_at(KIND, text, m.start(), m.end(), 0.8, "拼音书写的姓名（姓氏大写，跨行）") for m in CAPS_BROKEN.finditer(text)
             if m.group(1) in PINYIN_SURNAMES and PINYIN_GIVEN.fullmatch(m.group(2))]
    for m in GIVEN_CAPS.finditer(text):
        given, family = m.group(1), m.group(2)
        # a family name that can be spoken (four letters or more, two vowels: not an acronym, PDF or GDP)
        spoken = len(family) >= 4 and sum(c in "AEIOUY" for c in family) >= 2
        if _title(given) and given not in NOT_NAMES and family.title() not in NOT_NAMES and (
                family in PINYIN_SURNAMES or TURKIC_PARTS.search(family) or given in TURKIC_GIVEN
                or TURKIC_PARTS.search(given) or spoken):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.75, "拉丁字母书写的姓名（姓氏大写在后）"))
    for m in CAPS.finditer(text):
        labelled = bool(re.search(r"[：:]\s*$", text[max(0, m.start() - 3):m.start()]))
        if (m.group(1) in PINYIN_SURNAMES or ONE_SYLLABLE.fullmatch(m.group(1))) and m.group(2) not in NOT_NAMES \
                and PINYIN_GIVEN.fullmatch(m.group(2)):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.8, "拼音书写的姓名（姓氏大写）"))
        elif m.group(1) in EAST_ASIAN_SURNAMES and m.group(2)[1:2].islower() and m.group(2) not in NOT_NAMES:
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.8, "朝鲜文、越南文姓名的拉丁字母书写（姓氏大写）"))
        elif labelled and (m.group(2).isupper() or (m.group(2)[1:].islower() and len(m.group(1)) >= 3)) \
                and not {m.group(1).title(), m.group(2).title()} & NOT_NAMES:
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.7, "标签后大写拉丁字母书写的姓名"))
        elif _passport_style(m.group(1), m.group(2)):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.65, "大写姓氏加名字的拉丁字母姓名"))
    return spans


def _passport_style(family: str, given: str) -> bool:
    """KURBAN Zarina, OSMANOV Timur: a family name in capitals that can be spoken (four letters or more,
    two vowels: not an acronym such as PDF or GDP), then a given name shaped like a pinyin or Turkic one."""
    return (len(family) >= 4 and sum(c in "AEIOUY" for c in family) >= 2 and given[1:].islower()
            and not {family.title(), given} & NOT_NAMES
            and bool(PINYIN_GIVEN.fullmatch(given) or TURKIC_PARTS.search(given) or TURKIC_PARTS.search(family)))


#: One Latin name with its Chinese form in brackets (Batu（巴图））: both are the person's name.
BRACKETED = re.compile(r"(?<![A-Za-z0-9])((?:[A-Z][A-Za-z]{1,15}[ \u00a0](?:(?:uulu|kyzy|uly|qizi|ogli)[ \u00a0])?){0,2}"
                       r"(?:[A-Z][a-z]{1,15}-[A-Za-z][a-z]{1,10}|[A-ZÄÖÜÇŞİ][a-zäöüéıǵğşçñ]{2,15}))[ \t]?[（(]([\u4e00-\u9fff·]{2,12})(?:[，,、；;][^（()）]{1,10})?[)）]")  # Ji-hoon, Cheng-Yu
#: (and the Chinese form may be followed by a note inside the brackets: Xxx（某某，蒙古族）)
#: …or a name in pinyin written all in lower case, a surname of the list first (xxx xxxxx（某某某）).
LOWER_BRACKETED = re.compile(_START + r"([a-z]{1,9}(?: [a-z]{1,12}){1,2})[ \t]?[（(]([\u4e00-\u9fff]{2,4})[)）]")
#: Parts of Turkic given names in Latin script (Nurbol, Gulshat, Dilbar; in pinyin spelling too:
#: Maimaiti, Tuerxun): one such word
#: standing alone in Chinese text is a person's name.
TURKIC_PARTS = re.compile(r"gul|gül|nur|dil|jan|zhan|bek|bay|mira|zira|dina|lan$|yar$|ay[a-z]|^ai|^ali|^abd|^asy|^ask|^ayg|^mirz|^bol|^bak|"
                          r"^erk|^erl|^ermek|^kan|^kur|^mar|^mad|^sul|^tur|^tim|^bat|^baq|^bag|^yer|^zhu|^nazi|^ras|"
                          r"maimai|mamat|memet|tursun|tuerxun|abudu|^aili|^aier|^reyi|yimin$|^nuer|yusu[pf]|[oe]va?$|^qur|^ablim|^ablik|^zul|"
                          r"^hanz|^tser|^dorj|erel$|^sara", re.I)
SINGLE = re.compile(_START + r"([A-ZÄÖÜÇŞİ][a-zäöüéıǵğşçñ]{3,11})(?![A-Za-z0-9@\-])")
#: Turkic given names in Latin script that no part above marks (Azat, Tölegen): one standing alone is a name.
TURKIC_GIVEN = set("""
Azat Azamat Aibek Almas Arman Askar Asan Arslan Bolat Daniyar Erlan Yerlan Ermek Serik Talgat Timur Marat Ruslan
Kairat Qairat Murat Rustam Akbar Alim Ablikim Ehmet Ahmet Memet Kerim Omer Ömer Yusup Ilham Mahmut Rozi Merdan
Dawut Hesen Huseyin Abdulla Bakhyt Tolegen Tölegen Dinara Saule Zarina Madina Aigerim Aizhan Dilnaz Elmira Kamila
Samat Sanjar Rahim Rehim Nurlan Ainur Aynur Erbol Nurbol Yerbol Kanat Qanat Daulet Dauren Zhandos Beibit Nursultan
Kadir Qadir Bahodir Bakhodir Tolek Tölek Kamila Bayar Batbayar Oyunbileg Bolor Erdene Ganbold Sukhbaatar Munkh
Temuujin Enkhbayar Altan Narantuya Saruul Oyun
""".split())
#: Two Latin words joined by what a conversion left of a middle dot (Memet?Kerim, ALIM?SAMAT, Erbol.Kanat).
JOINED = re.compile(r"(?<![A-Za-z0-9@._\-/])([A-ZÄÖÜÇŞİ][a-zäöüéıǵğşçñ]{1,15}|[A-Z]{2,15})([?？.·•・])"
                    r"([A-ZÄÖÜÇŞİ][a-zäöüéıǵğşçñ]{1,15}|[A-Z]{2,15})(?![A-Za-z0-9@\-]|\.[A-Za-z])")
#: Names in Cyrillic script (Kazakh, Kyrgyz, Russian forms): two or three capitalised words.
CYRILLIC = re.compile(r"(?<![А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі])([А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]{1,15}(?:[ \u00a0][А-ЯЁӘҒҚҢӨҰҮҺІ]"
                      r"[а-яёәғқңөұүһі]{1,15}){1,2})(?![А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі])")
#: Cyrillic words of organisations and places, not names.
CYRILLIC_NOT_NAMES = set("""
Республика Республикасы Казахстан Қазақстан Кыргызстан Кыргызская Россия Российская Алматы Астана Бишкек Банк Банкі
Акционерное Общество Товарищество Компания Министерство Управление Город Области Облысы Район Ауданы Улица Көшесі
""".split())
#: An @-mention in Latin script (@Wang Fang): the person a chat message names.
LATIN_MENTION = re.compile(r"(?<![A-Za-z0-9._%+\-])[@＠]([A-Z][a-z]{1,15}(?: [A-Z][a-z]{1,15}){0,2})(?![A-Za-z0-9])")


def find(text: str) -> list[Span]:
    if not re.search(r"[A-ZÄÖÜÇŞİА-ЯЁӘҒҚҢӨҰҮҺІ][A-Za-zäöüéıǵğşçñа-яёәғқңөұүһі]|[a-z] [a-z]+[ \t]?[（(]", text):
        return []
    spans = _capitals(text)
    for m in BRACKETED.finditer(text):
        if not set(m.group(1).split()) - {"Park"} & NOT_NAMES and not is_place(m.group(2), 0, len(m.group(2))) \
                and judge(m.group(2)) == SURE and (m.end(2) + 1 == m.end() or name_shaped(m.group(2))
                                                   or "族" in m.group(0)[m.end(2) - m.start():]):
            # not Artux（阿图什）, not a unit in brackets; before a note, a name's shape (not 外聘顾问，…)
            spans.append(span_at(KIND, text, m.start(1), m.end(1), 0.9, "拉丁字母书写的姓名（后注中文名）"))
            spans.append(span_at(KIND, text, m.start(2), m.end(2), 0.9, "拉丁字母姓名后注的中文名"))
    for m in LOWER_BRACKETED.finditer(text):
        first, *rest = m.group(1).split()
        if first.upper() in PINYIN_SURNAMES and all(PINYIN_GIVEN.fullmatch(w) for w in rest) and judge(m.group(2)) == SURE:
            spans.append(span_at(KIND, text, m.start(1), m.end(1), 0.9, "拼音书写的姓名（后注中文名）"))
    for m in PATTERN.finditer(text):
        words = m.group(1).split()
        korean = words[0] == "Park" and not set(words[1:]) & NOT_NAMES  # 朴 as Korean write it (Park Minseo)
        if any(w in NOT_NAMES for w in words) and not korean or any(s.start <= m.start(1) < s.end for s in spans):
            continue
        after = text[m.end():m.end() + 2]
        bracketed = bool(re.match(r"[（(][\u4e00-\u9fff]", after))
        labelled = bool(re.search(r"[：:]\s*$", text[max(0, m.start() - 3):m.start()]))
        confidence = 0.9 if bracketed or labelled else 0.65
        spans.append(span_at(KIND, text, m.start(1), m.end(1), confidence, "拉丁字母书写的姓名"))
    for m in LATIN_MENTION.finditer(text):
        if not set(m.group(1).split()) & NOT_NAMES and not any(s.overlaps(span_at(KIND, text, m.start(1), m.end(1), 0, ""))
                                                               for s in spans):
            spans.append(span_at(KIND, text, m.start(1), m.end(1), 0.65, "聊天记录中@的人（拉丁字母）"))
    for m in JOINED.finditer(text):
        first, sep, last = m.groups()
        if {first.title(), last.title()} & NOT_NAMES or any(s.overlaps(span_at(KIND, text, m.start(), m.end(), 0, ""))
                                                             for s in spans):
            continue
        # a dot joins names only where both parts are shaped like them (not Mr.Smith, not a file's Report.Final)
        shaped = all(PINYIN_GIVEN.fullmatch(w) or TURKIC_PARTS.search(w) or w.title() in TURKIC_GIVEN for w in (first, last))
        if sep in "?？·•・" or shaped:
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.8, "拉丁字母书写的姓名（间隔号被转换）"))
    for m in CYRILLIC.finditer(text):
        if not set(m.group(1).split()) & CYRILLIC_NOT_NAMES:
            spans.append(span_at(KIND, text, m.start(1), m.end(1), 0.8, "西里尔字母书写的姓名"))
    spans += [s for s in _row_heads(text) if not any(s.overlaps(o) for o in spans)]
    spans += [s for s in _single_words(text) if not any(s.overlaps(o) for o in spans)]
    return [_with_initial(text, s) for s in spans]


#: An initial before a Latin name (M. Xxxx, J.Xxxx).
_INITIAL = re.compile(r"(?<![A-Za-z0-9@._\-])[A-Z]\.[ \u00a0]?$")


def _with_initial(text: str, span: Span) -> Span:
    m = _INITIAL.search(text, max(0, span.start - 3), span.start)
    return span_at(KIND, text, m.start(), span.end, span.confidence, span.reason) if m and span.kind == KIND else span


#: A row's first cell holding one capitalised Latin word (Xxxx⇥修鞋⇥…, 11.23 Xxxx 私章 1 枚) — or a
#: chat's line opened by one (Xxxx: 好的，…): in a Chinese table or chat, a person.
_ROW_HEAD = re.compile(r"^[ \t]*(?:([A-Z][a-zäöüéıǵğşçñ]{2,14})(?:\t|  )|[0-9][0-9.:/\-]*[ \t]+([A-Z][a-zäöüéıǵğşçñ]{2,14})"
                       r"[ \t]+(?=[\u4e00-\u9fff]))", re.M)
_CHAT_HEAD = re.compile(r"^([A-Z][a-zäöüéıǵğşçñ]{2,14})[ \t]?[:：]", re.M)


def _row_heads(text: str) -> list[Span]:
    rows = [(m.start(k), m.end(k)) for m in _ROW_HEAD.finditer(text) for k in (1, 2) if m.group(k) and m.group(k) not in NOT_NAMES]
    # a chat's turn says something (Xxxx: 好的，我明天…), a bilingual form's field does not (Contact: 某某)
    heads = [m for m in _CHAT_HEAD.finditer(text) if m.group(1) not in NOT_NAMES
             and re.match(r"[ \t]*[\u4e00-\u9fff][^\n]{2,}[，。？！]", text[m.end():])]
    chat = len({m.group(1) for m in heads}) >= 2 or len(heads) >= 2  # two speakers or one speaking twice
    return [span_at(KIND, text, a, b, 0.65, "表格行首或聊天发言人的拉丁字母名字")
            for a, b in rows + ([(m.start(1), m.end(1)) for m in heads] if chat else [])]


#: An ethnicity or a nationality in brackets after a name (Xxxx（乌兹别克族）).
_ETHNIC_AFTER = re.compile(r"[ \t]?[（(][\u4e00-\u9fff]{1,5}(?:族|国籍|籍)[)）,，、]")


#: A kinship in brackets after a name (Xxxx（兄）in a table of emergency contacts).
_KIN_AFTER = re.compile(rf"[ \t]?[（(](?:{KIN_WORD}|兄|子)[)）]")


def _single_words(text: str) -> list[Span]:
    """A lone Latin word among Chinese text, shaped like a Turkic given name (联系人Nurbol, Gulshat经手)."""
    spans = []
    for m in SINGLE.finditer(text):
        word = m.group(1)
        before, after = text[max(0, m.start() - 2):m.start()], text[m.end():m.end() + 2]
        # (not a word of a Latin phrase: another Latin word right beside it, a space between at most)
        near_latin = re.search(r"[A-Za-z] ?$", before) or re.match(r" ?[A-Za-z]", after)
        if word in NOT_NAMES or near_latin or not re.search(r"[\u4e00-\u9fff]", text[max(0, m.start() - 40):m.end() + 40]):
            continue
        if TURKIC_PARTS.search(word) or word in TURKIC_GIVEN:
            spans.append(span_at(KIND, text, m.start(1), m.end(1), 0.65, "拉丁字母书写的少数民族名字"))
        elif (ANCHOR_RE.search(text, max(0, m.start() - 12), m.start()) and text[m.end():m.end() + 1] not in ":："
              or _ETHNIC_AFTER.match(text, m.end()) or _KIN_AFTER.match(text, m.end())):
            # any capitalised word in a person's place: after a post (保管员Xxxx), before an ethnicity or a kinship
            spans.append(span_at(KIND, text, m.start(1), m.end(1), 0.7, "职务后或民族前的拉丁字母名字"))
    return spans


#: A Latin form in brackets right after a name (某某某（Xxxx）, 某某（Xxx Yyy）): the same person's name.
_BRACKETED_AFTER = re.compile(r"[ \t]?[（(]([A-Z][A-Za-z'\-]{1,15}(?:[ \u00a0][A-Z][A-Za-z'\-]{1,15}){0,2})[)）]")
#: Abbreviations of a post or a degree that may stand in those brackets (某某（CEO）).
_ROLE_CAPS = re.compile(r"[A-Z]{2,3}|Ph\.?D|MBA|Dr|Prof")


#: One to three Latin words right before a bracket (Xxx YYYY（, KIM Xxx（): a name's Latin form when the
#: bracket opens with a name found in Chinese.
_LATIN_BEFORE = re.compile(rf"(?<![{_LETTER}0-9@._\-])([{_LETTER}][{_LETTER}'\-]{{1,20}}(?:[ \u00a0][{_LETTER}][{_LETTER}'\-]{{1,20}}){{0,2}})"
                           r"[ \t]?[（(]$")


def after_names(text: str, spans: list[Span]) -> list[Span]:
    """The Latin form in brackets right after each name found in ``text`` — or right before the bracket
    the name stands in (Xxx YYYY（某某某）): the same person, written in the other script."""
    out = []
    for s in spans:
        if s.kind != KIND or not re.search(r"[\u4e00-\u9fff]", s.text):
            continue
        m = _BRACKETED_AFTER.match(text, s.end)
        if m and not set(m.group(1).split()) & NOT_NAMES and not _ROLE_CAPS.fullmatch(m.group(1)) \
                and not any(o.start <= m.start(1) < o.end for o in spans):
            out.append(span_at(KIND, text, m.start(1), m.end(1), 0.9, "姓名后括注的拉丁字母姓名"))
        m = _LATIN_BEFORE.search(text, max(0, s.start - 64), s.start)
        words = m.group(1).split() if m else []
        if words and all(w[0].isupper() for w in words) and not {w.title() for w in words} & NOT_NAMES \
                and not _ROLE_CAPS.fullmatch(m.group(1)) and not any(o.overlaps(Span(m.start(1), m.end(1), KIND, "", 0))
                                                                     for o in spans + out):
            out.append(span_at(KIND, text, m.start(1), m.end(1), 0.9, "括注中文姓名前的拉丁字母姓名"))
    return out
