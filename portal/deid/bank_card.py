"""银行卡号 — bank card and account numbers: 16–19 digits passing Luhn, plain or in groups.

Without a label a grouped number counts only in the card's own grouping (groups of four, the last
of three or four) so that a row of figures in a flattened table is never read as a card; after a
label (卡号, 账号, 开户…) any grouping counts, and a number that fails Luhn is still reported, with
a lower confidence (a typing error does not make it less someone's account).
"""

from __future__ import annotations

import re

from portal.deid.numbers import OTHER_DOCUMENT, after_name, label_before, windows
from portal.deid.spans import Span, overlapped, span_at
from portal.deid.table_columns import row_cells

KIND = "bank_card"
CONTEXT = re.compile(r"账号|帐号|卡号|开户|银行|账户|帐户|专户|社保卡|一卡通|收款|[农工建中交]行|邮储|信用社|农商行|[打转存汇]入|请转|转[至到给]")
LABEL = re.compile(r"账号|帐号|卡号|账户|帐户|银行卡|社保卡号?|一卡通号?|收款账号|卡")
#: An organisation's account: its holder (户名, 开户名 — not a form's 收款单位, after which a person's card
#: may still follow) named as a body, or a 专户 / 对公 / 基本户 / 零余额 account (disclosure keeps it).
ORG_ACCOUNT = re.compile(r"(?:(?:户名|开户名称|开户名|账户名称|账户名|开户单位)[：:为是 \u3000][^\n \t\u3000，,；;：:]{0,30}?(?:社|会|局|委|办|院|站|所|中心|公司|"
                         r"学校|医院|政府|专户|联社|部|队|处|厂)(?:[（(][^）)\n]{0,12}[）)])?(?:[ \t\u3000，,；;][^\n]{0,40}|\s*\n(?:[^\n]*\n){0,2}[^\n]*)"
                         r"|(?:专户|对公|基本户|一般户|单位|零余额)[^\n]{0,4})$")

#: A body named right after a payee's or payer's field (收款单位某某乡财政所，账号…; 付款人：县财政局),
#: no bracket or comma in its name, the account's label in the same line or the next.
PAYEE_BODY = re.compile(r"(?:收款单位|付款单位|收款人|付款人|收款方|付款方)[：:为是 \u3000]*[^\n，,；;（()）：:]{1,30}?"
                        r"(?:社|会|局|委|办|院|站|所|中心|公司|学|校|医院|政府|联社|部|队|处|厂|园)"
                        r"[ \t\u3000，,；;]?(?:[^\n]{0,40}|\n[^\n]*)$")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by every bank card number."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_grouping(sizes: tuple[int, ...]) -> bool:
    return len(sizes) == 1 or (all(s == 4 for s in sizes[:-1]) and 3 <= sizes[-1] <= 4) or \
        sizes in ((6, 13), (6, 12), (6, 10), (4, 4, 4, 4, 3), (4, 4, 4, 7), (4, 4, 4, 5), (4, 4, 4, 4, 2), (4, 4, 4, 4, 1)) \
        or (len(sizes) >= 16 and max(sizes) == 1)  # spaced digit by digit (OCR, PDF)


def _unionpay_grouped(digits: str, sizes: tuple[int, ...]) -> bool:
    """A UnionPay number (62…, 16–19 digits) in two to four groups however cut (16+3, 6-4-4-5), or
    spaced digit by digit: its prefix and Luhn make it a card."""
    return digits.startswith("62") and 16 <= len(digits) <= 19 and (
        len(sizes) <= 4 and min(sizes) >= 2 or max(sizes) == 1)


def _card_like(digits: str) -> bool:
    """The length and issuer prefix of a card (UnionPay 62 with 16 to 19 digits, Visa 4, Mastercard 5, JCB/Amex 3)."""
    return len(digits) in (16, 19) and digits[0] in "3456" or 16 <= len(digits) <= 19 and digits.startswith("62")


PERSONAL = re.compile(r"收款人|持卡人|领款人|开户人|个人账户|本人")
#: An account opened in a person's name (以监护人名义开立的专户): a person's, whatever it is called.
_IN_NAME_OF = re.compile(r"以[^，。；\n]{0,6}(?:人|本人|个人)名义")


def _org_account(text: str, start: int) -> bool:
    """Whether the number starting at ``start`` is an organisation's account (its label's line or
    the lines just above name a body as the holder, or the label says 专户/对公)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(0, line_start - 120):start]
    label = list(LABEL.finditer(before))
    head = before[:label[-1].start()] if label else before
    # …or a body after a payee's field, unless the number is a UnionPay card's (62…: a person's, paid
    # through the body's form)
    found = ORG_ACCOUNT.search(head) or (not text.startswith("62", start) and PAYEE_BODY.search(head))
    # 收款人：… (个人账户代收) between the body and the number: a person's account after all
    return bool(found) and not PERSONAL.search(head, found.start() + 3) and not _IN_NAME_OF.search(head[-30:])


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    by_start: dict[int, list] = {}
    pending: list = []
    for w in windows(text, range(16, 21), max_groups=19, min_group=1):
        if w.digits.isdigit() and (len(w.sizes) <= 5 and min(w.sizes[:-1] or (3,)) >= 3 and w.sizes[-1] >= 2
                                   or len(w.sizes) == 1 or w.sizes == (4, 4, 4, 4, 1)
                                   or max(w.sizes) == 1 and (CONTEXT.search(text, max(0, w.start - 15), w.start)
                                                             or w.digits.startswith("62"))
                                   or label_before(text, w.start, LABEL, reach=16)):
            by_start.setdefault(w.start, []).append(w)
    for start, ws in sorted(by_start.items()):
        if OTHER_DOCUMENT.search(text, max(0, start - 12), start) or _org_account(text, start):
            continue
        # 20 digits: a UnionPay account in a card's context only (a 20-digit invoice number is none)
        labelled = label_before(text, start, LABEL, reach=16)
        # (not run on into the next line, unless a label names it: 银行卡 6217⏎2318 …)
        long = [w for w in ws if len(w.digits) == 20 and w.digits.startswith("62")
                and ("\n" not in text[w.start:w.end] or labelled and _broken_across_a_line(text, w))]
        near = labelled or bool(CONTEXT.search(text, max(0, start - 15), start))
        ws = [w for w in ws if len(w.digits) < 20 or w in long and near]
        if long and not near:
            pending += long  # …or in a column of cards (below)
        if not ws:
            continue
        # after a label the whole number is the card, whatever its check; elsewhere the one that passes
        w = max(ws, key=lambda w: (len(w.digits),) if labelled else (luhn_ok(w.digits), len(w.digits)))
        if any(s.start <= w.start < s.end for s in spans):
            continue
        if len(w.digits) == 20:  # an account, not a card: no Luhn check to pass
            spans.append(span_at(KIND, text, w.start, w.end, 0.85, "账号语境中的20位银联账号"))
        elif luhn_ok(w.digits):
            if not (labelled or _card_grouping(w.sizes) or _unionpay_grouped(w.digits, w.sizes)):
                continue
            if not near and not _card_like(w.digits):
                continue  # 批次号653001202311081175: a number of another kind that happens to pass Luhn
            spans.append(span_at(KIND, text, w.start, w.end, 0.97 if near else 0.8,
                                 "卡号通过Luhn校验" + ("，附近有账号/开户等字样" if near else "")))
        elif labelled:
            spans.append(span_at(KIND, text, w.start, w.end, 0.85, "卡号/账号标签后的号码，Luhn校验不符"))
    spans += [span_at(KIND, text, w.start, w.end, 0.8, "与其他卡号同列的20位银联账号") for w in pending
              if _in_card_column(text, w.start, spans) and not overlapped(spans, w.start, w.end)]
    return spans


def _broken_across_a_line(text: str, w) -> bool:
    """A number whose line breaks after its first group only (银行卡 6217⏎2318 …), or between any two of
    its five groups of four (6228 4830⏎1827 …), ending there."""
    written = text[w.start:w.end]
    return written.count("\n") == 1 and (written.index("\n") <= 5 or w.sizes == (4, 4, 4, 4, 4)) \
        and _ends_there(text, w.end)


def _ends_there(text: str, end: int) -> bool:
    """Nothing of another word or number runs on from ``end`` (…7215⏎1976年生 runs on into a year)."""
    return not re.match(r"[^\s，,。；;（(]", text[end:end + 1])


#: A sentence about a card number (…卡号误填为…, 银行卡号有误): a mistyped number in it is still a card.
_SENTENCE = re.compile(r"[^。；;\n]*$")


def after_names(text: str, spans: list[Span]) -> list[Span]:
    """A UnionPay-shaped number (62…, 16 to 19 digits, in a card's grouping) whose Luhn check fails, or a
    20-digit account in five groups of four,
    right after a person's name in its row or in a sentence that names a card number: that
    person's card, mistyped (a returned payment, a correction).  The whole run of digits counts
    (a 16-digit slice of it that happens to pass is no card of its own); an organisation's account
    is left alone."""
    names = [s for s in spans if s.kind == "person_name" and s.confidence >= 0.6]
    longest: dict[int, object] = {}
    for w in windows(text, range(16, 21), max_groups=5, min_group=2):
        if len(w.digits) == 20 and (w.sizes != (4, 4, 4, 4, 4) or not _ends_there(text, w.end)):
            continue  # (a 20-digit account only in five groups of four ending there: 6222 0230 0201⏎8847 1634,
            # not a card and the year opening the next line: …7215⏎1976年生)
        if w.start not in longest or len(w.digits) > len(longest[w.start].digits):
            longest[w.start] = w
    out = []
    for start, w in sorted(longest.items()):
        if not (w.digits.isdigit() and w.digits.startswith("62")) or (luhn_ok(w.digits) and len(w.digits) < 20):
            continue
        column = _in_card_column(text, start, spans)  # whatever its grouping (16 digits and 3)
        if not (_card_grouping(w.sizes) or column and len(w.sizes) <= 3) \
                or overlapped((s for s in spans if s.kind not in ("person_name", KIND)), w.start, w.end) \
                or any(s.kind == KIND and s.start <= start and w.end <= s.end for s in spans) \
                or _org_account(text, start) or OTHER_DOCUMENT.search(text, max(0, start - 12), start):
            continue
        sentence = _SENTENCE.search(text, max(0, start - 40), start).group(0)
        if (after_name(text, start, names) or LABEL.search(sentence) or column) \
                and not _ORG_WORDS.search(sentence + text[w.end:w.end + 12]):
            out.append(span_at(KIND, text, start, w.end, 0.8, "姓名后或卡号语句中的卡号，Luhn校验不符（可能录入有误）"))
    return out


def _cell_at(text: str, pos: int) -> tuple[int, int]:
    """(index of the cell holding ``pos``, number of cells) in a row of cells; (-1, 0) elsewhere."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    cells = row_cells(line, by_spaces=True)
    index = next((k for k, (a, b) in enumerate(cells) if a <= pos - line_start < b), -1)
    return index, len(cells)


def _in_card_column(text: str, start: int, spans: list[Span]) -> bool:
    """Whether the number stands in a table's column that holds a card in another row (a pay file
    whose one card was mistyped: the bank returned it)."""
    here = _cell_at(text, start)
    return here[0] >= 0 and any(s.kind == KIND and _cell_at(text, s.start)[0] == here[0]
                                and text.rfind("\n", 0, s.start) != text.rfind("\n", 0, start) for s in spans)


#: Words that make an account an organisation's (对公账号, 专户, 销户的单位账户).
_ORG_WORDS = re.compile(r"对公|专户|基本户|单位|公司|不是个人")
