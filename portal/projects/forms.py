"""The project form (funding entered per source in the template's table)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange

from portal.projects.models import CATEGORIES, KINDS
from portal.util import choices


class ProjectCreateForm(FlaskForm):
    code = StringField("项目编码", validators=[DataRequired("请填写项目编码"), Length(max=40)])
    name = StringField("项目名称", validators=[DataRequired("请填写项目名称"), Length(max=200)])
    unit_id = SelectField("预算单位", coerce=int)
    fiscal_year = IntegerField("预算年度", validators=[DataRequired("请填写预算年度"),
                                                   NumberRange(2000, 2100, "预算年度无效")])
    kind = SelectField("项目类型", choices=choices(KINDS.items()))
    category = SelectField("预算类别", choices=choices((c, c) for c in CATEGORIES))
    description = TextAreaField("项目概况", validators=[Length(max=5000)])
