"""Sign in, sign out and change one's own password."""

from __future__ import annotations

import math

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts import operations, queries, throttle
from portal.accounts.forms import LoginForm, PasswordChangeForm
from portal.audit.operations import record
from portal.extensions import db, limiter, login_manager
from portal.util import is_safe_next, utcnow

bp = Blueprint("auth", __name__, url_prefix="/work", template_folder="templates")

login_manager.login_view = "auth.login"
login_manager.login_message = "请先登录"
login_manager.login_message_category = "warning"
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(token: str):
    user = queries.user_by_login_token(token)
    if user is None or not user.is_active or not user.org.is_active:
        return None
    return user


def _ip_limit() -> str:
    return current_app.config["JIXIAO_LOGIN_IP_LIMIT"]


def _failed_login(response) -> bool:
    """Only failed attempts (wrong password, or trying a locked account) count against the address."""
    return bool(g.get("login_failed"))


def _locked_page(username: str, seconds: int):
    """The answer while an account name is locked (no password is checked)."""
    from portal.errors import render_error

    record("login_throttled", user=queries.user_by_username(username), username=username[:80], seconds=seconds)
    db.session.commit()
    minutes = max(1, math.ceil(seconds / 60))
    return render_error(429, "登录尝试过于频繁",
                        f"该账号连续登录失败次数过多，已暂时锁定，请 {minutes} 分钟后再试。其他账号不受影响。")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_ip_limit, methods=["POST"], deduct_when=_failed_login)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    next_url = request.values.get("next")
    if form.validate_on_submit():
        username = form.username.data.strip()
        if seconds := throttle.locked_for(username):
            g.login_failed = True
            return _locked_page(username, seconds)
        user = queries.user_by_username(username)
        if user and user.check_password(form.password.data) and user.is_active and user.org.is_active:
            throttle.succeeded(username)
            session.clear()  # no session fixation: a fresh session for the signed-in user
            login_user(user)
            user.last_login_at = utcnow()
            record("login_success", user=user)
            db.session.commit()
            if user.must_change_password:
                flash("这是您首次登录（或密码已被重置），请先设置新密码。", "warning")
                return redirect(url_for("auth.change_password"))
            return redirect(next_url if is_safe_next(next_url) else url_for("dashboard.index"))
        g.login_failed = True
        locked = throttle.failed(username)
        record("login_failure", user=user, username=username[:80], locked_seconds=locked or None,
               reason="disabled" if user and not (user.is_active and user.org.is_active) else "credentials")
        db.session.commit()
        form.password.errors.append("用户名或密码不正确，或账号已停用")
    return render_template("accounts/login.html", form=form, next_url=next_url if is_safe_next(next_url) else None)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out on the server: the user's session token changes, so no copy of this cookie (nor any
    other session of the user) stays signed in."""
    record("logout")
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    session.clear()
    flash("您已安全退出", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            operations.change_password(current_user, form.current.data, form.new.data)
        except operations.AccountError as exc:
            form.current.errors.append(str(exc))
        else:
            db.session.commit()
            # The session token rotated with the password: sign in again on this session only.
            session.clear()
            login_user(current_user._get_current_object())
            flash("密码已修改", "success")
            return redirect(url_for("dashboard.index"))
    return render_template("accounts/password.html", form=form)
