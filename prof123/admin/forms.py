from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional

from prof123.auth.forms import STAFF_PASSWORD_MIN_LENGTH
from prof123.models import Role

MIN_PASSWORD_LENGTH = STAFF_PASSWORD_MIN_LENGTH

# Choices that depend on the school (its classes, its year groups) are filled in by the
# route before validation, so a value that is not offered is refused.


class StaffCreateForm(FlaskForm):
    display_name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    email = EmailField(
        "Email", validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)]
    )
    role = SelectField(
        "Role",
        choices=[
            SelectChoice(Role.TEACHER.value, "Teacher"),
            SelectChoice(Role.SCHOOL_ADMIN.value, "School admin"),
        ],
        default=Role.TEACHER.value,
    )
    password = PasswordField(
        "First password (they can hand it over; at least 12 characters)",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=128)],
        render_kw={"autocomplete": "new-password"},
    )


class StaffClassesForm(FlaskForm):
    classes = SelectMultipleField(
        "Classes this school year",
        choices=[],
        invalid_choice_message="Choose classes from the list.",
    )


class ClassForm(FlaskForm):
    name = StringField(
        "Class name",
        validators=[DataRequired("Type a name for the class, such as 4B."), Length(max=40)],
    )
    academic_year = SelectField("School year", coerce=int, choices=[])


class ClassRenameForm(FlaskForm):
    name = StringField(
        "New name",
        validators=[DataRequired("Type the class's new name."), Length(max=40)],
    )


class PupilsMoveForm(FlaskForm):
    pupils = SelectMultipleField(
        "Pupils to move",
        choices=[],
        validators=[DataRequired("Tick the pupils to move.")],
        invalid_choice_message="Tick pupils of this class only.",
    )
    to_class = SelectField(
        "Move them to",
        choices=[],
        validators=[DataRequired("Choose the class to move them to.")],
        invalid_choice_message="Choose one of the classes in the list.",
    )


class PupilForm(FlaskForm):
    first_name = StringField(
        "First name", validators=[DataRequired("Type the pupil's first name."), Length(max=60)]
    )
    last_name = StringField(
        "Last name", validators=[DataRequired("Type the pupil's last name."), Length(max=60)]
    )
    cohort = SelectField(  # a cohort's start year
        "Year group",
        choices=[],
        validators=[DataRequired("Choose the pupil's year group.")],
        invalid_choice_message="Choose one of the year groups in the list.",
    )
    classes = SelectMultipleField(
        "Classes", choices=[], invalid_choice_message="Choose classes from the list."
    )


class PupilSearchForm(FlaskForm):
    """The pupil list's search and filters, read from the query string (no CSRF: a GET
    changes nothing). Anything not understood is simply left out of the search."""

    class Meta:
        csrf = False

    q = StringField("Search by name or username", validators=[Optional(), Length(max=100)])
    class_id = SelectField("Class", choices=[], validators=[Optional()])
    cohort = SelectField("Year group", choices=[], validators=[Optional()])
    status = SelectField(
        "Show",
        choices=[SelectChoice("", "Pupils on roll"), SelectChoice("leavers", "Leavers")],
        validators=[Optional()],
    )
    page = IntegerField("Page", validators=[Optional()])
