"""按报告填入 — fill an evaluation's form from its uploaded report: scores, 评价组成员, 存在问题, 建议."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.extensions import db
from portal.scoring.models import Framework
from portal.submissions import operations

#: Kinds whose form is filled from an uploaded evaluation report.
REPORT_KINDS = {"third_party", "department_evaluation"}


@dataclass
class Filled:
    """What was taken from the report, and what it did not hold (for the message to the firm)."""

    scores: int = 0
    items: int = 0
    team: int = 0
    findings: int = 0
    recommendations: int = 0
    #: Scores the report states that exceed the framework's points (not filled).
    out_of_range: list[str] = field(default_factory=list)
    #: Framework items the report gives no score for.
    unscored: list[str] = field(default_factory=list)

    def message(self) -> str:
        found = [f"{self.scores}/{self.items} 项得分"]
        found += [f"{label} {n} {unit}" for label, n, unit in (
            ("评价组成员", self.team, "人"), ("存在问题", self.findings, "条"), ("有关建议", self.recommendations, "条"))
            if n]
        missing = [label for label, n in (("评价组成员", self.team), ("存在问题", self.findings),
                                          ("有关建议", self.recommendations)) if not n]
        text = "已按报告填入：" + "、".join(found)
        if missing:
            text += "；报告中未找到" + "、".join(missing) + "，请手工填写"
        return text + "。请逐项核对后提交。"


def fill_from_report(submission, user, attachment) -> Filled:
    """Fill the score sheet and the report's lists from ``attachment``; what it does not hold is left as is."""
    from portal.files.queries import score_proposal
    from portal.files.report_contents import read_contents

    framework = db.session.get(Framework, submission.framework_id) if submission.framework_id else None
    filled = Filled(items=len(framework.items) if framework else 0)
    if framework is not None:
        proposal = score_proposal(attachment)
        scores = {}
        for item in framework.items:
            value = proposal.items.get(item.name)
            if value is None:
                filled.unscored.append(item.name)
            elif 0 <= value <= item.weight:
                scores[item.id] = str(value)
            else:
                filled.out_of_range.append(f"{item.name} {value} 分（分值 {item.weight}）")
        existing = {s.item_id: str(s.score) for s in submission.scores}
        operations.save_scores(submission, user, {**existing, **scores})
        filled.scores = len(scores)
    text = attachment.stored.text or ""
    if attachment.stored.kind == "pdf":
        from portal.files.pdf_tables import reflow

        text = reflow(text)  # a PDF's paragraphs come wrapped at the page width
    contents = read_contents(text)
    if contents.team:
        operations.save_data(submission, user, team=contents.team)
        filled.team = len(contents.team)
    if contents.findings or contents.recommendations:
        old = {kind: [f.text for f in submission.findings if f.kind == kind]
               for kind in ("finding", "recommendation")}
        operations.save_findings(submission, user, contents.findings or old["finding"],
                                 contents.recommendations or old["recommendation"])
        filled.findings, filled.recommendations = len(contents.findings), len(contents.recommendations)
    return filled
