"""The plugin's page: the list of the region's notices and, for bureau staff, a form to add one."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange

from notices.models import Notice
from notices.queries import may_write, visible_notices
from portal import db

# Named after the plugin (the factory refuses anything else); templates under templates/notices/.
bp = Blueprint("notices", __name__, url_prefix="/work/notices", template_folder="templates")


class NoticeForm(FlaskForm):
    fiscal_year = IntegerField("年度", validators=[DataRequired("请填写年度"),
                                                   NumberRange(2000, 2100, "年度应在 2000–2100 之间")])
    title = StringField("标题", validators=[DataRequired("请填写标题"), Length(max=200, message="标题最多 200 字")])
    body = TextAreaField("正文", validators=[Length(max=5000, message="正文最多 5000 字")])


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    form = NoticeForm() if may_write(current_user) else None
    if form is not None and form.validate_on_submit():
        db.session.add(Notice(bureau_id=current_user.bureau_id, fiscal_year=form.fiscal_year.data,
                              title=form.title.data.strip(), body=(form.body.data or "").strip(),
                              created_by_id=current_user.id))
        db.session.commit()
        flash("通知公告已保存", "success")
        return redirect(url_for("notices.index"))
    notices = db.session.scalars(visible_notices(current_user)).all()
    return render_template("notices/index.html", notices=notices, form=form)
