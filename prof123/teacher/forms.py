from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, Length, Optional

from prof123.models import ColourScheme, RestartReason


class ClassCodeOpenForm(FlaskForm):
    """Open the class's code; ``replace=yes`` asks for a new one instead of the open one."""

    replace = HiddenField(validators=[Optional(), AnyOf(["yes"])])


class CheckOpenForm(FlaskForm):
    mode = HiddenField(validators=[AnyOf(["check", "try_it_out", "close"])])


class PracticeSetupForm(FlaskForm):
    tables = SelectMultipleField(
        "Tables to practise", choices=[SelectChoice(str(t), f"{t}×") for t in range(1, 13)]
    )
    operations = SelectField(
        "Questions",
        choices=[
            SelectChoice("×", "× only"),
            SelectChoice("÷", "÷ only"),
            SelectChoice("×÷", "× and ÷"),
        ],
    )
    adaptive = BooleanField("Adaptive practice (“Just for me”) for this class")


class RestartForm(FlaskForm):
    reason = SelectField(
        "Reason",
        choices=[
            SelectChoice(RestartReason.LOSS_OF_INTERNET.value, "Loss of internet"),
            SelectChoice(RestartReason.IT_ISSUES.value, "IT issues"),
            SelectChoice(RestartReason.CLASSROOM_DISRUPTION.value, "Classroom disruption"),
            SelectChoice(RestartReason.DID_NOT_COMPLETE.value, "Did not complete"),
        ],
    )


class ArrangementsForm(FlaskForm):
    has_audible_time_alert = BooleanField("Audible time alert")
    colour_scheme = SelectField(
        "Colour contrast",
        choices=[
            SelectChoice(ColourScheme.STANDARD.value, "Standard"),
            SelectChoice(ColourScheme.BLACK_ON_WHITE.value, "Black on white"),
            SelectChoice(ColourScheme.YELLOW_ON_BLACK.value, "Yellow on black"),
            SelectChoice(ColourScheme.BLACK_ON_BLUE.value, "Black on blue"),
            SelectChoice(ColourScheme.BLACK_ON_PEACH.value, "Black on peach"),
            SelectChoice(ColourScheme.BLUE_ON_CREAM.value, "Blue on cream"),
        ],
    )
    font_size = SelectField(
        "Font size",
        choices=[
            SelectChoice(str(n), label)
            for n, label in enumerate(
                ["Very small", "Small", "Medium", "Large", "Larger", "Largest"], start=1
            )
        ],
        default="3",
    )
    input_assistant_name = StringField(
        "Input assistance: the adult who types for the pupil",
        validators=[Optional(), Length(max=120)],
    )
    has_next_button = BooleanField("A Next button instead of the 3-second pause")
    has_audio_version = BooleanField("Audio version (questions read aloud)")
    hides_number_pad = BooleanField("Remove the on-screen number pad")
