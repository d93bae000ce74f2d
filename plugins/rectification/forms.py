"""Forms of the rectification plugin: items (from findings, by hand), evidence, decisions, sample draws."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from plugins.rectification.models import SEVERITIES
from portal.util import choices

DATE_MESSAGE = "请按“年-月-日”填写日期，例如 2025-06-30"


class LocalDateField(DateField):
    """A date field whose parse error is the Chinese message (WTForms' own is English)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(DATE_MESSAGE) from None


class _ItemFields(FlaskForm):
    severity = SelectField("严重程度", choices=choices(SEVERITIES.items()), default="general")
    deadline = LocalDateField("整改期限", validators=[InputRequired(DATE_MESSAGE)])
    responsible_person = StringField("责任人", validators=[Optional(), Length(max=100, message="责任人姓名过长")])


class ItemsFromFindingsForm(_ItemFields):
    """One item per checked finding (the checkboxes are read from ``finding_id``)."""


class ItemCreateForm(_ItemFields):
    """An item recorded by hand, e.g. from a verification check (抽查)."""

    project_id = SelectField("项目", coerce=int, validators=[DataRequired("请选择项目")])
    description = TextAreaField("问题描述", validators=[DataRequired("请填写问题描述"), Length(max=5000)])


class EvidenceForm(FlaskForm):
    text = TextAreaField("整改情况说明", validators=[DataRequired("请填写整改情况说明"), Length(max=20000)])
    responsible_person = StringField("责任人", validators=[Optional(), Length(max=100, message="责任人姓名过长")])


class SampleDrawForm(FlaskForm):
    year = IntegerField("年度", validators=[InputRequired("请填写年度"), NumberRange(2000, 2100, "年度无效")])
    share = DecimalField("抽查比例（0.10 即 10%）", default=0.10, places=2,
                         validators=[InputRequired("请填写抽查比例"), NumberRange(0.01, 1, "抽查比例应在 0.01 至 1 之间")])
    seed = IntegerField("随机种子（可选）", validators=[Optional(), NumberRange(0, 2**62, "随机种子应为非负整数")])
