"""Approved evaluation results (self-, departmental and third-party evaluations) as publishable items."""

from __future__ import annotations

from sqlalchemy import select

from portal.execution import promised
from portal.extensions import db
from portal.files.queries import attachments_of
from portal.publishing import Candidate, Snapshot, key_id
from portal.submissions.effects import score_summary
from portal.submissions.models import Submission
from portal.submissions.queries import visible_submissions
from portal.targets.publishing import PROJECT_FACET_LABELS, _project_facets

EVALUATION_KINDS = ("self_evaluation", "department_evaluation", "third_party")


class EvaluationResultPublisher:
    kind = "evaluation_result"
    label = "绩效评价结果"
    disclosure = "final_accounts"
    field_labels = {**PROJECT_FACET_LABELS, "evaluation_kind": "评价方式", "total": "评价总分", "level1": "一级指标得分",
                    "execution": "预算执行", **promised.EXECUTION_LABELS}

    def _approved(self, user):
        """Approved results still in force (a superseded one gave way to its replacement)."""
        return visible_submissions(user).where(Submission.kind.in_(EVALUATION_KINDS),
                                               Submission.state == "approved", Submission.superseded_at.is_(None))

    def candidates(self, user) -> list[Candidate]:
        # The item key is the first version's: a replacement (重新填报) publishes as a new version of the
        # same item, so the old result is superseded on the public site, never shown beside it.
        return [Candidate(f"submission:{s.root_id}", s.display_title, s.project.fiscal_year,
                          note=(f"{s.total_score} 分 · {s.grade}" if s.grade else "")
                          + (f" · 第 {s.version_no} 版" if s.version_no > 1 else ""))
                for s in db.session.scalars(self._approved(user).order_by(Submission.decided_at.desc()))]

    def snapshot(self, key: str, user) -> Snapshot:
        submission_id = key_id(key, "submission")
        current = _newest_approved(submission_id) if submission_id is not None else None
        submission = db.session.scalar(self._approved(user).where(Submission.id == current)) \
            if current is not None else None
        if submission is None:
            raise LookupError(key)
        project = submission.project
        summary = score_summary(submission)
        level1 = {name: f"{got}" for name, (got, _weight) in (summary.by_level1.items() if summary else [])}
        report_text = "\n\n".join(a.stored.text for a in attachments_of("submission", submission.id) if a.stored.text)
        facets = {**_project_facets(project), "grade": submission.grade,
                  "evaluation_kind": submission.kind_label,
                  "firm": submission.org.name if submission.kind == "third_party" else None}
        rows = [["一级指标", "得分", "分值"]] + [[k, f"{v[0]}", f"{v[1]}"] for k, v in
                                             (summary.by_level1.items() if summary else [])]
        # promised against achieved: the indicator (or score-sheet) table and the latest approved execution
        indicators = promised.result_tables(submission, summary)
        execution = promised.execution_figures(project)
        return Snapshot(
            kind=self.kind, key=key, title=f"{project.name}（{project.fiscal_year}年度）{submission.kind_label}结果",
            summary=f"{project.unit.name}“{project.name}”{submission.kind_label}：总分 {submission.total_score} 分，"
                    f"评价等级“{submission.grade}”。"
                    + (f"（按总分应为“{submission.score_grade}”，{submission.grade_cap}。）" if submission.grade_cap else ""),
            body=report_text or (submission.data or {}).get("summary", ""), facets=facets,
            figures={"total": f"{submission.total_score}", "grade": submission.grade, "level1": level1,
                     "execution": execution},
            tables=[("各一级指标得分", rows)] + indicators,
            lists={"存在问题": [f.text for f in submission.findings if f.kind == "finding"],
                   "有关建议": [f.text for f in submission.findings if f.kind == "recommendation"]})


def _newest_approved(root_id: int) -> int:
    """The id of the newest approved version in the line of replacements starting at ``root_id``."""
    current = root_id
    while (following := db.session.scalar(select(Submission.id).where(
            Submission.replaces_id == current, Submission.state == "approved"))) is not None:
        current = following
    return current


def team_member_names() -> list[str]:
    """Names entered as evaluation team members on submissions (for de-identification)."""
    names: set[str] = set()
    for data in db.session.scalars(select(Submission.data)):
        for name in (data or {}).get("team", []) or []:
            if isinstance(name, str) and name.strip():
                names.add(name.strip())
    return sorted(names)
