"""Reading 评价组成员, 存在问题 and 有关建议 from a report's text (seed 003 and other common layouts)."""

from __future__ import annotations

from portal.files.report_contents import find_team, read_contents
from tests.portal.files.samples import seed_text


def test_seed_003():
    contents = read_contents(seed_text("003"))
    assert contents.team == ["张子琦", "阿不来提·托合提", "周淑花"]
    assert len(contents.findings) == 4 and contents.findings[0].startswith("对各项指标和指标值要进一步优化")
    assert [r.split("：")[0] for r in contents.recommendations] == ["绩效管理方面", "资金管理方面", "项目管理方面"]


def test_a_listed_team_and_numbered_findings():
    text = "\n".join(["评价组成员：王芳、买买提·艾力", "三、存在的主要问题", "（1）资金拨付滞后。",
                      "（2）档案资料不全。", "四、意见建议", "建议完善档案管理制度。"])
    contents = read_contents(text)
    assert contents.team == ["王芳", "买买提·艾力"]
    assert contents.findings == ["资金拨付滞后", "档案资料不全"]
    assert contents.recommendations == ["建议完善档案管理制度"]


def test_a_report_without_these_parts_gives_nothing():
    assert read_contents("项目总得分为92分，绩效评级属于“优”。") == read_contents("")
    assert find_team("经评价组讨论，任务分工明确。") == []
