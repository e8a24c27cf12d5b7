from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf, Optional


class ClassCodeOpenForm(FlaskForm):
    """Open the class's code; ``replace=yes`` asks for a new one instead of the open one."""

    replace = HiddenField(validators=[Optional(), AnyOf(["yes"])])
