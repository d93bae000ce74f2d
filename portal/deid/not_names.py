"""Words that read like a name where names stand (in a list, after a label, beside an ID) but name nobody.

The recognisers propose; :func:`no_person` vetoes a candidate whose whole text is one of these:
a form's field names, figures of folk tales and folk words, how people are called by their role,
instruments listed before their players, verbs, body words and things that begin with a surname's
character, weekdays, and 应 with a verb (the engine also vetoes a piece of a folk word, 阿拉木|汗).
"""

from __future__ import annotations

import re

from portal import segmentation
from portal.deid.name_values import KIN_PREFIX

#: Column headings and field names of forms: never a name, whatever stands before them (姓名 金额 签字).
FORM_WORDS = {"金额", "单位", "职务", "职称", "电话", "签字", "签名", "序号", "性别", "年龄", "备注", "民族", "住址",
              "地址", "日期", "数量", "合计", "小计", "手机", "卡号", "账号", "岗位", "部门", "标准", "面积", "户数", "工号",
              "曾用名", "别名", "车牌", "车号", "车牌号", "符号", "房号", "考号", "座号", "时间", "全称", "名称", "学号", "警号",
              "储值", "余额", "余课", "微信",
              # a field naming a thing (马名：白蹄子, 店名：…) or a person's other name (网名, 艺名), never a person
              "马名", "犬名", "店名", "品名", "书名", "队名", "剧名", "曲名", "村名", "校名", "网名", "艺名", "笔名", "罪名",
              "单名", "复名", "单姓", "复姓", "车型", "单数", "单价", "单号", "钟数", "课时", "时长", "工时", "时段", "里程", "商品", "科目", "月龄", "宝宝"}

#: Figures of folk tales and history and forms of music that read like one-part names (a play's 阿凡提, 十二木卡姆),
#: the title of a Kazakh bard (阿肯弹唱会: 阿肯 is what he is, not who), the Uyghur gathering 麦西来甫, the folk
#: song 阿拉木汗 and an opera's walk-on part (龙套).
FOLK_WORDS = {"阿凡提", "木卡姆", "巴依", "巴依老爷", "成吉思汗", "阿肯", "麦西来甫", "刀郎麦西来甫", "麦西热甫", "阿拉木汗", "龙套"}

#: People named by what they are to the matter (顾客反映…, 马主：…): a role, not a name.
ROLE_WORDS = {"顾客", "客户", "游客", "旅客", "乘客", "观众", "听众", "读者", "患者", "病人", "家属", "村民", "居民", "市民",
              "群众", "网友", "买家", "卖家", "摊主", "店主", "房东", "租客", "马主", "驼主", "畜主", "车主", "骑手", "鼓手",
              "舵手", "桨手", "歌手", "乐手", "选手", "棋手", "射手", "领队", "队员", "队长", "考生", "学员", "会员", "师傅",
              "船主"}

#: Instruments, listed before their players (二胡 某某；琵琶 某某；冬不拉 某某).
INSTRUMENTS = {"二胡", "京胡", "板胡", "高胡", "中胡", "琵琶", "扬琴", "古筝", "古琴", "笛子", "竹笛", "唢呐", "笙", "箫",
               "洞箫", "阮", "中阮", "大阮", "柳琴", "三弦", "马头琴", "冬不拉", "热瓦普", "都塔尔", "弹拨尔", "艾捷克",
               "萨塔尔", "卡龙", "手鼓", "达甫", "库布孜", "口弦", "胡琴", "葫芦丝", "巴乌", "手风琴", "钢琴", "小提琴",
               "大提琴", "吉他", "贝斯", "架子鼓", "长号", "小号", "圆号", "单簧管", "双簧管", "长笛", "萨克斯", "电子琴"}

#: Words that begin with a surname's character and that the dictionary or the model takes for names:
#: verbs (张贴, 谢谢, 续租), body words (左眉有疤), a roster's shifts (白班 某某、某某), a result's places
#: (亚军 某某), a dragon or lion dance's parts (龙头 某某、龙尾 某某), things (胡杨林, 储物柜).
OTHER_WORDS = {"巴旦木", "纸皮巴旦木", "张贴", "张罗", "谢谢", "续租", "续签", "续费", "续保", "包联", "包保", "包干", "左眉", "右眉", "左眼", "右眼",
               "左耳", "右耳", "左脸", "右脸", "左臂", "右臂", "左腿", "右腿", "左手", "右手", "左脚", "右脚",
               "白班", "夜班", "早班", "中班", "晚班", "冠军", "亚军", "季军", "殿军", "龙头", "龙身", "龙尾", "龙珠",
               "狮头", "狮尾", "胡杨林", "储物柜", "储备库", "乔迁", "和田籽料", "傅科摆", "牛顿摆", "闭馆", "开馆", "康健",
               "康乃馨", "敬立", "敬献", "储值卡",
               # a grade after a name in a list of results (某某 优秀，某某 合格)
               "优秀", "良好", "合格", "不合格", "称职", "基本称职", "不称职", "及格", "不及格", "达标", "未达标"}

#: Words that read like a surname and a given name but name nobody: a weekday or a rota's days, an hour, a
#: pass (周一三五, 五点半, 张|年卡); 应 and a verb (应具备).
_TIMES_AND_PASSES = re.compile(r"周[一二三四五六日天末]{1,4}|星期[一二三四五六日天]|礼拜[一二三四五六日天]|.[年月季次]卡"
                               r"|[一二三四五六七八九十两]{1,3}点(?:半|[一二三四五六七八九十]{1,3}分?)?")


#: A craftsman named by his craft (马鞍匠, 铜匠, 乐器匠): a trade, nobody's name.
_CRAFT = re.compile(r"[\u4e00-\u9fff]{1,3}匠")


def _trade_worker(word: str) -> bool:
    """A worker named by the work (义工, 苗圃工, 护林工): 工 after a word of the dictionary, or the whole a word."""
    if len(word) < 2 or word[-1] != "工":
        return False
    freq = segmentation.pos_tagger().tokenizer.FREQ
    return (freq.get(word) or 0) > 0 or (len(word) >= 3 and (freq.get(word[:-1]) or 0) >= 100)


#: An amount in capital numerals (捌万元整, 壹仟伍佰元): a receipt's figure, never a name.
_CAPITAL_AMOUNT = re.compile(r"[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+[元圆][零壹贰叁肆伍陆柒捌玖角分整]*")


def no_person(word: str) -> bool:
    """Whether ``word`` (a candidate's whole text) names nobody."""
    if word in FORM_WORDS or word in FOLK_WORDS or word in ROLE_WORDS or word in INSTRUMENTS or word in OTHER_WORDS \
            or _CRAFT.fullmatch(word) or _trade_worker(word) \
            or _TIMES_AND_PASSES.fullmatch(word) or (len(word) == 2 and word[1] in "户家") or word[1:2] == "记" \
            or (len(word) >= 3 and word[-1] == "组") \
            or KIN_PREFIX.fullmatch(word) or _CAPITAL_AMOUNT.fullmatch(word):  # 包户, 联户; 王记, 王记汽… (a shop), 马家; 厨务组 (a team); 母亲, 其父 (母 and 羊 are surnames too)
        return True
    if word[:1] != "应" or len(word) < 3:
        return False
    return (segmentation.pos_tagger().word_tag_tab.get(word[1:]) or "")[:1] in ("v", "a", "d")
