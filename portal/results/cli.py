"""``jixiao results …``: the 真实性核查 draw and the results-use list export, for the bureau's batch work."""

from __future__ import annotations

import getpass
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select


@click.group("results")
def results_group() -> None:
    """结果应用: truthfulness draws (真实性核查) and the results-use list (结果应用清单)."""


def _bureau(name: str | None):
    from portal.cli_support import bureau_option

    return bureau_option(name)


@results_group.command("draw")
@click.argument("year", type=int)
@click.option("--share", default="10", show_default=True, help="Share of approved self-evaluations (10 or 0.1).")
@click.option("--seed", type=int, help="Random seed; the same seed gives the same list. Drawn and recorded if omitted.")
@click.option("--bureau", "bureau_name", help="The bureau whose region is drawn (needed when there are several).")
@with_appcontext
def draw_command(year, share, seed, bureau_name) -> None:
    """Draw YEAR's approved self-evaluations for 真实性核查, record the draw, and list it."""
    from portal.extensions import db
    from portal.results import operations

    bureau = _bureau(bureau_name)
    try:
        draw = operations.draw(bureau=bureau, year=year, share=share, seed=seed,
                               drawn_by_name=f"命令行（{getpass.getuser()}）")
    except operations.ResultsError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"{bureau.name} {year} 年度审核通过的绩效自评 {draw.population} 份，按 {draw.share * 100:.0f}% 抽取 "
               f"{len(draw.submission_ids)} 份（随机种子 {draw.seed}，抽取记录 #{draw.id}），核心指标 {len(draw.checks)} 项：")
    seen = set()
    for check in draw.checks:
        if check.submission_id not in seen:
            seen.add(check.submission_id)
            click.echo(f"  {check.submission.project.code}  {check.submission.project.unit.name}  "
                       f"{check.submission.project.name}")


@results_group.command("export")
@click.argument("year", type=int)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--bureau", "bureau_name", help="The bureau whose list is exported (needed when there are several).")
@with_appcontext
def export_command(year, file, bureau_name) -> None:
    """Write YEAR's results-use list (清单, 单位汇总, 等级汇总, 变更记录) to FILE as XLSX."""
    from portal.results import export, uselist

    bureau = _bureau(bureau_name)
    rows = uselist.rows_of(bureau.id, year)
    file.write_bytes(export.use_workbook(rows, year=year, counts=uselist.open_rectification([r.project_id for r in rows])))
    click.echo(f"已导出 {len(rows)} 个项目的结果应用清单到 {file}")


@results_group.command("recap")
@with_appcontext
def recap_command() -> None:
    """Re-apply the grade caps to every graded evaluation (after an upgrade: records graded before the caps)."""
    from portal.extensions import db
    from portal.results.caps import SCORED_KINDS, apply
    from portal.submissions.models import Submission

    changed = 0
    for submission in db.session.scalars(select(Submission).where(
            Submission.kind.in_(SCORED_KINDS), Submission.score_grade.is_not(None))):
        before = submission.grade
        apply(submission)
        changed += submission.grade != before
    db.session.commit()
    click.echo(f"已按规定重新确定评价等级，{changed} 份评价的等级有变化")
