"""Forms for the roster import and the year-end rollover."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import DataRequired, Length

from prof123.admin.importing import CLASS_MAX


class RosterUploadForm(FlaskForm):
    roster = FileField(
        "Your school's pupil list (a CSV file)",
        validators=[FileRequired("Choose the CSV file exported from your school's system.")],
    )
    mark_leavers = BooleanField("Mark pupils who are not in this file as leavers")


class ImportConfirmForm(FlaskForm):
    """The checked rows, signed (see import_services.sign_upload)."""

    upload = HiddenField(validators=[DataRequired("Upload the file again.")])


class RolloverForm(FlaskForm):
    # The year the preview was made from: a confirmation for another year is refused.
    from_year = HiddenField(validators=[DataRequired()])


def rollover_form(classes, to_label: str) -> RolloverForm:
    """A form with one "next year's class" box per class of this year whose pupils move."""

    class Form(RolloverForm):
        pass

    for school_class in classes:
        setattr(
            Form,
            school_class.field_name,
            StringField(
                f"{to_label} class for the pupils of {school_class.name}",
                default=school_class.target,
                validators=[Length(max=CLASS_MAX)],
                filters=[lambda value: value.strip() if isinstance(value, str) else value],
            ),
        )
    return Form()
