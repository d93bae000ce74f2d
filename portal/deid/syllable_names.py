"""Tibetan and Mongolian names written in Han script: runs made wholly of a name's syllables.

A Tibetan name is two of a small stock of given names put together (a syllable pair for each:
扎西, 次仁, 卓玛…; a short ending such as 措 or 吉 may close it), and Mongolian names are built
the same way from their own stock.  Neither has a surname, so the surname-led rules do not see
them, and the model often tags only the half it knows.  A run that splits wholly into such
syllables — two of them at least, or one standing alone between separators — is a name, unless
it is a word of the dictionary other than a name or a place (…寺, …乡).
"""

from __future__ import annotations

import re

from portal import segmentation
from portal.deid.name_context import ends_like_a_name, next_item, previous_item_end
from portal.deid.name_forms import is_han
from portal.deid.name_lexicon import ANCHOR_RE, COMMON, LIST_SEPARATORS, TITLE_RE
from portal.deid.spans import Span, span_at

KIND = "person_name"
#: Given names of the Tibetan stock, as Han transliterations write them (several spellings each).
TIBETAN = (
    "扎西", "札西", "次仁", "才仁", "泽仁", "卓玛", "卓嘎", "卓尕", "多吉", "多杰", "多结", "索朗", "索南", "尼玛", "格桑",
    "平措", "彭措", "达瓦", "曲珍", "白玛", "贝玛", "旺姆", "央金", "央宗", "央拉", "次旦", "才旦", "顿珠", "洛桑", "罗桑",
    "丹增", "旦增", "益西", "边巴", "拉毛", "拉姆", "拉珍", "拉巴", "尕藏", "更藏", "才让", "仁青", "仁增", "加措", "嘉措",
    "普布", "巴桑", "米玛", "群培", "桑吉", "桑珠", "贡布", "更登", "德吉", "德庆", "德央", "琼达", "强巴", "罗布", "曲吉",
    "斯朗", "泽旺", "才旺", "吉美", "贡觉", "措姆", "次珍", "旺堆", "旺久", "卓拉", "扎巴", "旦巴", "华旦", "完玛", "东智",
    "昂旺", "阿旺", "拉旺", "贡保", "公保", "万玛", "官却", "当周", "南杰", "朗杰", "才项", "周措", "拉加", "宗吉",
    "吉先", "尖措", "项秀", "冷智", "看卓", "加羊", "切吉", "卓措", "仁措", "拉吉", "却吉", "更尕", "尕让", "东珠", "旦正",
    "其米", "次央", "普琼", "次珠", "边珍", "巴珠", "扎堆", "央吉", "桑杰", "多布", "洛珠",
)
#: Given names of the Mongolian stock.
MONGOLIAN = (
    "巴特", "巴图", "孟和", "那顺", "乌日", "格日", "其其", "道尔", "乌云", "其木", "朝鲁", "额尔", "宝音", "敖登", "巴雅",
    "布和", "苏和", "查干", "哈斯", "阿拉", "斯琴", "特木", "满都", "吉日", "那仁", "娜仁", "朝格", "图门", "达来", "莫日",
    "那日", "萨仁", "图雅", "高娃", "毕力", "白音", "桑布", "乌兰", "呼和", "苏日", "萨日", "其勒", "阿古", "巴根", "锡林",
    "宝力", "乌力", "塔娜", "斯日", "敖特", "阿木", "额日", "通拉", "嘎拉", "德力", "乌恩", "赛音", "希日", "牧仁",
    "根", "尔", "苏", "乐", "格", "吉", "拉", "娜", "花", "图", "日", "勒", "木", "古", "楞", "泰", "布", "达", "敦",
)
#: Short endings that close a Tibetan name after a syllable pair (白玛措, 央金吉).
ENDINGS = ("措", "吉", "加", "草", "姆", "卓", "杰", "丹")
_SYLLABLES = {s for s in TIBETAN + MONGOLIAN if len(s) == 2}
#: The two-character given names of both stocks (格桑, 塔娜), as other modules read them.
PAIRS = frozenset(_SYLLABLES)
_SHORT = {s for s in MONGOLIAN if len(s) == 1} | set(ENDINGS)
#: Every character of a Tibetan or Mongol name syllable.
CHARS = "".join(sorted({c for s in _SYLLABLES | _SHORT for c in s}))
RUN = re.compile(f"[{CHARS}]{{2,8}}")
#: A place or a body after the run: 扎西岗乡, 格桑花开 is no person either (a flower).
_PLACE_AFTER = re.compile(r"[县市乡镇村区寺山河湖沟滩湾花草苑路街]|社区|牧场|草原|宾馆|酒店|公司|合作社")
#: Places of the Tibetan and Mongolian regions that the syllables spell (and a flower: 格桑花).
PLACES = ("格尔木", "额尔古纳", "乌兰察布", "锡林郭勒", "巴彦淖尔", "阿拉善", "呼和浩特", "德令哈", "那曲", "乌兰浩特",
          "苏尼特", "巴林", "扎鲁特", "阿拉尔", "拉萨", "尼木", "萨嘎", "格桑花", "巴音布鲁克", "巴音郭楞")
#: How one speaks of a person after the name (旦增老人, 卓玛阿姨).
_ADDRESSED = re.compile(TITLE_RE.pattern + r"|老人|大爷|大妈|大娘|奶奶|爷爷|阿妈|阿爸|阿姨|叔叔|大叔|大姐|大哥")
_SEPARATOR = set(" \u3000\t\n、，,；;：:（）()【】[]/|。")


def _split(run: str) -> list[str] | None:
    """``run`` as name syllables (pairs, and one-character endings only after a pair), or None."""
    if not run:
        return []
    if run[:2] in _SYLLABLES:
        rest = _split(run[2:])
        if rest is not None:
            return [run[:2], *rest]
    return None if len(run) > 1 or run not in _SHORT else [run]


def of_syllables(word: str) -> bool:
    """Whether ``word`` splits wholly into the names' syllables, a pair first (格桑平措, 白玛措)."""
    parts = _split(word)
    return bool(parts) and parts[0] not in _SHORT


def find(text: str) -> list[Span]:
    spans = []
    for m in RUN.finditer(text):
        i = m.start()
        while i < m.end() - 1:  # a run may begin with a character of no name here (和|那仁图雅)
            found = _name_at(text, i, m.end())
            if found:
                spans.append(found)
                i = found.end
            else:
                i += 1
    return spans


def _name_at(text: str, start: int, stop: int) -> Span | None:
    """The longest name of syllables beginning at ``start`` and ending by ``stop``, if any."""
    freq, tags = segmentation.pos_tagger().tokenizer.FREQ, segmentation.pos_tagger().word_tag_tab
    for end in range(stop, start + 1, -1):
        run = text[start:end]
        parts = _split(run)
        if not parts or parts[0] in _SHORT:
            continue
        tag = tags.get(run) or ""
        # a word of the dictionary, unless tagged as a name (or, for three syllables or more, as a place:
        # the dictionary holds some Mongolian names so)
        common = (freq.get(run) or 0) >= COMMON and not (tag.startswith("nr") or (tag == "ns" and len(parts) >= 3))
        if _PLACE_AFTER.match(text, end) or common or any(p in text[start:end + 3] for p in PLACES) \
                or not _word_edges(text, start, end):
            continue
        alone = (start == 0 or text[start - 1] in _SEPARATOR) and (end == len(text) or text[end] in _SEPARATOR)
        if len(parts) >= 2 and len(run) >= 3:
            return span_at(KIND, text, start, end, 0.7, "藏族、蒙古族姓名的构成（常见名字成分）")
        if len(run) == 2 and (start == 0 or not is_han(text[start - 1]) or text[start - 1] in _SEPARATOR) \
                and _ADDRESSED.match(text, end):
            # one name before how one speaks of its bearer (旦增老人, 巴特同志, 卓玛阿姨)
            return span_at(KIND, text, start, end, 0.65, "藏族、蒙古族名字后接称谓")
        if len(run) == 2 and ANCHOR_RE.search(text, max(0, start - 12), start) and (end == len(text) or text[end] in _SEPARATOR):
            return span_at(KIND, text, start, end, 0.65, "职务后的藏族、蒙古族名字")  # 保管员顿珠，
        if alone and len(run) == 2 and run in TIBETAN:
            return span_at(KIND, text, start, end, 0.45, "单独出现的藏族常见名字，须人工确认")
    return None


def _word_edges(text: str, start: int, end: int) -> bool:
    """No dictionary word crosses either end of the run (额尔古|纳 is a place's name)."""
    lo = max(0, start - 3)
    pos, bounds = lo, set()
    for token in segmentation.jieba().cut(text[lo:end + 3], HMM=False):
        bounds.add(pos)
        pos += len(token)
    bounds.add(pos)
    return start in bounds and end in bounds


def beside(text: str, names: list[Span]) -> list[Span]:
    """A name of one syllable (旺堆, 那顺) standing as an item of a list right next to a name found
    otherwise (某某某、旺堆、某某): alone it is reviewed at most, beside a name it is one."""
    freq = segmentation.pos_tagger().tokenizer.FREQ
    out = []
    for name in names:
        starts = [next_item(text, name.end)]
        before = previous_item_end(text, name.start)
        starts.append(before - 2 if before is not None and before >= 2 else None)
        for start in starts:
            if start is None or text[start:start + 2] not in _SYLLABLES or (freq.get(text[start:start + 2]) or 0) >= COMMON:
                continue
            end = start + 2
            between = text[name.end:start] if start >= name.end else text[end:name.start]
            if not between or not set(between) <= set(LIST_SEPARATORS):
                continue  # a list written with 、 or 和, not a table's cells (a dog's name beside its owner's)
            edges = (start == 0 or text[start - 1] in _SEPARATOR or text[start - 1] in LIST_SEPARATORS) and (
                end == len(text) or text[end] in _SEPARATOR or ends_like_a_name(text, end))
            if edges and not any(n.start < end and start < n.end for n in names + out) \
                    and not _PLACE_AFTER.match(text, end):
                out.append(span_at(KIND, text, start, end, 0.65, "与其他姓名并列的藏族、蒙古族名字"))
    return out
