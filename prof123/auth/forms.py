from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from prof123.auth.services import PUPIL_SECRET_LENGTH

STAFF_PASSWORD_MIN_LENGTH = 12
STAFF_PASSWORD_MAX_LENGTH = 128

SECRET_RULE = Regexp(
    rf"^\s*[0-9]{{{PUPIL_SECRET_LENGTH}}}\s*$", message="Your secret is 4 numbers."
)


# What tablets should do with each field: a number pad for secrets, and no automatic
# capitals, corrections or suggestions for codes and usernames.
TYPED_CODE = {
    "autocomplete": "off",
    "autocapitalize": "characters",
    "spellcheck": "false",
    "autocorrect": "off",
}
TYPED_NAME = {
    "autocomplete": "off",
    "autocapitalize": "none",
    "spellcheck": "false",
    "autocorrect": "off",
}
TYPED_SECRET = {"autocomplete": "off", "inputmode": "numeric", "maxlength": "4"}


class StaffSignInForm(FlaskForm):
    email = EmailField(
        "Email",
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )


class PupilSignInForm(FlaskForm):
    school_code = StringField(
        "School code",
        validators=[DataRequired("Type your school code."), Length(max=12)],
        render_kw=TYPED_CODE,
    )
    username = StringField(
        "Username",
        validators=[DataRequired("Type your username."), Length(max=40)],
        render_kw=TYPED_NAME,
    )
    secret = PasswordField(
        "Secret",
        validators=[DataRequired("Type your secret."), SECRET_RULE],
        render_kw=TYPED_SECRET,
    )


class ClassCodeForm(FlaskForm):
    code = StringField(
        "Code on the board",
        validators=[DataRequired("Type the code on the board."), Length(max=12)],
        render_kw=TYPED_CODE,
    )


class ClassPupilSecretForm(FlaskForm):
    secret = PasswordField(
        "Secret",
        validators=[DataRequired("Type your secret."), SECRET_RULE],
        render_kw=TYPED_SECRET,
    )


class SetPasswordForm(FlaskForm):
    """A new staff password, set with the one-time link a school admin handed over."""

    password = PasswordField(
        f"New password (at least {STAFF_PASSWORD_MIN_LENGTH} characters)",
        validators=[
            DataRequired("Type a new password."),
            Length(
                min=STAFF_PASSWORD_MIN_LENGTH,
                max=STAFF_PASSWORD_MAX_LENGTH,
                message=f"Use at least {STAFF_PASSWORD_MIN_LENGTH} characters "
                f"(and at most {STAFF_PASSWORD_MAX_LENGTH}).",
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "The same password again",
        validators=[
            DataRequired("Type the password again."),
            EqualTo("password", message="The two passwords are not the same."),
        ],
        render_kw={"autocomplete": "new-password"},
    )
