"""School-admin pages: roster import (upload, dry run, confirm, failed rows) and the
year-end rollover (preview, confirm)."""

from __future__ import annotations

from flask import Response, flash, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import RequestEntityTooLarge

from prof123 import csvsafe, htmx
from prof123.admin import bp, import_services, importing, rollover
from prof123.admin.import_forms import ImportConfirmForm, RosterUploadForm, rollover_form
from prof123.errors import MESSAGES, render_error
from prof123.extensions import db
from prof123.models import School, utcnow
from prof123.schoolyear import academic_year_label, academic_year_of

IMPORT_ENDPOINTS = {"admin.import_preview", "admin.import_confirm", "admin.import_failed_rows"}
EXPIRED = (
    "This check is more than an hour old, or the page was changed. Nothing was imported: "
    "please upload the file again."
)
CHANGED = (
    "Pupils or classes changed while you were checking this file (perhaps someone else "
    "edited them). Nothing was imported yet: here is the check again. Look at it, then "
    "import."
)
TOO_BIG_TO_CARRY = (
    "This file is too big to import in one go. Split it into two files (for example "
    "Reception to Year 3, then Years 4 to 6) and import each."
)


def _this_year() -> int:
    return academic_year_of(utcnow().date())


def _school() -> School:
    return db.session.get(School, current_user.school_id)


# --- roster import ---------------------------------------------------------------------------


@bp.get("/import")
def import_start():
    return _upload_page(RosterUploadForm())


def _upload_page(form: RosterUploadForm, problem: str | None = None, status: int = 200):
    return (
        render_template(
            "admin/import/start.html",
            form=form,
            problem=problem,
            max_rows=importing.MAX_ROWS,
            year_label=academic_year_label(_this_year()),
        ),
        status,
    )


@bp.post("/import")
def import_preview():
    form = RosterUploadForm()
    if not form.validate_on_submit():
        return _upload_page(form, status=422)
    parsed = importing.parse_roster(form.roster.data.read(importing.MAX_FILE_BYTES + 1))
    if not parsed.ok:
        form.roster.errors = [parsed.error]
        return _upload_page(form, status=422)
    plan = import_services.check_import(parsed, _this_year(), form.mark_leavers.data)
    return _preview_page(parsed, plan, form.mark_leavers.data)


def _preview_page(parsed, plan, mark_leavers: bool, notice: str | None = None):
    token = import_services.sign_upload(
        parsed, plan, mark_leavers, current_user.school_id, current_user.id
    )
    return render_template(
        "admin/import/preview.html",
        parsed=parsed,
        plan=plan,
        Outcome=importing.Outcome,
        confirm_form=ImportConfirmForm(formdata=None, upload=token),
        token=token,
        notice=notice or (None if token else TOO_BIG_TO_CARRY),
        year_label=academic_year_label(_this_year()),
        year_name=importing.year_label,
    )


def _signed_upload_or_page(form: ImportConfirmForm):
    """The checked rows carried by the page, or the upload page saying why not."""
    if not form.validate_on_submit():
        return None, _upload_page(RosterUploadForm(formdata=None), EXPIRED, 422)
    try:
        return import_services.load_upload(
            form.upload.data, current_user.school_id, current_user.id
        ), None
    except import_services.UploadExpired:
        return None, _upload_page(RosterUploadForm(formdata=None), EXPIRED, 422)


@bp.post("/import/confirm")
def import_confirm():
    signed, refusal = _signed_upload_or_page(ImportConfirmForm())
    if refusal is not None:
        return refusal
    year = _this_year()
    try:
        plan, result = import_services.apply_import(_school(), signed, year, utcnow().date())
    except IntegrityError:
        db.session.rollback()  # another import or edit at the same moment: try again
        plan, result = import_services.check_import(signed.parsed, year, signed.mark_leavers), None
    if result is None:
        db.session.rollback()
        return _preview_page(signed.parsed, plan, signed.mark_leavers, CHANGED), 409
    db.session.commit()
    flash(_import_message(result))
    return htmx.redirect_response(url_for("admin.home"))


def _count(number: int, thing: str, things: str | None = None) -> str:
    return f"{number:,} {thing if number == 1 else (things or thing + 's')}"


def _import_message(result: import_services.ImportResult) -> str:
    parts = [
        f"{_count(result.new, 'new pupil')} added",
        f"{result.updated:,} updated",
        f"{result.unchanged:,} unchanged",
    ]
    if result.leavers:
        parts.append(
            f"{_count(result.leavers, 'pupil')} marked as "
            f"{'a leaver' if result.leavers == 1 else 'leavers'}"
        )
    if result.skipped:
        parts.append(f"{_count(result.skipped, 'row')} with problems skipped")
    message = "Import finished: " + ", ".join(parts) + "."
    if result.new_classes:
        message += f" New classes for this year: {', '.join(result.new_classes)}."
    if result.new:
        message += (
            " New pupils cannot sign in yet: print their class's sign-in cards, which give "
            "each of them a secret."
        )
    return message


@bp.post("/import/failed-rows")
def import_failed_rows():
    signed, refusal = _signed_upload_or_page(ImportConfirmForm())
    if refusal is not None:
        return refusal
    plan = import_services.check_import(signed.parsed, _this_year(), signed.mark_leavers)
    body = csvsafe.to_csv(importing.FAILED_ROWS_HEADER, importing.failed_rows(plan))
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="rows-not-imported.csv"'},
    )


@bp.errorhandler(RequestEntityTooLarge)
def _upload_too_large(_error):
    db.session.rollback()
    if request.endpoint in IMPORT_ENDPOINTS:
        limit = importing.MAX_FILE_BYTES / 1_000_000
        return _upload_page(
            RosterUploadForm(formdata=None),
            f"The file is bigger than {limit:g} MB. Export only the columns for first name, "
            "last name, year and class, or split the file by year group.",
            413,
        )
    return render_error(413, *MESSAGES[413])


# --- year-end rollover -------------------------------------------------------------------------


@bp.get("/rollover")
def rollover_show():
    return _rollover_page(submitted=False)


@bp.post("/rollover")
def rollover_preview():
    return _rollover_page(submitted=True)


def _rollover_plan_and_form(from_year: int):
    """The plan for the names in the form (or the default names, before any were typed)."""
    today = utcnow().date()
    defaults = rollover.plan_rollover(from_year, today)
    form = rollover_form(
        [c for c in defaults.classes if c.moving], academic_year_label(from_year + 1)
    )
    if form.is_submitted():
        names = {c.public_id: form[c.field_name].data or "" for c in defaults.classes if c.moving}
        return rollover.plan_rollover(from_year, today, names), form
    form.from_year.data = str(from_year)
    return defaults, form


def _rollover_page(submitted: bool, problem: str | None = None, status: int = 200):
    from_year = rollover.rollover_from_year(_this_year())
    if from_year is None:
        return render_template("admin/import/rollover.html", plan=None, form=None), status
    plan, form = _rollover_plan_and_form(from_year)
    if submitted:
        form.validate()
        if form.errors.keys() - {"from_year"}:
            status = 422
        form.from_year.data = str(from_year)
    return (
        render_template(
            "admin/import/rollover.html",
            plan=plan,
            form=form,
            problem=problem,
            from_label=academic_year_label(plan.from_year),
            to_label=academic_year_label(plan.to_year),
            year_name=importing.year_label,
        ),
        status,
    )


@bp.post("/rollover/confirm")
def rollover_confirm():
    from_year = rollover.rollover_from_year(_this_year())
    if from_year is None:
        return _rollover_page(submitted=False, status=422)
    plan, form = _rollover_plan_and_form(from_year)
    if form.from_year.data != str(from_year):
        problem = "The classes changed since this page was opened. Check the plan, then confirm."
        return _rollover_page(submitted=True, problem=problem, status=422)
    if not form.validate():
        return _rollover_page(submitted=True, status=422)
    result = rollover.apply_rollover(_school(), plan)
    db.session.commit()
    flash(
        f"{academic_year_label(plan.to_year)} is ready: "
        f"{_count(result.classes_made, 'class', 'classes')} made, "
        f"{_count(result.pupils_moved, 'pupil')} moved into them, "
        f"{_count(result.leavers, 'Year 6 pupil')} marked as "
        f"{'a leaver' if result.leavers == 1 else 'leavers'}. Assign teachers to next year's "
        "classes."
    )
    return htmx.redirect_response(url_for("admin.rollover_show"))
