"""The 用户手册's screenshots (docs/images/*.png), taken in Chromium against the demo county.

Every run of the suite visits each page the manual shows and checks it still shows what the manual
says (the texts below), writing the images to a temporary folder; ``make docs-screens`` sets
``JIXIAO_DOCS_SCREENS=docs/images`` and so retakes the manual's images.  ``SHOTS`` names every image;
tests/test_docs.py checks the manual uses exactly these.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow, sign_in

pytestmark = pytest.mark.e2e

#: image name → (user, what the page must show). The manual (docs/manual/*.md) uses each of them.
SHOTS = {
    "unit-dashboard": ("unit", "按期填报"),
    "unit-target-returned": ("unit", "请补充成本指标"),
    "unit-target-editor": ("unit", "权重合计"),
    "unit-start": ("unit", "绩效监控报告"),
    "unit-monitoring": ("unit", "执行数"),
    "unit-rectification-evidence": ("unit", "提交整改佐证"),
    "firm-dashboard": ("firm", "委托评价项目"),
    "firm-report": ("firm", "第三方评价报告"),
    "expert-panel": ("expert", "我的评分"),
    "section-review": ("section", "初审通过"),
    "reviewer-publishing": ("reviewer", "可发布事项"),
    "reviewer-preview": ("reviewer", "确认发布"),
    "reviewer-ratings": ("reviewer", "执业质量评价"),
    "reviewer-ledger": ("reviewer", "整改台账"),
    "admin-plugins": ("admin", "rectification"),
    "unit-department-self-evaluation": ("unit", "年中监控完成值"),
    "reviewer-dashboard": ("reviewer", "各单位到期事项"),
    "reviewer-calendar": ("reviewer", "绩效监控节点"),
    "reviewer-coverage": ("reviewer", "部门评价覆盖比例"),
    "reviewer-exante-review": ("reviewer", "事前绩效评估审核打分表（默认）"),
    "reviewer-results-use": ("reviewer", "核减预算合计"),
}


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    target = os.environ.get("JIXIAO_DOCS_SCREENS")
    path = Path(target) if target else tmp_path_factory.mktemp("docs-screens")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _take(page, out_dir: Path, name: str, scroll: bool = False) -> None:
    """Check the page shows the shot's text, then take the visible part (scrolled to the text if ``scroll``)."""
    user, text = SHOTS[name]
    found = page.get_by_text(text).first
    expect(found, f"{name}: {text!r} not on {page.url}").to_be_visible()
    if scroll:
        found.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(out_dir / f"{name}.png"), full_page=False)


def _as(browser, base: str, user: str):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 780})
    page = context.new_page()
    sign_in(page, base, user)
    return context, page


def test_unit_pages(live_server, browser, out_dir):
    context, page = _as(browser, live_server, "unit")
    _take(page, out_dir, "unit-dashboard")
    follow(page, page.get_by_role("link", name="招商引资工作经费 · 绩效目标申报").first)
    _take(page, out_dir, "unit-target-returned")
    follow(page, page.get_by_role("link", name="编辑材料"))
    _take(page, out_dir, "unit-target-editor")
    page.goto(live_server + "/work/submissions/start")
    page.select_option("#project_id", label=next(
        o for o in page.locator("#project_id option").all_inner_texts() if "ZSYZ-2022-01" in o))
    follow(page, page.get_by_role("button", name="查看可新建的材料"))
    _take(page, out_dir, "unit-start")
    follow(page, page.get_by_role("button", name="新建绩效监控报告（5月底）"))
    _take(page, out_dir, "unit-monitoring")
    page.goto(live_server + "/work/")
    follow(page, page.get_by_role("link", name="查看全部").first)
    follow(page, page.get_by_role("link", name="ZG-0010").first)
    _take(page, out_dir, "unit-rectification-evidence")
    context.close()


def test_firm_and_expert_pages(live_server, browser, out_dir):
    context, page = _as(browser, live_server, "firm")
    _take(page, out_dir, "firm-dashboard")
    follow(page, page.get_by_role("link", name="学前教育幼儿资助资金 · 第三方评价报告").first)
    _take(page, out_dir, "firm-report")
    context.close()
    context, page = _as(browser, live_server, "expert")
    follow(page, page.get_by_role("link", name="学前教育幼儿资助资金 · 第三方评价报告").first)
    inputs = page.locator("main form input[name^=score_]")
    expect(inputs).to_have_count(5)  # the default rubric's five items
    for index, value in enumerate(("18", "23", "24", "18", "10")):
        inputs.nth(index).fill(value)
    comments = page.locator("main form textarea[name^=comment_]")
    for index, text in enumerate(("指标体系未覆盖成本指标", "部分数据未注明来源", "个别结论缺少数据支撑",
                                  "建议针对性不强")):
        comments.nth(index).fill(text)  # every deduction needs its reason
    _take(page, out_dir, "expert-panel")
    context.close()


def test_bureau_pages(live_server, browser, out_dir):
    context, page = _as(browser, live_server, "section")
    follow(page, page.get_by_role("link", name="高标准农田建设项目 · 绩效目标申报").first)
    page.locator("main textarea").first.fill("面积指标请注明建设地点")
    _take(page, out_dir, "section-review", scroll=True)
    context.close()
    context, page = _as(browser, live_server, "reviewer")
    page.goto(live_server + "/work/public_site/")
    _take(page, out_dir, "reviewer-publishing")
    page.goto(live_server + "/work/public_site/preview?kind=evaluation_result&key=submission:3")
    _take(page, out_dir, "reviewer-preview")
    page.goto(live_server + "/work/evaluator_grading/ratings/")
    _take(page, out_dir, "reviewer-ratings")
    page.goto(live_server + "/work/rectification/")
    _take(page, out_dir, "reviewer-ledger")
    context.close()
    context, page = _as(browser, live_server, "admin")
    page.goto(live_server + "/work/admin/plugins")
    _take(page, out_dir, "admin-plugins")
    context.close()


def test_cycle_pages(live_server, browser, out_dir):
    """The pages of the cycle's two ends and its calendar (docs/cycle/index.md)."""
    context, page = _as(browser, live_server, "unit")
    page.goto(live_server + "/work/department/")  # the unit's own record of this year's budget
    page.goto(page.url.rsplit("/", 1)[0] + "/2022")  # seed 002's department-wide year
    follow(page, page.get_by_role("link", name="阿克陶县商务科技和工业信息化局部门整体支出").first)
    follow(page, page.get_by_role("link", name="阿克陶县商务科技和工业信息化局部门整体支出 · 绩效自评").first)
    expect(page.get_by_text("97.96").first).to_be_visible()
    _take(page, out_dir, "unit-department-self-evaluation", scroll=True)
    context.close()
    context, page = _as(browser, live_server, "reviewer")
    _take(page, out_dir, "reviewer-dashboard")
    page.goto(live_server + "/work/calendar/")
    _take(page, out_dir, "reviewer-calendar")
    page.goto(live_server + "/work/calendar/coverage/")
    _take(page, out_dir, "reviewer-coverage")
    page.goto(live_server + "/work/exante/?year=2024")
    href = page.locator("main tr", has_text="AQSC-2024-01").get_by_role("link", name="已通过").get_attribute("href")
    page.goto(live_server + "/work/exante/" + href.rstrip("/").rsplit("/", 1)[1] + "/review")
    _take(page, out_dir, "reviewer-exante-review", scroll=True)
    page.goto(live_server + "/work/results/use?year=2022")
    _take(page, out_dir, "reviewer-results-use")
    context.close()


def test_every_shot_was_taken(out_dir):
    """Runs last in this module: each named image exists and is a real PNG."""
    for name in SHOTS:
        data = (out_dir / f"{name}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, name
