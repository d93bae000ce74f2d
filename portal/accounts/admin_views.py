"""Admin pages: organisations and users of the admin's bureau (create, edit, disable)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.accounts import operations, queries
from portal.accounts.access import roles_required
from portal.accounts.forms import ConfirmForm, OrganisationCreateForm, UserCreateForm, UserEditForm
from portal.accounts.models import ORG_KIND_LABELS, Organisation, Role, User
from portal.extensions import db
from portal.util import choices

bp = Blueprint("admin", __name__, url_prefix="/work/admin", template_folder="templates")


@bp.before_request
@roles_required(Role.ADMIN)
def _admins_only():
    """Every page here is for admins only."""


def _org_or_404(org_id: int) -> Organisation:
    return queries.managed_organisation_or_none(current_user, org_id) or abort(404)


def _user_or_404(user_id: int) -> User:
    return queries.managed_user_or_none(current_user, user_id) or abort(404)


@bp.route("/organisations", methods=["GET", "POST"])
def organisations():
    form = OrganisationCreateForm()
    bureau = queries.bureau_of(current_user)
    if form.validate_on_submit():
        try:
            operations.create_organisation(name=form.name.data, kind=form.kind.data,
                                           region=form.region.data or bureau.region, parent=bureau,
                                           credit_code=form.credit_code.data, actor=current_user)
        except operations.AccountError as exc:
            form.name.errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"已创建“{form.name.data}”", "success")
            return redirect(url_for("admin.organisations"))
    orgs = db.session.scalars(queries.managed_organisations(current_user)
                              .order_by(Organisation.kind, Organisation.name)).all()
    return render_template("accounts/admin_organisations.html", form=form, orgs=orgs,
                           kind_labels=ORG_KIND_LABELS, toggle=ConfirmForm())


@bp.route("/organisations/<int:org_id>/active", methods=["POST"])
def organisation_active(org_id: int):
    org = _org_or_404(org_id)
    if ConfirmForm().validate_on_submit():
        try:
            operations.set_organisation_active(org, request.form.get("active") == "1", actor=current_user)
        except operations.AccountError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"“{org.name}”已{'启用' if org.is_active else '停用'}", "success")
    return redirect(url_for("admin.organisations"))


@bp.route("/users", methods=["GET", "POST"])
def users():
    form = UserCreateForm()
    orgs = db.session.scalars(queries.managed_organisations(current_user).where(
        Organisation.is_active.is_(True)).order_by(Organisation.kind, Organisation.name)).all()
    form.org_id.choices = choices((o.id, f"{o.name}（{o.kind_label}）") for o in orgs)
    if form.validate_on_submit():
        org = _org_or_404(form.org_id.data)
        try:
            user = operations.create_user(username=form.username.data, full_name=form.full_name.data, org=org,
                                          roles=form.roles.data, password=form.password.data, actor=current_user)
        except operations.AccountError as exc:
            form.roles.errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"已创建用户“{user.username}”，首次登录时须修改密码", "success")
            return redirect(url_for("admin.users"))
    org_filter = request.args.get("org", type=int)
    query = queries.managed_users(current_user).join(User.org).order_by(Organisation.name, User.username)
    if org_filter:
        query = query.where(User.org_id == org_filter)
    return render_template("accounts/admin_users.html", form=form, users=db.session.scalars(query).all(),
                           orgs=orgs, org_filter=org_filter, toggle=ConfirmForm())


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user_edit(user_id: int):
    user = _user_or_404(user_id)
    form = UserEditForm(obj=user if request.method == "GET" else None)
    if request.method == "GET":
        form.roles.data = sorted(user.roles)
    if form.validate_on_submit():
        try:
            operations.update_user(user, full_name=form.full_name.data, roles=form.roles.data,
                                   new_password=form.new_password.data or None, actor=current_user)
        except operations.AccountError as exc:
            form.roles.errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"已保存用户“{user.username}”", "success")
            return redirect(url_for("admin.users"))
    return render_template("accounts/admin_user_edit.html", form=form, user=user)


@bp.route("/users/<int:user_id>/active", methods=["POST"])
def user_active(user_id: int):
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        try:
            operations.set_user_active(user, request.form.get("active") == "1", actor=current_user)
        except operations.AccountError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"用户“{user.username}”已{'启用' if user.is_active else '停用'}", "success")
    return redirect(url_for("admin.users"))


@bp.route("/plugins")
def plugins_list():
    """系统管理 → 插件: what ``jixiao plugins`` prints (installed plugins, versions, origin, hooks)."""
    from flask import current_app

    from portal.plugin_info import describe

    return render_template("accounts/admin_plugins.html", infos=describe(current_app))
