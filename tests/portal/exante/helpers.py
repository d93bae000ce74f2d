"""Ex-ante assessments filed and reviewed through the pages, as the unit, the section and 绩效科 do."""

from __future__ import annotations

import re
from io import BytesIO

from tests.portal.files.samples import make_docx

TARGET_ROWS = [
    dict(level1="产出", level2="数量", name="监管平台覆盖企业数", operator="≥", value="120", unit="家", weight="40"),
    dict(level1="产出", level2="时效", name="平台上线时间", operator="≤", value="6", unit="月", weight="20"),
    dict(level1="效益", level2="社会效益", name="安全隐患整改率", operator="≥", value="95", unit="%", weight="40"),
]
FILING = {"necessity": "落实安全生产专项整治三年行动，县本级缺少企业隐患在线监管手段。",
          "targets": "目标与部门职能相符，指标可量化、可考核。", "feasibility": "依托现有政务云，分两期实施。",
          "funds": "硬件 40 万元、软件 30 万元、运维 15 万元，资金来源为本级财力。",
          "sustainability": "平台建成后纳入部门日常运维，运维经费列入年度预算。"}


def indicator_form(rows) -> dict:
    fields = ("level1", "level2", "name", "operator", "value", "text_value", "unit", "weight")
    return {f"ind_{f}": [r.get(f, "") for r in rows] for f in fields}


def propose(client, code: str, name: str, year: int, *, kind: str = "new", specialized: bool = False) -> int:
    response = client.post("/work/exante/new", data={"code": code, "name": name, "fiscal_year": str(year),
                                                     "proposal_kind": kind,
                                                     **({"specialized": "1"} if specialized else {})})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/work/exante/(\d+)/edit", response.headers["Location"]).group(1))


def file(client, sid: int, amount: str, *, submit: bool = True, report: bool = True):
    if report:
        docx = make_docx(["安全生产监管信息化平台项目事前绩效评估报告", "一、项目实施背景", "二、评估方法", "三、评估内容"])
        response = client.post(f"/work/exante/{sid}/report", data={"file": (BytesIO(docx), "事前评估报告.docx")},
                               content_type="multipart/form-data")
        assert response.status_code == 302
    data = {**FILING, "amount": amount, "overall_goal": "建成县级安全生产监管平台", **indicator_form(TARGET_ROWS)}
    if submit:
        data.update(save_submit="1", action="submit", confirmed="1")
    return client.post(f"/work/exante/{sid}/edit", data=data)


def first_review(client, sid: int, opinion: str = "材料齐全，同意报送绩效科审核"):
    return client.post(f"/work/exante/{sid}/first-review",
                       data={"in_scope": "1", "complete": "1", "consistent": "1", "opinion": opinion,
                             "then": "pass_first_review", "confirmed": "1"})


def review(client, app, sid: int, scores: list[str], conclusion: str, reason: str, then: str = "approve"):
    from portal.extensions import db
    from portal.scoring.models import Framework
    from portal.submissions.models import Submission

    with app.app_context():
        framework = db.session.get(Framework, db.session.get(Submission, sid).framework_id)
        ids = [i.id for i in framework.items]
    data = {f"score_{i}": s for i, s in zip(ids, scores, strict=True)}
    return client.post(f"/work/exante/{sid}/review", data={**data, "conclusion": conclusion, "reason": reason,
                                                          "then": then, "confirmed": "1"})


#: The default 审核打分表's 12 items at full marks (100) and a weaker sheet (71).
FULL = ["10", "10", "5", "10", "10", "10", "5", "5", "10", "5", "10", "10"]
WEAK = ["8", "6", "4", "6", "5", "6", "3", "3", "6", "4", "10", "10"]
