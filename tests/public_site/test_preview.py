"""The redaction preview: highlighted detections, redact more, keep with a reason, fail closed."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select

from portal.extensions import db
from public_site.models import Publication
from tests.conftest import text_of
from tests.public_site.helpers import PAST, approved_evaluation, project_with_targets, set_dates

PHONE = "13912345678"


def _item(app):
    with app.test_request_context():
        set_dates(2022, PAST)
        project = project_with_targets(code="PREVIEW-1")
        evaluation = approved_evaluation(project, paragraphs=[f"联系电话{PHONE}。项目由城东仓库实施。"])
        db.session.commit()
        return f"/work/public_site/preview?kind=evaluation_result&key=submission:{evaluation.id}"


def _form(html: str) -> dict:
    return {"digest": re.search(r'name="digest"[^>]*value="([^"]+)"', html).group(1)}


def _detection_id(html: str, text: str) -> str:
    row = next(r for r in html.split("<tr>") if f"<td>{text}</td>" in r)
    return re.search(r'name="keep" value="([^"]+)"', row).group(1)


def test_preview_highlights_by_kind_and_redact_more_applies_everywhere(app, client, login):
    url = _item(app)
    login("reviewer")
    html = client.get(url).get_data(as_text=True)
    assert re.search(f'<mark id="m-d[0-9a-f]+" class="span span-phone" title="电话：脱密">{PHONE}</mark>', html)
    assert "联系电话[电话]。" in html and "图例" in html
    response = client.post(url, data={**_form(html), "extra": "城东仓库", "action": "preview"})
    assert "项目由[敏感信息]实施" in response.get_data(as_text=True)
    done = client.post(url, data={**_form(html), "extra": "城东仓库\n", "action": "confirm"}, follow_redirects=True)
    assert "已发布" in text_of(done)
    with app.app_context():
        pub = db.session.scalar(select(Publication).order_by(Publication.id.desc()))
        assert "城东仓库" not in pub.body and PHONE not in pub.body and "[敏感信息]" in pub.body
        actions = {d.action for d in pub.decisions}
        assert {"redact", "redact_manual"} <= actions
        assert all(d.text_sha256 != PHONE for d in pub.decisions)


def test_keep_needs_a_reason_and_is_recorded_by_hash(app, client, login):
    url = _item(app)
    login("reviewer")
    html = client.get(url).get_data(as_text=True)
    det = _detection_id(html, PHONE)
    refused = client.post(url, data={**_form(html), "keep": det, "action": "confirm"})
    assert refused.status_code == 200 and "须填写理由" in text_of(refused)
    with app.app_context():
        assert db.session.scalar(select(Publication.id)) is None  # fail closed: nothing stored
    done = client.post(url, data={**_form(html), "keep": det, f"reason-{det}": "单位对外公开的服务热线",
                                  "action": "confirm"}, follow_redirects=True)
    assert "已发布" in text_of(done)
    with app.app_context():
        pub = db.session.scalar(select(Publication))
        assert PHONE in pub.body
        kept = [d for d in pub.decisions if d.action == "keep"]
        assert kept and kept[0].reason == "单位对外公开的服务热线"
        assert kept[0].text_sha256 == hashlib.sha256(PHONE.encode()).hexdigest()


def test_changed_content_or_unknown_item_is_refused(app, client, login):
    url = _item(app)
    login("reviewer")
    refused = client.post(url, data={"digest": "stale", "action": "confirm"})
    assert "重新预览" in text_of(refused)
    assert client.get("/work/public_site/preview?kind=evaluation_result&key=submission:999999").status_code == 404
    login("unit")
    assert client.get(url).status_code == 403


def test_cli_publish_prints_redactions_and_withdraw(app, runner):
    url = _item(app)
    key = url.split("key=")[1]
    preview_only = runner.invoke(args=["publish", "evaluation_result", key])
    assert preview_only.exit_code == 0 and f"脱密 电话：{PHONE}" in preview_only.output and "--yes" in preview_only.output
    result = runner.invoke(args=["publish", "evaluation_result", key, "--yes", "--redact", "城东仓库"])
    assert result.exit_code == 0 and "已发布" in result.output and "手动脱密" in result.output
    pub_id = re.search(r"编号 (\d+)", result.output).group(1)
    withdrawn = runner.invoke(args=["withdraw", pub_id, "--reason", "数据更正"])
    assert withdrawn.exit_code == 0
    assert runner.invoke(args=["withdraw", pub_id, "--reason", "再次"]).exit_code != 0
    assert runner.invoke(args=["publish", "evaluation_result", "submission:999999", "--yes"]).exit_code != 0


def test_every_string_among_the_figures_is_previewed_by_its_chinese_place_and_redacted():
    from portal.deid.engine import Deidentifier
    from portal.publishing import Snapshot
    from portal.submissions.publishing import EvaluationResultPublisher
    from public_site.redaction import build_preview

    snapshot = Snapshot(kind="evaluation_result", key="k", title="标题", summary="摘要",
                        facets={"region": "城东区"},
                        figures={"execution": {"as_of": "2026-06-30"},
                                 "contacts": [["联络", f"电话{PHONE}"]]})
    preview = build_preview(snapshot, Deidentifier(use_model=False),
                            field_labels=EvaluationResultPublisher.field_labels)
    places = {f.place: f.redacted for f in preview.fields}
    assert places["分类“地区”"] == "城东区" and places["数据“预算执行”“截至日期”"] == "2026-06-30"
    # a string in a list among the figures is shown and published redacted, like any other (a key the
    # publisher does not name is shown as it is written)
    assert places["数据“contacts”第1项第2项"] == "电话[电话]"
    assert preview.content["figures"]["contacts"] == [["联络", "电话[电话]"]]
