"""Forms for signing in, changing passwords and managing accounts."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp, ValidationError

from portal.accounts.models import ORG_KIND_LABELS, ROLE_LABELS
from portal.util import choices

MIN_PASSWORD = 10


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired("请输入用户名"), Length(max=80)])
    password = PasswordField("密码", validators=[DataRequired("请输入密码"), Length(max=200)])


def _password_strength(form, field) -> None:
    value = field.data or ""
    kinds = sum([any(c.isdigit() for c in value), any(c.isalpha() for c in value),
                 any(not c.isalnum() for c in value)])
    if len(value) < MIN_PASSWORD or kinds < 2:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 位，且须包含字母、数字、符号中的两类")


class PasswordChangeForm(FlaskForm):
    current = PasswordField("当前密码", validators=[DataRequired("请输入当前密码")])
    new = PasswordField("新密码", validators=[DataRequired("请输入新密码"), _password_strength])
    confirm = PasswordField("确认新密码", validators=[DataRequired("请再次输入新密码"),
                                                  EqualTo("new", "两次输入的新密码不一致")])

    def validate_new(self, field) -> None:
        if field.data and field.data == self.current.data:
            raise ValidationError("新密码不能与当前密码相同")


class OrganisationCreateForm(FlaskForm):
    name = StringField("名称", validators=[DataRequired("请输入名称"), Length(max=200)])
    kind = SelectField("类型", choices=choices((k.value, v) for k, v in ORG_KIND_LABELS.items()
                                               if k.value != "bureau"))
    region = StringField("所在区县", validators=[Optional(), Length(max=100)])
    credit_code = StringField("统一社会信用代码", validators=[
        Optional(), Regexp(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
                           message="统一社会信用代码应为 18 位（数字或大写字母）")])


class UserCreateForm(FlaskForm):
    username = StringField("用户名", validators=[
        DataRequired("请输入用户名"), Length(min=3, max=80),
        Regexp(r"^[A-Za-z0-9_.-]+$", message="用户名只能包含字母、数字、下划线、点和连字符")])
    full_name = StringField("姓名", validators=[DataRequired("请输入姓名"), Length(max=100)])
    org_id = SelectField("所属单位", coerce=int)
    roles = SelectMultipleField("角色", choices=choices((k.value, v) for k, v in ROLE_LABELS.items()),
                                validators=[DataRequired("请至少选择一个角色")])
    password = PasswordField("初始密码", validators=[DataRequired("请输入初始密码"), _password_strength])


class UserEditForm(FlaskForm):
    full_name = StringField("姓名", validators=[DataRequired("请输入姓名"), Length(max=100)])
    roles = SelectMultipleField("角色", choices=choices((k.value, v) for k, v in ROLE_LABELS.items()),
                                validators=[DataRequired("请至少选择一个角色")])
    new_password = PasswordField("重置密码（留空则不修改）", validators=[Optional(), _password_strength])


class ConfirmForm(FlaskForm):
    """An empty form: a CSRF-protected button (disable, enable…)."""

    confirm = BooleanField(default=True)
