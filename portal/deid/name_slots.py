"""姓名 by the place a value stands in, not by its surname: the structure of forms and lists.

The recognisers before this one find a name by what it looks like (a surname, transliteration
parts, the model's reading).  Paperwork also says *where* a person is named, whatever the name
looks like — a rare surname (仉, 初, 韶), a Mongol or Tibetan name, a name that is an ordinary
word.  This module reads these places (each value judged by :mod:`portal.deid.name_values`):

* a labelled field: ``经办人：``, ``收款人``, ``回访对象：``, ``甲方代表：``, ``驾驶员`` and their kin;
* the value standing right before a personal identifier in its row (``张三（身份证号：…）``,
  ``李四　139…``, ``王五｜1,650.00｜6230…``);
* a value followed by a sex or an ethnic group (``巴音达来（蒙古族）``, ``冼秀琴 女 汉族``);
* the speaker of a line in minutes (``——萨日朗（州财政局）：…``), a person in a photo's caption
  (``图为X（左二）``), the writer of a chat export's line;
* a person's key in exported JSON (``"网格员":"…"``), a numbered line naming a unit in brackets;
* the other items of a list or the same column of other rows, once names stand there.

:func:`repeat` finds a name's other occurrences in the same text.
"""

from __future__ import annotations

import re

from portal.deid import name_kin
from portal.deid.name_forms import is_han
from portal.deid.name_lexicon import TABLE_HEADERS, post_ends
from portal.deid.name_lists import lists_and_rows
from portal.deid.name_speakers import captions_and_chats, speakers
from portal.deid.name_values import (
    BAD_START,
    DOTS,
    HAN,
    KIN_PREFIX,
    KIND,
    LABEL,
    LABEL_END,
    LABEL_START,
    SEED_AT,
    SPACE,
    SPACED,
    SPEAKER_ROLE,
    SURE,
    UNSURE,
    dictionary,
    judge,
    name_shaped,
)
from portal.deid.spans import Span, span_at

# ---------------------------------------------------------------- where a value stands

_RUN = re.compile(f"[{HAN}][{HAN}{re.escape(DOTS)}]{{0,13}}")
LABELLED = re.compile(LABEL + r"(?:[（(][^（()）\n]{1,8}[)）]|签字|签名)?(?P<colon>[" + SPACE + r"]*[：:][" + SPACE
                      + r"]*|[" + SPACE + r"]+)?")
#: What may stand after a value in a field: the end of the field, a title, a signature word.
_AFTER = re.compile(r"$|[^" + HAN + r"·]|[与及等在到对向从将已也均于代]|(?:同志|先生|女士|老师|签字|签名|代签|代领|签收|本人|书记|主任|局长|科长|股长|"
                    r"反映|表示|介绍|说|称|同意|负责|陪同|确认)")
_ID_LABEL = (r"(?:公民身份号码|身份证号码|身份证号|身份证|证件号码?|联系电话|联系方式|手机号码|手机号|手机|电话|"
             r"银行卡号|银行账号|卡号|账号|社保卡号|邮箱|电子邮箱|[Ee]-?mail)")
_ID_LABEL_END = re.compile(_ID_LABEL + "$")
BEFORE_ID = re.compile(r"(?P<name>[" + HAN + re.escape(DOTS) + r"]{2,14})(?P<gap>[" + SPACE + r"]*(?:[（(，,：:｜|/][" + SPACE
                       + r"]*)?(?:" + _ID_LABEL + r"[" + SPACE + r"]*[：:]?[" + SPACE + r"]*)?)$")
ANNOTATED = re.compile(r"(?:^|(?<=[\s、，,；;：:｜|（(0-9.．。]))(?P<name>[" + HAN + r"][" + HAN + re.escape(DOTS) + r"]{1,13})"
                       r"(?=[" + SPACE + r"]*[（(，,、" + SPACE + r"｜|][" + SPACE + r"]*(?:[男女]|(?!民族|家族|种族|贵族|宗族|氏族)"
                       r"[" + HAN + r"]{1,4}族[男女]?)(?:[）)，,、；;。｜|" + SPACE + r"\n]|$))", re.M)




def _value_at(text: str, i: int) -> tuple[int, int] | None:
    """The value starting at ``i``: a run of Han (and dots) cut before a title or signature word,
    or a name spaced out character by character (覃 德 旺, as PDF and OCR give it)."""
    spaced = SPACED.match(text, i)
    if spaced and _AFTER.match(text, spaced.end()):
        return i, spaced.end()
    m = _RUN.match(text, i)
    if not m:
        return None
    run = m.group(0)
    for k in range(2, min(len(run), 14) + 1):
        if _AFTER.match(text, i + k) and (k == len(run) or not re.search(f"[{re.escape(DOTS)}]$", run[:k])):
            return i, i + k
    return None


def _dotted(word: str) -> bool:
    return any(c in DOTS for c in word[1:-1])


def _left_delimited(text: str, start: int) -> bool:
    return start == 0 or not ("\u4e00" <= text[start - 1] <= "\u9fff") or text[start - 1] in "、，"


def _joined_word(text: str, i: int) -> bool:
    """Whether the label's end and the value's start make one word of the dictionary (代表|性, 人|口)."""
    freq, _ = dictionary()
    return any(freq.get(text[i - j:i + k]) for j in (1, 2, 3) for k in (1, 2) if i - j >= 0)


_FIELD_END = re.compile(r"$|[，,。；;、\n \t\u3000（()）与及等在到对向从将已也均于代]|同志|签字|签名")


#: Labels that name a person's field without a colon (经办人初文涛, 驾驶员 马成林); 对象 and 代表 need one.
_BARE_LABEL = re.compile(r"(?:[人员者]|[收付]款方|[甲乙丙]方|户主|家长|患者|门卫|司机|班主任|[其之][子女父母妻夫]|儿子|女儿|妻子|丈夫|"
                         r"父亲|母亲|工程师|会计师|建造师|造价师|律师|总监)$")


#: A field whose value is a person's name and nothing else.
_NAME_FIELD = re.compile(r"(?:姓名|名字)$")


def labelled(text: str) -> list[Span]:
    """Values of a person's field: 经办人初文涛，/ 记录人：韶明远 / 回访对象：方圆（患者本人…）.
    Without a colon the value must end its field, be no word of the dictionary and not run on
    from the label (代表性, 人口)."""
    out = []
    for m in [*LABELLED.finditer(text), *_SIGNED.finditer(text)]:
        colon = ":" in (m.group("colon") or "") or "：" in (m.group("colon") or "")
        if not colon and (not _left_delimited(text, m.start()) and text[m.start()] not in "其之"  # 由其子…
                          or text[m.start() - 1:m.start()].isdigit() and len(m.group(0).strip()) == 1):  # 共24人|晋级: a count
            continue
        value = _value_at(text, m.end())
        if value is None:
            continue
        start, end = value
        word = text[start:end]
        if text[end:end + 1] in ("：", ":"):
            continue  # 走访人补记：… — the value is a label itself
        confidence = judge(word)
        if confidence == UNSURE and colon and _NAME_FIELD.search(m.group(0).strip(SPACE + "：:")):
            confidence = SURE  # 姓名：高洁 — the field holds a name whatever the word means
        if not colon and (not _BARE_LABEL.search(m.group(0).strip(SPACE)) or not name_shaped(word)
                          or word[0] in BAD_START or confidence != SURE or (end - start > 4 and not _dotted(word))
                                     or _joined_word(text, start) or not _FIELD_END.match(text, end)):
            continue
        if confidence is not None:
            out.append(span_at(KIND, text, start, end, confidence, "填写在人员栏目中的姓名"))
            if colon:
                out.extend(_more_values(text, end))
    return out


#: Who did a step of a form, signed at its foot with a colon (统计：…, 制表：…, 复核：…, 兽医签名：…).
_SIGNED = re.compile(r"(?:^|(?<=[\s，。；;]))(?:统计|制表|填表|填报|审核|复核|核对|校对|经办|出纳|记账|保管|验收|监交|批准|"
                     r"审批|主管|执笔|编制|摄影|拍摄|登记|录入|核查|抽查|陪同|监督|[\u4e00-\u9fff]{0,2}领导|[\u4e00-\u9fff]{0,4}(?:签名|签字))(?P<colon>[" + SPACE + r"]*[：:][" + SPACE
                     + r"]*)", re.M)


_VALUE_SEPARATOR = re.compile(r"[、，,/ \u3000]+")


def _more_values(text: str, end: int) -> list[Span]:
    """The further values of one field (参加人：哈力木　帕孜丽耶), up to the next field or the line's end."""
    out = []
    for _ in range(8):
        sep = _VALUE_SEPARATOR.match(text, end)
        value = _value_at(text, sep.end()) if sep else None
        if value is None or text[value[1]:value[1] + 1] in ("：", ":") or LABEL_START.match(text, value[0]):
            break
        confidence = judge(text[value[0]:value[1]])
        if confidence is None:
            break
        out.append(span_at(KIND, text, value[0], value[1], confidence, "填写在人员栏目中的姓名"))
        end = value[1]
    return out


#: Words that end a phrase before a number rather than a name (请拨打, 转账至, 尾号).
_NOT_BEFORE_ID = re.compile(r"(?:收件|寄件|取件|拨打|致电|联系|咨询|热线|号码|电话|手机|尾号|账户|账号|转账|汇款|汇入|存入|发送|至|到|为|是|请|拨|打|询|号|留"
                            r"|电子|科技|公司|商行|商店|超市|工厂|门市|经营部|中心)$")  # (…时留|手机; a business: 某某电子（0xxx-…）)


#: What stands before the value of a row: its start, a separator, a bracket, a colon or a numbering.
_ROW_LEFT = set(" \t\u3000\n、，,；;：:｜|（(/.．")


def before_identifiers(text: str, identifiers: list[Span]) -> list[Span]:
    """The value right before a person's ID, phone, card or e-mail in its row (张三（身份证号：…）,
    李四　139…, 王五｜1,650.00｜6230… is read by the row rule)."""
    out, unshaped = [], []

    def row_start(i: int) -> bool:
        return i == 0 or text[i - 1] == "\n"

    for ident in identifiers:
        m = BEFORE_ID.search(text, max(0, ident.start - 40), ident.start)
        if not m or m.end() != ident.start:
            continue
        start, end = m.start("name"), m.end("name")
        label = _ID_LABEL_END.search(text, start, end)
        if label:  # 张三身份证号：… — the label is no part of the name
            end = label.start()
        if end - start < 2 or _NOT_BEFORE_ID.search(text[start:end]):
            continue
        if start > 0 and text[start - 1] not in _ROW_LEFT:
            start = _after_lead_in(text, start, end)  # 变更为上官景云（身份证号：…）
            if start is None:
                continue
        # the row's value is the end of the run: 其父虎生才 → 虎生才, 收款人萨仁图雅 → 萨仁图雅
        for k in range(start + 1, end - 1):
            prefix = text[start:k]
            if KIN_PREFIX.fullmatch(prefix) or LABELLED.fullmatch(prefix):
                start = k
                break
        else:  # 床品店老板|某某某身份证号：…
            start += max((m.end() for m in post_ends(text[start:end])), default=0)
        # the name is the value's longest part shaped like one (兽医|某某); a word of the dictionary
        # before a number is its label (公务卡号), a thing is a stall's (手工布鞋)
        if judge(text[start:end]) != SURE:
            continue
        shaped = next((k for k in range(start, end - 1)
                       if name_shaped(re.sub(r"[ \u3000]", "", text[k:end])) and judge(text[k:end]) == SURE), None)
        if shaped is not None:
            out.append(span_at(KIND, text, shaped, end, SURE, "紧邻个人证件号码、电话或卡号的姓名"))
        elif 2 <= end - start <= 4 and row_start(start):
            unshaped.append(span_at(KIND, text, start, end, SURE, "名单中紧邻证件号码、电话或卡号的姓名"))
    # a row's whole first cell of two to four letters in a roster of names and numbers is a name too,
    # whatever it looks like (某某　139…: a Tibetan or a rare surname's), where another row's is shaped
    # like one
    if any(row_start(s.start) for s in out):
        out += unshaped
    return out


#: Words a sentence names a person after (变更为, 委托, 由): the name is what follows them.
_LEAD_IN = re.compile(r"(?:为|给|由|将|向|与|和|及|请|派|让|找|把|被|系|即|叫|委托|安排|推荐|选派)$")


def _after_lead_in(text: str, start: int, end: int) -> int | None:
    """Where a name-shaped value begins after a lead-in word inside the run ``text[start:end]``."""
    for k in range(max(start + 1, end - 4), end - 1):
        if _LEAD_IN.search(text, start, k) and name_shaped(text[k:end]) and judge(text[k:end]) == SURE:
            return k
    return None


def annotated(text: str) -> list[Span]:
    """A value followed by a sex, an ethnic group or a kinship: 乌兰图娅（蒙古族）, 冼秀琴 女 汉族, 某某（姑母）, also after a
    person's label in the same run (县人大代表某某·某某（回族，经商））."""
    out = []
    for m in ANNOTATED.finditer(text):
        confidence = judge(m.group("name"))
        if confidence is not None:
            out.append(span_at(KIND, text, m.start("name"), m.end("name"), confidence, "后注性别或民族的姓名"))
    out += name_kin.annotated(text)
    for m in _COUNTED.finditer(text):  # 病假1人（某某）, 缺席2人（某某、某某）: the people counted
        for item in re.finditer(r"[^、，,；;/ \u3000]+", m.group("who")):
            confidence = judge(item.group(0), among_names=True)
            if confidence is not None:
                if not name_shaped(item.group(0)):  # no surname and no transliteration (免票): a person decides
                    confidence = min(confidence, UNSURE)
                start = m.start("who") + item.start()
                out.append(span_at(KIND, text, start, start + len(item.group(0)), confidence, "人数后括注的姓名"))
    for m in _ANNOTATED_AFTER_LABEL.finditer(text):
        run = m.group("run")
        label = max((k for k in re.finditer(LABEL, run) if k.end() <= len(run) - 2), key=lambda k: k.end(), default=None)
        start = m.start("run") + (label.end() if label else 0)
        if label and m.end("run") - start >= 2 and judge(text[start:m.end("run")]) == SURE \
                and not any(s.start <= start < s.end for s in out):
            out.append(span_at(KIND, text, start, m.end("run"), SURE, "后注性别或民族的姓名"))
    return out


_COUNTED = re.compile(r"(?:\d{1,3}|[一两二三四五六七八九十])[ \u3000]?[人名][（(](?P<who>[^（()）\n]{2,40})[)）]")
_ANNOTATED_AFTER_LABEL = re.compile(r"(?P<run>[" + HAN + r"][" + HAN + re.escape(DOTS) + r"]{3,17})(?=[（(](?:[男女]|[" + HAN
                                    + r"]{1,4}族)[，,、）)])")


_JSON_PAIR = re.compile(r'"(?P<key>[^"\n]{1,16})"[ \t]*:[ \t]*"(?P<value>[^"\n]{1,20})"')
#: Keys of a person's name in exported JSON (from apps and APIs).
_JSON_KEYS = re.compile(r"^(?:name|fullname|full_name|realname|real_name|contact|owner|holder|applicant|recipient|"
                        r"payee|worker|grid_worker|visitor|resident|member|person|handler|operator)$", re.I)
#: A log line's date and time (2025-06-02 10:14, 2024年3月5日).
_STAMP = r"\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?"
_NUMBERED = re.compile(r"^[ \t\u3000]*(?:\d{1,3}[.、．)）]|\d{1,3}(?=[ \t\u3000])|[（(]\d{1,3}[)）]|" + _STAMP + r")[ \t\u3000]*(?P<name>[" + HAN + r"][" + HAN
                       + re.escape(DOTS) + r"]{1,13})(?P<paren>[（(][^（()）\n]{1,20}[)）])", re.M)


def keyed_and_numbered(text: str) -> list[Span]:
    """A name under a person's key in exported JSON ("网格员":"…", "name":"…"), and a numbered or
    dated line naming a person and the unit or role in brackets (1. 某某（县审计局）, 2025-06-02 10:14
    某某（经办）提交)."""
    out = []
    for m in _JSON_PAIR.finditer(text):
        key = m.group("key")
        if _JSON_KEYS.match(key) or key in TABLE_HEADERS or LABEL_END.search(key):
            confidence = judge(m.group("value"))
            if confidence is not None:
                out.append(span_at(KIND, text, m.start("value"), m.end("value"), confidence, "数据导出中人员字段的姓名"))
    for m in _NUMBERED.finditer(text):
        if SPEAKER_ROLE.search(m.group("paren")):
            confidence = judge(m.group("name"))
            if confidence is not None:
                out.append(span_at(KIND, text, m.start("name"), m.end("name"), confidence, "编号列出的人员（后注单位）"))
    return out


def repeat(text: str, names: list[Span]) -> list[Span]:
    """A name's other occurrences in the same text, letter-spaced or not: where it stands alone
    (delimited), or anywhere for a name of three characters or more that is no word."""
    out = []
    sure = [s.text for s in names if s.confidence >= SEED_AT]
    for word in {w for w in sure if len(w) >= 2}:
        for m in re.finditer(" ?".join(map(re.escape, word)), text):  # or letter-spaced: 骆 文 山
            start, end = m.start(), m.end()
            alone = _left_delimited(text, start) and bool(_AFTER.match(text, end))
            if alone or (len(word) >= 3 and judge(word) == SURE):
                out.append(span_at(KIND, text, start, end, SURE, "同一文本中已识别的姓名再次出现"))
    # a dotted name's part standing alone (某某·某某某 … 原登记为某某): the same person, called by it
    parts = {p for w in sure if "·" in w or "•" in w for p in re.split("[·•]", w) if len(p) >= 2 and all(map(is_han, p))}
    for part in parts:
        for m in re.finditer(re.escape(part), text):
            start, end = m.start(), m.end()
            if (_left_delimited(text, start) or _LEAD_IN.search(text, max(0, start - 4), start)) and _AFTER.match(text, end) \
                    and text[end:end + 1] not in "·•" and text[start - 1:start] not in "·•":
                out.append(span_at(KIND, text, start, end, SURE, "同一文本中已识别的带间隔号姓名的一部分"))
    return out


def _corroborated(found: list[Span]) -> list[Span]:
    """A word two places call a person's (a field's value followed by a sex: 担保人：方圆，男) is sure."""
    reasons: dict[tuple[int, int], set[str]] = {}
    for s in found:
        # a list, a row and a column are one kind of evidence: standing among names
        reasons.setdefault((s.start, s.end), set()).add("并列" if "列" in s.reason else s.reason)
    return [Span(s.start, s.end, s.kind, s.text, SURE, s.reason + "（多处佐证）")
            if s.confidence < SURE and len(reasons[(s.start, s.end)]) > 1 else s for s in found]


def find(text: str, names: list[Span], identifiers: list[Span]) -> list[Span]:
    """Names by the place they stand in (``names``: found otherwise; they and the names of fields
    seed lists, rows and repetitions; ``identifiers``: the personal numbers, for the values before them)."""
    found = labelled(text) + annotated(text) + keyed_and_numbered(text) + name_kin.after_kin(text)
    seeds = names + [s for s in found if s.confidence >= SEED_AT]
    found += before_identifiers(text, identifiers) + speakers(text) + captions_and_chats(text)
    found += lists_and_rows(text, seeds)
    found = _corroborated(found)
    seeds += [s for s in found if s.confidence >= SEED_AT]
    return found + repeat(text, seeds)
