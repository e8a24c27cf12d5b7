"""The teacher's pages: my classes, a class, its sign-in code."""

from __future__ import annotations

from flask import abort, current_app, flash, render_template, url_for
from flask_login import current_user

from prof123 import htmx, security
from prof123.extensions import db
from prof123.models import (
    ColourScheme,
    GameMode,
    Pupil,
    RestartReason,
    SchoolClass,
    TimesTablesAttempt,
    utcnow,
)
from prof123.queries import pupils_in_class
from prof123.schoolyear import academic_year_label, academic_year_of
from prof123.teacher import bp, services
from prof123.teacher.forms import (
    ArrangementsForm,
    CheckOpenForm,
    ClassCodeOpenForm,
    PracticeSetupForm,
    RestartForm,
)
from prof123.timestables import queries as tt_queries
from prof123.timestables import services as tt

# Buttons that only change something carry the CSRF token, which CSRFProtect checks
# before any view runs; the views below need no form of their own for them.


@bp.get("/")
def home():
    now = utcnow()
    year = academic_year_of(now.date())
    classes = services.list_visible_classes(current_user, year)
    return render_template(
        "teacher/home.html",
        classes=classes,
        paused=services.classes_with_paused_sign_in(classes, now),
        open_codes=services.open_codes_by_class(classes, now),
        pupil_counts=services.pupil_counts_by_class(classes),
        year_label=academic_year_label(year),
    )


@bp.get("/classes/<class_id>")
def class_show(class_id: str):
    return _render_class(security.get_class_for_staff_or_404(class_id))


def _class_context(school_class: SchoolClass, new_secret: tuple[str, str] | None = None) -> dict:
    now = utcnow()
    pupils = services.list_pupils_in(school_class)
    return {
        "school_class": school_class,
        "pupils": pupils,
        "paused_pupils": services.paused_pupils(pupils, now),
        "class_code": services.get_open_class_code(school_class, now),
        "new_secret": new_secret,
    }


def _render_class(school_class: SchoolClass, new_secret: tuple[str, str] | None = None):
    return render_template("teacher/class.html", **_class_context(school_class, new_secret))


@bp.post("/classes/<class_id>/sign-in-code")
def class_code_open(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    form = ClassCodeOpenForm()
    if not form.validate():
        return _render_class(school_class), 400
    services.open_class_code(
        school_class,
        current_user,
        utcnow(),
        current_app.config["CLASS_CODE_LIFETIME"],
        replace=form.replace.data == "yes",
    )
    db.session.commit()
    return htmx.redirect_response(url_for("teacher.class_code_show", class_id=class_id))


@bp.get("/classes/<class_id>/sign-in-code")
def class_code_show(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    class_code = services.get_open_class_code(school_class, utcnow())
    return render_template(
        "teacher/class_code.html", school_class=school_class, class_code=class_code
    )


@bp.post("/classes/<class_id>/sign-in-code/close")
def class_code_close(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    services.close_class_code(school_class)
    db.session.commit()
    return htmx.redirect_response(url_for("teacher.class_show", class_id=class_id))


@bp.post("/classes/<class_id>/pupils/<pupil_id>/secret")
def pupil_secret_reset(class_id: str, pupil_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    pupil = security.get_pupil_in_class_or_404(school_class, pupil_id)
    secret = services.reset_pupil_secret(pupil)
    db.session.commit()
    return _pupil_row_or_class_page(school_class, pupil, new_secret=(pupil.public_id, secret))


@bp.post("/classes/<class_id>/pupils/<pupil_id>/unpause")
def pupil_unpause(class_id: str, pupil_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    pupil = security.get_pupil_in_class_or_404(school_class, pupil_id)
    services.unpause_pupil(pupil)
    db.session.commit()
    return _pupil_row_or_class_page(school_class, pupil)


def _pupil_row_or_class_page(school_class, pupil, new_secret=None):
    """htmx swaps the pupil's row; without JavaScript the whole class page comes back."""
    context = _class_context(school_class, new_secret)
    return htmx.render_page_or_fragment(
        "teacher/class.html", "teacher/_pupil_row.html", pupil=pupil, **context
    )


# --- times tables for a class -------------------------------------------------------------


def _times_tables_context(school_class: SchoolClass) -> dict:
    pupils = services.list_pupils_in(school_class)
    setup = tt.find_class_setup(school_class)
    return {
        "school_class": school_class,
        "setup": setup,
        "rows": tt_queries.class_check_results(school_class, pupils),
        "typing": tt_queries.latest_typing_speeds(pupils),
        "practice_form": PracticeSetupForm(
            tables=tt.parse_tables(setup.practice_tables),
            operations=setup.practice_operations,
            adaptive=setup.is_adaptive_on,
        ),
        "restart_form": RestartForm(),
        "max_restarts": tt.MAX_RESTARTS,
    }


@bp.get("/classes/<class_id>/times-tables")
def times_tables_show(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    return render_template("teacher/times_tables.html", **_times_tables_context(school_class))


@bp.post("/classes/<class_id>/times-tables/check")
def check_open_close(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    form = CheckOpenForm()
    if not form.validate():
        return render_template(
            "teacher/times_tables.html", **_times_tables_context(school_class)
        ), 400
    if form.mode.data == "close":
        tt.close_check(school_class)
    else:
        tt.open_check(school_class, GameMode(form.mode.data), utcnow())
    db.session.commit()
    return htmx.redirect_response(url_for("teacher.times_tables_show", class_id=class_id))


@bp.post("/classes/<class_id>/times-tables/practice")
def practice_setup(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    form = PracticeSetupForm()
    if form.validate():
        try:
            tt.set_practice(
                school_class,
                [int(t) for t in form.tables.data or []],
                form.operations.data,
                form.adaptive.data,
            )
        except tt.GameError as error:
            form.tables.errors = [error.message]
    if form.errors:
        context = {**_times_tables_context(school_class), "practice_form": form}
        return render_template("teacher/times_tables.html", **context), 422
    db.session.commit()
    flash("Practice settings saved.")
    return htmx.redirect_response(url_for("teacher.times_tables_show", class_id=class_id))


def _class_attempt_or_404(
    school_class: SchoolClass, attempt_id: str
) -> tuple[TimesTablesAttempt, Pupil]:
    """A game of a pupil in this class (the class's teacher sees only those), and its pupil."""
    attempt = security.get_in_school_or_404(TimesTablesAttempt, attempt_id)
    pupil = db.session.scalar(pupils_in_class(school_class.id).where(Pupil.id == attempt.pupil_id))
    if pupil is None:
        abort(404)
    return attempt, pupil


@bp.get("/classes/<class_id>/times-tables/attempts/<attempt_id>")
def attempt_show(class_id: str, attempt_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    attempt, pupil = _class_attempt_or_404(school_class, attempt_id)
    return render_template(
        "teacher/attempt.html",
        school_class=school_class,
        attempt=attempt,
        pupil=pupil,
        answers=tt_queries.attempt_answers(attempt),
        events=tt_queries.attempt_events(attempt),
        # The restart sits beside the timeline that explains it (the service still checks
        # the window and the limit of two).
        can_restart=attempt.mode == GameMode.CHECK and attempt.restart_reason is None,
        restart_form=RestartForm(),
    )


@bp.post("/classes/<class_id>/times-tables/attempts/<attempt_id>/restart")
def attempt_restart(class_id: str, attempt_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    attempt, _pupil = _class_attempt_or_404(school_class, attempt_id)
    form = RestartForm()
    if not form.validate():
        context = _times_tables_context(school_class)
        return render_template("teacher/times_tables.html", **context), 422
    try:
        tt.grant_restart(attempt, RestartReason(form.reason.data), utcnow())
    except tt.GameError as error:
        context = _times_tables_context(school_class)
        return render_template("teacher/times_tables.html", refusal=error.message, **context), 409
    db.session.commit()
    flash("Restart granted: the pupil can take the check again.")
    return htmx.redirect_response(url_for("teacher.times_tables_show", class_id=class_id))


@bp.route("/classes/<class_id>/pupils/<pupil_id>/arrangements", methods=["GET", "POST"])
def arrangements_edit(class_id: str, pupil_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    pupil = security.get_pupil_in_class_or_404(school_class, pupil_id)
    saved = tt_queries.arrangements_for(pupil.id)
    form = ArrangementsForm(obj=saved, font_size=str(saved.font_size))
    context = {"school_class": school_class, "pupil": pupil, "form": form}
    if not form.validate_on_submit():
        return render_template("teacher/arrangements.html", **context), 422 if form.errors else 200
    tt.set_arrangements(
        pupil,
        has_audible_time_alert=form.has_audible_time_alert.data,
        colour_scheme=ColourScheme(form.colour_scheme.data),
        font_size=int(form.font_size.data),
        input_assistant_name=(form.input_assistant_name.data or "").strip() or None,
        has_next_button=form.has_next_button.data,
        has_audio_version=form.has_audio_version.data,
        hides_number_pad=form.hides_number_pad.data,
    )
    db.session.commit()
    flash(f"Access arrangements saved for {pupil.first_name}.")
    return htmx.redirect_response(url_for("teacher.class_show", class_id=class_id))
