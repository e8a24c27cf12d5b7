from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, NumberRange, Optional

from prof123.models import GameMode

TABLE_CHOICES = [SelectChoice(str(t), f"{t}×") for t in range(1, 13)]


class StartGameForm(FlaskForm):
    mode = HiddenField(validators=[DataRequired(), AnyOf([m.value for m in GameMode])])
    tables = SelectMultipleField("Tables", choices=TABLE_CHOICES, validators=[Optional()])
    operations = SelectField(
        "Questions",
        choices=[
            SelectChoice("×", "× times"),
            SelectChoice("÷", "÷ divide"),
            SelectChoice("×÷", "both"),
        ],
        default="×",
    )
    count = SelectField(
        "How many",
        choices=[SelectChoice("10", "10"), SelectChoice("20", "20"), SelectChoice("30", "30")],
        default="10",
    )
    timed = BooleanField("With a timer (6 seconds)")


class AnswerForm(FlaskForm):
    """One answer from the game page. ``typed`` is kept as typed; marking decides."""

    number = IntegerField(validators=[DataRequired(), NumberRange(1, 500)])
    typed = HiddenField()
    # Any whole number is taken; the service holds it to what the server's clock allows.
    client_ms = IntegerField(validators=[Optional()])
    timed_out = HiddenField(validators=[Optional(), AnyOf(["", "0", "1"])])
    # Set on the first answer that reaches the server after the connection came back.
    reconnected = HiddenField(validators=[Optional(), AnyOf(["", "0", "1"])])
    # The game's signed facts from the page (services.game_token): lets the answer be taken
    # without loading the game. Missing or wrong, the answer is still taken, the long way.
    game = HiddenField(validators=[Optional()])


class TypingSpeedForm(FlaskForm):
    digits = IntegerField(validators=[DataRequired(), NumberRange(1, 100)])
    total_ms = IntegerField(validators=[DataRequired(), NumberRange(1, 600_000)])
