"""The yearly summary's download (bureau roles, their own bureau) and its dashboard panel."""

from __future__ import annotations

from flask import Blueprint, abort, send_file, url_for
from flask_login import current_user, login_required

from portal.accounts.models import BUREAU_ROLES, OrgKind
from portal.hooktypes import DashboardPanel, PanelRow

bp = Blueprint("yearly", __name__, url_prefix="/work/reports")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: How many years the dashboard offers.
YEARS_SHOWN = 4


def bureau_of(user):
    """The bureau a bureau-role user works for; ``None`` for everyone else."""
    if user.has_role(*BUREAU_ROLES) and user.org.kind == OrgKind.BUREAU:
        return user.org
    return None


@bp.route("/yearly/<int:year>.docx")
@login_required
def yearly_docx(year: int):
    from io import BytesIO

    from portal.yearly.report import docx_bytes, filename

    bureau = bureau_of(current_user)
    if bureau is None:
        abort(403)
    if not 2000 <= year <= 2100:
        abort(404)
    return send_file(BytesIO(docx_bytes(bureau, year)), mimetype=DOCX_TYPE, as_attachment=True,
                     download_name=filename(bureau, year), max_age=0)


def report_years(bureau) -> list[int]:
    """The current year and the years with projects (and the year after each, which reports its
    evaluations), newest first, never a future year."""
    from sqlalchemy import select

    from portal.accounts.models import Organisation
    from portal.extensions import db
    from portal.projects.models import Project
    from portal.util import today

    this_year = today().year
    units = select(Organisation.id).where(Organisation.parent_id == bureau.id)
    years = set(db.session.scalars(select(Project.fiscal_year).where(Project.unit_id.in_(units)).distinct()))
    offered = {this_year} | {y for y in years | {y + 1 for y in years} if y <= this_year}
    return sorted(offered, reverse=True)[:YEARS_SHOWN]


def dashboard_panels(user) -> list[DashboardPanel]:
    bureau = bureau_of(user)
    if bureau is None:
        return []
    rows = [PanelRow(f"{year} 年度预算绩效管理工作总结报告（Word）", url_for("yearly.yearly_docx", year=year),
                     note=f"{year} 年目标与监控，{year - 1} 年度项目的自评与评价") for year in report_years(bureau)]
    return [DashboardPanel("年度总结报告（数据部分）", rows=rows, order=60,
                           empty_text="暂无可生成的年度")]
