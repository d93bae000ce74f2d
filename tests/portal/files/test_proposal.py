"""Score proposals from real evaluation reports (seeds 002 and 003), uploaded as DOCX."""

from __future__ import annotations

import re
from decimal import Decimal

from portal.files.operations import attach
from portal.files.proposal import grade_for, propose
from portal.files.queries import score_proposal
from tests.portal.files.samples import make_docx, seed_text, upload

#: The 19 standard level-3 items of seed 003 grouped under their level-1 indicator (seed 003, 附表1).
LEVEL1_OF_003 = {"决策": 6, "过程": 5, "产出": 4, "效益": 4}


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _proposal_from_docx(ctx, text: str, tables=()):
    data = make_docx(_paragraphs(text), tables=list(tables), table_after=len(_paragraphs(text)) // 2)
    attachment = attach(upload(data, "评价报告.docx"), owner_type="test_report", owner_id=1, user=ctx)
    return score_proposal(attachment)


def test_seed_002_self_evaluation_proposes_its_total_grade_and_indicator_scores(ctx):
    text = seed_text("002")
    proposal = _proposal_from_docx(ctx, text)
    assert proposal.total == Decimal("97.96")
    assert proposal.grade == "优" and proposal.computed_grade == "优" and not proposal.grade_mismatch
    stated = [Decimal(s) for s in re.findall(r"该指标赋分权重\d+分，最终得分?(\d+(?:\.\d+)?)分", text)]
    assert list(proposal.items.values()) == stated
    assert proposal.items["一般公共预算收入增幅"] == Decimal("18.65")


def _score_table_003(text: str) -> list[list[str]]:
    """附表1 of seed 003 as the firm would attach it: level-1, level-3 name, weight, score."""
    names = re.search(r"三级指标为：(.+?)。", text).group(1).split("、")
    numbered = dict(re.findall(r"（\d+）([^：]+)：.*?得(\d+)分", text))
    # Items without a numbered line: their subtotals are stated as "合计得N分" (产出) and the
    # 效益 section scores 社会效益 and 满意度 10 each, 生态效益 / 可持续影响 not applicable.
    subtotals = iter(re.findall(r"合计得(\d+)分", text))
    rows = [["一级指标", "三级指标", "分值", "得分"]]
    index = 0
    for level1, count in LEVEL1_OF_003.items():
        for name in names[index:index + count]:
            if name in numbered:
                score = numbered[name]
            elif level1 == "产出":
                score = next(subtotals)
            else:
                score = {"社会效益": "10", "服务对象满意度": "10"}.get(name, "0")
            rows.append([level1, name, score, score])
        index += count
    rows.append(["合计", "", "100", str(sum(int(r[3]) for r in rows[1:]))])
    return rows


def test_seed_003_key_evaluation_proposes_total_level1_and_every_item(ctx):
    text = seed_text("003")
    table = _score_table_003(text)
    proposal = _proposal_from_docx(ctx, text, tables=[table])
    stated_total = Decimal(re.search(r"总得分为(\d+)分", text).group(1))
    assert proposal.total == stated_total == Decimal(100)
    assert proposal.grade == "优" == grade_for(proposal.total)
    assert proposal.level1 == {"决策": 20, "过程": 20, "产出": 40, "效益": 20}
    assert {name: str(score) for name, score in proposal.items.items()} == {r[1]: r[3] for r in table[1:-1]}
    assert proposal.items["立项依据充分性"] == 3 and proposal.items["预算编制科学性"] == 5
    assert sum(proposal.items.values()) == proposal.total


def test_level1_is_summed_from_the_table_when_the_text_does_not_state_it():
    table = [["一级指标", "二级指标", "三级指标", "分值", "最终得分"],
             ["决策", "项目立项", "立项依据充分性", "3", "2.5"],
             ["", "", "立项程序规范性", "2", "2"],
             ["过程", "资金管理", "资金到位率", "5", "4"],
             ["合 计", "", "", "10", "8.5"]]
    proposal = propose("某项目绩效评价报告", [table])
    assert proposal.level1 == {"决策": Decimal("4.5"), "过程": Decimal(4)}
    assert proposal.items == {"立项依据充分性": Decimal("2.5"), "立项程序规范性": 2, "资金到位率": 4}
    assert proposal.total == Decimal("8.5") and proposal.grade is None


def test_unseen_wording_full_width_digits_and_a_grade_mismatch():
    text = ("经评价，该项目最终得分：８７．５ 分，评价等级为“优”。\n"
            "（１）预算执行率：资金执行率95%，得 ４.５ 分。\n"
            "项目产出类指标得分为 ３６ 分，效益指标得分：18分。")
    proposal = propose(text)
    assert proposal.total == Decimal("87.5")
    assert proposal.grade == "优" and proposal.computed_grade == "良" and proposal.grade_mismatch
    assert proposal.level1 == {"产出": 36, "效益": 18}
    assert proposal.items == {"预算执行率": Decimal("4.5")}


def test_other_total_phrases_and_absent_parts():
    assert propose("本次绩效评价得分为 72 分，评价结果为中。").total == 72
    assert propose("本次绩效评价得分为 72 分，评价结果为中。").grade == "中"
    assert propose("综合得分 59.5分").computed_grade == "差"
    empty = propose("本报告介绍项目概况。评价结果分为优、良、中、差四个等级：优（90分（含）—100分）")
    assert (empty.total, empty.grade, empty.computed_grade, empty.level1, empty.items) == (None, None, None, {}, {})
