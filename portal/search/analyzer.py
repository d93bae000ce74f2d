"""Chinese word segmentation with jieba, loaded once per process and only when first needed."""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, Token, Tokenizer

from portal import segmentation


def jieba():
    """The jieba module with its dictionary loaded (shared with de-identification, once per process)."""
    return segmentation.jieba()


def is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def query_words(text: str) -> list[list[str]]:
    """The words of a query: one list of segments per whitespace-separated part (all must match)."""
    out = []
    for part in text.split():
        segments = [w.lower() for w in jieba().cut(part) if is_word(w)]
        if segments:
            out.append(segments)
    return out


class JiebaTokenizer(Tokenizer):
    """Whoosh tokenizer: jieba's search mode (a long word and the dictionary words inside it)."""

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for word, start, end in jieba().tokenize(value, mode="search"):
            if not is_word(word):
                continue
            token.text = word
            if keeporiginal:
                token.original = word
            token.stopped = False
            token.boost = 1.0
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def ChineseAnalyzer():  # noqa: N802 - named like Whoosh's analyzers
    """jieba tokens, lower-cased (Latin letters in codes and names)."""
    return JiebaTokenizer() | LowercaseFilter()


#: Separates segments in stored text: a control character the PostgreSQL parser treats as a blank
#: and that never occurs in published text (removed on the way in), so the original comes back exactly.
SEGMENT_SEPARATOR = "\x01"
_CONTROL = str.maketrans({"\x00": None, "\x01": None, "\x02": None, "\x03": None})


def segment(text: str) -> tuple[list[str], str]:
    """(search-mode words for the index, the text cut at every word boundary with :data:`SEGMENT_SEPARATOR`).

    The finest cut puts a boundary wherever jieba's search mode starts or ends a word, so a
    two-character word inside a longer one (整改 in 整改措施) is its own segment for highlighting.
    """
    text = (text or "").translate(_CONTROL)
    bounds, words = {0, len(text)}, []
    for word, start, end in jieba().tokenize(text, mode="search"):
        bounds.update((start, end))
        if is_word(word):
            words.append(word.lower())
    cuts = sorted(bounds)
    return words, SEGMENT_SEPARATOR.join(text[a:b] for a, b in zip(cuts, cuts[1:], strict=False))


def finest_words(text: str) -> list[str]:
    """The query's words cut as finely as :func:`segment` cuts stored text (for highlighting)."""
    words, finest = segment(text)
    return [w.lower() for w in finest.split(SEGMENT_SEPARATOR) if is_word(w)]
