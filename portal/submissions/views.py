"""Submission pages: list, start, edit the structured data, review with per-field comments."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from portal import plugins
from portal.accounts.access import roles_required
from portal.accounts.models import Role
from portal.audit.operations import record
from portal.execution.reporting import save_reported
from portal.extensions import db
from portal.listing import ListParams, xlsx_response
from portal.projects.queries import project_or_404, units_of, years_of
from portal.scoring.models import Framework

# the scoring frameworks' and target trees' pages are routes of the same blueprint
from portal.submissions import (
    effects,
    file_views,  # noqa: F401 - its routes (files, the report, score proposals) are on the same blueprint
    framework_views,  # noqa: F401 - its routes (frameworks, target trees) are on the same blueprint
    operations,
    starting,
)
from portal.submissions.blueprint import bp
from portal.submissions.models import KINDS, STATES, Submission
from portal.submissions.queries import LIST_SPEC, listed, submission_or_404, visible_submissions
from portal.submissions.workflow import ACTION_LABELS, CONSEQUENCES, available_actions, consequence, is_owner
from portal.targets import operations as target_ops
from portal.targets import tree as target_tree
from portal.targets.models import OPERATORS, UNITS
from portal.util import local_datetime, today
from portal.workcal.dates import CHECKPOINT_LABELS


@bp.route("/")
@login_required
def index():
    """申报与评价: keyword, filters, sortable headers, pages; the section selects rows for 批量初审."""
    params = ListParams.parse(LIST_SPEC, request.args)
    page = params.page_of(listed(current_user, params))
    return render_template("submissions/index.html", listing=params, page=page, states=STATES, kinds=KINDS,
                           years=years_of(current_user), units=units_of(current_user),
                           may_bulk_review=current_user.has_role(Role.BUREAU_SECTION) and current_user.is_bureau)


#: Columns of the list's export, in the page's order.
EXPORT_HEADERS = ("预算年度", "项目编码", "项目名称", "预算单位", "材料类型", "监控节点", "填报单位", "状态", "得分",
                  "评价等级", "提交时间", "更新时间")


@bp.route("/export.xlsx")
@login_required
def export_xlsx():
    """The list as XLSX: every row of the current keyword, filters and order (all pages)."""
    params = ListParams.parse(LIST_SPEC, request.args)
    rows = ([s.project.fiscal_year, s.project.code, s.project.name, s.project.unit.name, s.kind_label,
             CHECKPOINT_LABELS[s.checkpoint] if s.checkpoint else "", s.org.name, s.state_label, s.total_score, s.grade or "",
             local_datetime(s.submitted_at), local_datetime(s.updated_at)]
            for s in params.all_rows(listed(current_user, params)))
    return xlsx_response(f"申报与评价{today():%Y%m%d}.xlsx", "申报与评价材料", EXPORT_HEADERS, rows)


#: 批量初审: the actions the section may apply to several submissions at once, and at most how many.
BULK_ACTIONS = ("pass_first_review", "return_first_review")
BULK_LIMIT = 200


@bp.route("/first-review", methods=["POST"])
@roles_required(Role.BUREAU_SECTION)
def bulk_review():
    """批量初审 in two steps: the selected rows are listed with what will happen to each (confirmation);
    confirmed, each is reviewed on its own (its own transition record), and refusals are listed per row."""
    action = request.form.get("action", "")
    if action not in BULK_ACTIONS:
        abort(400)
    back = safe_back(request.form.get("back", ""))
    ids = sorted({i for i in request.form.getlist("ids", type=int) if i})[:BULK_LIMIT]
    if not ids:
        flash("请先勾选要初审的材料", "warning")
        return redirect(back)
    found = {s.id: s for s in db.session.scalars(visible_submissions(current_user).where(Submission.id.in_(ids)))}
    comment = request.form.get("comment", "").strip()
    if request.form.get("confirmed") != "1":
        rows = [(i, found.get(i), operations.transition_refusal(found[i], action, current_user)
                 if i in found else "材料不存在或无权办理") for i in ids]
        return render_template("submissions/bulk_review.html", action=action, label=ACTION_LABELS[action],
                               rows=rows, comment=comment, back=back,
                               needs_comment=action == "return_first_review")
    done, refused = [], []
    for i in ids:
        submission = found.get(i)
        if submission is None:
            refused.append((i, None, "材料不存在或无权办理"))
            continue
        try:
            with db.session.begin_nested():
                operations.apply_transition(submission, action, current_user, comment=comment)
        except operations.WorkflowError as exc:
            refused.append((i, submission, str(exc)))
        else:
            done.append(submission)
    db.session.commit()
    if done:
        flash(f"已{ACTION_LABELS[action]} {len(done)} 份材料", "success")
    if refused:
        flash(f"{len(refused)} 份材料未能{ACTION_LABELS[action]}，原因见下表", "error")
    return render_template("submissions/bulk_review.html", action=action, label=ACTION_LABELS[action],
                           done=done, refused=refused, back=back, finished=True)


def safe_back(url: str) -> str:
    """The list address to go back to: only a path of this list (with its query), else the list."""
    index_path = url_for(".index")
    return url if url.startswith(index_path) and "//" not in url and "\\" not in url else index_path


@bp.route("/start")
@login_required
def start():
    """新建填报: choose a project, see what may be started on it now and why the rest may not."""
    from portal.projects.models import Project
    from portal.projects.queries import visible_projects

    projects = db.session.scalars(visible_projects(current_user).order_by(
        Project.fiscal_year.desc(), Project.code)).all()
    project_id = request.args.get("project_id", type=int)
    project = project_or_404(current_user, project_id) if project_id else None
    options = starting.start_options(project, current_user, today()) if project else []
    return render_template("submissions/start.html", projects=projects, project=project, options=options)


@bp.route("/new", methods=["POST"])
@login_required
def new():
    project = project_or_404(current_user, request.form.get("project_id", type=int) or 0)
    kind = request.form.get("kind", "")
    checkpoint = request.form.get("checkpoint", type=int) if kind == "monitoring" else None
    option = starting.option_for(project, current_user, today(), kind, checkpoint)
    back = url_for("submissions.start", project_id=project.id)
    if option is None:
        flash("请选择要新建的材料类型" + ("和工作日历中的监控节点" if kind == "monitoring" else ""), "error")
        return redirect(back)
    replaces = None  # 重新填报: an explicit new version that supersedes the old one
    if request.form.get("replaces", type=int):
        replaces = submission_or_404(current_user, request.form.get("replaces", type=int))
        if not is_owner(current_user, replaces):
            abort(403)
    if option.existing is not None and replaces is None:
        flash(operations.duplicate_message(option.existing), "warning")
        return redirect(url_for("submissions.detail", submission_id=option.existing.id))
    if not option.possible and replaces is None:
        if kind in starting.UNIT_KINDS and project.unit_id != current_user.org_id or (
                kind in starting.FIRM_KINDS and current_user.org.kind != "firm"):
            abort(403)
        flash(f"暂不能新建{option.label}：{option.note}", "error")
        return redirect(back)
    try:
        if kind == "target_declaration":
            submission = target_ops.declare(project, current_user, reason=request.form.get("reason", ""))
        else:
            submission = operations.create(kind=kind, project=project, user=current_user, checkpoint=checkpoint,
                                           replaces=replaces)
    except operations.DuplicateRecord as exc:
        db.session.rollback()
        flash(str(exc), "error")
        existing = exc.existing
        if existing is not None and db.session.scalar(
                visible_submissions(current_user).where(Submission.id == existing.id)) is not None:
            return redirect(url_for("submissions.detail", submission_id=existing.id))
        return redirect(back)
    except operations.WorkflowError as exc:
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(f"已新建{option.label}草稿", "success")
    return redirect(url_for("submissions.edit", submission_id=submission.id))


def _proposals(submission: Submission, attachments) -> list:
    """Score proposals read from attached reports of evaluation kinds (for the reviewer to confirm)."""
    from portal.files.queries import score_proposal

    if submission.kind not in {"third_party", "department_evaluation"}:
        return []
    out = []
    for attachment in attachments:
        proposal = score_proposal(attachment)
        if proposal.total is not None or proposal.items:
            out.append((attachment, proposal))
    return out


def _context(submission: Submission) -> dict:
    from portal.files.queries import attachments_of

    framework = db.session.get(Framework, submission.framework_id) if submission.framework_id else None
    attachments = attachments_of("submission", submission.id)
    return dict(attachments=attachments, proposals=_proposals(submission, attachments),submission=submission, summary=effects.score_summary(submission), framework=framework,
                rates=effects.indicator_rates(submission) if submission.target_version else {},
                comments=submission.open_comments(), checkpoints=CHECKPOINT_LABELS, states=STATES, action_labels=ACTION_LABELS,
                spent_rate=effects.spent_rate(submission),
                deviations=effects.monitoring_deviations(submission) if submission.kind == "monitoring" else [])


@bp.route("/<int:submission_id>")
@login_required
def detail(submission_id: int):
    submission = submission_or_404(current_user, submission_id)
    if current_user.org_id != submission.org_id:
        # "Who has read this before it was published?" must be answerable.
        record("view_unpublished", target_type="submission", target_id=submission.id, material=submission.kind,
               org=submission.org.name)
        operations.mark_opened(submission, current_user)
        db.session.commit()
    replacement = db.session.scalar(visible_submissions(current_user).where(
        Submission.replaces_id == submission.id, Submission.state != "withdrawn").limit(1))
    may_replace = (is_owner(current_user, submission) and submission.state == "approved" and replacement is None
                   and submission.superseded_at is None and submission.kind != "target_declaration")
    return render_template("submissions/detail.html", actions=available_actions(current_user, submission),
                           replacement=replacement, may_replace=may_replace,
                           sections=plugins.submission_sections(submission, current_user),
                           can_edit=is_owner(current_user, submission) and submission.is_editable,
                           **_context(submission))


def _rows_from_form(form) -> list[dict]:
    names = form.getlist("ind_name")
    fields = ("level1", "level2", "operator", "value", "text_value", "unit", "weight", "library")
    columns = {f: form.getlist(f"ind_{f}") for f in fields}
    removed = set(form.getlist("ind_remove"))
    core = set(form.getlist("ind_core"))  # 核心指标 checkboxes carry their row's index
    rows = []
    for i, name in enumerate(names):
        if str(i) in removed:
            continue
        rows.append({"name": name, **{f: (columns[f][i] if i < len(columns[f]) else "") for f in fields},
                     "core": "1" if str(i) in core else ""})
    return rows


@bp.route("/<int:submission_id>/edit", methods=["GET", "POST"])
@login_required
def edit(submission_id: int):
    submission = submission_or_404(current_user, submission_id)
    if not is_owner(current_user, submission):
        abort(403)
    if submission.kind == "exante":  # 事前绩效评估 has its own form
        return redirect(url_for("exante.edit", submission_id=submission.id))
    if not submission.is_editable:
        flash(f"材料当前状态为“{submission.state_label}”，不能修改", "warning")
        return redirect(url_for("submissions.detail", submission_id=submission.id))
    form = request.form
    rows = None
    if request.method == "POST":
        try:
            if submission.kind == "target_declaration":
                rows = _rows_from_form(form)
                if "add_row" in form:
                    rows.append(_blank_row())
                    return render_template("submissions/edit.html", rows=rows, **_edit_lists(submission),
                                           **_context(submission))
                target_ops.save_indicators(submission, current_user, rows, overall_goal=form.get("overall_goal", ""),
                                           reason=form.get("reason"))
            if submission.kind in {"monitoring", "self_evaluation"}:
                results = {}
                for ind in submission.target_version.indicators:
                    results[ind.id] = {"actual": form.get(f"actual_{ind.id}"), "actual_text": form.get(f"actual_text_{ind.id}"),
                                       "judged": form.get(f"judged_{ind.id}"), "note": form.get(f"note_{ind.id}", ""),
                                       "expects": form.get(f"expects_{ind.id}", "1") == "1"}
                operations.save_data(submission, current_user, spent=form.get("spent", "").strip() or None)
                save_reported(submission, current_user, form)  # per-source 到位数 / 执行数, if given
                operations.save_results(submission, current_user, results)
            if submission.kind in {"department_evaluation", "third_party"}:
                framework = db.session.get(Framework, submission.framework_id)
                operations.save_scores(submission, current_user,
                                       {item.id: form.get(f"score_{item.id}") for item in framework.items})
                operations.save_data(submission, current_user,
                                     team=[t.strip() for t in form.get("team", "").splitlines() if t.strip()])
            if submission.kind != "target_declaration":
                operations.save_findings(submission, current_user, form.get("findings", "").splitlines(),
                                         form.get("recommendations", "").splitlines())
            operations.save_data(submission, current_user, summary=form.get("summary", "").strip())
        except target_ops.TargetRowsError as exc:
            db.session.rollback()
            flash(f"绩效目标表有 {exc.count} 处需要修改，已在对应行标出；尚未保存", "error")
            submission = submission_or_404(current_user, submission_id)
            return render_template("submissions/edit.html", rows=rows, form_values=form, row_errors=exc.rows,
                                   table_errors=exc.general, **_edit_lists(submission),
                                   **_context(submission)), 422
        except operations.WorkflowError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            submission = submission_or_404(current_user, submission_id)
            return render_template("submissions/edit.html", rows=rows, form_values=form, **_edit_lists(submission),
                                   **_context(submission)), 422
        db.session.commit()
        flash("已保存", "success")
        if "save_submit" in form:
            return _transition(submission, "submit")
        return redirect(url_for("submissions.edit", submission_id=submission.id))
    if submission.kind == "target_declaration":
        rows = [dict(level1=i.level1, level2=i.level2, name=i.name, operator=i.operator,
                     value="" if i.value is None else f"{i.value.normalize():f}", text_value=i.text_value,
                     unit=i.unit, weight=f"{i.weight.normalize():f}", library=i.library_item_id or "",
                     core="1" if i.is_core else "")
                for i in submission.target_version.indicators]
        rows.append(_blank_row())
    return render_template("submissions/edit.html", rows=rows, form_values={}, **_edit_lists(submission),
                           **_context(submission))


def _blank_row() -> dict:
    return {"level1": "", "level2": "", "operator": "≥"}


def _edit_lists(submission: Submission) -> dict:
    """Choices of the target editor: the year's indicator tree, operators, units, and what may be copied."""
    tree = target_tree.tree_for_project(submission.project)
    copy_source = (target_ops.copy_source(submission.project, current_user)
                   if submission.kind == "target_declaration" else None)
    return dict(tree=tree, operators=OPERATORS, units=UNITS, copy_source=copy_source,
                tree_basis=target_tree.basis_for(submission.project.fiscal_year, submission.project.unit.parent_id))


@bp.route("/<int:submission_id>/copy-targets", methods=["POST"])
@login_required
def copy_targets(submission_id: int):
    """从上年已批准目标复制 — fill the draft table from last year's (or the previous) approved targets."""
    submission = submission_or_404(current_user, submission_id)
    if not is_owner(current_user, submission) or submission.kind != "target_declaration":
        abort(403)
    try:
        source = target_ops.copy_approved(submission, current_user)
    except operations.WorkflowError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(f"已复制{source.project.fiscal_year}年度“{source.project.name}”{source.label}的 "
              f"{len(source.indicators)} 项指标，请逐项核对后保存", "success")
    return redirect(url_for("submissions.edit", submission_id=submission.id))


def _transition(submission: Submission, action: str):
    """Apply ``action`` once the user has confirmed it; until then show what it will do."""
    field_comments = {key[len("comment_"):]: value for key, value in request.form.items()
                      if key.startswith("comment_")}
    comment = request.form.get("comment", "")
    try:
        if action in CONSEQUENCES and request.form.get("confirmed") != "1":
            rule, comment, field_comments = operations.check_transition(
                submission, action, current_user, comment=comment, field_comments=field_comments)
            return render_template("submissions/transition_confirm.html", submission=submission, rule=rule,
                                   consequence=consequence(action, submission), comment=comment,
                                   field_comments=field_comments)
        operations.apply_transition(submission, action, current_user, comment=comment,
                                    field_comments=field_comments)
    except operations.WorkflowError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("submissions.detail", submission_id=submission.id))
    db.session.commit()
    flash(f"已{ACTION_LABELS[action]}", "success")
    return redirect(url_for("submissions.detail", submission_id=submission.id))


@bp.route("/<int:submission_id>/transition", methods=["POST"])
@login_required
def transition(submission_id: int):
    submission = submission_or_404(current_user, submission_id)
    action = request.form.get("action", "")
    if action not in ACTION_LABELS:
        abort(400)
    return _transition(submission, action)
