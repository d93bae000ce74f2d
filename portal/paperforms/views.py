"""纸质报表 routes: the print view (A4, no navigation) and the Word / Excel files of a submission."""

from __future__ import annotations

import io

from flask import Blueprint, abort, render_template, send_file
from flask_login import current_user, login_required

from portal.paperforms import layouts, writers
from portal.submissions.queries import submission_or_404

bp = Blueprint("paperforms", __name__, url_prefix="/work/submissions", template_folder="templates")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(submission_id: int) -> layouts.PaperForm:
    form = layouts.form_for(submission_or_404(current_user, submission_id))
    if form is None:
        abort(404)
    return form


@bp.get("/<int:submission_id>/print")
@login_required
def print_view(submission_id: int):
    """The official layout on A4 paper: print it from the browser (打印) or save it as PDF."""
    return render_template("paperforms/print.html", form=_form(submission_id))


@bp.get("/<int:submission_id>/form.docx")
@login_required
def docx(submission_id: int):
    form = _form(submission_id)
    return _download(writers.docx_bytes(form), f"{form.filename}.docx", DOCX)


@bp.get("/<int:submission_id>/form.xlsx")
@login_required
def xlsx(submission_id: int):
    form = _form(submission_id)
    return _download(writers.xlsx_bytes(form), f"{form.filename}.xlsx", XLSX)


def _download(data: bytes, name: str, mimetype: str):
    response = send_file(io.BytesIO(data), as_attachment=True, download_name=name, mimetype=mimetype)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
