"""What an evaluation report says besides its scores: 评价组成员, 存在问题, 有关建议.

Pure functions over the report's extracted text (one paragraph a line).  Like the score proposal,
the result only pre-fills the form: the firm checks it before handing the report in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CN = "一二三四五六七八九十"
#: Chapter and section headings: 六、…, （二）…, (二)…
_HEADING = re.compile(rf"^\s*(?:[{_CN}]{{1,3}}\s*[、.．]|[（(]\s*[{_CN}]{{1,3}}\s*[）)])")
_NUMBERED = re.compile(rf"^\s*(?:\d{{1,2}}\s*[.．、)）]|[（(]\s*\d{{1,2}}\s*[）)]|[{_CN}]{{1,3}}\s*是)\s*")
_ORDINALS = re.compile(rf"(?:^|[，,；;。])\s*[{_CN}]{{1,3}}是")
#: 张子琦任评价组组长 / 周淑花任评价组成员 / 组长：张子琦 / 评价组成员：甲、乙
_MEMBER_SENTENCE = re.compile(r"([\u4e00-\u9fff·•?？]{2,12}?)\s*(?:担任|任)\s*(?:评价(?:工作)?组|工作组)?"
                              r"\s*(?:组长|副组长|成员|组员)")
_MEMBER_LIST = re.compile(r"(?:评价(?:工作)?组(?:成员|组长|副组长)?|组长|副组长|组员|成员)\s*[:：]\s*"
                          r"([\u4e00-\u9fff·•、，, ]{2,80})")
_FINDING_HEADINGS = re.compile(r"存在的?(?:主要)?问题")
_RECOMMENDATION_HEADINGS = re.compile(r"(?:有关|相关|改进|意见)?建议")


@dataclass
class ReportContents:
    """What the report states; a list is empty when the report does not state it."""

    team: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)


def read_contents(text: str) -> ReportContents:
    lines = [line.strip().strip("\u3000") for line in (text or "").splitlines()]
    return ReportContents(team=find_team(text or ""), findings=_items(_section(lines, _FINDING_HEADINGS)),
                          recommendations=_items(_section(lines, _RECOMMENDATION_HEADINGS)))


def _name(raw: str) -> str:
    """A member's name, with a middle dot where the text lost it (阿不来提？托合提 → 阿不来提·托合提)."""
    return re.sub(r"[?？•]", "·", raw.strip(" ，,、"))


def find_team(text: str) -> list[str]:
    """评价组成员 in the order the report names them."""
    names: list[str] = []
    for match in _MEMBER_SENTENCE.finditer(text):
        names.append(_name(match.group(1)))
    for match in _MEMBER_LIST.finditer(text):
        names.extend(_name(n) for n in re.split(r"[、，, ]+", match.group(1)) if n.strip())
    out = []
    for name in names:
        name = re.sub(r"^(?:由|其中|并由|另由)", "", name)
        if 2 <= len(name) <= 12 and name not in out:
            out.append(name)
    return out


def _section(lines: list[str], heading: re.Pattern) -> list[str]:
    """The paragraphs under the first heading matching ``heading`` that has any (up to the next heading)."""
    for start, line in enumerate(lines):
        if not (_HEADING.match(line) and heading.search(line)):
            continue
        body = []
        for following in lines[start + 1:]:
            if _HEADING.match(following):
                break
            if following:
                body.append(following)
        if body:
            return body
    return []


def _clean(item: str) -> str:
    return _NUMBERED.sub("", item).strip(" ，,；;。.").strip()


def _items(paragraphs: list[str]) -> list[str]:
    """One item per numbered point: ``一是…，二是…`` split, ``1.管理方面`` labels joined to their paragraph."""
    items: list[str] = []
    label = ""
    for paragraph in paragraphs:
        text = paragraph.strip()
        if _ORDINALS.search(text) and len(_ORDINALS.findall(text)) > 1:
            items.extend(p for p in (_clean(part) for part in _ORDINALS.split(text)) if p)
            continue
        body = _clean(text)
        if not body:
            continue
        if len(body) <= 15 and not re.search(r"[。；;，,：:]", text):  # a short label: 1.绩效管理方面
            if label:
                items.append(label)
            label = body
            continue
        items.append(f"{label}：{body}" if label else body)
        label = ""
    if label:
        items.append(label)
    return items
