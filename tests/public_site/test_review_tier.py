"""The review tier of the preview: uncertain detections must be decided by a person before publishing;
every string that will be published is shown, whether or not anything was found in it."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.extensions import db
from public_site.models import Publication
from tests.conftest import text_of
from tests.public_site.helpers import PAST, approved_evaluation, project_with_targets, set_dates

# 江河 is an ordinary word; as the speaker of 介绍 it is probably a person: uncertain, so "review".
REPORT = "据江河介绍，项目已于2022年10月完工。"
FINDING = "资金拨付进度偏慢，未按序时进度执行"


def _item(app):
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="REVIEW-1")
        evaluation = approved_evaluation(project, paragraphs=[REPORT], findings=[FINDING])
        db.session.commit()
        return f"/work/public_site/preview?kind=evaluation_result&key=submission:{evaluation.id}"


def _digest(html: str) -> str:
    return re.search(r'name="digest"[^>]*value="([^"]+)"', html).group(1)


def _review_ids(html: str) -> list[str]:
    return sorted(set(re.findall(r'name="review-([^"]+)"', html)))


def test_uncertain_span_blocks_publishing_until_decided(app, client, login):
    url = _item(app)
    login("reviewer")
    html = client.get(url).get_data(as_text=True)
    ids = _review_ids(html)
    assert len(ids) == 1
    assert "待确认 <strong>1</strong> 处" in html and 'class="span span-person_name uncertain undecided"' in html
    # every string is shown, also a finding in which nothing was detected
    assert FINDING in html
    # confirming without a decision is refused, and nothing is stored
    refused = client.post(url, data={"digest": _digest(html), "action": "confirm"})
    assert refused.status_code == 200 and "待确认" in text_of(refused)
    with app.app_context():
        assert db.session.scalar(select(Publication.id)) is None
    # the undecided span is already replaced in the public pane (fail closed)
    assert "据[姓名]介绍" in html
    done = client.post(url, data={"digest": _digest(html), f"review-{ids[0]}": "redact", "action": "confirm"},
                       follow_redirects=True)
    assert "已发布" in text_of(done)
    with app.app_context():
        pub = db.session.scalar(select(Publication))
        assert "江河" not in pub.body and "据[姓名]介绍" in pub.body
        assert [d.action for d in pub.decisions if d.kind == "person_name"] == ["review_redact"]


def test_uncertain_span_kept_with_a_reason(app, client, login):
    url = _item(app)
    login("reviewer")
    html = client.get(url).get_data(as_text=True)
    (det,) = _review_ids(html)
    no_reason = client.post(url, data={"digest": _digest(html), f"review-{det}": "keep", "action": "confirm"})
    assert "须填写理由" in text_of(no_reason)
    done = client.post(url, data={"digest": _digest(html), f"review-{det}": "keep",
                                  f"reason-{det}": "此处为河流名称，不是人名", "action": "confirm"},
                       follow_redirects=True)
    assert "已发布" in text_of(done)
    with app.app_context():
        pub = db.session.scalar(select(Publication))
        assert "据江河介绍" in pub.body
        (kept,) = [d for d in pub.decisions if d.action == "keep"]
        assert kept.reason == "此处为河流名称，不是人名"


def test_confirm_without_the_previewed_digest_is_refused(app, client, login):
    url = _item(app)
    login("reviewer")
    html = client.get(url).get_data(as_text=True)
    (det,) = _review_ids(html)
    refused = client.post(url, data={f"review-{det}": "redact", "action": "confirm"})
    assert "请先预览" in text_of(refused)
    with app.app_context():
        assert db.session.scalar(select(Publication.id)) is None


def test_an_approved_report_is_analysed_ahead_for_its_preview(app, client, login):
    """Approving through the page fills the decision cache after the response, so the reviewer's first
    preview of a long report reads it; the preview then shows the same decisions."""
    from pathlib import Path

    from portal.files.operations import attach
    from portal.scoring.models import Framework
    from portal.submissions import operations as sub_ops
    from tests.portal.files.samples import make_docx, upload
    from tests.public_site.helpers import _unit_user, bureau_user

    report = [REPORT] + [f"第{i}部分：项目资金按序时进度拨付，绩效目标完成情况良好，群众满意度较高。" for i in range(40)]
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="AHEAD-1")
        unit = _unit_user(project)
        evaluation = sub_ops.create(kind="department_evaluation", project=project, user=unit)
        sub_ops.save_scores(evaluation, unit, {i.id: str(i.weight)
                                               for i in db.session.get(Framework, evaluation.framework_id).items})
        sub_ops.save_findings(evaluation, unit, [FINDING], ["加快支出进度"])
        attach(upload(make_docx(report), "报告.docx"), owner_type="submission", owner_id=evaluation.id, user=unit)
        sub_ops.apply_transition(evaluation, "submit", unit)
        sub_ops.apply_transition(evaluation, "pass_first_review", bureau_user(project, "bureau_section"))
        db.session.commit()
        sid = evaluation.id
    cache = Path(app.instance_path) / "deid_cache"
    before = set(cache.glob("*/*.json")) if cache.exists() else set()
    login("reviewer")
    response = client.post(f"/work/submissions/{sid}/transition", data={"confirmed": "1", "action": "approve", "comment": "同意"})
    assert response.status_code == 302
    response.close()  # the server has sent the response: the work after it runs now
    added = set(cache.glob("*/*.json")) - before
    assert added, "the report was not analysed ahead"
    html = client.get(f"/work/public_site/preview?kind=evaluation_result&key=submission:{sid}").get_data(as_text=True)
    assert "据[姓名]介绍" in html and len(_review_ids(html)) == 1
