"""The firm's report: upload first, the form filled from everything the report holds, submit last."""

from __future__ import annotations

import re
from io import BytesIO

import pytest

from portal.extensions import db
from portal.submissions.models import Submission
from tests.conftest import CSRFClient, do_login, text_of
from tests.portal.files.samples import CJK_FONT, make_docx, make_pdf, seed_text
from tests.portal.files.test_proposal import _score_table_003
from tests.portal.workflow.helpers import project_with_targets, user


def _firm_draft(app, world):
    from portal.submissions import operations

    with app.test_request_context():
        submission = operations.create(kind="third_party", project=project_with_targets(), user=user("firm"))
        db.session.commit()
        sid = submission.id
    client = CSRFClient(app)
    do_login(client, "firm", world["passwords"]["firm"])
    return client, sid


def _upload_report(client, sid, data: bytes, name: str):
    return client.post(f"/work/submissions/{sid}/report", data={"file": (BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_seed_003_fills_scores_team_findings_and_recommendations(app, world):
    firm, sid = _firm_draft(app, world)
    page = firm.get(f"/work/submissions/{sid}/edit").get_data(as_text=True)
    # The upload comes first, before the 19 score boxes; 提交 comes last.
    assert page.index("第一步　上传评价报告") < page.index('name="score_') < page.index("第三步　提交审核")
    assert page.index("第三步　提交审核") < page.index("保存并提交")

    text = seed_text("003")
    report = make_docx([line for line in text.splitlines() if line.strip()], tables=[_score_table_003(text)],
                       table_after=10)
    response = _upload_report(firm, sid, report, "招商引资工作经费绩效评价报告.docx")
    assert response.status_code == 302
    page = text_of(firm.get(response.headers["Location"]))
    assert "已按报告填入：17/19 项得分、评价组成员 3 人、存在问题 4 条、有关建议 3 条" in page
    # Seed 003 gives 10 points to items this framework weighs 5: said, not filled.
    assert "社会效益 10 分（分值 5.00）" in page
    assert re.search(r"已上传：\s*招商引资工作经费绩效评价报告\.docx", page)
    with app.app_context():
        s = db.session.get(Submission, sid)
        assert len(s.scores) == 17
        assert s.data["team"] == ["张子琦", "阿不来提·托合提", "周淑花"]
        findings = [f.text for f in s.findings if f.kind == "finding"]
        recommendations = [f.text for f in s.findings if f.kind == "recommendation"]
    assert findings[2] == "缺少带着问题去评价的意识"
    assert findings[3] == "现场评价的工作量少，后续效益评价具体措施和方法较少"
    assert recommendations[1].startswith("资金管理方面：建议预算单位要树立起预算执行主体责任意识")

    # Handing in with two scores missing: the message names them and says the report did not give them.
    response = firm.post(f"/work/submissions/{sid}/transition", data={"action": "submit"})
    page = text_of(firm.get(response.headers["Location"]))
    assert "评分表尚未填写完整（缺：社会效益、服务对象满意度）：已上传的报告未给出这些得分或所写得分超出分值" in page


def test_handing_in_an_empty_sheet_points_to_the_upload(app, world):
    firm, sid = _firm_draft(app, world)
    response = firm.post(f"/work/submissions/{sid}/transition", data={"action": "submit"})
    page = text_of(firm.get(response.headers["Location"]))
    assert "评分表尚未填写完整。" in page
    assert "请在“编辑材料”第一步上传评价报告，系统按报告填入评分表" in page


@pytest.mark.skipif(not CJK_FONT.exists(), reason="the WenQuanYi font makes a Chinese PDF")
def test_a_pdf_report_fills_team_and_findings(app, world):
    firm, sid = _firm_draft(app, world)
    data, _ = make_pdf(["招商引资工作经费项目支出绩效评价报告", "成员如下：", "张子琦任评价组组长，负责全盘工作。",
                        "周淑花任评价组成员，负责资料审核。", "（二）存在问题及原因分析",
                        "一是绩效指标有待细化，二是现场评价工作量少。", "七、有关建议",
                        "1.加强绩效目标编制，细化量化指标。", "2.严格把控资金支出进度。", "八、其他需要说明的问题"])
    response = _upload_report(firm, sid, data, "评价报告.pdf")
    page = text_of(firm.get(response.headers["Location"]))
    assert "评价组成员 2 人、存在问题 2 条、有关建议 2 条" in page
    form = firm.get(f"/work/submissions/{sid}/edit").get_data(as_text=True)
    assert "张子琦\n周淑花" in form and "现场评价工作量少" in form and "严格把控资金支出进度" in form


def test_only_reports_are_taken_and_only_by_their_firm(app, world):
    firm, sid = _firm_draft(app, world)
    response = _upload_report(firm, sid, b"name,score\n", "scores.csv")
    assert "评价报告请上传 DOCX 或 PDF 文件" in text_of(firm.get(response.headers["Location"]))
    response = firm.post(f"/work/submissions/{sid}/report", data={}, content_type="multipart/form-data")
    assert "请选择评价报告文件" in text_of(firm.get(response.headers["Location"]))
    other = CSRFClient(app)
    do_login(other, "firm2", world["passwords"]["firm2"])
    assert _upload_report(other, sid, make_docx(["报告"]), "报告.docx").status_code == 404
    with app.app_context():
        assert db.session.get(Submission, sid).scores == []
    assert re.search("报告中未找到", text_of(firm.get(f"/work/submissions/{sid}/edit"))) is None
