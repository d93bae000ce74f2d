"""Pages of the rectification plugin: ledger (整改台账), item, evidence, decisions, dashboard, 抽查, results use."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from plugins.rectification import export, operations, queries
from plugins.rectification.chart import closed_per_month_svg
from plugins.rectification.dates import today
from plugins.rectification.forms import EvidenceForm, ItemCreateForm, ItemsFromFindingsForm, SampleDrawForm
from plugins.rectification.models import SEVERITIES, SOURCE_KINDS, STATES
from plugins.rectification.workflow import ACTION_LABELS, available_actions, may_manage
from portal import ListParams, db
from portal.accounts.models import BUREAU_ROLES, Organisation, Role

bp = Blueprint("rectification", __name__, url_prefix="/work/rectification", template_folder="templates")


def _bureau_staff() -> bool:
    return current_user.org.kind == "bureau" and current_user.has_role(*BUREAU_ROLES)


def _require_reader() -> None:
    """Bureau staff and budget units use the ledger; firms and experts have no items."""
    if not (_bureau_staff() or current_user.has_role(Role.UNIT_EDITOR)):
        abort(403)


def _require_bureau() -> None:
    if not _bureau_staff():
        abort(403)


@bp.route("/")
@login_required
def index():
    _require_reader()
    filters = queries.LedgerFilter.from_args(request.args)
    rows = queries.ledger(current_user, filters)
    listing = ListParams.parse(queries.LEDGER_SPEC, request.args)
    listing.filters = filters.as_args()  # the ledger's own filters, kept in header and pager links
    page = listing.page_of(queries.ledger_query(current_user, filters))
    return render_template("rectification/ledger.html", rows=rows, items=page.items, page=page, listing=listing,
                           filters=filters, today=today(),
                           years=queries.years(current_user), units=queries.units(current_user),
                           states=STATES, severities=SEVERITIES, source_kinds=SOURCE_KINDS,
                           can_manage=may_manage(current_user))


@bp.route("/export.xlsx")
@login_required
def export_xlsx():
    """The filtered ledger as XLSX (the same rows as the page)."""
    _require_reader()
    filters = queries.LedgerFilter.from_args(request.args)
    listing = ListParams.parse(queries.LEDGER_SPEC, request.args)
    items = listing.all_rows(queries.ledger_query(current_user, filters))
    year = f"{filters.year}年度" if filters.year else ""
    data = export.workbook(items, title=f"{current_user.org.name}{year}整改台账")
    import io

    return send_file(io.BytesIO(data), as_attachment=True, download_name=f"整改台账{filters.year or ''}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.route("/dashboard")
@login_required
def dashboard():
    _require_reader()
    filters = queries.LedgerFilter(year=request.args.get("year", type=int))
    board = queries.dashboard(queries.ledger(current_user, filters))
    return render_template("rectification/dashboard.html", board=board, chart=closed_per_month_svg(board.closed_per_month),
                           filters=filters, years=queries.years(current_user))


@bp.route("/items/<int:item_id>")
@login_required
def item_detail(item_id: int):
    item = queries.item_or_404(current_user, item_id)
    return _render_item(item)


def _render_item(item, evidence_form=None, status=200):
    from portal.files.queries import attachments_of

    form = evidence_form or EvidenceForm(formdata=None, responsible_person=item.responsible_person)
    actions = available_actions(current_user, item)
    return render_template("rectification/item_detail.html", item=item, actions=actions,
                           can_submit_evidence=any(a.action == "submit_evidence" for a in actions),
                           form=form, attachments=attachments_of("rectification_item", item.id), today=today(),
                           states=STATES, action_labels=ACTION_LABELS), status


@bp.route("/items/<int:item_id>/transition", methods=["POST"])
@login_required
def item_transition(item_id: int):
    """Start work (unit), close (销号) or reopen with a reason (bureau)."""
    item = queries.item_or_404(current_user, item_id)
    action = request.form.get("action", "")
    if action not in ACTION_LABELS or action in {"create", "submit_evidence"}:
        abort(400)
    try:
        operations.apply_transition(item, action, current_user, comment=request.form.get("comment", ""))
    except operations.RectificationError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("rectification.item_detail", item_id=item_id))
    db.session.commit()
    flash(f"已{ACTION_LABELS[action]}", "success")
    return redirect(url_for("rectification.item_detail", item_id=item_id))


@bp.route("/items/<int:item_id>/evidence", methods=["POST"])
@login_required
def item_evidence(item_id: int):
    """The unit submits evidence: a text and files; on a refusal the text stays on the page."""
    from portal.files.operations import UploadRejected

    item = queries.item_or_404(current_user, item_id)
    form = EvidenceForm()
    if not form.validate():
        return _render_item(item, form, 422)
    try:
        operations.submit_evidence(item, current_user, text=form.text.data,
                                   uploads=request.files.getlist("files"),
                                   responsible_person=form.responsible_person.data or "")
    except (operations.RectificationError, UploadRejected) as exc:
        db.session.rollback()
        flash(str(exc), "error")
        item = queries.item_or_404(current_user, item_id)
        return _render_item(item, form, 422)
    db.session.commit()
    flash("已提交整改佐证，等待财政局核验", "success")
    return redirect(url_for("rectification.item_detail", item_id=item_id))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_item():
    """An item recorded by hand, from a verification check (抽查)."""
    from portal.projects.models import Project
    from portal.projects.queries import project_or_404, visible_projects

    if not may_manage(current_user):
        abort(403)
    form = ItemCreateForm()
    projects = db.session.scalars(visible_projects(current_user).order_by(Project.fiscal_year.desc(), Project.code))
    form.project_id.choices = [(0, "请选择项目")] + [(p.id, f"{p.fiscal_year} · {p.code} · {p.name}（{p.unit.name}）")
                                                for p in projects]
    if form.validate_on_submit():
        project = project_or_404(current_user, form.project_id.data)
        try:
            item = operations.manual_item(project=project, user=current_user, description=form.description.data,
                                          severity=form.severity.data, deadline=form.deadline.data,
                                          responsible_person=form.responsible_person.data or "")
        except operations.RectificationError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash("已下达整改事项", "success")
            return redirect(url_for("rectification.item_detail", item_id=item.id))
    return render_template("rectification/item_new.html", form=form), 422 if request.method == "POST" else 200


@bp.route("/from-submission/<int:submission_id>", methods=["POST"])
@login_required
def from_findings(submission_id: int):
    """Turn the checked findings of an approved evaluation into items (one click per finding, or in bulk)."""
    from portal.submissions.queries import submission_or_404

    submission = submission_or_404(current_user, submission_id)
    if not may_manage(current_user):
        abort(403)
    back = url_for("submissions.detail", submission_id=submission.id) + "#rectification"
    form = ItemsFromFindingsForm()
    if not form.validate():
        flash("；".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(back)
    only = request.form.get("only", type=int)
    ids = [only] if only is not None else request.form.getlist("finding_id", type=int)
    try:
        items = operations.items_from_findings(submission, ids, current_user, severity=form.severity.data,
                                               deadline=form.deadline.data,
                                               responsible_person=form.responsible_person.data or "")
    except operations.RectificationError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(f"已将 {len(items)} 条问题转为整改事项", "success")
    return redirect(back)


@bp.route("/samples", methods=["GET", "POST"])
@login_required
def samples():
    """随机抽查: the recorded draws and a form to make one (the same as ``jixiao rectification sample``)."""
    _require_bureau()
    years = queries.years(current_user)
    form = SampleDrawForm(year=request.args.get("year", type=int) or (years[0] if years else today().year - 1))
    can_draw = may_manage(current_user)
    if request.method == "POST":
        if not can_draw:
            abort(403)
        if form.validate_on_submit():
            bureau = db.session.get(Organisation, current_user.bureau_id)
            try:
                draw = operations.draw_sample(bureau=bureau, year=form.year.data, share=form.share.data,
                                              seed=form.seed.data, user=current_user)
            except operations.RectificationError as exc:
                db.session.rollback()
                flash(str(exc), "error")
            else:
                db.session.commit()
                flash(f"已抽取 {len(draw.item_ids)} 项（随机种子 {draw.seed}）", "success")
                return redirect(url_for("rectification.sample_detail", draw_id=draw.id))
    return render_template("rectification/samples.html", form=form, draws=queries.draws(current_user),
                           can_draw=can_draw), 422 if request.method == "POST" else 200


@bp.route("/samples/<int:draw_id>")
@login_required
def sample_detail(draw_id: int):
    draw = queries.draw_or_404(current_user, draw_id)
    return render_template("rectification/sample_detail.html", draw=draw, items=queries.items_by_id(draw.item_ids),
                           today=today())


@bp.route("/results")
@login_required
def results():
    """结果应用: a unit's year — monitoring flags, grades and open items together."""
    _require_bureau()
    units = queries.units(current_user)
    unit_id = request.args.get("unit_id", type=int)
    unit = next((u for u in units if u.id == unit_id), None)
    from portal.projects.queries import years_of

    years = years_of(current_user)
    year = request.args.get("year", type=int) or (years[0] if years else today().year)
    view = queries.unit_year(current_user, unit, year) if unit else None
    return render_template("rectification/results.html", units=units, unit=unit, year=year, years=years, view=view,
                           today=today())
