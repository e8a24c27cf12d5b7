"""Forms of the school's data-rights pages. None binds a school, role or id from input."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional, ValidationError

from prof123.admin.rights import RETENTION_CHOICES


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


def _local_path(_form, field) -> None:
    """Where to go back to afterwards: a page of this site's admin area, nothing else."""
    value = field.data or ""
    if value and (not value.startswith("/admin/") or "//" in value or "\\" in value):
        raise ValidationError("Not a page of this site.")


class RestrictionForm(FlaskForm):
    restricted = HiddenField(
        validators=[AnyOf(["yes", "no"], message="Choose to restrict or to lift the restriction.")]
    )
    back = HiddenField(validators=[Optional(), _local_path])


class EraseForm(FlaskForm):
    username = StringField(
        "Type the pupil\u2019s username to confirm",
        validators=[
            DataRequired(message="Type the pupil\u2019s username to confirm."),
            Length(max=40),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"},
    )


class RetentionForm(FlaskForm):
    days = RadioField(
        "Keep a leaver\u2019s data for",
        choices=[SelectChoice(days, label) for days, label in RETENTION_CHOICES],
        coerce=int,
        validators=[InputRequired(message="Choose how long to keep a leaver\u2019s data.")],
    )


class AuditFilterForm(FlaskForm):
    """Read from the query string (a GET form: nothing changes, no CSRF token)."""

    class Meta:
        csrf = False

    action = SelectField("What was done", choices=[], default="")
    object_type = SelectField("To what", choices=[], default="")
    staff = SelectField("By whom", choices=[], default="")
    since = DateField("From", validators=[Optional()])
    until = DateField("To", validators=[Optional()])

    def validate_until(self, field) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError("The \u201cto\u201d date is before the \u201cfrom\u201d date.")

    def offer(self, actions: list[str], kinds: list[str], staff: list[tuple[str, str]]) -> None:
        def choices(first: str, pairs) -> list[SelectChoice]:
            return [SelectChoice("", first), *(SelectChoice(v, label) for v, label in pairs)]

        self.action.choices = choices("Anything", ((a, a.replace("_", " ")) for a in actions))
        self.object_type.choices = choices("Anything", ((k, k.replace("_", " ")) for k in kinds))
        self.staff.choices = choices("Anyone", staff)
