"""事前绩效评估: the unit files, the 业务科室 gives its 初审意见表, 绩效科 scores and concludes; the rule
原则上不安排预算 follows the conclusion (seed 004 §二.1), and the register adds up (seed 001 §(三))."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from portal.extensions import db
from portal.projects.models import Project
from portal.submissions.models import Submission
from tests.conftest import text_of
from tests.portal.exante.helpers import FULL, WEAK, file, first_review, propose, review


def _project(app, sid: int) -> tuple:
    with app.app_context():
        s = db.session.get(Submission, sid)
        p = s.project
        return (p.exante_stage, p.budget, s.state, s.target_version.is_frozen if s.target_version else None,
                s.total_score)


def test_supported_project_gets_its_targets_and_budget(app, login, clock):
    unit = login("unit")
    assert "登记拟新增项目" in text_of(unit.get("/work/exante/"))
    sid = propose(unit, "EX-2026-001", "安全生产监管信息化平台", 2026)
    # Proposed: not budgeted, flagged wherever it appears.
    stage, budget, state, frozen, _ = _project(app, sid)
    assert (stage, budget, state, frozen) == ("proposed", Decimal("0.00"), "draft", False)
    listing = text_of(unit.get("/work/projects/?exante=flagged"))
    assert "安全生产监管信息化平台 原则上不安排预算" in listing
    # Handing in an empty filing is refused with what is missing, nothing lost.
    response = file(unit, sid, "", report=False)
    assert "请填写申请金额" in text_of(unit.get(f"/work/submissions/{sid}", follow_redirects=True)) or \
        response.status_code in (302, 200)
    assert _project(app, sid)[2] == "draft"
    response = file(unit, sid, "85.00")
    assert response.status_code == 302
    assert _project(app, sid)[2] == "submitted"

    section = login("section")
    # 初审通过 without an opinion is refused.
    refused = section.post(f"/work/submissions/{sid}/transition", data={"action": "pass_first_review",
                                                                        "confirmed": "1"}, follow_redirects=True)
    assert "请先填写初审意见表" in text_of(refused)
    page = text_of(section.get(f"/work/exante/{sid}/first-review"))
    assert "初审意见表" in page and "85.00" in page and "落实安全生产专项整治三年行动" in page
    assert first_review(section, sid).status_code == 302
    assert _project(app, sid)[2] == "review"

    reviewer = login("reviewer")
    page = text_of(reviewer.get(f"/work/exante/{sid}/review"))
    assert "审核打分表" in page and "政策设立必要程度" in page and "材料齐全，同意报送绩效科审核" in page
    # A conclusion without its reason cannot be approved.
    response = review(reviewer, app, sid, FULL, "support", "")
    assert _project(app, sid)[2] == "review"
    response = review(reviewer, app, sid, FULL, "support", "立项必要、目标合理、方案可行")
    assert response.status_code == 302
    stage, budget, state, frozen, total = _project(app, sid)
    assert (stage, budget, state, frozen, total) == ("approved", Decimal("85.00"), "approved", True, Decimal("100.00"))
    detail = text_of(reviewer.get(f"/work/submissions/{sid}"))
    assert "审核结论：支持" in detail
    listing = text_of(reviewer.get("/work/projects/?year=2026"))
    assert "安全生产监管信息化平台 阿克陶县" in listing and "85.00" in listing


def test_score_out_of_weight_is_refused_and_nothing_lost(app, login, clock):
    unit = login("unit")
    sid = propose(unit, "EX-2026-009", "市场监控预警系统", 2026)
    file(unit, sid, "60.00")
    first_review(login("section"), sid)
    reviewer = login("reviewer")
    bad = ["11", *FULL[1:]]
    response = review(reviewer, app, sid, bad, "support", "理由", then="")
    assert response.status_code == 422 and "立项依据充分性" in text_of(response)
    assert _project(app, sid)[4] is None


def test_partial_and_rejected_are_flagged_in_list_page_and_register(app, login, clock):
    unit = login("unit")
    sids = {}
    for code, name, amount, conclusion, scores in (
            ("EX-2026-101", "安全生产监管信息化平台", "85.00", "support", FULL),
            ("EX-2026-102", "统计信息采集终端", "62.50", "partial", WEAK),
            ("EX-2026-103", "市场监控预警系统", "60.00", "reject", WEAK)):
        sid = propose(unit, code, name, 2026, specialized=code.endswith("103"))
        file(unit, sid, amount)
        sids[code] = (sid, conclusion, scores)
    pending = propose(unit, "EX-2026-104", "农贸市场改造", 2026)
    section = login("section")
    for sid, *_ in sids.values():
        first_review(section, sid)
    reviewer = login("reviewer")
    for sid, conclusion, scores in sids.values():
        assert review(reviewer, app, sid, scores, conclusion, "审核理由").status_code == 302
    stages = {}
    with app.app_context():
        for p in db.session.query(Project).filter(Project.code.like("EX-2026-10%")):
            stages[p.code] = (p.exante_stage, p.budget)
    assert stages == {"EX-2026-101": ("approved", Decimal("85.00")), "EX-2026-102": ("partial", Decimal("0.00")),
                      "EX-2026-103": ("rejected", Decimal("0.00")), "EX-2026-104": ("proposed", Decimal("0.00"))}
    flagged = text_of(reviewer.get("/work/projects/?exante=flagged&year=2026"))
    assert "统计信息采集终端 原则上不安排预算" in flagged and "市场监控预警系统 原则上不安排预算" in flagged
    assert "农贸市场改造 原则上不安排预算" in flagged
    exported = load_workbook(BytesIO(reviewer.get("/work/projects/export.xlsx?exante=any&year=2026").data))
    hints = {r[1]: r[-1] for r in exported.active.iter_rows(min_row=3, values_only=True)}
    assert hints["EX-2026-103"] == "原则上不安排预算：事前绩效评估审核结论为“不支持”" and not hints["EX-2026-101"]
    assert "安全生产监管信息化平台" not in flagged
    project_page = text_of(reviewer.get(f"/work/submissions/{sids['EX-2026-102'][0]}"))
    assert "审核结论：部分支持" in project_page and "本项目原则上不安排预算" in project_page
    with app.app_context():
        pid = db.session.get(Submission, pending).project_id
    assert "尚未通过事前绩效评估" in text_of(reviewer.get(f"/work/projects/{pid}"))

    # The register: seed 001's 3 projects and 207.5 万元 requested (plus one still pending, no amount yet).
    register = text_of(reviewer.get("/work/exante/?year=2026"))
    assert "拟新增（追加）项目 4 个" in register and "申请金额合计 207.50 万元" in register
    assert "支持 1 个（85.00 万元）" in register and "部分支持 1 个（62.50 万元）" in register
    assert "不支持 1 个（60.00 万元）" in register
    book = load_workbook(BytesIO(reviewer.get("/work/exante/export.xlsx?year=2026").data))
    rows = [[c for c in r] for r in book.active.iter_rows(values_only=True)]
    header = rows.index(next(r for r in rows if r and r[0] == "预算年度"))
    body = {r[1]: r for r in rows[header + 1:]}
    assert body["EX-2026-102"][8] == "部分支持" and body["EX-2026-102"][11] == "原则上不安排预算"
    assert Decimal(str(body["EX-2026-101"][6])) == Decimal("85.00") and not body["EX-2026-101"][11]
    assert body["EX-2026-104"][10] == "草稿"


def test_unit_sees_only_its_own_and_other_roles_cannot_review(app, login, clock):
    unit = login("unit")
    sid = propose(unit, "EX-2026-201", "安全生产监管信息化平台", 2026)
    other = login("unit2")
    assert other.get(f"/work/exante/{sid}/edit").status_code == 404
    assert "安全生产监管信息化平台" not in text_of(other.get("/work/exante/?year=2026"))
    unit = login("unit")
    file(unit, sid, "85.00")
    assert unit.get(f"/work/exante/{sid}/first-review").status_code == 403
    assert unit.get(f"/work/exante/{sid}/review").status_code == 403
    section = login("section")
    assert section.get(f"/work/exante/{sid}/review").status_code == 403
    firm = login("firm")
    assert firm.get("/work/exante/").status_code == 403


def test_empty_instance_pages(app, login, clock):
    for who in ("reviewer", "section", "unit", "admin"):
        client = login(who)
        assert client.get("/work/exante/").status_code == 200
        assert client.get("/work/exante/export.xlsx").status_code == 200
        assert client.get("/work/projects/?exante=flagged").status_code == 200


def test_register_is_published_through_the_deidentification_preview(app, login, clock):
    import re

    from portal import plugins
    from tests.portal.workflow.helpers import user

    unit = login("unit")
    sid = propose(unit, "EX-2026-301", "安全生产监管信息化平台", 2026)
    file(unit, sid, "85.00")
    first_review(login("section"), sid)
    reviewer = login("reviewer")
    with app.test_request_context():
        publisher = plugins.publishers()["exante_register"]
        assert publisher.candidates(user("reviewer")) == []  # nothing concluded yet
    review(reviewer, app, sid, FULL, "support", "立项必要、目标合理")
    with app.test_request_context():
        publisher = plugins.publishers()["exante_register"]
        assert [c.key for c in publisher.candidates(user("reviewer"))] == ["exante_register:2026"]
        snap = publisher.snapshot("exante_register:2026", user("reviewer"))
        assert snap.figures["projects"] == 1 and snap.figures["requested"] == "85.00"
        assert ["EX-2026-301", "安全生产监管信息化平台", "阿克陶县商务科技和工业信息化局", "新增项目", "85.00", "100.00",
                "支持", "立项必要、目标合理"] in dict(snap.tables)["事前绩效评估审核结果"]
        try:
            publisher.snapshot("exante_register:2031", user("reviewer"))
            raise AssertionError("an empty year is not publishable")
        except LookupError:
            pass
    from datetime import date

    from public_site.models import Publication
    from tests.public_site.helpers import set_dates

    with app.test_request_context():
        set_dates(2026, date(2025, 1, 1))
        db.session.commit()
    url = "/work/public_site/preview?kind=exante_register&key=exante_register:2026"
    page = reviewer.get(url)
    assert page.status_code == 200 and "2026年度事前绩效评估结果" in text_of(page)
    digest = re.search(r'name="digest"[^>]*value="([^"]+)"', page.get_data(as_text=True)).group(1)
    done = reviewer.post(url, data={"digest": digest, "action": "confirm"}, follow_redirects=True)
    assert "已发布" in text_of(done)
    with app.app_context():
        pub_id = db.session.query(Publication).filter_by(kind="exante_register").one().id
    public = text_of(reviewer.get(f"/publications/{pub_id}"))
    assert "2026年度事前绩效评估结果" in public and "85.00" in public and "支持" in public


def test_the_bureaus_own_sheet_of_the_year_scores_new_assessments(app, login, clock):
    """绩效科 defines the year's 审核打分表 (a framework held as data); assessments started after use it."""
    reviewer = login("reviewer")
    page = reviewer.get("/work/submissions/frameworks/exante/2026").get_data(as_text=True)
    assert 'value="需求紧迫性"' in page  # starts from the default sheet
    rows = [("必要性", "政策设立必要程度", "立项必要性", "40"), ("绩效目标合理性", "绩效目标", "目标合理性", "30"),
            ("可行性", "实施方案", "方案可行性", "30")]
    data = {"framework_name": "2026年度事前绩效评估审核打分表", "level1": [r[0] for r in rows],
            "level2": [r[1] for r in rows], "name": [r[2] for r in rows], "weight": [r[3] for r in rows]}
    assert reviewer.post("/work/submissions/frameworks/exante/2026", data=data).status_code == 302
    unit = login("unit")
    sid = propose(unit, "EX-2026-601", "安全生产监管信息化平台", 2026)
    file(unit, sid, "85.00")
    first_review(login("section"), sid)
    reviewer = login("reviewer")
    page = text_of(reviewer.get(f"/work/exante/{sid}/review"))
    assert "2026年度事前绩效评估审核打分表" in page and "方案可行性" in page and "需求紧迫性" not in page
    review(reviewer, app, sid, ["36", "27", "27"], "support", "理由充分")
    assert _project(app, sid)[2:] == ("approved", True, Decimal("90.00"))


def test_a_returned_assessment_needs_a_new_first_review_and_nothing_else_starts_before_support(app, login, clock):
    unit = login("unit")
    sid = propose(unit, "EX-2026-701", "安全生产监管信息化平台", 2026)
    with app.app_context():
        pid = db.session.get(Submission, sid).project_id
    start = text_of(unit.get(f"/work/submissions/start?project_id={pid}"))
    assert "须先通过事前绩效评估" in start
    refused = unit.post("/work/submissions/new", data={"project_id": str(pid), "kind": "target_declaration"},
                        follow_redirects=True)
    assert "须先通过事前绩效评估" in text_of(refused)
    file(unit, sid, "85.00")
    first_review(login("section"), sid)
    reviewer = login("reviewer")
    reviewer.post(f"/work/submissions/{sid}/transition", data={"action": "return", "confirmed": "1",
                                                               "comment": "资金测算依据不足"})
    assert _project(app, sid)[2] == "returned"
    unit = login("unit")
    assert file(unit, sid, "80.00", report=False).status_code == 302
    section = login("section")
    refused = section.post(f"/work/submissions/{sid}/transition", data={"action": "pass_first_review",
                                                                        "confirmed": "1"}, follow_redirects=True)
    assert "请先填写初审意见表" in text_of(refused)


def test_a_withdrawn_draft_can_be_started_again_from_the_project_page(app, login, clock):
    unit = login("unit")
    sid = propose(unit, "EX-2026-801", "安全生产监管信息化平台", 2026)
    unit.post(f"/work/submissions/{sid}/transition", data={"action": "withdraw", "confirmed": "1",
                                                           "comment": "重新编制"})
    with app.app_context():
        pid = db.session.get(Submission, sid).project_id
    page = text_of(unit.get(f"/work/projects/{pid}"))
    assert "新建事前绩效评估" in page and "尚未通过事前绩效评估" in page
    again = unit.post(f"/work/exante/start/{pid}")
    assert again.status_code == 302 and "/edit" in again.headers["Location"]
    twice = unit.post(f"/work/exante/start/{pid}", follow_redirects=True)
    assert "已有事前绩效评估（第 1 版，草稿），不能重复新建" in text_of(twice)
    assert login("unit2").post(f"/work/exante/start/{pid}").status_code == 404
