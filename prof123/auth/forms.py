from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from prof123.auth.services import PUPIL_SECRET_LENGTH

SECRET_RULE = Regexp(
    rf"^\s*[0-9]{{{PUPIL_SECRET_LENGTH}}}\s*$", message="Your secret is 4 numbers."
)


class StaffSignInForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class PupilSignInForm(FlaskForm):
    school_code = StringField(
        "School code", validators=[DataRequired("Type your school code."), Length(max=12)]
    )
    username = StringField(
        "Username", validators=[DataRequired("Type your username."), Length(max=40)]
    )
    secret = PasswordField("Secret", validators=[DataRequired("Type your secret."), SECRET_RULE])


class ClassCodeForm(FlaskForm):
    code = StringField(
        "Code on the board",
        validators=[DataRequired("Type the code on the board."), Length(max=12)],
    )


class ClassPupilSecretForm(FlaskForm):
    secret = PasswordField("Secret", validators=[DataRequired("Type your secret."), SECRET_RULE])
