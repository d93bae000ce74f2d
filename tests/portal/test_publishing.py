"""The core's publishers: approved targets and evaluation results, as snapshots for the public site."""

from __future__ import annotations

import pytest

from portal import plugins
from portal.extensions import db
from portal.files.operations import attach
from portal.submissions import operations
from tests.portal.files.samples import make_docx, upload
from tests.portal.workflow.helpers import project_with_targets, user


def test_target_table_and_evaluation_result_snapshots(app):
    with app.test_request_context():
        project = project_with_targets()
        unit, reviewer = user("unit"), user("reviewer")
        publishers = plugins.publishers()
        targets = publishers["target_table"]
        assert [c.key for c in targets.candidates(reviewer)] == [f"project:{project.id}"]
        snap = targets.snapshot(f"project:{project.id}", reviewer)
        assert snap.facets["year"] == "2022" and snap.facets["unit"] == "阿克陶县商务科技和工业信息化局"
        rows = dict(snap.tables)["绩效指标"]
        assert ["产出", "数量", "举办招商引资活动数量", "≥2个", "20"] in rows

        evaluation = operations.create(kind="department_evaluation", project=project, user=unit)
        from portal.scoring.models import Framework

        items = db.session.get(Framework, evaluation.framework_id).items
        operations.save_scores(evaluation, unit, {i.id: str(i.weight - (1 if i.level1 == "产出" else 0))
                                                  for i in items})
        operations.save_findings(evaluation, unit, ["资金支出进度偏慢"], ["加快支出进度"])
        attach(upload(make_docx(["评价报告全文：项目总体完成良好。"]), "报告.docx"), owner_type="submission",
               owner_id=evaluation.id, user=unit)
        results = publishers["evaluation_result"]
        assert results.candidates(reviewer) == []  # not approved yet
        for action, actor in (("submit", unit), ("pass_first_review", user("section")), ("approve", reviewer)):
            operations.apply_transition(evaluation, action, actor)
        key = f"submission:{evaluation.id}"
        assert [c.key for c in results.candidates(reviewer)] == [key]
        snap = results.snapshot(key, reviewer)
        assert snap.figures["total"] == "96.00" and snap.figures["grade"] == "优"
        assert snap.figures["level1"] == {"决策": "20.00", "过程": "20.00", "产出": "36.00", "效益": "20.00"}
        assert snap.lists == {"存在问题": ["资金支出进度偏慢"], "有关建议": ["加快支出进度"]}
        assert "项目总体完成良好" in snap.body
        with pytest.raises(LookupError):
            results.snapshot("submission:999999", reviewer)
        with pytest.raises(LookupError):
            targets.snapshot("project:not-a-number", reviewer)


def test_team_members_are_known_names_for_deidentification(app):
    with app.test_request_context():
        project = project_with_targets()
        firm = user("firm")
        report = operations.create(kind="third_party", project=project, user=firm)
        operations.save_data(report, firm, team=["张子琦", "周淑花"])
        assert {"张子琦", "周淑花"} <= set(plugins.known_person_names())
