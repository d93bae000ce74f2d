"""A score proposal read from an evaluation report: total, grade, level-1 and level-3 scores.

Pure functions over the report's text (and its DOCX tables).  The reviewer confirms or
corrects the proposal; nothing here is trusted as a final score.  Text is NFKC-normalised
first, so full-width digits, colons and brackets read like ASCII ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

GRADES = ("优", "良", "中", "差")
#: Grade bands of the evaluation framework: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
GRADE_BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
#: Level-1 indicators: key evaluations (决策/过程/产出/效益) and self-evaluations (预算执行率/满意度).
LEVEL1 = ("决策", "过程", "产出", "效益", "预算执行率", "满意度")

_NUM = r"(\d{1,3}(?:\.\d{1,2})?)"
_SEP = r"\s*(?:为|是|:|达到|计)?\s*"
#: Total-score phrases, most specific first; 最终得分 also ends indicator sentences, so it comes last.
_TOTAL_WORDS = ("总得分", "综合得分", "综合评分", "总评分", "评价得分", "绩效得分", "得分合计", "合计得分",
                "最终得分", "总分")
_OPEN_Q = "\"'“‘「『"
_CLOSE_Q = "\"'”’」』"
_GRADE_WORD = r"(优秀|优|良好|良|中等|中|较差|差)"
_GRADE_CONTEXT = r"(?:评价结果|评价等级|评价结论|绩效评级|绩效等级|综合评级|评级|等级|结果)"
_GRADE_QUOTED = re.compile(_GRADE_CONTEXT + r"\s*(?:为|是|属于|:|评定为|确定为|定为|认定为)?\s*"
                           + f"[{_OPEN_Q}]\\s*" + _GRADE_WORD + f"\\s*[{_CLOSE_Q}]")
_GRADE_BARE = re.compile(_GRADE_CONTEXT + r"\s*(?:为|是|属于|评定为|确定为|定为|认定为)\s*"
                         + _GRADE_WORD + r"(?=\s*(?:等级|级)?\s*[,.;。，；]|\s*$)", re.M)
_LEVEL1_RE = re.compile(r"(决策|过程|产出|效益|预算执行率|满意度)(?:类|方面)?(?:指标)?(?:实际)?得分" + _SEP
                        + _NUM + r"\s*分")
_CN_NUM = "一二三四五六七八九十"
_ITEM_LINE = re.compile(r"^\s*\(?\s*(?:\d{1,2}|[" + _CN_NUM + r"]{1,3})\s*[).、]\s*"
                        r"([^\s:,，。;；()\"“”]{2,30}?)\s*:(.*)$")
_ITEM_HEADING = re.compile(r"^\s*\(?\s*(?:\d{1,2}|[" + _CN_NUM + r"]{1,3})\s*[).、]?\s*[“\"]\s*(.+?)\s*[”\"]"
                           r"\s*指标")
_ITEM_SCORE = re.compile(r"得\s*(?:分\s*(?:为|:)?\s*)?" + _NUM + r"\s*分")
_FINAL_SCORE = re.compile(r"最终得\s*分?\s*(?:为|:)?\s*" + _NUM + r"\s*分")

_NAME_HEADERS = ("三级指标", "指标名称", "评价指标", "指标")
_SCORE_HEADERS = ("最终得分", "实际得分", "评价得分", "得分", "评分")
_TOTAL_ROWS = ("合计", "总计", "总分", "总得分", "合 计", "总 计")


@dataclass
class Proposal:
    """What the report says; any part is None (or empty) when the report does not state it."""

    total: Decimal | None = None
    #: The grade as stated in the report.
    grade: str | None = None
    #: The grade the total falls in.
    computed_grade: str | None = None
    level1: dict[str, Decimal] = field(default_factory=dict)
    items: dict[str, Decimal] = field(default_factory=dict)

    @property
    def grade_mismatch(self) -> bool:
        """The stated grade differs from the one the total gives."""
        return bool(self.grade and self.computed_grade and self.grade != self.computed_grade)


def propose(text: str, tables: list[list[list[str]]] | None = None) -> Proposal:
    """Read a proposal from a report's text and (optionally) its tables."""
    text = normalise(text or "")
    tables = [[[normalise(cell) for cell in row] for row in table] for table in tables or []]
    table_items, table_total, table_level1 = _from_tables(tables)
    total = find_total(text)
    if total is None:
        total = table_total
    level1 = find_level1(text) or table_level1
    items = find_items(text)
    items.update(table_items)
    return Proposal(total=total, grade=find_grade(text), computed_grade=grade_for(total),
                    level1=level1, items=items)


def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation become ASCII), tabs and ideographic spaces as spaces."""
    return unicodedata.normalize("NFKC", text).replace("\t", " ")


def grade_for(total: Decimal | None) -> str | None:
    """The grade band of ``total``."""
    if total is None:
        return None
    return next(grade for floor, grade in GRADE_BANDS if total >= floor)


def find_total(text: str) -> Decimal | None:
    """The total score, from the most specific phrase that states one."""
    for word in _TOTAL_WORDS:
        for match in re.finditer(re.escape(word) + _SEP + _NUM + r"\s*分", text):
            before = text[max(0, match.start() - 15):match.start()]
            if word == "最终得分" and ("指标" in before or "权重" in before):
                continue
            value = _decimal(match.group(1))
            if value is not None and value <= 100:
                return value
    return None


def find_grade(text: str) -> str | None:
    """The grade the report states (优/良/中/差), quoted forms preferred."""
    match = _GRADE_QUOTED.search(text) or _GRADE_BARE.search(text)
    return match.group(1)[0] if match else None


def find_level1(text: str) -> dict[str, Decimal]:
    """Level-1 scores stated as e.g. "决策类指标得分20分"."""
    out: dict[str, Decimal] = {}
    for match in _LEVEL1_RE.finditer(text):
        name, value = match.group(1), _decimal(match.group(2))
        if value is not None:
            out.setdefault(name, value)
    return {name: out[name] for name in LEVEL1 if name in out}


def find_items(text: str) -> dict[str, Decimal]:
    """Level-3 scores from numbered lines ("(1)立项依据充分性:…得3分") and "“X”指标" headings."""
    items: dict[str, Decimal] = {}
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        match = _ITEM_LINE.match(line)
        if match:
            scores = _ITEM_SCORE.findall(match.group(2))
            if scores and (value := _decimal(scores[-1])) is not None:
                items.setdefault(match.group(1), value)
            continue
        heading = _ITEM_HEADING.match(line)
        if heading:
            body = " ".join(rest for rest in lines[index + 1:index + 3] if rest)[:2000]
            found = _FINAL_SCORE.findall(line + " " + body)
            if found and (value := _decimal(found[0])) is not None:
                items.setdefault(heading.group(1).strip(), value)
    return items


def _from_tables(tables) -> tuple[dict[str, Decimal], Decimal | None, dict[str, Decimal]]:
    """Items, a total row and level-1 sums from score tables (a name column and a score column)."""
    items: dict[str, Decimal] = {}
    total = None
    level1: dict[str, Decimal] = {}
    for table in tables:
        header_index, columns = _score_columns(table)
        if header_index is None:
            continue
        name_col, score_col, level1_col = columns
        current_level1 = None
        for row in table[header_index + 1:]:
            if max(name_col, score_col) >= len(row):
                continue
            name, value = row[name_col].strip(), _decimal(row[score_col])
            if level1_col is not None and level1_col < len(row) and row[level1_col].strip():
                current_level1 = _level1_name(row[level1_col])
            if value is None:
                continue
            if any(row[i].replace(" ", "") in _TOTAL_ROWS for i in range(min(len(row), score_col))):
                total = total if total is not None else value
                continue
            if not name:
                continue
            items[name] = value
            if current_level1:
                level1[current_level1] = level1.get(current_level1, Decimal(0)) + value
    return items, total, level1


def _score_columns(table) -> tuple[int | None, tuple[int, int, int | None]]:
    for index, row in enumerate(table[:5]):
        cells = [cell.replace(" ", "") for cell in row]
        name_col = _first_column(cells, _NAME_HEADERS)
        score_col = _first_column(cells, _SCORE_HEADERS)
        if name_col is not None and score_col is not None and name_col != score_col:
            level1_col = next((i for i, c in enumerate(cells) if c.startswith("一级指标")), None)
            return index, (name_col, score_col, level1_col)
    return None, (0, 0, None)


def _first_column(cells: list[str], headers: tuple[str, ...]) -> int | None:
    """The column whose header matches the earliest (most specific) of ``headers``."""
    for header in headers:
        for i, cell in enumerate(cells):
            if cell == header or (cell.startswith(header) and "权重" not in cell and "分值" not in cell):
                return i
    return None


def _level1_name(cell: str) -> str | None:
    return next((name for name in LEVEL1 if name in cell), None)


def _decimal(raw: str) -> Decimal | None:
    match = re.search(r"\d+(?:\.\d+)?", raw or "")
    if not match or (raw or "").strip().replace(match.group(0), "").strip(" 分") != "":
        return None
    try:
        return Decimal(match.group(0))
    except InvalidOperation:
        return None
