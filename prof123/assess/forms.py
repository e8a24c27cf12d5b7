from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from prof123.assess import blueprints

YEAR_CHOICES = [SelectChoice(str(year), f"Year {year}") for year in range(1, 7)]
TIME_LIMIT_CHOICES = [
    SelectChoice("0", "No time limit"),
    *(SelectChoice(str(m), f"{m} minutes") for m in (10, 15, 20, 30, 40, 45, 60)),
]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AssessmentForm(FlaskForm):
    """A teacher's own assessment. The objectives offered are the chosen year's."""

    title = StringField("Title", validators=[DataRequired(), Length(max=120)])
    year = SelectField("Year group", choices=YEAR_CHOICES, default="4")
    objectives = MultiCheckboxField("Objectives", validators=[Optional()])
    per_objective = SelectField(
        "Questions for each objective",
        choices=[
            SelectChoice(str(n), f"{n}" + (" (enough to judge it)" if n >= 2 else ""))
            for n in range(1, blueprints.MAX_PER_OBJECTIVE + 1)
        ],
        default="2",
    )
    time_limit = SelectField("Time limit", choices=TIME_LIMIT_CHOICES, default="0")
    has_same_numbers = BooleanField("Same numbers for everyone (to go through it together)")
    is_shuffled = BooleanField("Shuffle the order for each pupil")
    shows_corrections = BooleanField("Pupils see the right answers after handing in", default=True)


class AssignForm(FlaskForm):
    classes = MultiCheckboxField("Classes", validators=[Optional()])
    opens_at = DateTimeLocalField("Opens", format="%Y-%m-%dT%H:%M", validators=[InputRequired()])
    closes_at = DateTimeLocalField("Closes", format="%Y-%m-%dT%H:%M", validators=[InputRequired()])


class AnswerForm(FlaskForm):
    """One question's answer, and where to go next. The boxes of a structured answer
    (fraction, remainder, coordinate, order) are joined by the route. No length limit here:
    an over-long answer is kept cut to length and marked, never refused."""

    position = IntegerField(validators=[InputRequired(), NumberRange(1, 500)])
    answer = StringField(validators=[Optional()])
    whole = StringField(validators=[Optional()])
    numerator = StringField(validators=[Optional()])
    denominator = StringField(validators=[Optional()])
    remainder = StringField(validators=[Optional()])
    x = StringField(validators=[Optional()])
    y = StringField(validators=[Optional()])
    order = SelectMultipleField(validate_choice=False)  # one select per place, in order
    flagged = BooleanField()
    go = HiddenField()  # "next", "back", "review", or a question number

    def typed(self, kind: str, form: str) -> str:
        """What the pupil gave, as one line of text for the marker."""

        def text(field) -> str:
            return (field.data or "").strip()

        if kind == "fraction" and (text(self.numerator) or text(self.denominator)):
            parts = f"{text(self.numerator)}/{text(self.denominator)}"
            return f"{text(self.whole)} {parts}".strip()
        if kind == "fraction" and text(self.whole):
            return text(self.whole)
        if kind == "remainder" and form == "r" and (text(self.answer) or text(self.remainder)):
            return f"{text(self.answer)} r {text(self.remainder)}"
        if kind == "coordinate" and (text(self.x) or text(self.y)):
            return f"({text(self.x)}, {text(self.y)})"
        if kind == "order":
            chosen = [choice for choice in (self.order.data or []) if choice]
            return "|".join(chosen)
        return text(self.answer)
