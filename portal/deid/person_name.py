"""姓名 — person names: names the portal knows, exactly, plus a statistical recogniser.

The statistical part anchors on surnames and scores each candidate by its context: labels and
posts before it (签发人：, 联系人, 股长, 网格员, any X员/X人, 复核人员：), connectors after them
(成员包括：, 专家分别是, 组长（签字）：), units (财政局李彩霞), list cues (包括, 分别是, 有), titles,
counts or verbs after it (同志, 局长, 等3名同志, 任评价组…, a verb of jieba's), neighbours in a list of
names (also with spaces, a parenthesis or a unit in each item), table columns headed 姓名,
characters common in given names, and jieba's segmentation (out-of-vocabulary tokens, part-of-speech
``nr`` in a small window).  A word of jieba's dictionary is a name only where its context says so,
and only if it can be one: tagged as a name, or a noun standing alone (组长高峰，) — not a verb,
conjunction or adverb after an anchor (包括, 明确, 于是), unless it fills a labelled field alone
(经手人：许诺).  Uyghur and Kazakh names are found by their
middle dot (or the ？/? a conversion left), and those of one part (热依拉, 库尔班) right after a label
or post, in a list next to other names, or alone after a unit on a line; not place names (…县, …村).
A name found once is found at its other occurrences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from portal import segmentation
from portal.deid.spans import Span, span_at

KIND = "person_name"

# The most frequent Han surnames (they cover the great majority of people).
SURNAMES = set(
    "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金廖贾夏韦付傅方白邹孟熊秦邱尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连"
    "芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞"
    "敖巩明佘池查麻苑迟邝买努高于石江洪萧封惠井荆谈宣禹揭芮向冀储阚蔺郁鞠闻邸郜鄢亓冼栗晋杭燕逯慕楚虎妥冶锁胥官奚")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
                     "司徒", "令狐", "夏侯", "西门", "独孤", "南宫", "端木", "申屠", "轩辕", "呼延", "万俟")

# Characters that (practically) never stand in a Han given name: function words and report vocabulary.
NOT_IN_GIVEN_NAME = set(
    "的了是在和与及或对将把被从向于以其之个年月日元万亿项次所中上下内外县市省区局科处部委厅室组会员人"
    "书记任副作展进行资财政预算绩效评价管理目标指完成率分计合总他各该本此要求情况单位负审核签发联系经办"
    "填报持参加表示介绍说认通过按照根据制度规定施推落料工收集议主编批复查阅统筹已未应可能需得就也都还又"
    "再并且而但如果因所由否不无没有这那些每共约达到为至起止给让使着过吗呢吧啊一二三四五六七八九十百千零"
    "〇第两几多少村乡镇州站院校队社场厂店馆")

#: Characters of NOT_IN_GIVEN_NAME that do stand in given names (王会英, 李中华, 张月华, 刘进, 王发):
#: accepted only with a label or post before the candidate or a title after it.
RARE_GIVEN = set("会中月进发和元万")

# Words after which a name follows (possibly after ：, a space, 为, 是, 包括, 有, （签字）…).
ANCHORS = ("签发人", "联系人", "负责人", "经办人", "审核人", "审批人", "复核人", "填报人", "编制人", "制表人",
           "受访人", "受访者", "受访对象", "受访", "评价人", "记录人", "主持人", "报告人", "作者", "起草人",
           "分管领导", "组长", "副组长", "成员", "组员", "专家", "评审专家", "局长", "副局长", "主任", "副主任",
           "科长", "副科长", "书记", "副书记", "处长", "县长", "副县长", "会计", "出纳", "法定代表人", "法人代表",
           "收款人", "户名", "开户名", "账户名", "姓名", "委托人", "代理人", "同志", "督导员", "核查人", "校对人",
           "审定人", "工作人员", "联络员", "评价组", "申请人", "项目经理", "经理", "受理人", "补助对象", "户主",
           "监护人", "法人", "个体工商户", "困难群众", "村民", "农户", "举报人", "投诉人", "当事人", "承办人",
           # posts in county and township units
           "股长", "副股长", "站长", "副站长", "所长", "副所长", "院长", "副院长", "校长", "副校长", "园长",
           "队长", "副队长", "社长", "理事长", "董事长", "总经理", "副总经理", "乡长", "副乡长", "镇长", "副镇长",
           "主席", "副主席", "部长", "副部长", "秘书长", "行长", "副行长", "馆长", "会长", "主任科员", "科员",
           "调研员", "村支书", "支书", "第一书记", "专干", "网格员", "驾驶员", "司机", "监理", "技术员",
           "统计员", "报账员", "审计员", "协管员", "信息员", "护林员", "护边员", "保洁员", "管护员", "村医",
           "医生", "教师", "班主任", "文书", "干部", "民警", "辅警", "教授", "副教授", "工程师", "会计师",
           "律师", "调查员", "访谈员", "记录员", "书记员", "评审员", "监督员",
           # people a report talks about
           "访谈对象", "调查对象", "走访对象", "座谈对象", "被访谈人", "低保对象", "低保户", "脱贫户", "贫困户",
           "监测户", "受益户", "种植户", "养殖户", "家长", "学生", "患者", "邻居", "家属", "配偶", "妻子",
           "丈夫", "领款人", "领取人", "签收人", "收件人", "保管人", "验收人", "监督人", "证明人", "担保人",
           "借款人", "贷款人", "承包人", "执笔人", "责任人", "整改责任人", "督办人", "参会人员", "出席人员",
           "列席人员", "参加人员", "联系人及电话", "联系人及联系电话", "联系人及联系方式",
           "牧民", "农牧民", "居民", "河长", "林长", "路长", "片区长", "网格长", "村长", "小组长",
           "班长", "护士长", "庭长", "检察长", "主治医师", "医师", "常委", "委员", "党员", "主审", "审计组长")
#: Characters common in Han given names (建国, 丽娟, 小燕…): a candidate made of them looks like a name.
GIVEN_CHARS = set(
    "建国华明丽娟军红英平志强海燕霞玉兰桂芳秀梅子琦淑花晓东伟勇静敏磊洋艳杰涛超春霖宏文斌鹏飞浩宇欣怡佳"
    "慧婷嘉琳瑞雪俊峰立新德福永庆振刚彩凤云萍晶颖莉娜娇翠珍琴素芬荣贵生林波辉光亮鸣锋兵武胜利功安康乐宝"
    "贤良义礼智信忠孝仁爱顺祥吉喜旺兴隆昌盛丰富钰铭锦鑫淼森焱晨曦旭阳昊天轩哲睿思源泽涵博雅悦诗雨梦露瑶"
    "璐琪玲珊珠蓉莲菊竹松柏桐杨柳青紫丹彤美婉妍媛姗娅妮娥姣嫣婕倩茜薇蕾芸芝芹莹蕊荷菲凡帆航远达朗耀煜"
    "炜烨灿熙照然洪鸿泓淳清澄润涌泉溪渊澜汉沛沐洁冰霜岚岭山岩坤培宁民壮健威毅坚诚厚廉正善好欢逸扬舟翔"
    "鹤鹰雁凰龙虎彪骏驰腾跃攀登峻岳巍崇瑾瑜璋璇瑛琼环佩钧铎锐钢铁银钊杉桦楠梓栋梁彬才豪雄小学卫彦秋"
    "冬夏朝晖升雯蓓帅凯权霆震寿禄桃杏梨爱彩金")
# Posts written as a duty + 员 or 人 (保管员, 炊事员, 财务人员, 主评人…), not 动员, 学员, 个人, 本人, 多人….
POST_RE = (r"(?:[\u4e00-\u9fff](?<![动减满裁复增冗超议学官])员"
           r"|[\u4e00-\u9fff](?<![个本他众有无多万千百十一二两三四五六七八九每等各人某该为])人)")
# Label words that introduce a name only with a colon (审核：黄建军, 记录：…, 主持：…).
LABEL_ONLY = ("审核", "审批", "批准", "制表", "记录", "主持", "复核", "编制", "填表", "执笔", "签字", "签名",
              "核对", "校对", "审定", "列席", "参会", "出席", "报告人", "汇报人", "整改责任人", "联系人及电话")
# What may stand between an anchor and the name: 成员包括：, 专家分别是, 组长（签字）：, 成员有…
CONNECTOR = r"(?:[（(](?:签字|签名|盖章|签章)[)）]|包括|分别是|分别为|分别由|主要有|有|为|是|由|系)"
# …and before a colon also a bare 签字/签名 (专家签字：谭秀英 — but 成员签名齐全 is a sentence)
LABEL_CONNECTOR = r"(?:[（(](?:签字|签名|盖章|签章)[)）]|签字|签名|包括|分别是|分别为|分别由|主要有|有|为|是|由|系)"
# Weaker cues: a name often follows them, but so do ordinary words (其中包括…); they license no dictionary word.
WEAK_ANCHORS = ("其中", "联系", "群众", "绩效科", "预算科", "办公室", "督查室")
# Cues of a list of names (包括：, 分别是, 有): weak, and only for a candidate a list separator follows.
LIST_CUES = ("包括", "分别是", "分别为", "分别由", "主要有", "依次为", "名单如下", "如下", "有")

_SEP = r"[ \u3000\t：:，,]"
_ANCHOR_ALT = "|".join(sorted(ANCHORS, key=len, reverse=True))
ANCHOR_RE = re.compile(f"(?:{_ANCHOR_ALT}|{POST_RE})(?:{_SEP}{{0,2}}{CONNECTOR})?" + r"[ \u3000\t：:，,为是由]{0,3}$")
# …and a unit right before the name (县财政局李彩霞, 计财股王芳, 督查室韦小宁)
WEAK_RE = re.compile("(?:" + "|".join(sorted(WEAK_ANCHORS, key=len, reverse=True))
                     + r"|[科股室局委办院所站队])[ \u3000\t：:]{0,2}$")
# A unit at the head of a list item before a name (、县审计局姚振东).
UNIT_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:局|委|办|院|所|站|队|中心|公司|股|科|室|厅|部|乡|镇)")
LABEL_RE = re.compile(f"(?:(?:{_ANCHOR_ALT}|{POST_RE})(?:{LABEL_CONNECTOR})?|(?:"
                      + "|".join(sorted(LABEL_ONLY, key=len, reverse=True))
                      + r"|[\u4e00-\u9fff]{1,4}人员?)(?:[（(](?:签字|签名)[)）])?)[ \u3000\t]*[：:][ \u3000\t]*$")
# Header cells of a column of names in a table flattened to text.
TABLE_HEADERS = {"姓名", "收款人", "领款人", "户主", "户主姓名", "户名", "联系人", "负责人", "受访者", "被访谈人",
                 "专家姓名", "人员姓名", "申请人", "补助对象", "经办人", "收款人姓名", "领取人"}
_TABLE_HEADER_RE = re.compile(r"(?:^|[ \u3000\t])(?:" + "|".join(sorted(TABLE_HEADERS, key=len, reverse=True))
                              + r")(?=[ \u3000\t])", re.M)
_CELL_RE = re.compile(r"[^ \u3000\t]+")

# Cheap filter before the regular expressions: one of the four characters before a name must be able to
# end an anchor, a connector, a weak cue or a list cue (before most surname characters none can).
_ANCHOR_TAILS = ({a[-1] for a in ANCHORS + LABEL_ONLY} | set("员）)字名括是为由有系"))
_WEAK_TAILS = {a[-1] for a in WEAK_ANCHORS} | set("科股室局委办院所站队")
_CUE_TAILS = {c[-1] for c in LIST_CUES}
# The character right before a name: one of these (or 为/是/由: 组长为…), one of LEFT_OK, not Han, or
# the end of a verb; else the candidate sits inside a word.
_CONTEXT_TAILS = _ANCHOR_TAILS | _WEAK_TAILS | _CUE_TAILS | set("为是由")
LIST_CUE_RE = re.compile("(?:" + "|".join(sorted(LIST_CUES, key=len, reverse=True)) + r")[ \u3000\t：:]{0,2}$")

TITLES = ("同志", "局长", "副局长", "主任", "副主任", "科长", "副科长", "书记", "副书记", "处长", "县长",
          "副县长", "组长", "副组长", "会计", "出纳", "先生", "女士", "老师", "专家", "等人", "等同志", "一行",
          "任评价组", "任组长", "任副组长", "任成员", "任组员", "任专家", "任局长", "任主任", "任科长",
          "（签字）", "(签字)", "（签名）", "担任", "两位", "二位", "三位", "两名", "为评价组", "为组长",
          "为项目负责人", "为联系人", "股长", "副股长", "站长", "副站长", "所长", "副所长", "院长", "副院长",
          "校长", "副校长", "队长", "副队长", "乡长", "副乡长", "镇长", "副镇长", "主任科员", "专干", "网格员",
          "第一书记", "村支书", "理事长", "总经理", "教授", "副教授", "工程师", "本人", "夫妇")
# 两人, 三人, 等3人, 等五人: a count of people right after names
TITLE_RE = re.compile("(?:" + "|".join(sorted(TITLES, key=len, reverse=True))
                      + r"|[两二三四五六七八九十]人|等[0-9一两二三四五六七八九十]+(?:[名位]|人)|[两二三四五六七八九十][名位](?:同志|专家|成员|人员))")
# Titles that say "a person" whatever stands before them (亲爱的王芳老师): they need no clean left side.
PERSONAL_TITLES = ("同志", "先生", "女士", "老师")
_PERSONAL_RE = re.compile(r"[\u4e00-\u9fff]?(?:同志|先生|女士|老师)")
VERBS = ("负责", "表示", "介绍", "主持", "签字", "签名", "汇报", "指出", "强调", "认为", "参加", "带队",
         "陪同", "出席", "说", "提出", "审核", "审定", "复核", "填报", "编制", "经办", "联系电话", "电话",
         "手机", "，职务", "职务", "组成", "构成", "反映", "告诉", "回答", "建议", "发言", "讲话", "执笔",
         "分别", "在会上", "在发言", "在讲话", "在评审", "在座谈", "的身份证", "的银行卡", "的账户", "的账号",
         "的手机", "的联系电话", "的电话", "领取", "签收", "未按", "联系", "应邀")
VERB_RE = re.compile("(?:" + "|".join(sorted(VERBS, key=len, reverse=True)) + ")")
LIST_SEPARATORS = "、，,和与及"
# Separators of names written in a row (signature lines, table cells): list separators or spaces.
ITEM_SEPARATORS = LIST_SEPARATORS + " \u3000\t"
_NAME_LIST_SEPARATORS = tuple("、和 \u3000\t")
# Characters that may stand right before a name (besides non-Han text) or right after one.
LEFT_OK = LIST_SEPARATORS + "由经请向对同派让令指定委托据称科股室局处办站所队中了"
RIGHT_OK = LIST_SEPARATORS + "在的等说对向从将已曾也均于未家为"
# A run of transliteration characters followed by one of these is a place (阿克陶县, 托尔塔克村).
PLACE_SUFFIX = "县市乡镇村州区河山湖路街省地盟旗队场站"
# Part-of-speech tags of dictionary words that may be names after a label, standing alone (高峰, 文静);
# verbs, adverbs, conjunctions, time words… are not (包括 v, 明确 ad, 于是 c, 向前 t).
NOUN_TAGS = ("n", "nr", "nz", "ns", "nt", "nrt", "nrfg", "ng")
#: A dictionary word at least this frequent is an ordinary word; rarer ones are mostly proper nouns.
COMMON = 20

#: Words of address that transliteration characters spell but that name nobody (保洁员阿姨说).
NOT_SINGLE_NAMES = {"阿姨", "阿妈", "阿爸", "阿哥", "阿婆", "阿公", "阿叔", "阿伯"}

# Characters of Uyghur, Kazakh and Kyrgyz names transliterated into Han script.
TRANSLIT = set(
    "阿艾爱安奥巴拜班包贝比别波布才查达代丹德迪蒂都杜多俄额尔法凡菲夫伏尕盖甘干戈格古哈海罕汗合和赫黑亨"
    "胡华吉加贾江杰金居卡开坎康考柯克肯库拉来赖兰勒雷里力丽利莉林琳鲁路伦罗洛玛马买麦曼毛梅美蒙米敏明"
    "摩莫默木穆那纳乃娜奈南尼聂妮努帕潘佩皮普齐恰乔切热日茹如萨赛桑色森沙山善尚舍什史斯苏素索塔太坦汤"
    "唐特提天铁图吐托瓦万旺威维卫温乌吾武西希夏先肖谢欣辛秀雅亚焰扬耶伊依义尤于玉约扎札再赞则泽孜兹祖"
    "左不肉姑逊夏吐孜坎拜叶娅莎薇洪侯沙塔克热米吉买依"
    "卜乎甫牙衣排荪旦然凯仙守地姆列登恩锡喀昆优哲俊霍玛娃莱蕾芭葛迈"
    "穆萨吾热送生阔博科凯外")
DOT_NAME = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]+(?:[·・•‧∙･．.？?][\u4e00-\u9fff]+)+")
TRUE_DOTS = "·・•‧∙･"
_TRANSLIT_CHARS = re.compile("[" + "".join(sorted(TRANSLIT)) + "]{2,8}")
_TRANSLIT_RUN = re.compile("(?<![" + "".join(sorted(TRANSLIT)) + "])[" + "".join(sorted(TRANSLIT)) + "]{2,8}")

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SURNAME_RE = re.compile("(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def jieba_tools():
    """jieba's tokenizer, POS tokenizer and word-tag table: the process's one copy (portal.segmentation)."""
    pos = segmentation.pos_tagger()
    return pos.tokenizer, pos, pos.word_tag_tab


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
    if not name or not all(_is_han(c) or c in TRUE_DOTS + "．.？?" for c in name):
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
        parts = re.split(r"([·・•‧∙･．.？?])", m.group(0))
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
    if "和" in first[:-2]:  # 王芳和阿不都·买买提, 陶春兰和米吉提·卡哈尔: 和 is the conjunction
        first = first[first.rindex("和", 0, len(first) - 2) + 1:]
    last = _head_in(words[b], TRANSLIT)
    if last.endswith("和") and len(last) > 2:  # 买合木提·吐尔洪和水管员杨俊杰
        last = last[:-1]
    if not first or not last:
        return None
    loose = any(sep in "？?．." for sep in seps[a:b])
    if loose and (len(first) < 2 or len(last) < 2):
        return None
    start = starts[a] + len(words[a]) - len(first)
    end = starts[b] + len(last)
    return span_at(KIND, text, start, end, 0.85 if loose else 0.95,
                   "少数民族姓名（间隔号" + ("被转换为问号）" if loose else "）"))


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


class NameRecogniser:
    """The statistical recogniser for names; pure, and safe to share between threads.

    Han names are candidates anchored on a surname and scored by their context; Uyghur and Kazakh
    names written without a middle dot (热依拉, 古丽巴哈尔) are taken right after a label or post
    only.  Names in a list lift their neighbours, and a name found once is found everywhere.
    """

    threshold = 0.5

    def find(self, text: str, seeds: Iterable[Span] | None = None) -> list[Span]:
        """Names in ``text``; ``seeds`` are names found otherwise (dotted, known) that lift their
        neighbours in a list (default: the dotted names of the text).  Seeds are not returned."""
        tokenizer, pos, tags = jieba_tools()
        freq = tokenizer.FREQ
        words, oov = {}, {}
        offset = 0
        for token in tokenizer.cut(text, HMM=True):
            words[offset] = token
            if 2 <= len(token) <= 4 and not freq.get(token):
                oov[offset] = len(token)
            offset += len(token)
        words[offset] = ""

        found: dict[int, tuple[float, int, str]] = {}
        for m in _SURNAME_RE.finditer(text):
            best = self._best_candidate(text, m.start(), len(m.group(0)), freq, tags, words, oov)
            if best:
                found[m.start()] = best
        for start, single in self._single_names(text, freq, tags, words).items():
            # 成员麦麦提艾力: the surname 麦 makes a Han candidate 麦麦; the longer single name wins
            if start not in found or found[start][0] < self.threshold or (
                    single[1] > found[start][1] and set(text[start:found[start][1]]) <= TRANSLIT):
                found[start] = single
        for start, cell in _table_names(text, freq).items():
            if start not in found or found[start][0] < cell[0]:
                found[start] = cell
        seeds = list(find_dotted(text) if seeds is None else seeds)
        found = self._propagate(text, found, seeds, freq)
        spans, last_end = [], -1
        for start in sorted(found):
            score, end, why = found[start]
            if score >= self.threshold and start >= last_end:
                spans.append(span_at(KIND, text, start, end, min(0.95, score), why))
                last_end = end
        return sorted(spans + self._repeats(text, spans, seeds, freq))

    def _best_candidate(self, text, i, surname_len, freq, tags, words, oov):
        # a verb of jieba's right before (拟评选尹慧玲、…, 是邝文斌签的字) leaves the left side open
        after_verb = i in words and (tags.get(_word_before(words, i)) or "")[:1] == "v"
        if i and _is_han(text[i - 1]) and text[i - 1] not in LEFT_OK and text[i - 1] not in _CONTEXT_TAILS \
                and not _PERSONAL_RE.match(text, i + surname_len + 1, i + surname_len + 4):
            # inside a word (提高, 对于, 完成): no label, unit or cue can stand right before; after a verb
            # only an unknown word or one starting with a given-name character may follow
            if not after_verb or not (i in oov or text[i + surname_len:i + surname_len + 1] in GIVEN_CHARS):
                return None
        before = text[max(0, i - 14):i]
        tail = set(text[max(0, i - 4):i])
        may_anchor = not tail.isdisjoint(_ANCHOR_TAILS)
        labelled = may_anchor and bool(LABEL_RE.search(before))
        anchored = labelled or (may_anchor and bool(ANCHOR_RE.search(before)))
        weak = not anchored and not tail.isdisjoint(_WEAK_TAILS) and bool(WEAK_RE.search(before))
        # a unit right before the name (财政局李彩霞, 督查室韦小宁), not a word running on into
        # an ordinary one (队伍建设: 队伍 and 建设 are both words)
        unit_word = i > 0 and (freq.get(text[i - 1:i + 1]) or 0) >= COMMON
        cue = (not anchored and not weak and not tail.isdisjoint(_CUE_TAILS) and not unit_word
               and bool(LIST_CUE_RE.search(before)))  # 有 is a cue, 有关 is not
        cell_left = i == 0 or text[i - 1] in " \u3000\t\n"
        surname_tag = tags.get(text[i:i + surname_len]) or ""
        best = None
        for given in (2, 1):
            end = i + surname_len + given
            if end > len(text):
                continue
            cand, given_part = text[i:end], text[i + surname_len:end]
            if not all(_is_han(c) for c in given_part):
                continue
            given_word = (freq.get(given_part) or 0) >= COMMON and not (
                tags.get(given_part) or "").startswith("nr")
            weak_here = weak and not (unit_word and given_word)
            after = text[end:end + 6]
            title_m = TITLE_RE.match(after)
            title = bool(title_m) and not _unit_before_post(cand, title_m.group(0))
            verb = not title and bool(VERB_RE.match(after))
            # a verb of jieba's dictionary right after (跟踪督办, 分管): some evidence, not a context
            verb_word = not (title or verb) and (tags.get(words.get(end)) or "")[:1] == "v"
            word_freq = freq.get(cand) or 0
            name_tag = (tags.get(cand) or "").startswith("nr")
            unusual = [c for c in given_part if c in NOT_IN_GIVEN_NAME]
            if unusual and not (set(unusual) <= RARE_GIVEN and (anchored or title) and not word_freq):
                continue
            right_clean = end == len(text) or not _is_han(text[end])
            right_ok = right_clean or text[end] in RIGHT_OK
            bounded = right_clean or text[end] in LIST_SEPARATORS or title or verb
            if word_freq >= COMMON:
                # an ordinary word (任务, 高效, 包括) is a name only after a label or before a title, and
                # only if it can be a name at all: tagged as one, or a noun standing on its own (组长文静，
                # but not 组长：林业和草原局…, 常务副县长) — or a verb filling a labelled field on its own
                # (经手人：许诺 at the end of the line; never an adverb: 负责人：明确)
                tag = tags.get(cand) or ""
                alone = right_clean or text[end] == "、"
                licensed = (anchored and (name_tag or (tag in NOUN_TAGS and alone))
                            or (title and name_tag)
                            or (labelled and tag[:1] in ("n", "v") and tag not in ("vd", "ad")
                                and (end == len(text) or text[end] in " \u3000\t\n")))
                if not licensed:
                    if name_tag and best is None:
                        best = (0.15, end, "词典人名")  # it may still join a list of names
                    continue
            # 林业和…, 高度重…: surname and first given character make an ordinary word, the candidate
            # runs on into the next one unless it ends cleanly or before a title or a verb
            if given == 2 and surname_len == 1 and (freq.get(cand[:2]) or 0) >= COMMON and not (
                    tags.get(cand[:2]) or "").startswith("nr") and not (right_ok or title or verb):
                continue
            # 向/于/和 are surnames and function words: 和国库股, 向群众宣讲 are not names
            # (a label before and a clean end license 局长于海洋、 but never the conjunction: 人员和车辆，)
            if surname_tag[:1] in FUNCTION_TAGS and given_word and not (title or verb) and not (
                    anchored and bounded and surname_tag[:1] != "c"):
                continue
            personal = title and title_m.group(0) in PERSONAL_TITLES
            if not (anchored or personal or weak_here or cue or after_verb or i == 0 or not _is_han(text[i - 1])
                    or text[i - 1] in LEFT_OK):
                continue
            # both characters of a two-character given name are common in names (国华, 素芬, 小燕)
            looks = given == 2 and word_freq < COMMON and all(c in GIVEN_CHARS for c in given_part)
            # alone between spaces or line ends (a table row flattened to text), and shaped like a name:
            # text whose words are spaced out (管控 措施, 龙宇 能源) must not pass
            cell = looks and cell_left and (end == len(text) or text[end] in " \u3000\t\n")
            listed = cue and (right_clean or text[end] in ITEM_SEPARATORS or after.startswith("等"))
            score, why = 0.15, []
            if anchored:
                score += 0.5
                why.append("前有" + ("标签" if labelled else "称谓/职务"))
            elif weak_here:
                score += 0.3
                why.append("前有提示词")
            elif listed:
                score += 0.3
                why.append("列举中")
            if cell:
                score += 0.3
                why.append("表格或名单中单独成项")
            if title:
                score += 0.45
                why.append("后接职务/称谓")
            if verb:
                score += 0.35
                why.append("后接动作")
            elif verb_word:
                score += 0.2
                why.append("后接动词")
            if looks:
                score += 0.15
                why.append("名字常用字")
            if right_clean:
                score += 0.15
            elif right_ok:
                score += 0.1
            if oov.get(i) == end - i:
                score += 0.2
                why.append("未登录词")
            elif i in words and end in words:
                score += 0.05
            elif not (right_ok or title or verb or verb_word):
                score -= 0.3  # it would run on into the next word
            # a verb after a name-like candidate at the head of a clause (赵国华带领评价组…)
            leads = verb_word and (looks or oov.get(i) == end - i) and (
                i == 0 or text[i - 1] in "\n。；;，,：:、“\"（( \u3000" + LEFT_OK or after_verb)
            if not (anchored or title or verb or weak_here or listed or cell or leads):
                # a bare name: an unknown word, cleanly delimited, that part-of-speech tagging calls a name
                # and with a character common in given names (not 惠企, 钱先)
                if oov.get(i) == end - i and right_ok and not GIVEN_CHARS.isdisjoint(given_part):
                    score = score - 0.25 + self._pos_bonus(text, i, end)
                    if score >= self.threshold:
                        why.append("词性标注为人名")
                elif _delimited(text, i, end) or (text[i - 1:i] in tuple(ITEM_SEPARATORS) and (
                        looks or oov.get(i) == end - i)):
                    # below the threshold: a name only if a neighbour in the list is one (the last
                    # item of a list runs on into the sentence: …、苟小琴应邀参加)
                    score = 0.15
                else:
                    continue
            elif 0.3 <= score < self.threshold:
                score += self._pos_bonus(text, i, end)
                if score >= self.threshold:
                    why.append("词性标注为人名")
            if best is None or score > best[0] + 1e-9:
                best = (score, end, "，".join(why) or "姓氏开头")
        return best

    def _pos_bonus(self, text: str, start: int, end: int) -> float:
        """Part-of-speech tagging on a small window only (tagging a whole report costs ~3× segmenting it)."""
        _, pos, _ = jieba_tools()
        lo = max(0, start - 6)
        offset = lo
        for word, flag in pos.cut(text[lo:end + 6]):
            if offset == start:
                return 0.25 if flag.startswith("nr") and offset + len(word) == end else 0.0
            offset += len(word)
            if offset > start:
                break
        return 0.0

    def _single_names(self, text, freq, tags, words):
        """Uyghur and Kazakh names of one part (热依拉, 库尔班), right after a label or a post:
        a rare run of transliteration characters that ends where a name ends, not in a place name."""
        out = {}
        for m in _TRANSLIT_RUN.finditer(text):
            # the run may begin inside the anchor (邻居吐尔逊娜依: 居 transliterates too)
            if _single_cell(text, m.start(), m.end(), freq):
                out[m.start()] = (0.6, m.end(), "单位后单独成项的少数民族姓名")
                continue
            for start in range(m.start(), min(m.start() + 3, m.end() - 1)):
                before = text[max(0, start - 14):start]
                if set(text[max(0, start - 4):start]).isdisjoint(_ANCHOR_TAILS) or not (
                        ANCHOR_RE.search(before) or LABEL_RE.search(before)):
                    continue
                for length in range(min(m.end() - start, 6), 1, -1):
                    end = start + length
                    word = text[start:end]
                    if word in NOT_SINGLE_NAMES:
                        continue
                    if ((freq.get(word) or 0) < COMMON or (tags.get(word) or "").startswith("nr")) \
                            and (_ends_like_a_name(text, end) or (
                                end in words and (tags.get(words[end]) or "")[:1] in ("v", "d", "a"))):
                        out[start] = (0.6, end, "前有称谓/职务，少数民族姓名")
                        break
                break
        return out

    def _propagate(self, text, found, seeds, freq):
        """A candidate next to a name in a list (张三、李四; 王五（教授）、赵六; 田七　孙八) is a name too,
        and so is a run of transliteration characters there (钱敏、热依拉)."""
        out = dict(found)
        seed_ranges = [(s.start, s.end) for s in seeds]
        changed = True
        while changed:
            changed = False
            accepted = [(s, v[1]) for s, v in out.items() if v[0] >= self.threshold] + seed_ranges
            nexts = {j for _, end in accepted for j in _next_items(text, end)}
            prevs = {_previous_item_end(text, _unit_start(text, start)) for start, _ in accepted}
            nexts.discard(None)
            prevs.discard(None)
            for start, (score, end, why) in list(out.items()):
                # a dictionary word (高峰, but also 齐全) joins only a list written with 、 or spaces
                if why == "词典人名" and not (text[start - 1:start] in _NAME_LIST_SEPARATORS
                                             or text[end:end + 1] in _NAME_LIST_SEPARATORS):
                    continue
                if self.threshold > score >= 0.1 and (start in nexts or end in prevs):
                    out[start] = (score + 0.4, end, why + "，与其他姓名并列")
                    changed = True
            taken = [(s, v[1]) for s, v in out.items() if v[0] >= self.threshold] + seed_ranges
            for j in nexts:
                m = _TRANSLIT_CHARS.match(text, j)
                if not m:
                    continue
                # a shorter candidate there made of the same characters (米娜 of 米娜瓦尔) gives way
                current = out.get(j)
                if current is not None and not (current[1] < m.end() and set(text[j:current[1]]) <= TRANSLIT):
                    continue
                others = [(s, e) for s, e in taken if current is None or (s, e) != (j, current[1])]
                if _list_item_name(text, j, m.end(), freq, others):
                    out[j] = (0.55, m.end(), "与其他姓名并列的少数民族姓名")
                    changed = True
            for k in prevs:  # …and before one (热依拉和古丽两人)
                j = _translit_item_before(text, k)
                if j is not None and j not in out and _list_item_name(text, j, k, freq, taken):
                    out[j] = (0.55, k, "与其他姓名并列的少数民族姓名")
                    changed = True
        return out

    def _repeats(self, text, spans, seeds, freq):
        """Every other occurrence of a name already found (刘振华（教授）… 刘振华任组长) — not of
        dictionary words, which are names only where their context says so."""
        names = {s.text for s in spans if (freq.get(s.text) or 0) < COMMON and len(s.text) >= 2}
        if not names:
            return []
        taken = [(s.start, s.end) for s in spans] + [(s.start, s.end) for s in seeds]
        pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
        return [span_at(KIND, text, m.start(), m.end(), 0.7, "与文中已识别的姓名相同")
                for m in pattern.finditer(text)
                if not any(s < m.end() and m.start() < e for s, e in taken)]


#: Part-of-speech tags of a surname character that is also a function word (向 p, 于 p, 和 c).
FUNCTION_TAGS = ("p", "c")


def _table_names(text: str, freq) -> dict[int, tuple[float, int, str]]:
    """Tables flattened to text: a header row with a cell 姓名 (收款人, 户主…) marks a column, and
    that column of the rows below holds names (序号 姓名 单位 职务 / 1 张丽华 财政局 科长)."""
    out = {}
    if not _TABLE_HEADER_RE.search(text):
        return out
    column, offset = None, 0
    for line in text.split("\n"):
        cells = [(m.start() + offset, m.group(0)) for m in _CELL_RE.finditer(line)]
        offset += len(line) + 1
        if column is not None and len(cells) > column and len(cells) >= 2:
            start, cell = cells[column]
            if _name_shaped(cell, freq):
                out[start] = (0.8, start + len(cell), "表格姓名列")
            continue
        column = next((k for k, (_, cell) in enumerate(cells) if cell in TABLE_HEADERS), None)
        if column is not None and len(cells) < 2:
            column = None
    return out


def _name_shaped(cell: str, freq) -> bool:
    """A cell that can be a name: a surname and one or two characters, or transliteration, not a word."""
    if (freq.get(cell) or 0) >= COMMON:
        return False
    if DOT_NAME.fullmatch(cell) or (2 <= len(cell) <= 8 and set(cell) <= TRANSLIT):
        return True
    surname = 2 if cell[:2] in COMPOUND_SURNAMES else 1
    return (2 <= len(cell) <= surname + 2 and (cell[:surname] in SURNAMES or cell[:surname] in COMPOUND_SURNAMES)
            and all(_is_han(c) and c not in NOT_IN_GIVEN_NAME for c in cell[surname:]))


def _unit_before_post(cand: str, title: str) -> bool:
    """林业站站长, 卫生院院长: the candidate ends with the unit the post belongs to, it is no name."""
    post = title.lstrip("副任为等")
    return bool(post) and post[0] == cand[-1]


def _ends_like_a_name(text: str, end: int) -> bool:
    """What follows a name: the end, punctuation, a list separator, a title or a verb — not 县/村 (a place)."""
    if end == len(text) or not _is_han(text[end]):
        return True
    if text[end] in PLACE_SUFFIX:
        return False
    return text[end] in RIGHT_OK or bool(TITLE_RE.match(text, end)) or bool(VERB_RE.match(text, end))


def _delimited(text: str, start: int, end: int) -> bool:
    """Standing as an item of a list: separators (or the line's edge) on both sides."""
    left = start == 0 or text[start - 1] in ITEM_SEPARATORS + LEFT_OK + "\n：:（("
    right = end == len(text) or text[end] in ITEM_SEPARATORS + "\n。；;）)（(等"
    return left and right


def _next_item(text: str, end: int) -> int | None:
    """Where the next item of a list starts after a name ending at ``end`` (skipping a parenthesis)."""
    j = end
    if j < len(text) and text[j] in "（(":
        close = _PAREN_TAIL.match(text, j + 1)
        if not close:
            return None
        j = close.end()
    k = j
    while k < len(text) and k - j < 3 and text[k] in ITEM_SEPARATORS:
        k += 1
    return k if k > j and k < len(text) and _is_han(text[k]) else None


_PAREN_TAIL = re.compile(r"[^（()）\n]{0,60}[)）]")


def _next_items(text: str, end: int) -> list[int]:
    """Where the next name of a list may start: the next item, or after the unit heading it
    (张三、县审计局李四)."""
    j = _next_item(text, end)
    if j is None:
        return []
    unit = UNIT_PREFIX.match(text, j)
    if unit and unit.end() < len(text) and _is_han(text[unit.end()]):
        return [j, unit.end()]
    return [j]


def _unit_start(text: str, start: int) -> int:
    """Where the list item of a name starting at ``start`` begins: before a unit heading it, if any."""
    for k in range(max(1, start - 11), start - 1):
        if text[k - 1] in ITEM_SEPARATORS and UNIT_PREFIX.fullmatch(text, k, start):
            return k
    return start


def _previous_item_end(text: str, start: int) -> int | None:
    """Where the previous item of a list ends before a name starting at ``start``."""
    k = start
    while k > 0 and start - k < 3 and text[k - 1] in ITEM_SEPARATORS:
        k -= 1
    if k == start or k == 0:
        return None
    if text[k - 1] in ")）":
        opening = max(text.rfind("（", max(0, k - 62), k), text.rfind("(", max(0, k - 62), k))
        return opening if opening > 0 else None
    return k


def _word_before(words: dict[int, str], i: int) -> str:
    """The token that ends at ``i`` (``words`` maps each token's start to the token)."""
    for k in range(i - 1, max(-1, i - 9), -1):
        if k in words:
            return words[k] if k + len(words[k]) == i else ""
    return ""


def _single_cell(text: str, start: int, end: int, freq) -> bool:
    """A sign-in sheet or signature line: a unit, a space, then a name of one part alone to the line's end
    (县审计局　乌兰)."""
    return (start > 0 and text[start - 1] in " \u3000\t" and (end == len(text) or text[end] in " \u3000\t\n")
            and end - start <= 6 and (freq.get(text[start:end]) or 0) < COMMON
            and bool(WEAK_RE.search(text, max(0, start - 14), start)))


def _translit_item_before(text: str, end: int) -> int | None:
    """Where a list item of transliteration characters ending at ``end`` starts, if the item is only that."""
    j = end
    while j > 0 and end - j < 8 and text[j - 1] in TRANSLIT:
        j -= 1
    if end - j < 2 or (j > 0 and _is_han(text[j - 1]) and text[j - 1] not in ITEM_SEPARATORS):
        return None
    return j


def _list_item_name(text, start, end, freq, taken) -> bool:
    """A run of transliteration characters between list separators, rare in jieba's dictionary."""
    if not 2 <= end - start <= 6 or (freq.get(text[start:end]) or 0) >= COMMON:
        return False
    if any(s < end and start < e for s, e in taken):
        return False
    return text[end:end + 1] in tuple(ITEM_SEPARATORS + "\n。；;（(") or _ends_like_a_name(text, end)
