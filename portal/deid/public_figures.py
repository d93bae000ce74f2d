"""Public figures: poets, writers, calligraphers, painters and composers, historical and revolutionary
figures, and characters of literature and legend.  Named in a bureau's text they are no personal
data (弘扬焦裕禄精神, 李白、杜甫等诗人, 原作者王羲之), but a living person may bear the same name, so
the policy keeps such a name only where its context shows the figure is meant, and puts it to a
person otherwise (review, never an unattended redaction of 岳飞精忠报国).
"""

from __future__ import annotations

import re

from portal.deid.name_lexicon import ANCHOR_RE

FIGURES = frozenset("""
屈原 宋玉 司马相如 曹操 曹植 曹丕 嵇康 阮籍 陶渊明 谢灵运 王勃 骆宾王 陈子昂 贺知章 孟浩然 王维 李白 杜甫 王昌龄
高适 岑参 王之涣 崔颢 韦应物 白居易 元稹 刘禹锡 柳宗元 韩愈 李贺 杜牧 李商隐 温庭筠 李煜 柳永 晏殊 范仲淹 欧阳修
王安石 苏轼 苏洵 苏辙 黄庭坚 秦观 李清照 陆游 辛弃疾 杨万里 范成大 姜夔 文天祥 关汉卿 马致远 王实甫 汤显祖 于谦
唐寅 曹雪芹 吴承恩 施耐庵 罗贯中 蒲松龄 纳兰性德 郑板桥 袁枚 龚自珍 王羲之 王献之 颜真卿 柳公权 欧阳询 褚遂良
怀素 张旭 米芾 蔡襄 赵孟頫 吴道子 顾恺之 齐白石 徐悲鸿 张大千 黄宾虹 吴昌硕 鲁迅 郭沫若 茅盾 巴金 老舍 曹禺
冰心 沈从文 艾青 舒婷 海子 顾城 北岛 徐志摩 朱自清 闻一多 林徽因 张爱玲 萧红 郁达夫 丁玲 赵树理 路遥 莫言 余华
贾平凹 汪曾祺 史铁生 王蒙 陈忠实 铁凝 金庸 古龙 琼瑶 三毛 孔子 仲尼 孟子 庄子 荀子 墨子 韩非子 孙武 孙膑 管仲 商鞅 秦始皇
汉武帝 唐太宗 李世民 武则天 康熙 乾隆 忽必烈 司马迁 司马光 班固 班超 张骞 玄奘 鉴真 郑和 诸葛亮 孔明 刘备
关羽 张飞 赵云 岳飞 戚继光 郑成功 林则徐 左宗棠 包拯 海瑞 霍去病 卫青 花木兰 王昭君 西施 貂蝉 杨贵妃 李时珍
张仲景 华佗 扁鹊 祖冲之 张衡 毕昇 蔡伦 孙中山 李大钊 毛泽东 周恩来 朱德 刘少奇 邓小平 陈毅 贺龙 彭德怀
方志敏 瞿秋白 江竹筠 江姐 刘胡兰 董存瑞 黄继光 邱少云 张思德 白求恩 雷锋 王进喜 焦裕禄 孔繁森 杨善洲 谷文昌
纪晓岚 钱学森 邓稼先 钱三强 袁隆平 屠呦呦 黄大年 张桂梅 廖俊波 黄文秀 时传祥 孙悟空 猪八戒 沙和尚 唐僧 林黛玉 贾宝玉
薛宝钗 王熙凤 宋江 武松 林冲 鲁智深 李逵 孙少平 孙少安 田晓霞 孔乙己 闰土 祥林嫂 哪吒 嫦娥 后羿 牛郎 织女
梁山伯 祝英台 白素贞 许仙 格萨尔 江格尔 玛纳斯 阿拜 纳瓦依 阿曼尼莎汗 麻赫穆德·喀什噶里 尤素甫·哈斯·哈吉甫
渥巴锡 细君公主 解忧公主 香妃 伏羲 女娲 神农 黄帝 炎帝 大禹 盘古 巴赫 贝多芬 莫扎特 肖邦 车尔尼 哈农 拜厄 李斯特
舒伯特 舒曼 柴可夫斯基 德彪西 海顿 勃拉姆斯 门德尔松 维瓦尔第 亨德尔 克莱门蒂 布格缪勒 冼星海 聂耳 刘天华 阿炳 华彦钧 张三丰 李宁 冯如 胡迪尼 卓别林 牛顿 爱因斯坦 居里 达尔文 伽利略 爱迪生
鲁班 杜康 刘伶 关公 苏东坡 石敢当 秦香莲 陈世美 包公 展昭 穆桂英 杨宗保 佘太君 杨六郎 梁红玉 白蛇 窦娥 崔莺莺 张生 红娘 杜丽娘 柳梦梅
""".split())

#: Before the figure: what one does with a figure (学习雷锋, 弘扬…), or who the figure was (诗人李白, 原作者王羲之, 唐代…).
_BEFORE = re.compile(r"(?:学习|弘扬|传承|纪念|缅怀|追忆|诗人|词人|作家|文学家|书法家|画家|思想家|革命先烈|烈士|原作者|原著|"
                     r"[先秦汉晋隋唐宋元明清][代朝]|古代|古人|历史人物)[“「《]?$")
#: After it: the figure's spirit or likeness, works, places named for it (焦裕禄精神, 艾青诗歌, 李清照的《…》, 雷锋公园).
_AFTER = re.compile(r"[”」》]?(?:同志)?(?:精神|式的|式|的《|《|诗|词|作品|名句|名篇|文集|全集|故居|纪念|墓|祠|公园|广场|像|雕像|先师|门下|"
                    r"中队|车队|等(?:诗人|词人|作家|书法家|画家|人物|名人|古人|历史)|\d|(?:初级|中级)?(?:钢琴|小提琴)?(?:练习)?曲)")
#: Another figure beside it in a list (李白、杜甫、白居易等).
_BESIDE = re.compile("[、，,和与及]")


def named(text: str, start: int, end: int) -> str | None:
    """``'keep'`` when the name ``text[start:end]`` is a public figure's in a context that shows it,
    ``'review'`` when it is a figure's name alone, None when it is no figure's."""
    word = re.sub(r"\s", "", text[start:end])
    if word[:-1] in FIGURES and _AFTER.match(text, end - 1) and not ANCHOR_RE.search(text, max(0, start - 12), start):
        return "keep"  # 孔子像, 鲁班先|师: a reader took the figure with the word after it
    if word not in FIGURES or ANCHOR_RE.search(text, max(0, start - 12), start):
        return None  # 负责人王维: a person's place, whoever bears the name
    if _BEFORE.search(text, max(0, start - 6), start) or _AFTER.match(text, end) \
            or text.startswith("的" + word[0], end) \
            or text[start - 1:start] in ("“", "「", "\"") and text[end:end + 1] not in ("”", "」", "\""):
        # 伏羲的伏: a surname's character explained; “李宁运动专卖”: the name opens a shop's or a brand's
        return "keep"
    before, after = text[max(0, start - 8):start], text[end:end + 8]
    beside = any(before[:-1].endswith(f) and _BESIDE.fullmatch(before[-1:] or "x")
                 or _BESIDE.match(after) and after[1:].startswith(f) for f in FIGURES if f != word)
    return "keep" if beside else "review"
