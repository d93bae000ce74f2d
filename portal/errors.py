"""Friendly error pages in Chinese; never a traceback for the user."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: ("请求无效", "提交的内容无法处理，请返回上一页重试。"),
    403: ("无权访问", "您没有权限查看此页面。如需访问，请联系本单位管理员。"),
    404: ("页面不存在", "您访问的页面不存在或已被移除。"),
    405: ("请求方式不正确", "此页面不支持该操作。"),
    410: ("内容已撤回", "该内容已撤回，不再公开。"),
    413: ("文件过大", "上传的文件超过了允许的大小，请压缩或拆分后重新上传。"),
    429: ("操作过于频繁", "尝试次数过多，请稍后再试。"),
    500: ("系统内部错误", "系统处理时出现问题，已记录。请稍后重试；您已保存的内容不受影响。"),
}


def render_error(code: int, title: str | None = None, message: str | None = None, **extra):
    default_title, default_message = MESSAGES.get(code, ("出错了", "请求无法完成。"))
    return render_template("errors/error.html", code=code, title=title or default_title,
                           message=message or default_message, **extra), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return render_error(400, "页面已过期或来源不明",
                            "表单校验失败（缺少或过期的安全令牌）。请刷新页面后重新提交；"
                            "若多次出现，请重新登录。")

    @app.errorhandler(429)
    def too_many(exc):
        if request.endpoint == "auth.login":
            from portal.accounts.queries import user_by_username
            from portal.audit.operations import record
            from portal.extensions import db

            username = (request.form.get("username") or "").strip()[:80]
            record("login_throttled", user=user_by_username(username) if username else None,
                   username=username or None, limit="address")
            db.session.commit()
            return render_error(429, "登录尝试过于频繁",
                                "本机所在网络地址的登录失败次数过多，已暂时限制登录，请稍后再试。")
        return render_error(429)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        description = getattr(exc, "jixiao_message", None)
        return render_error(exc.code or 500, message=description)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        from portal.extensions import db

        db.session.rollback()
        return render_error(500)
