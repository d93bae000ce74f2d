"""Forms of the sensitive-term page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional


class TermCreateForm(FlaskForm):
    term = StringField("敏感词", validators=[DataRequired("请输入敏感词"), Length(max=200)])
    note = StringField("说明", validators=[Optional(), Length(max=300)])


class TermDeactivateForm(FlaskForm):
    """An empty form: the CSRF-protected 停用 button."""
