"""Generate the labeled de-identification development set (corpus.jsonl) from templates.

Run ``.venv/bin/python tests/data/deid/make_corpus.py``; the output is committed.
Each template marks a planted span as ``{kind}`` (filled with a fresh random value of that
kind) and hard negatives as ``{neg_…}`` (filled, but not labeled).  The checksum values are
computed here by an implementation independent of portal.deid, so the corpus also checks it.
Format of corpus.jsonl: one object per line, ``{"id", "text", "spans": [{"kind", "start", "end", "text"}]}``.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20240531

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦方白邹孟熊秦邱尹薛段雷侯龙史陶黎贺顾毛郝龚邵钱严武戴莫孔汤"
GIVEN = "建国华明丽娟军红英平志强海燕霞玉兰桂芳秀梅子琦淑花晓东伟勇静敏磊洋艳杰涛超春霖宏文斌鹏飞浩宇欣怡佳慧婷嘉琳瑞雪俊峰立新德福永庆"
COMPOUND = ("欧阳", "司马", "上官", "诸葛")
UYGHUR_FIRST = ("阿不来提", "艾尔肯", "买买提", "阿依古丽", "热依汗", "古丽娜尔", "吐尔逊", "努尔兰", "阿迪力", "帕提古丽",
                "麦麦提江", "阿布都热合曼", "再努尔", "米热古丽", "叶尔兰", "阿依达娜")
UYGHUR_LAST = ("托合提", "吐尔逊", "买买提", "艾力", "肉孜", "阿不都拉", "哈力克", "克里木", "依明", "别克", "沙吾提",
               "木合塔尔", "努尔")
SEPARATORS = ("·", "·", "・", "？", "?")
TERMS = ("信访人员名单", "内部核查线索", "未公开处分决定", "涉密项目清单")
KNOWN = ("李建华", "王晓燕", "阿依古丽·买买提", "马国庆")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
REGIONS = ("653022", "650102", "652301", "653001", "654021", "110105", "652801")


def id_check(body: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return str((10 - total % 10) % 10)


def code_check(body: str) -> str:
    total = sum(CODE_ALPHABET.index(c) * w for c, w in zip(body, CODE_WEIGHTS, strict=True))
    return CODE_ALPHABET[(31 - total % 31) % 31]


class Fill:
    """Random values of every kind, valid or (for negatives) deliberately broken."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def birth(self) -> date:
        return date(1955, 1, 1) + timedelta(days=self.rng.randrange(0, 365 * 48))

    def id_number(self) -> str:
        body = self.rng.choice(REGIONS) + self.birth().strftime("%Y%m%d") + f"{self.rng.randrange(1000):03d}"
        return body + id_check(body)

    def id15(self) -> str:
        return self.rng.choice(REGIONS) + self.birth().strftime("%y%m%d") + f"{self.rng.randrange(1000):03d}"

    def neg_id(self) -> str:  # wrong check digit
        good = self.id_number()
        return good[:17] + self.rng.choice([c for c in "0123456789X" if c != good[17]])

    def neg_id_date(self) -> str:  # right check digit, impossible birth date (month 13)
        body = self.rng.choice(REGIONS) + "1988" + "13" + "12" + f"{self.rng.randrange(1000):03d}"
        return body + id_check(body)

    def card(self) -> str:
        length = self.rng.choice((16, 19, 19))
        body = self.rng.choice(("622202", "621700", "622848", "623668")) + "".join(
            str(self.rng.randrange(10)) for _ in range(length - 7))
        number = body + luhn_digit(body)
        if self.rng.random() < 0.4:
            number = " ".join(number[i:i + 4] for i in range(0, len(number), 4))
        return number

    def neg_card(self) -> str:
        good = self.card().replace(" ", "")
        return good[:-1] + str((int(good[-1]) + self.rng.randrange(1, 10)) % 10)

    def credit_code(self) -> str:
        body = self.rng.choice(("91", "92", "52", "12")) + self.rng.choice(REGIONS) + "".join(
            self.rng.choice(CODE_ALPHABET) for _ in range(9))
        return body + code_check(body)

    def neg_code(self) -> str:
        good = self.credit_code()
        return good[:17] + self.rng.choice([c for c in CODE_ALPHABET if c != good[17]])

    def phone(self) -> str:
        n = "1" + self.rng.choice("3456789") + "".join(str(self.rng.randrange(10)) for _ in range(9))
        style = self.rng.randrange(5)
        if style == 1:
            return f"{n[:3]}-{n[3:7]}-{n[7:]}"
        if style == 2:
            return f"+86 {n}"
        if style == 3:
            return f"{n[:3]} {n[3:7]} {n[7:]}"
        return n

    def landline(self) -> str:
        area = self.rng.choice(("0991", "0996", "0998", "0908", "0994"))
        local = str(self.rng.randrange(2, 9)) + "".join(str(self.rng.randrange(10)) for _ in range(6))
        return self.rng.choice((f"{area}-{local}", f"({area}){local}", f"（{area}）{local}"))

    def email(self) -> str:
        user = "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(self.rng.randrange(4, 9)))
        return f"{user}{self.rng.randrange(100)}@{self.rng.choice(('163.com', 'qq.com', 'akt.gov.cn', 'sina.com'))}"

    def name(self) -> str:
        if self.rng.random() < 0.05:
            return self.rng.choice(COMPOUND) + "".join(self.rng.sample(GIVEN, 2))
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2, 2, 2))))

    def uyghur(self) -> str:
        return self.rng.choice(UYGHUR_FIRST) + self.rng.choice(SEPARATORS) + self.rng.choice(UYGHUR_LAST)

    def known(self) -> str:
        return self.rng.choice(KNOWN)

    def term(self) -> str:
        return self.rng.choice(TERMS)

    def neg_amount(self) -> str:
        return f"{self.rng.randrange(1, 5000)}.{self.rng.randrange(100):02d}"

    def neg_docno(self) -> str:
        return f"{self.rng.choice(('财预', '新财预', '阿财发', '尉财发', '新准管字'))}〔{self.rng.randrange(2016, 2025)}〕" \
               f"{self.rng.randrange(1, 200)}号"

    def neg_project(self) -> str:  # 项目编码: 20 digits, longer than any card
        return "6530" + "".join(str(self.rng.randrange(10)) for _ in range(16))


#: Which fill method gives each placeholder; ``kind`` of the labeled ones (negatives have none).
PLACEHOLDERS = {
    "name": ("name", "person_name"), "uyghur": ("uyghur", "person_name"), "known": ("known", "person_name"),
    "id": ("id_number", "id_number"), "id15": ("id15", "id_number"), "card": ("card", "bank_card"),
    "code": ("credit_code", "credit_code"), "phone": ("phone", "phone"), "landline": ("landline", "phone"),
    "email": ("email", "email"), "term": ("term", "sensitive_term"),
    "neg_id": ("neg_id", None), "neg_id_date": ("neg_id_date", None), "neg_card": ("neg_card", None),
    "neg_code": ("neg_code", None), "neg_amount": ("neg_amount", None), "neg_docno": ("neg_docno", None),
    "neg_project": ("neg_project", None),
}


def render(template: str, fill: Fill, index: int) -> dict:
    text, spans, pos = [], [], 0
    length = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        literal = template[pos:m.start()]
        text.append(literal)
        length += len(literal)
        method, kind = PLACEHOLDERS[m.group(1)]
        value = getattr(fill, method)()
        if kind:
            spans.append({"kind": kind, "start": length, "end": length + len(value), "text": value})
        text.append(value)
        length += len(value)
        pos = m.end()
    text.append(template[pos:])
    return {"id": f"p{index:03d}", "text": "".join(text), "spans": spans}


def main() -> None:
    rng = random.Random(SEED)
    fill = Fill(rng)
    templates = [line.strip() for line in (HERE / "templates.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
    rows = [render(t, fill, i * 2 + k) for i, t in enumerate(templates) for k in range(2)]
    with open(HERE / "corpus.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} passages, {sum(len(r['spans']) for r in rows)} planted spans")


if __name__ == "__main__":
    main()
