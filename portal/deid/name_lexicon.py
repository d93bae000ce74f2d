"""The vocabulary of person-name recognition: surnames, given-name characters, the labels, posts,
titles and verbs around names, list cues, and the characters of transliterated Uyghur and Kazakh names.

Data and the patterns compiled from it; the recognisers live in :mod:`portal.deid.person_name`.
"""

from __future__ import annotations

import re

from portal import segmentation

KIND = "person_name"

# The most frequent Han surnames (they cover the great majority of people).
SURNAMES = set(
    "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金廖贾夏韦付傅方白邹孟熊秦邱尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连"
    "芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞"
    "敖巩明佘池查麻苑迟邝买努高于石江洪萧封惠井荆谈宣禹揭芮向冀储阚蔺郁鞠闻邸郜鄢亓冼栗晋杭燕逯慕楚虎妥冶锁胥官奚"
    # rarer surnames (百家姓): characters that seldom begin an ordinary word
    "麴蹇仝钮鄂亢侍糜訾禚笪郏隗厍缑蒯郦郗邴璩暨扈宓邰莘乜撒喇佴汝雍贲谯朴姒兀禄"
    "赖屠贡茹庾晁濮匡殳勾桓湛狄裘羿汲戎宰郤酆弓祖茅竺浦"
    # surnames of the north-east and the north-west (Hui families among them) and other 百家姓
    # surnames still borne today
    "厉初纳哈达海那盖韶仉伏嵇荀昝蓟危巢宦阙钭苍靖綦逄郇沐拜敏铁黑者展续智练薄貟贠蔚衡战满况母羊敬舍欧诸尕庹刀雒"
    # a Hakka family's surname and others borne today
    "丘卿苌毋")
#: Last characters of a role's word that may stand glued before a surname (售户|某, 伤者|某, 采收工|某,
#: 监护人|某): what padded_names and broken_lines read as a word's end there.
ROLE_TAILS = "员人者户商工"
#: Surnames borne today that mostly begin ordinary words (居民, 衣服, 牙齿, 计划): read as surnames only where
#: the shape of the text makes a name certain (a letter-spaced given name right after them).
WORDY_SURNAMES = set("贝居牙衣计区展水丰云双从开风凤戈扶斗权宿帅羌危门咸摆拓玄但都延堵皮"
                     # …and the 百家姓's other surnames SURNAMES lacks, but for words of grammar and of
                     # everyday use that a spaced heading or a table's cells are made of (能, 后, 国, 平…)
                     # and for sounds of Mongol and Uyghur names, read as such (乌, 巴, 伊, 索)
                     "昌花廉滑於松牧蓬班仰秋暴束幸印怀籍阴鬱劳卻寿习鱼慎弘沃夔隆融相钦墨"
                     # and rare surnames outside it still borne today (盘, a Yao family's; 火)
                     "操盘火"
                     # and surnames of Yunnan's peoples and of the north that are everyday words too
                     "普保字原")
#: Posts and honorifics one addresses a person by (某某书记, 某某老师); a surname with one of them alone
#: names nobody (王主任).  (TITLES below is wider: what may follow a name in a sentence.)
ADDRESS_TITLES = ("红娘", "把式", "主任", "局长", "书记", "部长", "县长", "乡长", "镇长", "村长", "科长", "股长", "处长", "站长", "所长", "队长",
          "组长", "同志", "老师", "经理", "会计", "先生", "女士", "师傅", "大夫", "医生", "班长", "护士长", "教授",
          "技术员", "副局长", "大厨")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
                     "司徒", "令狐", "夏侯", "西门", "独孤", "南宫", "端木", "申屠", "轩辕", "呼延", "万俟", "赫连",
                     "拓跋", "钟离", "闻人", "闾丘", "公西", "颛孙", "子车", "司寇",
                     "太史", "公羊", "澹台", "宗政", "濮阳", "淳于", "单于", "东郭", "百里",
                     "司空", "鲜于", "巫马", "公冶", "仲孙", "乐正", "漆雕", "壤驷", "谷梁", "宰父", "夹谷", "左丘",
                     "东门", "梁丘", "第五", "太叔", "达奚", "褚师", "子桑", "亓官", "段干", "公良", "呼衍", "拓拔", "尉迟", "羊舌", "微生", "完颜", "纳兰", "佟佳", "富察",
                     # Yi family names of Liangshan as Chinese writes them (吉克某某, 阿苏某某)
                     "吉克", "阿苏", "沙马", "曲比", "俄木", "勒格", "阿约", "海来", "吉伍", "瓦扎", "阿说", "吉木",
                     "阿牛", "阿的", "日火", "吉史", "俄底", "果基", "倮伍", "莫色", "罗洪", "阿侯", "吉觉",
                     # Manchu clan names written before a given name (伊尔根觉罗某)
                     "伊尔根觉罗", "叶赫那拉", "钮钴禄", "瓜尔佳", "赫舍里", "舒穆禄", "他塔拉")

#: Characters no given name has even where the model reads a name (金|请, 费|壹佰贰): a request, an
#: amount in capitals.
NEVER_GIVEN = set("请壹贰叁肆伍陆柒捌玖拾佰仟")
# Characters that (practically) never stand in a Han given name: function words and report vocabulary.
NOT_IN_GIVEN_NAME = set(
    "的了是在和与及或对将把被从向于以其之个年月日元万亿项次所中上下内外县市省区局科处部委厅室组会员人"
    "书记任副作展进行资财政预算绩效评价管理目标指完成率分计合总他各该本此要求情况单位负审核签发联系经办"
    "填报持参加表示介绍说认通过按照根据制度规定施推落料工收集议主编批复查阅统筹已未应可能需得就也都还又"
    "再并且而但如果因所由否不无没有这那些每共约达到为至起止给让使着过吗呢吧啊一二三四五六七八九十百千零"
    "〇第两几多少村乡镇州站院校队社场厂店馆辆号费你我她它们另附略姓交留") | NEVER_GIVEN

#: Characters of NOT_IN_GIVEN_NAME that do stand in given names (王会英, 李中华, 张月华, 刘进, 王发):
#: accepted only with a label or post before the candidate or a title after it.
RARE_GIVEN = set("会中月进发和元万有一可少")

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
           "监测户", "受益户", "种植户", "养殖户", "承包户", "售户", "家长", "学生", "患者", "邻居", "家属", "配偶", "妻子",
           "客人", "游客", "旅客", "住客", "房客", "乘客", "顾客", "学员", "队员", "会员", "选手",
           "兽医", "驼主", "马主", "车主", "摊主", "店主", "船主", "畜主",
           "丈夫", "领款人", "领取人", "签收人", "收件人", "保管人", "验收人", "监督人", "证明人", "担保人",
           "借款人", "贷款人", "承包人", "执笔人", "责任人", "整改责任人", "督办人", "参会人员", "出席人员",
           "列席人员", "参加人员", "联系人及电话", "联系人及联系电话", "联系人及联系方式",
           "牧民", "农牧民", "居民", "河长", "林长", "路长", "片区长", "网格长", "村长", "小组长",
           "班长", "护士长", "庭长", "检察长", "主治医师", "医师", "常委", "委员", "党员", "主审", "审计组长",
           "兹证明", "兹有", "本人", "学员", "裁判", "裁判长", "评委", "员工", "护士", "干事", "监事长", "监事", "理事",
           "楼长", "买家", "卖家", "新郎", "新娘", "顾问",
           # the people of a household's or a customer's business (业主某某, 房东某某, 恩师某某)
           "业主", "业主代表", "货主", "宠主", "犬主", "房主", "雇主", "失主", "客户", "租户", "住户", "房东", "租客",
           "师傅", "好友", "朋友", "恩师", "同学", "同事", "老乡", "室友", "买方", "卖方", "买受人", "出卖人",
           "老板", "老板娘", "店长", "掌柜", "学徒", "徒弟", "帮工",
           # who an inscription names (孝男某某, 先考某某之墓) and whom an award goes to (一等奖某某)
           "孝男", "孝女", "孝子", "孝孙", "孝媳", "先考", "先妣", "显考", "显妣", "慈母", "慈父",
           "特等奖", "一等奖", "二等奖", "三等奖", "优秀奖", "鼓励奖", "金奖", "银奖", "铜奖",
           # the parties of a delivery or a purchase (收货方某某, 供货方某某)
           "收货方", "发货方", "供货方", "供应方", "采购方")
#: Characters common in Han given names (建国, 丽娟, 小燕…): a candidate made of them looks like a name.
GIVEN_CHARS = set(
    "建国华明丽娟军红英平志强海燕霞玉兰桂芳秀梅子琦淑花晓东伟勇静敏磊洋艳杰涛超春霖宏文斌鹏飞浩宇欣怡佳"
    "慧婷嘉琳瑞雪俊峰立新德福永庆振刚彩凤云萍晶颖莉娜娇翠珍琴素芬荣贵生林波辉光亮鸣锋兵武胜利功安康乐宝"
    "贤良义礼智信忠孝仁爱顺祥吉喜旺兴隆昌盛丰富钰铭锦鑫淼森焱晨曦旭阳昊天轩哲睿思源泽涵博雅悦诗雨梦露瑶"
    "璐琪玲珊珠蓉莲菊竹松柏桐杨柳青紫丹彤美婉妍媛姗娅妮娥姣嫣婕倩茜薇蕾芸芝芹莹蕊荷菲凡帆航远达朗耀煜"
    "炜烨灿熙照然洪鸿泓淳清澄润涌泉溪渊澜汉沛沐洁冰霜岚岭山岩坤培宁民壮健威毅坚诚厚廉正善好欢逸扬舟翔"
    "鹤鹰雁凰龙虎彪骏驰腾跃攀登峻岳巍崇瑾瑜璋璇瑛琼环佩钧铎锐钢铁银钊杉桦楠梓栋梁彬才豪雄小学卫彦秋"
    "冬夏朝晖升雯蓓帅凯权霆震寿禄桃杏梨爱彩金")
# Posts written as a duty + 员 or 人 (保管员, 炊事员, 财务人员, 主评人…), not 动员, 学员, 个人, 本人, 多人…, and
# who plays, sings or rows (选手, 歌手, 鼓手, 舵手), not 抓手, 着手, 人手, a trade's master (摄影师, 化妆师)
# or craftsman (鞋匠, 篾匠).
POST_RE = (r"(?:[\u4e00-\u9fff](?<![动减满裁复增冗超议学官])员|(?:[选歌乐鼓舵桨骑射棋旗号水助车投]|能|高|对)手"
           r"|(?:摄影|化妆|设计|理发|美发|美容|魔术|驯兽|营养|咨询|调音|培训|工艺|讲|厨|技|药|医|律)师"
           # …and who works by the hour or at a trade (钟点工, 疏通工, 泥瓦工), not 施工, 员工, 加工 (nor 安装|工程:
           # the reader of an anchor checks that its end and the name's start make no word)
           r"|(?:钟点|临时|小时|零|疏通|安装|维修|水电|管道|清洁|搬运|装修|泥瓦|油漆|保洁|钢筋|农民|绿化|拾花|采棉|装裱|缝纫|电焊|洗碗|杂|小)工"
           r"|(?:鞋|木|铁|石|银|皮|篾|瓦|泥|漆|铜|锡|锁|毡|鞍|画|玉|陶|染|花|秤)匠"
           r"|[\u4e00-\u9fff](?<![个本他众有无多万千百十一二两三四五六七八九每等各人某该为])人)")
# Label words that introduce a name only with a colon (审核：黄建军, 记录：…, 主持：…).
LABEL_ONLY = ("审核", "审批", "批准", "制表", "记录", "主持", "复核", "编制", "填表", "执笔", "签字", "签名",
              "核对", "校对", "审定", "列席", "参会", "出席", "报告人", "汇报人", "整改责任人", "联系人及电话", "发言",
              "名单", "子女", "甲方", "乙方", "丙方", "出租方", "承租方", "转出方", "转入方")
# What may stand between an anchor and the name: 成员包括：, 专家分别是, 组长（签字）：, 成员有…
CONNECTOR = r"(?:[（(](?:签字|签名|盖章|签章)[)）]|包括|分别是|分别为|分别由|主要有|有|为|是|由|系)"
# …and before a colon also a bare 签字/签名 (专家签字：谭秀英 — but 成员签名齐全 is a sentence)
LABEL_CONNECTOR = r"(?:[（(](?:签字|签名|盖章|签章)[)）]|签字|签名|包括|分别是|分别为|分别由|主要有|有|为|是|由|系)"
# Weaker cues: a name often follows them, but so do ordinary words (其中包括…); they license no dictionary word.
WEAK_ANCHORS = ("其中", "联系", "群众", "绩效科", "预算科", "办公室", "督查室",
                # a trade before the person who plies it (收购蜂农某某…, 钢筋工某某)
                "蜂农", "菜农", "果农", "棉农", "瓜农", "茶农", "花农", "钢筋工", "木工", "瓦工", "电工", "焊工",
                "杂工", "油漆工", "拾花工", "保洁工", "养护工", "走访户")
# Cues of a list of names (包括：, 分别是, 有): weak, and only for a candidate a list separator follows.
LIST_CUES = ("包括", "分别是", "分别为", "分别由", "主要有", "依次为", "名单如下", "如下", "有")

_SEP = r"[ \u3000\t：:，,]"
_ANCHOR_ALT = "|".join(sorted(ANCHORS, key=len, reverse=True))
ANCHOR_RE = re.compile(f"(?:{_ANCHOR_ALT}|{POST_RE})(?:{_SEP}{{0,2}}{CONNECTOR})?" + r"[ \u3000\t：:，,为是由]{0,3}$")
#: A post or an anchor anywhere in a run (床品店老板|某某某, 义剪队长|某某·某某).
POST_IN = re.compile(f"(?:{_ANCHOR_ALT}|{POST_RE})")


def post_ends(part: str) -> list[re.Match]:
    """The posts and anchors inside ``part`` that leave two characters or more after them (a name),
    their end no word with the next character (人社局人|才股: 人才 is a word, 局人 no post)."""
    freq = segmentation.pos_tagger().tokenizer.FREQ
    return [m for m in POST_IN.finditer(part)
            if len(part) - m.end() >= 2 and (freq.get(part[m.end() - 1:m.end() + 1]) or 0) < COMMON]


# …and a unit right before the name (县财政局李彩霞, 计财股王芳, 督查室韦小宁)
WEAK_RE = re.compile("(?:" + "|".join(sorted(WEAK_ANCHORS, key=len, reverse=True))
                     + r"|[科股室局委办院所站队班组])[ \u3000\t：:]{0,2}$")
# A unit at the head of a list item before a name (、县审计局姚振东).
UNIT_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:局|委|办|院|所|站|队|中心|公司|股|科|室|厅|部|乡|镇)")
LABEL_RE = re.compile(f"(?:(?:{_ANCHOR_ALT}|{POST_RE})(?:{LABEL_CONNECTOR})?|(?:"
                      + "|".join(sorted(LABEL_ONLY, key=len, reverse=True))
                      + r"|[\u4e00-\u9fff]{1,4}人员?)[0-9]{0,2}(?:[（(](?:签字|签名)[)）])?)[ \u3000\t]*[：:][ \u3000\t]*$")
# Header cells of a column of names in a table flattened to text.
TABLE_HEADERS = {"姓名", "收款人", "领款人", "户主", "户主姓名", "户名", "联系人", "负责人", "受访者", "被访谈人",
                 "专家姓名", "人员姓名", "申请人", "补助对象", "经办人", "收款人姓名", "领取人",
                 "客户", "顾客", "客人", "住客", "会员", "学员", "队员", "选手", "会员姓名", "学员姓名", "客户姓名"}
TABLE_HEADER_RE = re.compile(r"(?:^|[ \u3000\t])(?:" + "|".join(sorted(TABLE_HEADERS, key=len, reverse=True))
                              + r")(?=[ \u3000\t])", re.M)
CELL_RE = re.compile(r"[^ \u3000\t]+")

# Cheap filter before the regular expressions: one of the four characters before a name must be able to
# end an anchor, a connector, a weak cue or a list cue (before most surname characters none can).
ANCHOR_TAILS = ({a[-1] for a in ANCHORS + LABEL_ONLY} | set("员手师工匠）)字名括是为由有系"))
WEAK_TAILS = {a[-1] for a in WEAK_ANCHORS} | set("科股室局委办院所站队班组")
CUE_TAILS = {c[-1] for c in LIST_CUES}
# The character right before a name: one of these (or 为/是/由: 组长为…), one of LEFT_OK, not Han, or
# the end of a verb; else the candidate sits inside a word.
CONTEXT_TAILS = ANCHOR_TAILS | WEAK_TAILS | CUE_TAILS | set("为是由")
LIST_CUE_RE = re.compile("(?:" + "|".join(sorted(LIST_CUES, key=len, reverse=True)) + r")[ \u3000\t：:]{0,2}$")

TITLES = ("同志", "局长", "副局长", "主任", "副主任", "科长", "副科长", "书记", "副书记", "处长", "县长",
          "副县长", "组长", "副组长", "会计", "出纳", "先生", "女士", "老师", "专家", "等人", "等同志", "一行",
          "任评价组", "任组长", "任副组长", "任成员", "任组员", "任专家", "任局长", "任主任", "任科长",
          "（签字）", "(签字)", "（签名）", "担任", "两位", "二位", "三位", "两名", "为评价组", "为组长",
          "为项目负责人", "为联系人", "股长", "副股长", "站长", "副站长", "所长", "副所长", "院长", "副院长",
          "校长", "副校长", "队长", "副队长", "乡长", "副乡长", "镇长", "副镇长", "主任科员", "专干", "网格员",
          "第一书记", "村支书", "理事长", "总经理", "教授", "副教授", "工程师", "本人", "夫妇", "政委", "教导员",
          "律师", "医生", "主治医师", "妈妈", "爸爸")
# 两人, 三人, 等3人, 等五人: a count of people right after names
TITLE_RE = re.compile("(?:" + "|".join(sorted(TITLES, key=len, reverse=True))
                      + r"|[两二三四五六七八九十]人|等[0-9一两二三四五六七八九十]+(?:[名位]|人)|[两二三四五六七八九十][名位](?:同志|专家|成员|人员))")
# Titles that say "a person" whatever stands before them (亲爱的王芳老师): they need no clean left side.
PERSONAL_TITLES = ("同志", "先生", "女士", "老师")
PERSONAL_RE = re.compile(r"[\u4e00-\u9fff]?(?:同志|先生|女士|老师)")
VERBS = ("负责", "表示", "介绍", "主持", "签字", "签名", "汇报", "指出", "强调", "认为", "参加", "带队",
         "陪同", "出席", "说", "提出", "审核", "审定", "复核", "填报", "编制", "经办", "联系电话", "电话",
         "手机", "原手机", "原号码", "原电话", "原卡", "原账号", "，职务", "职务", "组成", "构成", "反映", "告诉", "回答", "建议", "发言", "讲话", "执笔",
         "分别", "在会上", "在发言", "在讲话", "在评审", "在座谈", "的身份证", "的银行卡", "的账户", "的账号",
         "的手机", "的联系电话", "的电话", "领取", "签收", "未按", "联系", "应邀",
         # a reason a person leaves a post or misses a duty (某某因工作调动…), an account of one's own
         "因工作", "因病", "因个人", "因身体", "因家庭", "因年龄", "因故", "银行卡")
VERB_RE = re.compile("(?:" + "|".join(sorted(VERBS, key=len, reverse=True)) + ")")
LIST_SEPARATORS = "、，,和与及"
# Separators of names written in a row (signature lines, table cells): list separators or spaces.
ITEM_SEPARATORS = LIST_SEPARATORS + " \u3000\t"
NAME_LIST_SEPARATORS = tuple("、和 \u3000\t")
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
NOT_SINGLE_NAMES = {"阿姨", "阿妈", "阿爸", "阿哥", "阿婆", "阿公", "阿叔", "阿伯", "阿帕", "阿卡"}  # (阿帕, 阿卡: Uyghur words for a mother and an elder brother)

# Characters of Uyghur, Kazakh and Kyrgyz names transliterated into Han script.
TRANSLIT = set(
    "阿艾爱安奥巴拜班包贝比别波布才查达代丹德迪蒂都杜多俄额尔法凡菲夫伏尕盖甘干戈格古哈海罕汗合和赫黑亨"
    "胡华吉加贾江杰金居卡开坎康考柯克肯库拉来赖兰勒雷里力丽利莉林琳鲁路伦罗洛玛马买麦曼毛梅美蒙米敏明"
    "摩莫默木穆那纳乃娜奈南尼聂妮努帕潘佩皮普齐恰乔切热日茹如萨赛桑色森沙山善尚舍什史斯苏素索塔太坦汤"
    "唐特提天铁图吐托瓦万旺威维卫温乌吾武西希夏先肖谢欣辛秀雅亚焰扬耶伊依义尤于玉约扎札再赞则泽孜兹祖"
    "左不肉姑逊夏吐孜坎拜叶娅莎薇洪侯沙塔克热米吉买依"
    "卜乎甫牙衣排荪旦然凯仙守地姆列登恩锡喀昆优哲俊霍玛娃莱蕾芭葛迈坤满"
    "穆萨吾热送生阔博科凯外宛散根")
DOT_NAME = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]+(?:[·・•‧∙･．.？?\-][\u4e00-\u9fff]+)+")
TRUE_DOTS = "·・•‧∙･"
TRANSLIT_CHARS = re.compile("[" + "".join(sorted(TRANSLIT)) + "]{2,8}")
TRANSLIT_RUN = re.compile("(?<![" + "".join(sorted(TRANSLIT)) + "])[" + "".join(sorted(TRANSLIT)) + "]{2,8}")

_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Every surname, single or compound.
SURNAME_WORDS = SURNAMES | set(COMPOUND_SURNAMES)
#: A kin word (with 其/之/系 before it): 其父, 妻子, 外祖母, 岳父… (a relative, not a name).
KIN_WORD = (r"(?:其|之|系)?(?:外?祖[父母]|外公|外婆|姥姥|姥爷|父亲?|母亲?|妻子?|夫|丈夫|儿子?|女儿?|孙子?|孙女|配偶|家属|户主|本人|爱人|哥哥?|"
            r"姐姐?|弟弟?|妹妹?|爷爷|奶奶|岳[父母])")
SURNAME_RE = re.compile("(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])")

#: Part-of-speech tags of a surname character that is also a function word (向 p, 于 p, 和 c).
FUNCTION_TAGS = ("p", "c")

