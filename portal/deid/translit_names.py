"""One-part Uyghur, Kazakh and Kyrgyz names in running text, lists and tables (吾买尔江, 托合提汗).

Such a name is a run of transliteration characters that jieba does not know as a word; what makes
it a *name* rather than a place or a brand is its parts: the endings 江 (-jan), 汗 (-xan), 别克
(-bek), 古丽 (gül), and the common name stems (买买提, 阿不都, 吐尔逊, 托合提…).  Places are ruled
out by a gazetteer of the region and by what follows (县, 乡, 村, 河…).  The model's fragments of
such names (阿不 | 都克里木) are widened to the whole run by :func:`widen`.
"""

from __future__ import annotations

import re

from portal import segmentation
from portal.deid.name_lexicon import ADDRESS_TITLES, COMMON, KIN_WORD, SURNAMES, TRANSLIT, post_ends
from portal.deid.name_values import KIN_PREFIX, LABEL, dictionary
from portal.deid.spans import Span, span_at

KIND = "person_name"
#: Characters of Mongolian and Xibe names written in Chinese, beside the Uyghur/Kazakh ones.
MONGOL_XIBE = set("仁格日勒图孟和顺乌云其木朝鲁门额尔敦宝音敖登雅才卓玛布苏查干斯琴特达来满都拉嘎兴隆富尓")
_T = "".join(sorted(TRANSLIT | MONGOL_XIBE | set("孙逊")))
RUN = re.compile(f"[{_T}]{{3,10}}")
ENDINGS = ("江", "汗", "别克", "古丽", "古力", "娜依", "尼莎", "罕", "拜", "巴依")
STEMS = ("买买提", "麦麦提", "阿不都", "阿卜杜", "阿布都", "吐尔逊", "吐逊", "吐孙", "托合提", "托乎提", "托合托",
         "热依拉", "热孜", "热合曼", "肉孜", "努尔", "古丽", "阿依", "阿孜", "艾力", "艾尔", "艾则孜", "艾克拜",
         "玉素甫", "玉苏甫", "吾买尔", "吾斯曼", "伊力", "依明", "卡德尔", "卡地尔", "库尔班", "库尔曼", "尼亚孜",
         "沙吾提", "司马义", "斯迪克", "塔依尔", "木合塔尔", "马木提", "哈力", "叶尔", "加肯", "巴合提", "赛买提",
         "赛排尔", "米尔", "阿斯卡尔", "帕孜", "帕提", "阿迪力", "阿地力", "阿力木", "阿不力", "迪丽", "米娜",
         "祖丽", "海拉提", "阿曼", "麦尔旦", "克热木", "帕尔哈提", "买合木提", "吐拉", "阿瓦", "外力", "依不拉",
         "吐尓", "朱马", "图尔贡", "居来提", "别克",
         # Mongolian and Xibe names
         "巴特", "巴图", "孟和", "那顺", "乌日图", "格日勒", "其其格", "道尔吉", "乌云", "其木格", "朝鲁", "额尔敦",
         "宝音", "敖登", "巴雅尔", "布和", "苏和", "查干", "哈斯", "阿拉坦", "斯琴", "特木尔", "满都拉", "吉日嘎拉",
         "那仁", "朝格", "图门", "达来", "隆阿", "兴阿", "扎拉")
#: Places of the region written in transliteration: never a name.
PLACES = ("乌恰", "阿图什", "喀什", "克孜勒苏", "帕米尔", "色帕巴依", "皮拉力", "乌鲁木齐", "阿克苏", "塔什库尔干",
          "库尔勒", "博尔塔拉", "克拉玛依", "康苏", "阿拉尔", "阿克陶", "阿合奇", "吐鲁番", "巴音郭楞", "伊犁",
          "阿勒泰", "布尔津", "哈巴河", "吉木乃", "富蕴", "福海", "青河", "塔城", "额敏", "托里", "裕民", "和布克赛尔",
          "奎屯", "乌苏", "沙湾", "精河", "温泉", "博乐", "阿拉山口", "库车", "沙雅", "新和", "拜城", "乌什", "阿瓦提",
          "柯坪", "疏附", "疏勒", "英吉沙", "泽普", "莎车", "叶城", "麦盖提", "岳普湖", "伽师", "巴楚", "墨玉", "皮山",
          "洛浦", "策勒", "于田", "民丰", "若羌", "且末", "尉犁", "轮台", "和静", "和硕", "博湖", "焉耆", "木垒",
          "奇台", "吉木萨尔", "玛纳斯", "呼图壁", "阜康", "昌吉", "哈密", "伊吾", "巴里坤", "托克逊", "鄯善",
          "霍尔果斯", "伊宁", "察布查尔", "霍城", "巩留", "新源", "昭苏", "特克斯", "尼勒克", "吐尔尕特", "伊尔克什坦",
          "斯姆哈纳", "布伦口", "木吉", "克孜勒陶", "喀拉玛", "阿克塔拉", "苏木塔什", "哈拉峻", "乌鲁克恰提",
          "吉根", "托云", "黑孜苇", "膘尔托阔依", "巴仁", "玉麦", "库斯拉甫", "加马铁列克", "松他克", "上阿图什",
          "慕士塔格", "公格尔", "塔里木", "准噶尔", "天山", "昆仑", "哈萨克", "柯尔克孜", "维吾尔", "乌孜别克",
          "塔吉克", "俄罗斯", "蒙古", "巴基斯坦", "吉尔吉斯", "阿富汗", "阿拉伯", "土库曼", "乌兹别克",
          # places tourists go to
          "巴音布鲁克", "那拉提", "喀纳斯", "禾木", "赛里木", "果子沟", "可可托海", "唐布拉", "白哈巴", "喀拉峻", "库木塔格",
          # cities over the border
          "阿克托别", "阿拉木图", "比什凯克", "奥什", "塔什干", "撒马尔罕", "杜尚别", "卡拉干达", "巴甫洛达尔",
          # words of places' names: a spring, a poplar grove
          "布拉克", "托格拉克")
PLACE_AFTER = re.compile(r"[县市乡镇村州区河山湖路街口岸沟滩坝渠镇场队组]|新村|社区|牧场|地区|草原|水库|大道|小区|广场|公司|合作社|宾馆|酒店|市场")


def _is_place(run: str, following: str) -> bool:
    """A place of the gazetteer, or a run followed by a place word, also after one more syllable
    of its name (依某某其|乡)."""
    return bool(_PLACE_IN.search(run)) or bool(PLACE_AFTER.match(following)) \
        or (following[:1] in _T and following[:1] not in _JOINERS and bool(PLACE_AFTER.match(following[1:])))


def place_run(text: str, start: int, end: int) -> bool:
    """Whether the transliterated run from ``text[start:end]`` on names a place (a place word follows it)."""
    while end < len(text) and text[end] in _T and text[end] not in _JOINERS and end - start < 10:
        end += 1
    return end - start >= 3 and _is_place(text[start:end], text[end:end + 3])


def is_place(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, taken for a name, is a place of the region (帕米尔·慕士塔格) — not a
    surname with a place for a given name (马天山, 王福海; but 南天山 and 东天山 are places)."""
    word = text[start:end]
    if len(word) == 3 and word[0] in SURNAMES and word[0] not in _DIRECTIONS and word[1:] in PLACES:
        return False
    return all(_PLACE_IN.search(part) for part in re.split(r"[·.．?？]", word)) or _inside_place(text, start, end)


#: Any place of the gazetteer, the longest first (one scan instead of one ``in`` per place).
_PLACE_IN = re.compile("|".join(map(re.escape, sorted(PLACES, key=len, reverse=True))))
_PLACE_LONGEST = max(map(len, PLACES))


def _inside_place(text: str, start: int, end: int) -> bool:
    """:func:`portal.deid.spans.inside_word` for the gazetteer: a place written around ``text[start:end]``
    and longer than it (a piece of a place's name), found by matching where such a place may begin."""
    for k in range(max(0, end - _PLACE_LONGEST), start + 1):
        m = _PLACE_IN.match(text, k)
        if m and m.end() >= end and m.end() - k > end - start:
            return True
    return False


#: First characters that make a place's name more than a surname would (南天山, 新和…).
_DIRECTIONS = set("东南西北中上下前后大小新老")


def name_parts(word: str) -> bool:
    """Whether ``word`` has the parts of a one-part Uyghur/Kazakh/Kyrgyz name."""
    return len(word) >= 3 and (word.endswith(ENDINGS) or any(s in word for s in STEMS)) or _no_words_in(word)


def _no_words_in(word: str) -> bool:
    """A run of four transliteration characters or more in which jieba knows no common word
    (阿布都孜木, 托合沙克): the sounds of a name, not words (戈壁红柳 is two words: a nickname)."""
    if len(word) < 4 or "的" in word or PLACE_AFTER.match(word[-1]):
        return False
    freq = segmentation.pos_tagger().tokenizer.FREQ
    return all(len(t) == 1 or t in STEMS or (len(t) == 2 and (freq.get(t) or 0) < 100)
               for t in segmentation.jieba().cut(word, HMM=False))


def find(text: str) -> list[Span]:
    """One-part names with the parts of a name, not known as words, not places."""
    if not RUN.search(text) and "·" not in text and "也提" not in text:
        return []
    tagger = segmentation.pos_tagger()
    freq, tags = tagger.tokenizer.FREQ, tagger.word_tag_tab
    spans = []
    for m in RUN.finditer(text):
        start, end = _trimmed(text, m.start(), _word_boundary(text, m.start(), m.end()), freq)
        word, after = text[start:end], text[end:end + 3]
        known_word = (freq.get(word) or 0) > 0 and not (tags.get(word) or "").startswith("nr")
        if _is_place(word, after) or known_word or not (name_parts(word) or _TITLE_AFTER.match(text, end)):
            continue
        if (freq.get(word[:2]) or 0) >= 1000 and (tags.get(word[:2]) or "")[:1] in ("a", "d", "v"):
            continue  # 优秀|班主任: a frequent adjective or verb, then a post
        if start >= 2 and text[start - 1] in "·?？.．" and is_han(text[start - 2]):
            continue  # the second part of a dotted name
        if text[end:end + 1] in ("·", "•") and is_han(text[end + 1:end + 2]) and set(word) <= TRANSLIT:
            continue  # …or its first part (the dotted name is read whole elsewhere)
        spans.append(span_at(KIND, text, start, end, 0.62, "少数民族姓名的构成（词尾/常见名字成分），非地名"))
    for m in _YETI.finditer(text):  # -yet written 也提: 也 is a word of its own everywhere else
        if not _is_place(m.group(0), text[m.end():m.end() + 3]) and not any(s.start <= m.start() < s.end for s in spans):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.62, "少数民族姓名的构成（词尾也提）"))
    for m in SPACED_PARTS.finditer(text):  # 阿卜都沙迪克 吐送: the parts of one name, a space for the dot
        first, second = m.group(1), m.group(2)
        if name_parts(first) and set(second) <= TRANSLIT and (freq.get(second) or 0) < 100 and not name_parts(second) \
                and not _is_place(first + second, text[m.end():m.end() + 3]):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.7, "以空格分隔的少数民族姓名"))
    for m in DOTTED.finditer(text):
        first, second = m.group(1), m.group(2)
        if _is_place(first + second, text[m.end():m.end() + 3]) or (freq.get(first) or 0) > 1000 \
                or text[m.end(1)] in "?？" and first[-1] in "吗呢吧啊么":
            continue  # (能复诊吗？电话…: a question's mark, no dot a conversion left)
        if any(name_parts(part) or (len(part) >= 2 and set(part) <= TRANSLIT) for part in (first, second)):
            start = m.start() + _label_length(first)  # 家长|塔依尔江·吐送: the label is no part of it
            start += _word_before(text[start:m.start(2) - 1], freq)  # 任命|某某·某某
            start += _function_before(text[start:m.start(2) - 1], tags)  # 由|某某·某某, 拟推荐|某某·某某
            said = _SAYS_NAME.match(text, start, m.start(2) - 1)
            start = said.end() if said and m.start(2) - 1 - said.end() >= 2 else start  # 我叫|某某·某某
            start += _post_before(text[start:m.start(2) - 1])  # 义剪队长|某某·某某
            end = m.start(2) + _run_on(second)  # 某某·某某|因住院, 某某·某某|等7人
            if text[end - 1] in "和与及" and end - m.start(2) > 2:
                end -= 1  # 某某·某某和|…: the conjunction joins the next person
            # …nor the sentence's words about it: a kin word inside the first part (陪同其丈夫|某某·…), a
            # verb, adjective or noun of the dictionary after the second's sounds (…·某某|按时到岗, …·某某|银行账户)
            kin = [k for k in _KIN_INSIDE.finditer(first) if k.start() > 0 and len(first) - k.end() >= 2]
            if kin:
                start = max(start, m.start(1) + kin[-1].end())
                who = first[:kin[-1].start()]
                lead = _label_length(who)  # 某某某之父|某某·某某: the child's name before the kin word is one too
                if len(who) - lead >= 3 and set(who[lead:]) <= set(_T) and not _is_place(who[lead:], ""):
                    spans.append(span_at(KIND, text, m.start(1) + lead, m.start(1) + len(who), 0.7, "亲属称谓前的少数民族姓名"))
            kin_after = [k for k in _KIN_INSIDE.finditer(second) if k.start() >= 2 and len(k.group(0)) >= 2]
            if kin_after:  # 某某·某某|之父某某: the next person, named after the kin word
                end = min(end, m.start(2) + kin_after[0].start())
            head = len(second) - len(second.lstrip(_T))
            rest = text[m.start(2) + head:m.start(2) + head + 2]
            if 2 <= head < end - m.start(2) and (freq.get(rest) or 0) >= COMMON and ((tags.get(rest) or "")[:1] in "avd" or rest in _ACCOUNT_WORDS):
                end = m.start(2) + head
            spans.append(span_at(KIND, text, start, end, 0.7, "以间隔号连接的少数民族姓名"))
    return spans


#: A kin word anywhere in a word (陪同其丈夫…).
_KIN_INSIDE = re.compile(KIN_WORD)

#: Characters that never transliterate a sound: where a dotted name's second part runs on into a
#: sentence (某某·某某因住院, 某某·某某等7人), the name ends before them.
_NOT_A_SOUND = set("因在的了是与将已也说等被把从向对为就都又于")


#: The words of a person's account or contact that follow a name (…·某某|银行账户, …·某某|手机).
_ACCOUNT_WORDS = {"银行", "账户", "账号", "卡号", "电话", "手机", "身份", "户籍", "微信", "邮箱"}


def _run_on(part: str) -> int:
    """The length of a dotted name's second part before it runs on into the sentence."""
    for k, c in enumerate(part):
        if k >= 2 and c in _NOT_A_SOUND - TRANSLIT:
            return k
    return len(part)


_SAYS_NAME = re.compile(r"(?:[我他她]|本人)?(?:名叫|叫做|叫|是)")
def _post_before(part: str) -> int:
    """The length up to a post or a label inside a dotted name's first part (义剪队长|某某), if two
    characters or more are left after it."""
    ends = [m.end() for m in post_ends(part) if not set(m.group(0)) <= TRANSLIT]
    return max(ends, default=0)


def _function_before(part: str, tags) -> int:
    """The length of the words opening a dotted name's first part that are no sounds of a name but a
    preposition, conjunction, adverb or verb of the sentence (由|某某, 拟|推荐|某某), if two characters
    or more are left; a verb of one character only before another verb (塞|米热 is a name's sound)."""
    tokens = list(segmentation.jieba().cut(part, HMM=False))
    length = 0
    for k, token in enumerate(tokens):
        tag = (tags.get(token) or "")[:1]
        after = (tags.get(tokens[k + 1]) or "")[:1] if k + 1 < len(tokens) else ""
        if len(part) - length - len(token) < 2 or set(token) <= TRANSLIT or tag not in ("p", "c", "d", "v") \
                or (len(token) == 1 and tag == "v" and after != "v"):
            break
        length += len(token)
    return length


def _word_before(part: str, freq) -> int:
    """The length of a word of the dictionary, not made of sounds, opening a dotted name's first part
    (任命|某某, 推荐|某某), if two characters or more are left."""
    token = next(iter(segmentation.jieba().cut(part, HMM=False)), "")
    if 2 <= len(token) <= len(part) - 2 and (freq.get(token) or 0) >= 100 and not set(token) <= TRANSLIT:
        return len(token)
    return 0


#: A correction's verb before the right name (应为某某·某某, 更正为…).
_CORRECTED = re.compile(r"(?:应为|应是|改为|更正为|变更为|实为|即为|系|为|是)")


def _label_length(word: str) -> int:
    """The length of a person's label or kin word opening ``word`` (家长, 收款人, 其父), if a name of
    two characters or more follows it."""
    total = 0
    while True:  # 姓名|应为|某某: a label, then a correction's verb
        rest = word[total:]
        m = KIN_PREFIX.match(rest) or re.match(LABEL, rest) or _CORRECTED.match(rest)
        if not (m and len(rest) - m.end() >= 2 and m.end() > 0):
            return total
        total += m.end()


#: Function words and verbs that stand next to a name, not in it (我和|阿布都孜木, 托合沙克|来领).
_LEAD = set("和与及给把被让叫向跟同")
_TRAIL = set("来去说的了在是和与将已也")
#: Words joining two names (某某和村干部…): never the last syllable of a place's name.
_JOINERS = set("和与及同跟等")


#: A title right after a run (托合江书记): the run is the bearer's name.
_TITLE_AFTER = re.compile("|".join(ADDRESS_TITLES))


def _trimmed(text: str, start: int, end: int, freq) -> tuple[int, int]:
    """The run without a character that makes a word with what stands before it (今|天托合沙克) or a
    function word at either end, as long as four characters are left."""
    while end - start > 4 and (text[start] in _LEAD or (start > 0 and (freq.get(text[start - 1:start + 1]) or 0) >= 100)):
        start += 1
    if end - start > 3 and start and text[start - 1].isdigit() and text[start] in "日月年号时" \
            and name_parts(text[start + 1:end]):
        start += 1  # 11—20日|某某某: a date's unit before the name
    while end - start > 4 and text[end - 1] in _TRAIL:
        end -= 1
    return start, end


def _word_boundary(text: str, start: int, end: int) -> int:
    """Cut a run back where a word of the dictionary crosses its end: 阿不都热合曼|代签 (代 transliterates
    too, but 代签 is a word)."""
    pos = start
    for token in segmentation.jieba().cut(text[start:end + 3], HMM=False):
        if pos < end < pos + len(token) and len(token) > 1 and pos - start >= 3:
            return pos
        pos += len(token)
    return end


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_YETI = re.compile(f"(?<![{_T}])[{_T}]{{2,6}}也提(?![{_T}])")
# Two parts joined by a middle dot (or what a conversion left of it): 朱马别克·托合托逊.
SPACED_PARTS = re.compile(f"(?<![{_T}·])([{_T}]{{3,8}}) ([{_T}]{{2,6}})(?![{_T}])")  # (not a dotted name's last part: 某某·某某 康乃|馨)
DOTTED = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,8})[·.．?？]([\u4e00-\u9fff]{2,8})(?![\u4e00-\u9fff])")


def after_role(text: str, lo: int, start: int) -> int:
    """Where a name widened left from ``start`` to ``lo`` begins: after a person's role that the run
    begins with (学生|某某某, 牧民|…: a word of the dictionary), or at ``lo``."""
    freq, tags = dictionary()
    for k in (2, 3):
        role = text[lo:lo + k]
        if lo + k <= start and role[-1] in _ROLE_END and (freq.get(role) or 0) >= COMMON \
                and not (tags.get(role) or "").startswith("nr"):
            return lo + k
    return lo


#: How a word naming a person's role ends (学生, 牧民, 学员, 船工, 农户).
_ROLE_END = set("生员民工户人长师医手")


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole transliteration run around ``text[start:end]`` (the model tags 阿不 | 都克里木)."""
    if not all(c in TRANSLIT for c in text[start:end]):
        return start, end
    lo, hi = start, end
    while lo > 0 and text[lo - 1] in TRANSLIT and end - lo < 10:
        lo -= 1
    while hi < len(text) and text[hi] in TRANSLIT and hi - start < 10:
        hi += 1
    lo = after_role(text, lo, start)
    word = text[lo:hi]
    if _is_place(word, text[hi:hi + 3]):
        return start, end
    return lo, hi
