"""邮箱 — e-mail addresses, also as people disguise them: ``name(at)126.com``, ``name[at]qq.com``,
``name @ 163.com`` and, for the mail providers people use, ``name#163.com``."""

from __future__ import annotations

import re

from portal.deid.numbers import label_before
from portal.deid.spans import Span, span_at

KIND = "email"
_LOCAL = r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*"
_DOT = r"(?:\.|[ \t]+\.[ \t]*|\.[ \t]+|[ \t]*[(\[（【]dot[)\]）】][ \t]*|[ \t]+dot[ \t]+)"  # 163 . com too
_DOMAIN = rf"[A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)*{_DOT}[A-Za-z]{{2,}}(?![A-Za-z0-9])"
_AT = r"(?:[ \t]*@[ \t]*|[ \t]*[(\[（【][ \t]*at[ \t]*[)\]）】][ \t]*|[ \t]+at[ \t]+)"
#: (An "at" between words is English as often as a disguise: ``Karimova at d.karimova@…`` is a name
#: and an address, so a domain may not run on into an ``@``.)
PATTERN = re.compile(_LOCAL + _AT + _DOMAIN + r"(?![ \t]*@)", re.IGNORECASE)
# ``#`` for ``@`` only before a mail provider's domain (a ``#`` is otherwise a number sign).
#: (Central Asian correspondents write from mail.ru, yandex.ru, inbox.ru, list.ru, bk.ru and mail.kz.)
PROVIDERS = (r"(?:163|126|qq|sina|sohu|139|189|yeah|foxmail|aliyun|gmail|outlook|hotmail|yahoo|vip\.163|vip\.qq"
             r"|mail|yandex|inbox|list|bk)")
HASH = re.compile(_LOCAL + rf"[ \t]*#[ \t]*{PROVIDERS}{_DOT}(?:com|cn|net|ru|kz)(?:{_DOT}cn)?(?![A-Za-z0-9])",
                  re.IGNORECASE)


LABEL = re.compile(r"(?:电子)?邮箱|邮件|E-?mail|e-?mail|EMAIL", re.IGNORECASE)
_MAIL_SHAPED = re.compile(r"[A-Za-z][A-Za-z0-9._\-]{2,}[ \t]*#[ \t]*[A-Za-z0-9\-]{2,}(?:\.[A-Za-z0-9\-]+)*"
                          r"\.(?:com|cn|net|org|ru|kz)(?:\.cn)?", re.IGNORECASE)
HASH_ANY = re.compile(_LOCAL + rf"[ \t]*#[ \t]*{_DOMAIN}", re.IGNORECASE)


def find(text: str) -> list[Span]:
    if "@" not in text and "at" not in text.lower() and "#" not in text:
        return []
    spans = [span_at(KIND, text, m.start(), m.end(), 0.98, "电子邮箱地址") for m in PATTERN.finditer(text)]
    spans += [span_at(KIND, text, m.start(), m.end(), 0.9, "以#代替@的邮箱地址") for m in HASH.finditer(text)]
    for m in HASH_ANY.finditer(text):
        bracketed = text[m.start() - 1:m.start()] == "<" and text[m.end():m.end() + 1] == ">"  # To: 某 <name#host.cn>
        if any(s.start <= m.start() < s.end for s in spans):
            continue
        if bracketed or label_before(text, m.start(), LABEL):
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.85, "邮箱标签后以#代替@的地址"))
        elif _MAIL_SHAPED.fullmatch(m.group(0)) and text[m.start() - 1:m.start()] not in ("/", "."):
            # a user name, # and a mail domain (name#firm.com): no link's anchor, no number sign
            spans.append(span_at(KIND, text, m.start(), m.end(), 0.8, "以#代替@的邮箱地址"))
    return spans
