"""电话 — mobile numbers (with or without +86 and separators) and landlines with an area code."""

from __future__ import annotations

import re

from portal.deid.spans import Span, span_at

KIND = "phone"
_SEP = r"[ \-－]?"
MOBILE = re.compile(r"(?<![0-9A-Za-z+])(?:(?:\+|00)86" + _SEP + r")?1[3-9]\d" + _SEP + r"\d{4}" + _SEP
                    + r"\d{4}(?![0-9A-Za-z])")
# 0991-1234567, 0991－12345678, (0996)1234567, （0998）1234567, with an optional extension.
LANDLINE = re.compile(r"(?<![0-9A-Za-z])(?:0\d{2,3}[\-－]|[(（]0\d{2,3}[)）] ?)[1-9]\d{6,7}"
                      r"(?:(?:转|-|－|ext\.?)\d{1,5})?(?![0-9A-Za-z])")


def find(text: str) -> list[Span]:
    spans = [span_at(KIND, text, m.start(), m.end(), 0.95, "手机号码") for m in MOBILE.finditer(text)]
    spans += [span_at(KIND, text, m.start(), m.end(), 0.9, "带区号的固定电话") for m in LANDLINE.finditer(text)]
    return spans
