"""The teacher's pages: my classes, a class, its sign-in code."""

from __future__ import annotations

from flask import current_app, render_template, url_for
from flask_login import current_user

from prof123 import htmx, security
from prof123.extensions import db
from prof123.models import SchoolClass, utcnow
from prof123.schoolyear import academic_year_label, academic_year_of
from prof123.teacher import bp, services
from prof123.teacher.forms import ClassCodeOpenForm

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
