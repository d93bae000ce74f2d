"""姓名 — person names: names the portal knows, exactly, plus a statistical recogniser.

The statistical part anchors on surnames and scores each candidate by its context:
label words before it (签发人：, 联系人, 组长…), titles or verbs after it (同志, 局长,
任评价组…), neighbours in a list of names, and jieba's segmentation (an out-of-vocabulary
token, part-of-speech ``nr`` in a small window).  Words in jieba's dictionary that are not
names (任务, 高效, 周期…) are never taken for names without a label.  Uyghur and Kazakh
names are found by their middle dot, or by the ？ / ? a conversion left in its place.
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
    "敖巩明佘池查麻苑迟邝买努")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
                     "司徒", "令狐", "夏侯", "西门", "独孤", "南宫", "端木", "申屠", "轩辕", "呼延", "万俟")

# Characters that (practically) never stand in a Han given name: function words and report vocabulary.
NOT_IN_GIVEN_NAME = set(
    "的了是在和与及或对将把被从向于以其之个年月日元万亿项次所中上下内外县市省区局科处部委厅室组会员人"
    "书记任副作展进行资财政预算绩效评价管理目标指完成率分计合总他各该本此要求情况单位负审核签发联系经办"
    "填报持参加表示介绍说认通过按照根据制度规定施推落料工收集议主编批复查阅统筹已未应可能需得就也都还又"
    "再并且而但如果因所由否不无没有这那些每共约达到为至起止给让使着过吗呢吧啊一二三四五六七八九十百千零"
    "〇第两几多少")

# Words after which a name follows (possibly after ：, a space, 为 or 是).
ANCHORS = ("签发人", "联系人", "负责人", "经办人", "审核人", "审批人", "复核人", "填报人", "编制人", "制表人",
           "受访人", "受访者", "受访对象", "受访", "评价人", "记录人", "主持人", "报告人", "作者", "起草人",
           "分管领导", "组长", "副组长", "成员", "组员", "专家", "评审专家", "局长", "副局长", "主任", "副主任",
           "科长", "副科长", "书记", "副书记", "处长", "县长", "副县长", "会计", "出纳", "法定代表人", "法人代表",
           "收款人", "户名", "开户名", "账户名", "姓名", "委托人", "代理人", "同志", "督导员", "核查人", "校对人",
           "审定人", "工作人员", "联络员", "评价组", "申请人", "项目经理", "经理", "受理人", "补助对象", "户主",
           "监护人", "法人", "个体工商户", "困难群众", "村民", "农户", "举报人", "投诉人", "当事人", "承办人")
# Weaker cues: a name often follows them, but so do ordinary words (其中包括…); they license no dictionary word.
WEAK_ANCHORS = ("其中", "联系", "群众", "绩效科", "预算科", "办公室")
ANCHOR_RE = re.compile("(?:" + "|".join(sorted(ANCHORS, key=len, reverse=True)) + r")[ \u3000\t：:，,为是由]{0,3}$")
WEAK_RE = re.compile("(?:" + "|".join(sorted(WEAK_ANCHORS, key=len, reverse=True)) + r")[ \u3000\t：:]{0,2}$")
LABEL_RE = re.compile("(?:" + "|".join(sorted(ANCHORS, key=len, reverse=True)) + r")[ \u3000\t]*[：:][ \u3000\t]*$")

TITLES = ("同志", "局长", "副局长", "主任", "副主任", "科长", "副科长", "书记", "副书记", "处长", "县长",
          "副县长", "组长", "副组长", "会计", "出纳", "先生", "女士", "老师", "专家", "等人", "等同志", "一行",
          "任评价组", "任组长", "任副组长", "任成员", "任组员", "任专家", "任局长", "任主任", "任科长",
          "（签字）", "(签字)", "（签名）", "担任", "两位", "二位", "三位", "两名", "等同志", "为评价组", "为组长", "为项目负责人", "为联系人")
VERBS = ("负责", "表示", "介绍", "主持", "签字", "签名", "汇报", "指出", "强调", "认为", "参加", "带队",
         "陪同", "出席", "说", "提出", "审核", "审定", "复核", "填报", "编制", "经办", "联系电话", "电话",
         "手机", "，职务", "职务", "组成", "构成")
TITLE_RE = re.compile("(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + ")")
VERB_RE = re.compile("(?:" + "|".join(sorted(VERBS, key=len, reverse=True)) + ")")
LIST_SEPARATORS = "、，,和与及"
# Characters that may stand right before a name (besides non-Han text) or right after one.
LEFT_OK = LIST_SEPARATORS + "由经请向对同派让令指定委托据称科股室局处办站所队中"
RIGHT_OK = LIST_SEPARATORS + "在的等说对向从将已曾也均于"

# Characters of Uyghur and Kazakh names transliterated into Han script.
TRANSLIT = set(
    "阿艾爱安奥巴拜班包贝比别波布才查达代丹德迪蒂都杜多俄额尔法凡菲夫伏尕盖甘干戈格古哈海罕汗合和赫黑亨"
    "胡华吉加贾江杰金居卡开坎康考柯克肯库拉来赖兰勒雷里力丽利莉林琳鲁路伦罗洛玛马买麦曼毛梅美蒙米敏明"
    "摩莫默木穆那纳乃娜奈南尼聂妮努帕潘佩皮普齐恰乔切热日茹如萨赛桑色森沙山善尚舍什史斯苏素索塔太坦汤"
    "唐特提天铁图吐托瓦万旺威维卫温乌吾武西希夏先肖谢欣辛秀雅亚焰扬耶伊依义尤于玉约扎札再赞则泽孜兹祖"
    "左不肉姑逊夏吐孜坎拜叶娅莎薇洪侯沙塔克热米吉买依")
DOT_NAME = re.compile(r"[\u4e00-\u9fff]+(?:[·・•‧∙･．.？?][\u4e00-\u9fff]+)+")
TRUE_DOTS = "·・•‧∙･"

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
    """Uyghur/Kazakh names: Han parts joined by a middle dot (or a ？ left by a conversion)."""
    spans = []
    for m in DOT_NAME.finditer(text):
        chunk = m.group(0)
        parts = re.split(r"([·・•‧∙･．.？?])", chunk)
        words, seps = parts[0::2], parts[1::2]
        # Trim the first part from the left and the last from the right to transliteration characters.
        first = _tail_in(words[0], TRANSLIT)
        last = _head_in(words[-1], TRANSLIT)
        inner = words[1:-1]
        if len(first) < 1 or len(last) < 1 or any(not set(w) <= TRANSLIT for w in inner):
            continue
        loose = any(s in "？?．." for s in seps)
        if loose and (len(first) < 2 or len(last) < 2 or not set(words[0][-len(first):]) <= TRANSLIT):
            continue
        start = m.start() + len(words[0]) - len(first)
        end = m.end() - len(words[-1]) + len(last)
        spans.append(span_at(KIND, text, start, end, 0.85 if loose else 0.95,
                             "少数民族姓名（间隔号" + ("被转换为问号）" if loose else "）")))
    return spans


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
    """The statistical recogniser for Han names; pure, and safe to share between threads."""

    threshold = 0.5

    def find(self, text: str) -> list[Span]:
        tokenizer, pos, tags = jieba_tools()
        freq = tokenizer.FREQ
        boundaries, oov = set(), {}
        offset = 0
        for token in tokenizer.cut(text, HMM=True):
            boundaries.add(offset)
            if 2 <= len(token) <= 4 and not freq.get(token):
                oov[offset] = len(token)
            offset += len(token)
        boundaries.add(offset)

        found: dict[int, tuple[float, int, str]] = {}
        for m in _SURNAME_RE.finditer(text):
            best = self._best_candidate(text, m.start(), len(m.group(0)), freq, tags, boundaries, oov)
            if best:
                found[m.start()] = best
        found = self._propagate(text, found)
        spans, last_end = [], -1
        for start in sorted(found):
            score, end, why = found[start]
            if score >= self.threshold and start >= last_end:
                spans.append(span_at(KIND, text, start, end, min(0.95, score), why))
                last_end = end
        return spans

    def _best_candidate(self, text, i, surname_len, freq, tags, boundaries, oov):
        before = text[max(0, i - 10):i]
        anchored = bool(ANCHOR_RE.search(before))
        labelled = anchored and bool(LABEL_RE.search(before))
        weak = not anchored and bool(WEAK_RE.search(before))
        left_ok = anchored or i == 0 or not _is_han(text[i - 1]) or text[i - 1] in LEFT_OK
        best = None
        for given in (2, 1):
            end = i + surname_len + given
            if end > len(text):
                continue
            cand = text[i:end]
            if not all(_is_han(c) and c not in NOT_IN_GIVEN_NAME for c in cand[surname_len:]):
                continue
            after = text[end:end + 6]
            title = bool(TITLE_RE.match(after))
            verb = not title and bool(VERB_RE.match(after))
            in_dict = bool(freq.get(cand))
            if in_dict and not (anchored or title):
                # a dictionary word (任务, 高效, 周期…) is a name only with a label or a title;
                # one tagged as a name may still join a list of names (张三、李建华)
                if (tags.get(cand) or "").startswith("nr") and best is None:
                    best = (0.15, end, "词典人名")
                continue
            if not left_ok:
                continue
            right_clean = end == len(text) or not _is_han(text[end])
            right_ok = right_clean or text[end] in RIGHT_OK
            score, why = 0.15, []
            if anchored:
                score += 0.5
                why.append("前有" + ("标签" if labelled else "称谓/职务"))
            elif weak:
                score += 0.3
                why.append("前有提示词")
            if title:
                score += 0.45
                why.append("后接职务/称谓")
            if verb:
                score += 0.35
                why.append("后接动作")
            if right_clean:
                score += 0.15
            elif right_ok:
                score += 0.1
            if oov.get(i) == end - i:
                score += 0.2
                why.append("未登录词")
            elif i in boundaries and end in boundaries:
                score += 0.05
            elif not (right_ok or title or verb):
                score -= 0.3  # it would run on into the next word
            if not (anchored or title or verb or weak):
                # a bare name: an unknown word, cleanly delimited, that part-of-speech tagging calls a name
                if oov.get(i) != end - i or not right_ok:
                    continue
                score = score - 0.25 + self._pos_bonus(text, i, end)
                if score >= self.threshold:
                    why.append("词性标注为人名")
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

    def _propagate(self, text, found):
        """A candidate next to an accepted name in a list (张三、李四) is a name too."""
        out = dict(found)
        changed = True
        while changed:
            changed = False
            accepted = {s: v for s, v in out.items() if v[0] >= self.threshold}
            ends = {v[1] for v in accepted.values()}
            for start, (score, end, why) in out.items():
                if score >= self.threshold or score < 0.1:
                    continue
                if (start - 1 in ends and text[start - 1] in LIST_SEPARATORS) or (
                        end < len(text) and text[end] in LIST_SEPARATORS and end + 1 in accepted):
                    out[start] = (score + 0.4, end, why + "，与其他姓名并列")
                    changed = True
        return out
