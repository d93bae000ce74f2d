"""第三方评价报告评审表 — a closed panel's score sheet in the official paper layout (print, Word, Excel).

Built on the core's paper-form grid, so the print view and the two files are the core's own writers.
"""

from __future__ import annotations

from decimal import Decimal

from plugins.evaluator_grading import queries
from plugins.evaluator_grading.models import Panel
from plugins.evaluator_grading.settings import decimal_setting
from portal.paperforms.layouts import PaperForm, head, money, num, text
from portal.util import local_date


def review_form(panel: Panel) -> PaperForm:
    """项目, 评价机构, 被评价单位, the report's own total and grade, every rubric item with each member's
    score, the mean and the comments, the totals, the panel score and its conclusion."""
    submission = panel.submission
    project = submission.project
    items = queries.rubric(project.unit.parent_id, project.fiscal_year)
    members = list(panel.members)
    width = 4 + len(members)
    rest = width - 1
    passed = panel.state == "passed"
    pass_score = decimal_setting("EVALUATOR_GRADING_PASS_SCORE")
    form = PaperForm("第三方评价报告评审表", f"（{project.fiscal_year}年度 · 第 {panel.round} 轮评审）", width,
                     signatures=["评审专家（签字）：", "评审组织单位（盖章）：", "评审日期："],
                     filename=f"{project.code}_第三方评价报告评审表_第{panel.round}轮")
    report_result = (f"{money(submission.total_score)} 分，评价等级：{submission.grade}"
                     if submission.total_score is not None else "报告未给出评分")
    form.rows += [
        [head("项目名称", nowrap=True), text(f"{project.name}（{project.code}）", rest)],
        [head("被评价单位", nowrap=True), text(project.unit.name, rest)],
        [head("评价机构", nowrap=True), text(submission.org.name, rest)],
        [head("报告评价结果", nowrap=True), text(report_result, rest)],
        [head("评审日期", nowrap=True), text(local_date(panel.closed_at).isoformat() if panel.closed_at else "", rest)],
        [head("评审内容", nowrap=True), head("分值"), *[head(f"评审人{i}\n{m.user.full_name}") for i, m in
                                        enumerate(members, start=1)], head("平均分"), head("评审意见")],
    ]
    for item in items:
        scores = [next((s for s in m.scores if s.rubric_item_id == item.id), None) for m in members]
        given = [s.score for s in scores if s is not None]
        mean = sum(given, Decimal(0)) / len(given) if given else None
        comments = "；".join(f"（评审人{i}）{s.comment}" for i, s in enumerate(scores, start=1) if s and s.comment)
        form.rows.append([head(item.name, nowrap=True), num(item.points), *[num(s.score if s else None) for s in scores],
                          num(mean), text(comments)])
    form.rows.append([head("合计", nowrap=True), num(sum((i.points for i in items), Decimal(0))),
                      *[num(m.total) for m in members], num(panel.score), text("")])
    verdict = "通过" if passed else "退回修改"
    form.rows.append([head("评审结论", nowrap=True), text(f"评审组得分 {money(panel.score)} 分（各评审人合计的平均分），"
                                          f"{'不低于' if passed else '低于'} {money(pass_score)} 分：{verdict}", rest)])
    return form
