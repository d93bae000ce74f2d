"""事前绩效评估台账: the year's proposed projects, amounts requested and conclusions; export and publication."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from portal.exante import rules
from portal.exante.operations import latest_of
from portal.extensions import db
from portal.projects.models import Project
from portal.projects.queries import visible_projects
from portal.publishing import Candidate, Snapshot, key_id
from portal.submissions.models import Submission


@dataclass
class Row:
    project: Project
    submission: Submission | None

    @property
    def amount(self) -> Decimal | None:
        return rules.amount_of(self.submission) if self.submission is not None else None

    @property
    def conclusion(self) -> str:
        """The conclusion once 绩效科 has approved it (a pending one is not a conclusion yet)."""
        if self.submission is None or self.submission.state != "approved":
            return ""
        return rules.CONCLUSIONS.get(((self.submission.data or {}).get("conclusion") or {}).get("value"), "")

    @property
    def reason(self) -> str:
        if not self.conclusion:
            return ""
        return ((self.submission.data or {}).get("conclusion") or {}).get("reason", "")

    @property
    def status(self) -> str:
        if self.submission is None:
            return "未开展事前评估"
        return self.submission.state_label

    @property
    def flag(self) -> str | None:
        return rules.flag_reason(self.project.exante_stage)


def years(user) -> list[int]:
    stmt = (visible_projects(user).where(Project.exante_stage.is_not(None)).with_only_columns(Project.fiscal_year)
            .distinct().order_by(Project.fiscal_year.desc()))
    return list(db.session.scalars(stmt))


def rows(user, year: int) -> list[Row]:
    projects = db.session.scalars(visible_projects(user).where(
        Project.exante_stage.is_not(None), Project.fiscal_year == year).order_by(Project.code)).all()
    return [Row(p, latest_of(p)) for p in projects]


def totals(listed: list[Row]) -> dict:
    """Counts and amounts: assessed (filed), requested, and by conclusion."""
    out = {"projects": len(listed), "assessed": sum(1 for r in listed if r.submission is not None),
           "requested": sum((r.amount or Decimal("0.00") for r in listed), Decimal("0.00"))}
    for key, label in rules.CONCLUSIONS.items():
        chosen = [r for r in listed if r.conclusion == label]
        out[key] = (len(chosen), sum((r.amount or Decimal("0.00") for r in chosen), Decimal("0.00")))
    return out


HEADERS = ("预算年度", "项目编码", "项目名称", "预算单位", "申报类型", "专业性较强", "申请金额（万元）", "审核得分",
           "审核结论", "结论理由", "办理状态", "预算安排提示")


def export_rows(listed: list[Row]):
    for r in listed:
        s = r.submission
        yield [r.project.fiscal_year, r.project.code, r.project.name, r.project.unit.name,
               rules.PROPOSAL_KINDS.get(r.project.exante_kind or "new", ""), "是" if r.project.specialized else "",
               r.amount, s.total_score if s is not None and r.conclusion else None, r.conclusion, r.reason, r.status,
               rules.FLAG if r.flag else ""]


class ExAnteRegisterPublisher:
    """The year's concluded assessments (支持 / 部分支持 / 不支持) as one publication per year."""

    kind = "exante_register"
    label = "事前绩效评估结果"
    disclosure = "budget"
    field_labels = {"projects": "项目数", "requested": "申请金额", **rules.CONCLUSIONS}

    def _concluded(self, user, year: int) -> list[Row]:
        return [r for r in rows(user, year) if r.conclusion]

    def candidates(self, user) -> list[Candidate]:
        out = []
        for year in years(user):
            concluded = self._concluded(user, year)
            if concluded:
                out.append(Candidate(f"{self.kind}:{year}", f"{year}年度事前绩效评估结果", year,
                                     note=f"{len(concluded)} 个项目"))
        return out

    def snapshot(self, key: str, user) -> Snapshot:
        year = key_id(key, self.kind)
        concluded = self._concluded(user, year) if year is not None else []
        if not concluded:
            raise LookupError(key)
        sums = totals(concluded)
        table = [["项目编码", "项目名称", "预算单位", "申报类型", "申请金额（万元）", "审核得分", "审核结论", "结论理由"]]
        table += [[r.project.code, r.project.name, r.project.unit.name,
                   rules.PROPOSAL_KINDS.get(r.project.exante_kind or "new", ""), f"{r.amount}",
                   f"{r.submission.total_score}", r.conclusion, r.reason] for r in concluded]
        parts = "，".join(f"{label} {sums[key][0]} 个（{sums[key][1]} 万元）" for key, label in rules.CONCLUSIONS.items())
        return Snapshot(
            kind=self.kind, key=key, title=f"{year}年度事前绩效评估结果",
            summary=f"{year}年度完成事前绩效评估审核的项目 {len(concluded)} 个，申报金额 {sums['requested']} 万元：{parts}。"
                    f"审核结论为“部分支持”“不支持”的项目原则上不安排预算。",
            facets={"year": str(year)},
            figures={"projects": len(concluded), "requested": f"{sums['requested']}",
                     **{key: sums[key][0] for key in rules.CONCLUSIONS}},
            tables=[("事前绩效评估审核结果", table)])
