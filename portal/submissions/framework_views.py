"""The bureau's scoring frameworks (评价指标体系) and target indicator trees (绩效目标指标体系) per year:
pages of 申报与评价 that 绩效科 uses to set what the year's submissions are scored and filled against."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.extensions import db
from portal.scoring.models import Framework
from portal.submissions.blueprint import bp
from portal.targets import tree as target_tree
from portal.util import today


@bp.route("/frameworks")
@login_required
def frameworks():
    """The defaults and the frameworks the user's bureau defined per year (评价指标体系)."""
    from portal.scoring.frameworks import FRAMEWORK_KINDS, ensure_defaults

    ensure_defaults()
    db.session.commit()
    rows = db.session.scalars(select(Framework).where(
        (Framework.is_default.is_(True)) | (Framework.bureau_id == current_user.bureau_id))
        .order_by(Framework.is_default.desc(), Framework.kind, Framework.fiscal_year.desc())).all()
    this_year = today().year
    return render_template("submissions/frameworks.html", frameworks=rows, kinds=FRAMEWORK_KINDS,
                           may_define=current_user.is_bureau, years=range(this_year - 1, this_year + 2),
                           defined={(f.kind, f.fiscal_year): f for f in rows if not f.is_default},
                           tree_bases={y: target_tree.basis_for(y, current_user.bureau_id)
                                       for y in range(this_year - 1, this_year + 2)})


@bp.route("/frameworks/<kind>/<int:year>", methods=["GET", "POST"])
@login_required
def framework_edit(kind: str, year: int):
    """The bureau's framework of ``kind`` for ``year``: defined by 绩效科, starting from the default."""
    from portal.scoring import frameworks as fw

    if kind not in fw.FRAMEWORK_KINDS or not 2000 <= year <= 2100:
        abort(404)
    if not current_user.is_bureau:
        abort(403)
    may_edit = current_user.has_role("bureau_reviewer")
    status, submitted = 200, None
    if request.method == "POST":
        if not may_edit:
            abort(403)
        submitted = list(zip(request.form.getlist("level1"), request.form.getlist("level2"),
                             request.form.getlist("name"), request.form.getlist("weight"), strict=False))
        try:
            fw.save_framework(kind=kind, fiscal_year=year, bureau_id=current_user.bureau_id,
                              name=request.form.get("framework_name", ""), rows=submitted, user=current_user)
        except fw.FrameworkError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            status = 422
        else:
            db.session.commit()
            flash(f"已保存{year}年度{fw.FRAMEWORK_KINDS[kind]}指标体系；此后新建的该年度材料按它评分", "success")
            return redirect(url_for("submissions.framework_edit", kind=kind, year=year))
    own = fw.bureau_framework(kind, year, current_user.bureau_id)
    base = own or fw.default_framework(kind)
    db.session.commit()
    used = fw.usage(own) if own else 0
    if submitted is None:
        submitted = [(i.level1, i.level2, i.name, f"{i.weight.normalize():f}") for i in base.items]
        name = own.name if own else f"{year}年度{fw.FRAMEWORK_KINDS[kind]}指标体系"
    else:
        name = request.form.get("framework_name", "")
    rows = [*submitted, *[("", "", "", "")] * 3]
    return render_template("submissions/framework_edit.html", kind=kind, kind_label=fw.FRAMEWORK_KINDS[kind],
                           year=year, own=own, base=base, used=used, rows=rows, name=name,
                           may_edit=may_edit and not used), status


@bp.route("/target-tree/<int:year>", methods=["GET", "POST"])
@login_required
def target_tree_edit(year: int):
    """绩效目标指标体系 of a year: the 一级 → 二级 tree target tables use, chosen by 绩效科."""
    if not 2000 <= year <= 2100:
        abort(404)
    if not current_user.is_bureau:
        abort(403)
    may_edit = current_user.has_role("bureau_reviewer")
    status, text = 200, None
    if request.method == "POST":
        if not may_edit:
            abort(403)
        text = request.form.get("tree", "")
        try:
            target_tree.save_tree(bureau_id=current_user.bureau_id, fiscal_year=year, user=current_user,
                                  preset=request.form.get("preset", ""), text=text)
        except target_tree.TreeError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            status = 422
        else:
            db.session.commit()
            flash(f"已保存{year}年度绩效目标指标体系；该年度的目标表按它填写和检查", "success")
            return redirect(url_for("submissions.target_tree_edit", year=year))
    tree = target_tree.tree_for(year, current_user.bureau_id)
    return render_template("submissions/target_tree_edit.html", year=year, tree=tree, may_edit=may_edit,
                           text=target_tree.tree_text(tree) if text is None else text,
                           basis=target_tree.basis_for(year, current_user.bureau_id),
                           presets=target_tree.PRESETS), status
