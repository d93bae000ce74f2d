"""jieba's dictionary, loaded once per process and shared by search and de-identification.

Loading takes about a second, so it happens on first use (or in the gunicorn master, see
``portal.wsgi``), never per request, and only once: both users share jieba's default tokenizer.
"""

from __future__ import annotations

import logging
import threading

#: Domain words jieba's dictionary may split or miss; added once when jieba loads.
DOMAIN_WORDS = ("绩效", "整改", "满意度", "招商引资", "绩效目标", "绩效评价", "自评", "销号", "预算绩效", "第三方",
                "一般公共预算", "政府性基金", "部门整体支出", "项目支出", "黄标", "红标")

#: Policy words and the short names of offices and trades that begin with a surname character (or
#: that the dictionary tags as a name), tagged so no recogniser takes them for names.
TAGGED_WORDS = (("惠企", "v"), ("惠民", "v"), ("惠农", "v"), ("利民", "v"), ("惠企利民", "l"), ("强基", "v"),
                ("陈述", "v"), ("林果", "n"), ("林草", "n"), ("文旅", "n"), ("卫健", "n"), ("农水", "n"), ("农经", "n"),
                ("安家费", "n"), ("业委会", "n"), ("库管", "n"), ("师德", "n"), ("水保", "n"), ("畜牧兽医", "n"),
                ("农行", "n"), ("农信", "n"), ("唐卡", "n"), ("管护", "v"), ("工号", "n"), ("按手印", "v"),
                ("林权", "n"), ("林权人", "n"), ("林权证", "n"), ("红榜", "n"), ("黑榜", "n"), ("犬主", "n"),
                ("购方", "n"), ("销方", "n"), ("续住", "v"), ("外嫁", "v"), ("张榜", "v"))
#: How often a tagged word counts as seen: enough to be an ordinary word to the name rules.
TAGGED_FREQ = 100

_lock = threading.Lock()
_loaded: dict = {}


def jieba():
    """The jieba module, its default tokenizer initialised with :data:`DOMAIN_WORDS`."""
    if "jieba" not in _loaded:
        with _lock:
            if "jieba" not in _loaded:
                import jieba as module

                module.setLogLevel(logging.WARNING)
                module.initialize()
                for word in DOMAIN_WORDS:
                    module.add_word(word)
                for word, tag in TAGGED_WORDS:
                    module.add_word(word, freq=TAGGED_FREQ, tag=tag)
                _loaded["jieba"] = module
    return _loaded["jieba"]


def pos_tagger():
    """jieba's part-of-speech tokenizer over the same default tokenizer (and its word→tag table)."""
    if "pos" not in _loaded:
        module = jieba()
        with _lock:
            if "pos" not in _loaded:
                from jieba.posseg import POSTokenizer

                tagger = POSTokenizer(module.dt)
                tagger.word_tag_tab.update(dict(TAGGED_WORDS))  # the table is read from the dictionary file only
                _loaded["pos"] = tagger
    return _loaded["pos"]
