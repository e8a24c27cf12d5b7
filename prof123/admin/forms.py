from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from prof123.models import Role

MIN_PASSWORD_LENGTH = 12


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
