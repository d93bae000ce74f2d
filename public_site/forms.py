"""Forms of the staff pages: preview/confirm, disclosure dates, withdrawal."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.util import choices
from public_site.models import DISCLOSURE_LABELS


class PublicationPreviewForm(FlaskForm):
    extra = TextAreaField("补充脱密内容", validators=[Length(max=5000)],
                          description="每行一项；该文字在标题、正文、表格等所有位置出现处都会被替换为“[敏感信息]”。")
    digest = HiddenField()
    action = HiddenField(default="preview")

    def extras(self) -> list[str]:
        return [line.strip() for line in (self.extra.data or "").splitlines() if line.strip()]


class DisclosureDateForm(FlaskForm):
    fiscal_year = IntegerField("预算年度", validators=[DataRequired("请填写预算年度"),
                                                   NumberRange(2000, 2100, "预算年度应在 2000–2100 之间")])
    disclosure = SelectField("公开类型", choices=choices(DISCLOSURE_LABELS.items()))
    day = DateField("公开日期", validators=[DataRequired("请选择公开日期（格式 2024-08-31）")])
    #: Asked on the confirmation step, which lists what the change hides and reveals.
    reason = TextAreaField("修改原因", validators=[Optional(), Length(max=500)])


class PublicationWithdrawForm(FlaskForm):
    reason = TextAreaField("撤回理由", validators=[DataRequired("请填写撤回理由"), Length(max=2000)])
