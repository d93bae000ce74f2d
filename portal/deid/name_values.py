"""姓名 — judging a value that stands where a person is named: is it a name (sure), an ordinary word
that may be one (a person decides), or no name at all (a body, a post, a kin word, a form heading,
a pseudonym, a phrase)?  Used by :mod:`portal.deid.name_slots`, which finds the places.
"""

from __future__ import annotations

import re

from portal import segmentation
from portal.deid.name_forms import is_han, looks_like_name
from portal.deid.name_lexicon import (
    ADDRESS_TITLES,
    COMMON,
    COMPOUND_SURNAMES,
    KIN_WORD,
    SURNAMES,
    TABLE_HEADERS,
    TRANSLIT,
)

KIND = "person_name"
SURE = 0.7
UNSURE = 0.45
#: Confidence from which a name found elsewhere seeds lists, rows and repetitions.
SEED_AT = 0.6
HAN = "\u4e00-\u9fff"
DOTS = "·•‧・．.?？"
SPACE = " \t\u3000"
#: Mongol, Xibe and Tibetan names are written with these besides the Uyghur/Kazakh alphabet.
_EXTRA_TRANSLIT = set("仁格日勒图孟和顺乌云其木朝鲁门额尔敦宝音敖登雅才卓玛布苏查干斯琴特达来满都拉嘎兴隆富尓"
                      "扎西次旦措姆央宗拉巴桑吉平曲珍丹增益群培顿占堆"
                      "腾乐朗藏强洛尼瓦旺贡普嘉泽让娜呼毕高娃花")
TRANSLIT_ALL = TRANSLIT | _EXTRA_TRANSLIT

#: Endings of a value that make it a body, a place, a thing or a post, not a person (always).
NOT_NAME_END = re.compile(
    r"(?:中心|集团|大学|学校|医院|银行|协会|学会|合作社|委员会|工作队|服务部|有限|小区|社区|地区|项目|资金|部门|单位|机构|方面|"
    r"情况|工作|问题|材料|意见|资料|附件|其他|概况|简介|说明|依据|目标|内容|指标|措施|建议|结论|成效|原因|要求|安排|进度|"
    r"计划|评价|分析|结果|标准|方式|方法|记录|名单|清单|汇总|邮箱|邮件|座机|传真|电话|手机|号码|账户|信息|地址|日期|时间|"
    r"不详|主任|书记|经理|会计|出纳|同志|代表|领导|干部|群众|老师|医生|司机|专干|委员|主席|助理|秘书|校长|村医|对象|本人|"
    r"自己|大家|各位|全体|父亲|母亲|妻子|丈夫|儿子|女儿|爷爷|奶奶|姥姥|外婆|阿姨|叔叔|大姐|大哥|师傅|老板|老乡|朋友|同事|"
    r"孩子|配偶|子女|家长|学生|患者|老人|支部|党委|总支|村委|居委|两委|文书|职称|学历|资质|干事|科员|专员|"
    r"集体|调度|驿站|遗址|烽燧|条件|店长|园长|馆长|厂长|院长|校长|护士长|前台|总台|登记|变更|申请|办理|更正|合格|公共|"
    r"班长|值长|[一二三四五六七八九十甲乙丙丁]班|"  # a shift's posts and teams (检修三班, 值长)
    r"[员人户者属族证局委宅乡镇县奖村室])$")
#: 老王, 小吴, 车队老王: how people call a colleague, no name (and already as anonymous as 王某).
FAMILIAR = re.compile(r"[老小][\u4e00-\u9fff]$")
#: Last characters of bodies, places, things and posts (财务科, 绩效股, 复核岗, 护林员): not a name when
#: what stands before them is a word of the dictionary (李科, 张建中 stay names).
UNIT_CHARS = set("局委办院所站队中心司社村乡镇县市区州组部科室厂店行处会馆校园团厅署盟旗营连库场台网点方函摊"
                 "卡号岗股期册表单证率数款费额级类性别账信长师手工匠生士家官警兵民")
#: Groups of people named by what they are (参加人：村民7人).
GROUPS = {"村民", "居民", "农民", "牧民", "群众", "职工", "工人", "农户", "家属", "护士", "民警", "辅警", "士兵", "军人",
          "儿童", "妇女", "残疾人", "学生", "医生", "老人", "干部", "党员", "代表", "专家", "成员"}
#: What a speaker's bracket holds: a unit or a role (萨日朗（州财政局）：), not a date or a count.
SPEAKER_ROLE = re.compile(r"[局委办院所站队组司科股室会社厅处]|中心|专家|代表|翻译|主任|书记|组长|成员|记录|公司|村民|群众|"
                          r"经办|会计|出纳|负责人|联系人|申请人|户主|主管|技术员|经理")
#: Starts that make it a phrase rather than a value (的情况, 对此).
BAD_START = set("的地得了着过是在与及或对为把被将从等也都还就已并且而但其该本此各每所之以据须需未不没无有可会这哪应好请我你他她如若失")
#: Ends of a phrase (农商行的, 好吗).
BAD_END = set("的地得了着过吗呢吧啊呀么其我你他她至由把被将")  # (工作由 某某 代送: a lead-in before the name)
#: Never inside a name.
NOT_INSIDE = set("的了着吗呢族第您你我她们吧啊就仟佰")
#: Values that fill a field without naming anyone.
NOT_VALUES = {"本人", "同上", "同前", "无", "略", "空缺", "待定", "签字", "签名", "盖章", "单位盖章", "单位签章", "公章", "见附件", "附后", "另附", "代签",
              "代领", "已签", "未签", "手签", "合计", "小计", "总计", "备注", "序号", "姓名", "性别", "民族", "年龄",
              "单位", "职务", "职称", "电话", "手机", "日期", "时间", "地址", "金额", "身份证", "身份证号", "卡号",
              "账号", "户名", "男", "女", "是", "否", "其他", "不详", "暂无", "未知", "缺席", "请假", "出差",
              "男性", "女性", "住院", "全称", "名称", "男高", "男中", "男低", "女高", "女中", "女低",
              "新卡", "旧卡", "原卡", "新号", "旧号", "原号", "曾用名", "别名", "客服"} | TABLE_HEADERS \
    | set(ADDRESS_TITLES) | {"主席", "秘书长", "会长", "理事长", "理事", "监事", "社长", "组员", "队员"}  # posts before a name
KIN_PREFIX = re.compile("^" + KIN_WORD)


def dictionary():
    pos = segmentation.pos_tagger()
    return pos.tokenizer.FREQ, pos.word_tag_tab


#: A grade and a class, a rank or a lot (三丙, 初三甲, 一等, 初段): no name.
_CLASS = re.compile(r"[初高]?[一二三四五六七八九十]+[甲乙丙丁等]|[初一二三四五六七八九十]段位?")


def judge(word: str, among_names: bool = False) -> float | None:
    """How sure a value in a person's place is a name: :data:`SURE`, :data:`UNSURE` (an ordinary
    word: a person decides) or None (no name at all).  ``among_names``: the value stands in a list
    or a column of names, so even a verb of the dictionary (建设) is put to a person."""
    core = word.strip(DOTS + SPACE)
    if SPACED.fullmatch(core):
        core = core.replace(" ", "")
    if len(core) < 2 or core in NOT_VALUES or "某" in core or any(c.isdigit() for c in core) \
            or core.startswith(("微信", "昵称", "网名")) \
            or core.endswith(("代签", "代领", "代收")):  # 被投诉人：微信昵称“…”: a nickname's field; 门卫代签: who signed for whom
        return None
    if not all(is_han(c) or c in DOTS for c in core):
        return None
    if core[0] in BAD_START or core[-1] in BAD_END or (core[0] in "原新旧现前总副经" and wordy(core[1:])) \
            or (core[-1] in "前后" and wordy(core[:-1])) or (core[0] in "和与及" and core[1:] in GROUPS) \
            or (len(core) <= 3 and _money_phrase(core)) or core[0] in "年岁" \
            or NOT_NAME_END.search(core) or core in GROUPS \
            or (core[-1] in UNIT_CHARS and wordy(core[:-1])) \
            or KIN_PREFIX.match(core) or "姓名" in core or "名字" in core or "名单" in core or NOT_INSIDE & set(core) \
            or _familiar(core) or _unit_inside(core) \
            or LABEL_END.search(core) or _FIELD_START.match(core) or (core[0] in "县乡镇州省" and len(core) >= 3) \
            or _CLASS.fullmatch(core):
        return None
    parts = [p for p in re.split(f"[{re.escape(DOTS)}]", core) if p]
    if len(parts) > 1:
        # each part a name's: a long part only of sounds (not 报名请致电某某·…, 义剪队长某某·…)
        return SURE if len(parts) <= 4 and all(1 <= len(p) <= 4 or len(p) <= 8 and len(set(p) - TRANSLIT_ALL) <= 1
                                               for p in parts) else None
    if len(core) > 4:
        return SURE if set(core) <= TRANSLIT_ALL and len(core) <= 8 else None
    freq, tags = dictionary()
    tag = tags.get(core) or ""
    if _phrase(core) or (len(core) >= 3 and tag[:2] not in ("", "nr", "ns") and not set(core) <= TRANSLIT_ALL) \
            or (len(core) >= 3 and not tag and (freq.get(core) or 0) > 0 and not set(core) <= TRANSLIT_ALL):
        return None  # words put together, or one word of three characters or more, no name or place (验收合格)
    if tag[:1] in ("d", "c", "p", "u", "r", "m", "q", "l", "i") or (
            tag[:1] == "v" and not among_names and (core[0] not in SURNAMES or len(core) != 2)):
        return None  # 签收, 确认: a verb or a function word; 行动不便: a set phrase
    if tag[:1] == "v":
        return UNSURE  # among names, or a surname and a character (联系人：甘露): a person decides
    if (freq.get(core) or 0) >= COMMON and not tag.startswith("nr"):
        if among_names and len(core) <= 3 and (core[0] in SURNAMES or core[:2] in COMPOUND_SURNAMES):
            return SURE  # a surname and a word among names: 海燕, 高洁 in a list of people
        return UNSURE if tag[:1] in ("n", "a", "") or tag in ("nz", "ns", "vn", "an") else None
    return SURE


#: A field's name opening the value (住址同上, 电话不详): the form's words, not a person.
_FIELD_START = re.compile("住址|地址|住所|电话|手机|性别|民族|年龄|出生|职务|日期|时间|金额|身份证|卡号|账号|户籍")


#: Verbs of payment that open a label glued to a number (代扣账号, 打款账号, 转账卡号): no surname there.
_MONEY_VERBS = set("代打转汇收付存取退补扣缴")


def _money_phrase(word: str) -> bool:
    """A verb of payment and what it moves (代发, 付工资, 转入): not a surname's name (付雨桐 is one: 付雨
    is no word, 雨桐 a rare one)."""
    if word[0] not in _MONEY_VERBS:
        return False
    freq, tags = dictionary()
    rest = word[1:]
    return (freq.get(word[:2]) or 0) > 0 or (freq.get(rest) or 0) >= 100 and not (tags.get(rest) or "").startswith("nr")


def _familiar(word: str) -> bool:
    """老王, 小吴, 车队老王, 老刘家 — but 冯小芸 is a name."""
    if len(word) == 3 and word.endswith("家"):
        word = word[:-1]
    return bool(FAMILIAR.search(word)) and (len(word) == 2 or wordy(word[:-2]))


def name_shaped(word: str) -> bool:
    """A surname and one to three characters, a compound surname, or transliteration (dotted or not)."""
    return looks_like_name(word) or set(word) <= TRANSLIT_ALL | set(DOTS)


def _unit_inside(word: str) -> bool:
    """人事股胡…: a unit of the dictionary begins the value, a person's surname follows."""
    return any(word[k - 1] in UNIT_CHARS and wordy(word[:k - 1]) for k in range(3, len(word)))


#: A word of the dictionary tagged as a name this frequent is an ordinary word before a unit (康复站).
FREQUENT_NAME_WORD = 300


def wordy(prefix: str) -> bool:
    """Whether ``prefix`` holds a word of the dictionary of two characters or more that is no name
    (绩效|股, 县|审计|局; not 李|建|中)."""
    if len(prefix) < 2:
        return False
    freq, tags = dictionary()
    # a word the dictionary tags as a name but uses far more often as a word counts (康复|站, 冠军|队)
    return any(len(t) >= 2 and t in tags and (not tags[t].startswith("nr") or (freq.get(t) or 0) >= FREQUENT_NAME_WORD)
               for t in segmentation.pos_tagger().tokenizer.cut(prefix, HMM=False))


def _phrase(word: str) -> bool:
    """Words of the dictionary put together (批评|教育, 好的|谢谢), none of them a name: a phrase."""
    if len(word) < 3 or (word[:2] in COMPOUND_SURNAMES and len(word) <= 4):  # 上官|景云 is a name
        return False
    freq, tags = dictionary()
    tokens = list(segmentation.pos_tagger().tokenizer.cut(word, HMM=False))
    # nouns alone may make a name (格桑|平措), but not after a place (韩国|商人) nor after a very
    # frequent word (部门|聚餐); a preposition or a conjunction inside four characters or more makes a
    # clause (某在南门)
    return len(tokens) >= 2 and all(len(t) >= 2 and t in tags and not tags[t].startswith("nr") for t in tokens) \
        and (any(tags[t][:1] in "vdcpuramqft" for t in tokens) or tags[tokens[0]] == "ns"
             or (freq.get(tokens[0]) or 0) >= 5000) \
        or len(word) >= 4 and any(t in _CLAUSE_WORDS for t in tokens[1:-1])


#: Prepositions and conjunctions that, inside a run of four characters or more, make it a clause.
_CLAUSE_WORDS = set("在和与及跟向从对把被给往于")


#: Labels of a person's field.  ``X人`` and ``X员`` (经办人, 驾驶员) are any such word but the
#: quantities and pronouns (个人, 本人, 成员…).
LABEL = (r"(?:姓名|中文名|汉语?名|曾用名|英文名|实习生|研究生|见习生|户主|[畜房车业货船雇店]主|户名|开户名|账户名|收款方|付款方|家长|监护人|学生|患者|门卫|司机|班主任|法定代表人|法人代表|"
          r"配偶|子女|妻子|丈夫|父亲|母亲|儿子|女儿|爱人|[其之][子女父母妻夫]|仲裁员|审判员|陪审员|"
          r"[\u4e00-\u9fff]{0,4}(?:工程师|会计师|建造师|造价师|律师|总监)|[\u4e00-\u9fff]{2,3}人员|[\u4e00-\u9fff]{0,2}(?:医生|医师|护士|法官|教师|老师)|"
          r"[\u4e00-\u9fff]{1,3}(?<![或前后两三再而作读患使学])者|"
          r"[甲乙丙]方(?:代表)?|出租方|承租方|发包方|承包方|委托方|受托方|[\u4e00-\u9fff]{0,4}对象|"
          r"[\u4e00-\u9fff]{0,3}代表|[\u4e00-\u9fff]{0,4}(?<![个本他众有无多万千百十一二两三四五六七八九每等各某该为工客])人"
          r"(?![员民们口数次均大事才群工士物家文生身格力选手性情类道权心体])|"
          r"[\u4e00-\u9fff]{0,3}(?<![动减满裁复增冗超议学官成人])员(?![工会额]))")
LABEL_END = re.compile(LABEL + "$")
LABEL_START = re.compile(LABEL + "[：:]")
SPACED = re.compile(f"[{HAN}](?: [{HAN}]){{1,3}}(?![{HAN}])")
