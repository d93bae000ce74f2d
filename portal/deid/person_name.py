"""姓名 — person names the portal does not know: the statistical recogniser (exact forms: name_forms;
the context of a candidate, lists and tables: name_context).

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
from portal.deid.name_context import (
    delimited,
    list_item_name,
    next_items,
    previous_item_end,
    single_names,
    table_names,
    translit_item_before,
    unit_before_post,
    unit_start,
    word_before,
)
from portal.deid.name_forms import find_dotted, is_han
from portal.deid.name_lexicon import (
    ANCHOR_RE,
    ANCHOR_TAILS,
    COMMON,
    CONTEXT_TAILS,
    CUE_TAILS,
    FUNCTION_TAGS,
    GIVEN_CHARS,
    ITEM_SEPARATORS,
    KIND,
    LABEL_RE,
    LEFT_OK,
    LIST_CUE_RE,
    LIST_SEPARATORS,
    NAME_LIST_SEPARATORS,
    NOT_IN_GIVEN_NAME,
    NOUN_TAGS,
    PERSONAL_RE,
    PERSONAL_TITLES,
    RARE_GIVEN,
    RIGHT_OK,
    SURNAME_RE,
    TITLE_RE,
    TRANSLIT,
    TRANSLIT_CHARS,
    VERB_RE,
    WEAK_RE,
    WEAK_TAILS,
)
from portal.deid.name_values import FREQUENT_NAME_WORD
from portal.deid.spans import Span, span_at

#: What follows people rather than a post's holder: a count of them, an address (两位, 同志, 老师, 等人).
_PEOPLE_AFTER = re.compile(r"[两二三四五六七八九十几][位名人]|同志|老师|先生|女士|等人|等同志|夫妇")
#: Rare characters of a given name that only lead it (有福, 一鸣).
_LEADING_ONLY = {"有", "一"}
#: Titles that a frequent word can qualify as well as a name can (顾问律师, 值班医生).
_PROFESSIONS = {"律师", "医生", "主治医师"}
#: What makes the word before it a place's name (胡杨村, 红旗路).
_PLACE_AFTER = set("村乡镇县路街巷")


def jieba_tools():
    """jieba's tokenizer, POS tokenizer and word-tag table: the process's one copy (portal.segmentation)."""
    pos = segmentation.pos_tagger()
    return pos.tokenizer, pos, pos.word_tag_tab


class NameRecogniser:
    """The statistical recogniser for names; pure, and safe to share between threads.

    Han names are candidates anchored on a surname and scored by their context; Uyghur and Kazakh
    names written without a middle dot (热依拉, 古丽巴哈尔) are taken right after a label or post
    only.  Names in a list lift their neighbours, and a name found once is found everywhere.
    """

    threshold = 0.5

    def find(self, text: str, seeds: Iterable[Span] | None = None, floor: float | None = None) -> list[Span]:
        """Names in ``text``; ``seeds`` are names found otherwise (dotted, known) that lift their
        neighbours in a list (default: the dotted names of the text).  Seeds are not returned.
        With ``floor``, candidates scored from ``floor`` up to the threshold are returned too, with
        their score as confidence (uncertain: the engine asks the model or a person)."""
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
        for m in SURNAME_RE.finditer(text):
            best = self._best_candidate(text, m.start(), len(m.group(0)), freq, tags, words, oov)
            if best:
                found[m.start()] = best
        for start, single in single_names(text, freq, tags, words).items():
            # 成员麦麦提艾力: the surname 麦 makes a Han candidate 麦麦; the longer single name wins
            if start not in found or found[start][0] < self.threshold or (
                    single[1] > found[start][1] and set(text[start:found[start][1]]) <= TRANSLIT):
                found[start] = single
        for start, cell in table_names(text, freq).items():
            if start not in found or found[start][0] < cell[0]:
                found[start] = cell
        seeds = list(find_dotted(text) if seeds is None else seeds)
        found = self._propagate(text, found, seeds, freq)
        spans, weak, last_end = [], [], -1
        for start in sorted(found):
            score, end, why = found[start]
            if score >= self.threshold and start >= last_end:
                spans.append(span_at(KIND, text, start, end, min(0.95, score), why))
                last_end = end
            elif floor is not None and floor <= score and start >= last_end:
                weak.append(span_at(KIND, text, start, end, score, why or "姓氏开头的候选"))
        spans = sorted(spans + self._repeats(text, spans, seeds, freq))
        return sorted(spans + [w for w in weak if not any(w.overlaps(s) for s in spans)])

    def _best_candidate(self, text, i, surname_len, freq, tags, words, oov):
        # a verb of jieba's right before (拟评选尹慧玲、…, 是邝文斌签的字) leaves the left side open
        after_verb = i in words and (tags.get(word_before(words, i)) or "")[:1] == "v"
        if i and is_han(text[i - 1]) and text[i - 1] not in LEFT_OK and text[i - 1] not in CONTEXT_TAILS \
                and not PERSONAL_RE.match(text, i + surname_len + 1, i + surname_len + 4):
            # inside a word (提高, 对于, 完成): no label, unit or cue can stand right before; after a verb
            # only an unknown word or one starting with a given-name character may follow
            if not after_verb or not (i in oov or text[i + surname_len:i + surname_len + 1] in GIVEN_CHARS):
                return None
        before = text[max(0, i - 14):i]
        tail = set(text[max(0, i - 4):i])
        may_anchor = not tail.isdisjoint(ANCHOR_TAILS)
        labelled = may_anchor and bool(LABEL_RE.search(before))
        # (a trade's 工 that opens a word with the next character is no post: 安装|工程, 清洁|工具)
        anchored = labelled or (may_anchor and bool(ANCHOR_RE.search(before))
                                and not (before.endswith("工") and (freq.get(text[i - 1:i + 1]) or 0) >= COMMON))
        weak = not anchored and not tail.isdisjoint(WEAK_TAILS) and bool(WEAK_RE.search(before))
        # a unit right before the name (财政局李彩霞, 督查室韦小宁), not a word running on into
        # an ordinary one (队伍建设: 队伍 and 建设 are both words)
        unit_word = i > 0 and (freq.get(text[i - 1:i + 1]) or 0) >= COMMON
        cue = (not anchored and not weak and not tail.isdisjoint(CUE_TAILS) and not unit_word
               and bool(LIST_CUE_RE.search(before)))  # 有 is a cue, 有关 is not
        cell_left = i == 0 or text[i - 1] in " \u3000\t\n"
        surname_tag = tags.get(text[i:i + surname_len]) or ""
        best = None
        for given in (2, 1):
            end = i + surname_len + given
            if end > len(text):
                continue
            cand, given_part = text[i:end], text[i + surname_len:end]
            if not all(is_han(c) for c in given_part):
                continue
            given_word = (freq.get(given_part) or 0) >= COMMON and not (
                tags.get(given_part) or "").startswith("nr")
            weak_here = weak and not (unit_word and given_word)
            if given == 2 and unit_word and given_word and not anchored:
                break  # 本周|新增老师: the surname ends a word before it and the given name is a word too
            if given == 2 and given_word and (tags.get(given_part) or "")[:1] == "v" and not anchored \
                    and not TITLE_RE.match(text, end) and not set(given_part) <= GIVEN_CHARS:
                break  # a surname-like character before a verb of the dictionary, no label or post before: no name
            if (tags.get(text[i:i + 2]) or "")[:1] == "r" and (freq.get(text[i:i + 2]) or 0) >= COMMON:
                break  # a pronoun of the dictionary where the surname stands (老板|那里|进的, 这里)
            if cand[0] == "费" and i and is_han(text[i - 1]) and given_word:
                break  # a post's fee and a word (评委费|发放, 专家费|标准): no surname 费 there
            after = text[end:end + 6]
            title_m = TITLE_RE.match(after)
            # …not where the candidate's last character opens a longer post with it (优秀|班|主任)
            title = bool(title_m) and not unit_before_post(cand, title_m.group(0)) and not (
                freq.get(text[end - 1:end + len(title_m.group(0))]) or 0) >= COMMON
            verb = not title and bool(VERB_RE.match(after))
            # a verb of jieba's dictionary right after (跟踪督办, 分管): some evidence, not a context
            verb_word = not (title or verb) and (tags.get(words.get(end)) or "")[:1] == "v"
            word_freq = freq.get(cand) or 0
            name_tag = (tags.get(cand) or "").startswith("nr")
            if text.startswith("名单", end) or text.startswith("名单", end - 1):
                continue  # 选手|晋级名单, 获奖名单: what the list is of, not whose
            if given == 1 and word_freq and (tags.get(cand) or "")[:1] == "v" and not (anchored or title) \
                    and not (word_freq <= 5 and given_part in GIVEN_CHARS and delimited(text, i, end)):
                continue  # 申领, 付清: a verb of the dictionary, no surname and given name (but 、付强，: a rare one, listed)
            token = words.get(i) or ""
            if len(token) > end - i and (freq.get(token) or 0):
                continue  # 敬老|院, 张家|口: the start of a longer word of the dictionary
            unusual = [c for c in given_part if c in NOT_IN_GIVEN_NAME]
            # …in a labelled place, or as an item of a list that a neighbour may make a name (、冯有田；)
            if unusual and not (set(unusual) <= RARE_GIVEN and (anchored or title or delimited(text, i, end))
                                and not word_freq and not (given == 1 and set(unusual) & _LEADING_ONLY)
                                and given_part[1:2] not in _LEADING_ONLY):
                continue
            right_clean = end == len(text) or not is_han(text[end])
            right_ok = right_clean or text[end] in RIGHT_OK
            bounded = right_clean or text[end] in LIST_SEPARATORS or title or verb
            if word_freq >= COMMON and text[end:end + 1] in _PLACE_AFTER and not title:
                continue  # 胡杨|村, 红旗|路: a word naming a place
            if word_freq >= COMMON:
                # an ordinary word (任务, 高效, 包括) is a name only after a label or before a title, and
                # only if it can be a name at all: tagged as one, or a noun standing on its own (组长文静，
                # but not 组长：林业和草原局…, 常务副县长) — or a verb filling a labelled field on its own
                # (经手人：许诺 at the end of the line; never an adverb: 负责人：明确)
                tag = tags.get(cand) or ""
                # alone, not a field's own label (收款人全称：, 科长  时长：)
                alone = (right_clean and text[end:end + 1] not in "：:") or text[end:end + 1] == "、"
                licensed = (anchored and (name_tag or (tag in NOUN_TAGS and alone))
                            or (title and name_tag and not (word_freq >= FREQUENT_NAME_WORD
                                                            and title_m.group(0) in _PROFESSIONS))
                            or (labelled and tag[:1] in ("n", "v") and tag not in ("vd", "ad")
                                and (end == len(text) or text[end] in " \u3000\t\n")))
                if not licensed:
                    people = title and _PEOPLE_AFTER.match(text, end)  # 两位, 同志, 老师: no post (高级|会计师)
                    verbal = tag[:1] in ("d", "p", "c") or tag[:1] == "v" and word_freq >= 500  # 当事人|陈述：…
                    if (people or anchored and text[i - 1] not in "\t\n") and given <= 2 and not verbal \
                            and text[end:end + 1] not in ("：", ":") \
                            and (right_clean or text[end] in ITEM_SEPARATORS or people) and (best is None or best[0] < 0.45):
                        # an ordinary word in a person's place (感谢江河、高洁两位…, 摄影师甘露，): a person decides
                        best = (0.45, end, "常用词，但前有称谓/职务或后接称谓，须人工确认")
                    elif name_tag and best is None:
                        best = (0.15, end, "词典人名")  # it may still join a list of names
                    continue
            # 林业和…, 高度重…: surname and first given character make an ordinary word, the candidate
            # runs on into the next one unless it ends cleanly or before a title or a verb
            if given == 2 and surname_len == 1 and (freq.get(cand[:2]) or 0) >= COMMON and not (
                    tags.get(cand[:2]) or "").startswith("nr") and not (right_ok or title or verb):
                continue
            # 业主江河|打电话: the surname and the first given character make a word of their own and the
            # last one opens the next word — the name is the word (judged as an ordinary one above)
            if given == 2 and surname_len == 1 and words.get(i) == cand[:2] and (freq.get(cand[:2]) or 0) >= COMMON \
                    and len(words.get(end - 1) or "") > 1 and (freq.get(words[end - 1]) or 0) >= COMMON:
                continue
            # 向/于/和 are surnames and function words: 和国库股, 向群众宣讲 are not names
            # (a label before and a clean end license 局长于海洋、 but never the conjunction: 人员和车辆，)
            if surname_tag[:1] in FUNCTION_TAGS and given_word and not (title or verb) and not (
                    anchored and bounded and surname_tag[:1] != "c"):
                continue
            personal = title and title_m.group(0) in PERSONAL_TITLES
            if not (anchored or personal or weak_here or cue or after_verb or i == 0 or not is_han(text[i - 1])
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
                elif delimited(text, i, end) or (text[i - 1:i] in tuple(ITEM_SEPARATORS) and (
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

    def _propagate(self, text, found, seeds, freq):
        """A candidate next to a name in a list (张三、李四; 王五（教授）、赵六; 田七　孙八) is a name too,
        and so is a run of transliteration characters there (钱敏、热依拉)."""
        out = dict(found)
        seed_ranges = [(s.start, s.end) for s in seeds]
        changed = True
        while changed:
            changed = False
            accepted = [(s, v[1]) for s, v in out.items() if v[0] >= self.threshold] + seed_ranges
            nexts = {j for _, end in accepted for j in next_items(text, end)}
            prevs = {previous_item_end(text, unit_start(text, start)) for start, _ in accepted}
            nexts.discard(None)
            prevs.discard(None)
            for start, (score, end, why) in list(out.items()):
                # a dictionary word (高峰, but also 齐全) joins only a list written with 、 or spaces
                if why == "词典人名" and not (text[start - 1:start] in NAME_LIST_SEPARATORS
                                             or text[end:end + 1] in NAME_LIST_SEPARATORS):
                    continue
                if self.threshold > score >= 0.1 and (start in nexts or end in prevs):
                    out[start] = (score + 0.4, end, why + "，与其他姓名并列")
                    changed = True
            taken = [(s, v[1]) for s, v in out.items() if v[0] >= self.threshold] + seed_ranges
            for j in nexts:
                m = TRANSLIT_CHARS.match(text, j)
                if not m:
                    continue
                # a shorter candidate there made of the same characters (米娜 of 米娜瓦尔) gives way
                current = out.get(j)
                if current is not None and not (current[1] < m.end() and set(text[j:current[1]]) <= TRANSLIT):
                    continue
                others = [(s, e) for s, e in taken if current is None or (s, e) != (j, current[1])]
                if list_item_name(text, j, m.end(), freq, others):
                    out[j] = (0.55, m.end(), "与其他姓名并列的少数民族姓名")
                    changed = True
            for k in prevs:  # …and before one (热依拉和古丽两人)
                j = translit_item_before(text, k)
                if j is not None and j not in out and list_item_name(text, j, k, freq, taken):
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
