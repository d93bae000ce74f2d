"""Planted identifiers and names for the leak crawl: every way a person writes them, with valid check digits.

The check digits are computed here (GB 11643, Luhn, GB 32100), independently of ``portal.deid``, so a
bug there cannot hide itself. Each writing gets its own :class:`Kit` (its own numbers and names), so a
leak found on a public page names the writing it came from.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote

# -- check digits ------------------------------------------------------------------------------------


def gb11643(first17: str) -> str:
    """The 18-digit resident ID for 17 digits: weights 2^(17-i) mod 11, check 1 0 X 9 8 7 6 5 4 3 2."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    return first17 + "10X98765432"[total % 11]


def luhn(prefix: str) -> str:
    """``prefix`` with its Luhn check digit appended."""
    total = 0
    for i, d in enumerate(reversed(prefix)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return prefix + str((10 - total % 10) % 10)


GB32100_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
GB32100_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def gb32100(first17: str) -> str:
    """The unified social credit code for 17 characters (check character mod 31)."""
    total = sum(GB32100_CHARS.index(c) * w for c, w in zip(first17, GB32100_WEIGHTS, strict=True))
    return first17 + GB32100_CHARS[(31 - total % 31) % 31]


def fullwidth(text: str) -> str:
    """ASCII digits, letters and @ as full-width forms (６５３０…, ＠)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# -- normalising what a citizen can read ----------------------------------------------------------------

_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\s\-.\u00a0\u3000]+(?=\d)")
_BETWEEN_CJK = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


def normalise(text: str) -> str:
    """What a reader sees once the writing style is removed: entities and %-escapes decoded, NFKC (full
    width → ASCII), no spaces/hyphens/dots/line breaks between digits, no single spaces between Chinese
    characters (张 振 宇 → 张振宇), case folded (x → X alike)."""
    text = unicodedata.normalize("NFKC", unquote(html.unescape(text)))
    text = _BETWEEN_DIGITS.sub("", text)
    text = _BETWEEN_CJK.sub("", text)
    return text.casefold()


# -- what is planted ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plant:
    """One planted identifier or name: as written, the variant, and what must not be readable anywhere."""

    written: str
    variant: str
    #: Normalised strings any of which, found in a public page, is a leak of this plant.
    needles: tuple[str, ...]
    kind: str  # id_number, phone, bank_card, email, credit_code, person_name


HAN = ("张振宇", "王秀兰", "刘桂芳", "陈建国", "杨丽萍", "赵德胜", "周海燕", "吴国栋", "徐春梅", "孙志刚", "胡玉珍",
       "朱文斌", "高淑芬", "林永福", "何秋菊", "郭红霞", "罗志勇", "梁静怡", "宋建军", "郑海涛", "谢美玲", "韩立新",
       "邱建波", "侯玉华", "范志强", "石秀云", "姚德明", "谭丽华", "廖国庆", "邹春花", "熊文军", "金淑珍")
SPACED = ("唐 振 华", "冯 玉 兰", "董 海 波", "萧 桂 英", "程 志 明", "曹 秀 珍", "袁 建 平", "邓 丽 娟", "许 国 强",
          "傅 春 燕", "沈 德 明", "曾 凤 英", "彭 晓 东", "吕 秋 霞", "苏 永 刚", "卢 淑 华", "蒋 立 军", "蔡 玉 梅",
          "贾 文 忠", "丁 桂 兰", "魏 海 峰", "薛 秀 英", "陆 海 鹰", "夏 春 兰", "田 志 远", "任 玉 凤", "姜 国 华",
          "潘 丽 霞", "方 建 林", "汪 秀 梅", "黎 明 辉", "易 桂 香")
DOTTED = ("努尔买买提·吐尔地", "热依拉·阿不都热合曼", "艾尔肯·吾守尔", "古丽娜尔·阿西木", "麦麦提敏·托合提",
          "阿依努尔·库尔班", "买合木提·艾买提", "帕提古丽·依沙克", "伊力哈木·肉孜", "米日古丽·吾斯曼",
          "吐尔洪·买买提明", "祖丽胡玛尔·卡德尔", "阿布都外力·依明", "再努尔·阿不力孜", "努尔古丽·哈力克",
          "艾合买提·司马义", "阿迪拉·木沙", "克里木·牙生", "玛依拉·阿巴斯", "亚森江·图尔荪", "布买热木·塔西",
          "热孜亚·吐逊", "阿卜力克木·买提尼亚孜", "迪丽拜尔·艾则孜", "库尔班·赛买提", "吐逊古丽·艾海提",
          "艾则孜·阿不来提", "阿尔祖古丽·如则", "木合塔尔·加帕尔", "排孜丽耶·热西提", "热合木江·艾比布",
          "米热阿依·吐鲁洪")
ONE_PART = ("艾克拜尔", "阿依提拉", "帕尔哈提", "迪丽努尔", "买买提江", "阿力木江", "努尔兰", "古再丽", "塔依尔",
            "玉苏甫", "迪力夏提", "阿迪力", "克然木", "依力亚斯", "吾买尔", "阿曼古丽", "萨迪克", "库尔班江",
            "热娜古丽", "图尔贡", "买尔旦", "卡米力", "麦尔哈巴", "阿不都许库尔", "努尔比亚", "吐尔干",
            "赛甫丁", "阿娜尔汗", "沙吾提", "尼格买提", "巴哈尔古丽", "艾尼瓦尔")

#: Must stay readable on the public page: a pseudonym, an organisation, a 文号 (over-redaction is a failure too).
MUST_STAY = ("李某", "新疆正信绩效评价咨询有限公司", "克财绩〔2023〕12号")


def _name_plant(name: str, variant: str) -> Plant:
    plain = name.replace(" ", "")
    needles = (plain, *[part for part in plain.split("·") if len(part) >= 2]) if "·" in plain else (plain,)
    return Plant(name, variant, tuple(normalise(n) for n in dict.fromkeys(needles)), "person_name")


@dataclass
class Kit:
    """Every planted form for one writing (number ``n``): identifiers with distinct values, and names."""

    n: int
    plants: dict[str, Plant] = field(default_factory=dict)

    def __post_init__(self):
        n, p = self.n, self.plants
        seq = itertools.count(100 + 37 * n)

        def new_id(check: str | None = None) -> str:
            while True:
                candidate = gb11643(f"653022{1960 + n % 30}{1 + n % 9:02d}{10 + n % 18:02d}{next(seq) % 1000:03d}")
                if check is None or candidate.endswith(check):
                    return candidate

        def add(key, written, needle, kind):
            p[key] = Plant(written, key, (normalise(needle),), kind)

        ids = [new_id() for _ in range(4)] + [new_id("X"), new_id("X")]
        add("id_plain", ids[0], ids[0], "id_number")
        grouped = ids[4]
        add("id_grouped_spaces", f"{grouped[:6]} {grouped[6:14]} {grouped[14:]}", grouped, "id_number")
        add("id_hyphens", f"{ids[1][:6]}-{ids[1][6:14]}-{ids[1][14:]}", ids[1], "id_number")
        add("id_lower_x", ids[5].lower(), ids[5], "id_number")
        add("id_fullwidth", fullwidth(ids[2]), ids[2], "id_number")
        add("id_line_break", f"{ids[3][:10]}\n{ids[3][10:]}", ids[3], "id_number")
        wrong = ids[0][:17] + str((int(ids[0][17]) + 1) % 10 if ids[0][17] != "X" else 0)
        if wrong == gb11643(wrong[:17]):
            wrong = wrong[:17] + ("1" if wrong[17] != "1" else "2")
        add("id_wrong_check", wrong, wrong, "id_number")

        mobiles = [f"1{(3, 5, 8, 3, 5, 8)[i]}{(9, 0, 6, 8, 1, 2)[i]}{(23456781 + 7919 * (n * 6 + i)) % 10 ** 8:08d}"
                   for i in range(6)]
        m = mobiles
        add("mobile_plain", m[0], m[0], "phone")
        add("mobile_spaces", f"{m[1][:3]} {m[1][3:7]} {m[1][7:]}", m[1], "phone")
        add("mobile_hyphens", f"{m[2][:3]}-{m[2][3:7]}-{m[2][7:]}", m[2], "phone")
        add("mobile_dots", f"{m[3][:3]}.{m[3][3:7]}.{m[3][7:]}", m[3], "phone")
        add("mobile_plus86", f"+86 {m[4]}", m[4], "phone")
        add("mobile_fullwidth", fullwidth(m[5]), m[5], "phone")

        lines = [f"{(4562318 + 104729 * (n * 4 + i)) % 9000000 + 1000000}" for i in range(4)]
        add("landline_hyphen", f"0991-{lines[0]}", lines[0], "phone")
        add("landline_space", f"0991 {lines[1]}", lines[1], "phone")
        add("landline_paren", f"（0991）{lines[2]}", lines[2], "phone")
        add("landline_extension", f"0991-{lines[3]}转8012", lines[3], "phone")

        cards = [luhn(f"622202{(123456789 + 7777 * (n * 2 + i)) % 10 ** 9:09d}") for i in range(2)]
        card19 = luhn(f"621700{(3456789012 + 9191 * n) % 10 ** 12:012d}")
        add("card_groups", " ".join(cards[0][i:i + 4] for i in range(0, 16, 4)), cards[0], "bank_card")
        add("card_19_groups", " ".join(card19[i:i + 4] for i in range(0, 19, 4)), card19, "bank_card")
        add("card_fullwidth", fullwidth(cards[1]), cards[1], "bank_card")

        add("email_plain", f"zhouhy{n:02d}@163.com", f"zhouhy{n:02d}", "email")
        add("email_fullwidth_at", f"zhou_hy{n:02d}＠163.com", f"zhou_hy{n:02d}", "email")
        add("email_at_words", f"wangxl{n:02d} (at) 163.com", f"wangxl{n:02d}", "email")
        add("email_brackets", f"gulnar{n:02d}[at]qq.com", f"gulnar{n:02d}", "email")

        credit = gb32100(f"92653022MA{(78 + n) % 100:02d}QKD{n % 10}{(n * 7) % 10}")
        add("credit_individual", credit, credit, "credit_code")

        p["name_han"] = _name_plant(HAN[n % len(HAN)], "name_han")
        p["name_dotted"] = _name_plant(DOTTED[n % len(DOTTED)], "name_dotted")
        p["name_one_part"] = _name_plant(ONE_PART[n % len(ONE_PART)], "name_one_part")
        p["name_spaced"] = _name_plant(SPACED[n % len(SPACED)], "name_spaced")

    def __getitem__(self, key: str) -> str:
        return self.plants[key].written

    def lines(self) -> list[str]:
        """The whole kit as sentences of a report, each identifier in a context a clerk would write."""
        k = self
        return [
            f"经办人{k['name_han']}，身份证号{k['id_plain']}，联系电话{k['mobile_plain']}。",
            f"项目负责人{k['name_dotted']}（身份证 {k['id_grouped_spaces']}），联系人{k['name_spaced']}"
            f"（身份证号码 {k['id_hyphens']}）。",
            f"村民{k['name_one_part']}反映补贴未到账，其身份证号为{k['id_lower_x']}，手机 {k['mobile_spaces']}。",
            f"申请表所填身份证号{k['id_fullwidth']}，手机{k['mobile_fullwidth']}。",
            f"另一申请人身份证号码：{k['id_line_break']}，已核实。",
            f"联系手机 {k['mobile_hyphens']}，备用 {k['mobile_dots']}，外地号码 {k['mobile_plus86']}。",
            f"办公电话 {k['landline_hyphen']}、{k['landline_space']}、{k['landline_paren']}，"
            f"总机 {k['landline_extension']}。",
            f"补贴发放至银行卡 {k['card_groups']}，另一卡号 {k['card_19_groups']}，"
            f"退回卡号{k['card_fullwidth']}。",
            f"电子邮箱 {k['email_plain']}、{k['email_fullwidth_at']}、{k['email_at_words']}、{k['email_brackets']}。",
            f"身份证号：{k['id_wrong_check']}。",
            f"个体工商户统一社会信用代码 {k['credit_individual']}。",
        ]

    def text(self) -> str:
        return "\n".join(self.lines())

    def short(self, *keys: str) -> str:
        """A few plants joined for a short field (project name, indicator name…)."""
        return "，".join(self[key] for key in keys)

    def planted(self, *keys: str) -> list[Plant]:
        return [self.plants[key] for key in keys] if keys else list(self.plants.values())


#: The plants a short field carries when it cannot hold the whole kit.
SHORT_KEYS = ("name_han", "id_plain", "mobile_spaces")
