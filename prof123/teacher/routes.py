"""The teacher's pages: my classes, a class, its sign-in code."""

from __future__ import annotations

from flask import current_app, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from prof123 import htmx, security
from prof123.extensions import db
from prof123.forms import ActionForm
from prof123.models import Role, SchoolClass, utcnow
from prof123.schoolyear import academic_year_label, academic_year_of
from prof123.teacher import bp, services
from prof123.teacher.forms import ClassCodeOpenForm


def _visible_classes(academic_year: int) -> list[SchoolClass]:
    if current_user.role == Role.SCHOOL_ADMIN:
        return list(
            db.session.scalars(
                select(SchoolClass)
                .where(SchoolClass.academic_year == academic_year)
                .order_by(SchoolClass.name)
            )
        )
    return services.list_classes_taught_by(current_user, academic_year)


@bp.get("/")
def home():
    now = utcnow()
    year = academic_year_of(now.date())
    classes = _visible_classes(year)
    paused = services.classes_with_paused_sign_in(
        classes, now, current_app.config["THROTTLE_CLASS_FAILURES"]
    )
    return render_template(
        "teacher/home.html",
        classes=classes,
        paused=paused,
        open_codes=services.open_codes_by_class(classes, now),
        pupil_counts=services.pupil_counts_by_class(classes),
        year_label=academic_year_label(year),
        form=ClassCodeOpenForm(),
    )


@bp.get("/classes/<class_id>")
def class_show(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    return _render_class(school_class)


def _render_class(school_class: SchoolClass, new_secret: tuple[str, str] | None = None, status=200):
    return (
        render_template(
            "teacher/class.html",
            school_class=school_class,
            pupils=services.list_pupils_in(school_class),
            class_code=services.get_open_class_code(school_class, utcnow()),
            new_secret=new_secret,
            form=ActionForm(),
            open_form=ClassCodeOpenForm(),
        ),
        status,
    )


@bp.post("/classes/<class_id>/sign-in-code")
def class_code_open(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    form = ClassCodeOpenForm()
    if not form.validate_on_submit():
        return _render_class(school_class, status=400)
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
        "teacher/class_code.html",
        school_class=school_class,
        class_code=class_code,
        form=ActionForm(),
    )


@bp.post("/classes/<class_id>/sign-in-code/close")
def class_code_close(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    if not ActionForm().validate_on_submit():
        return _render_class(school_class, status=400)
    services.close_class_code(school_class)
    db.session.commit()
    return htmx.redirect_response(url_for("teacher.class_show", class_id=class_id))


@bp.post("/classes/<class_id>/pupils/<pupil_id>/secret")
def pupil_secret_reset(class_id: str, pupil_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    pupil = security.get_pupil_in_class_or_404(school_class, pupil_id)
    if not ActionForm().validate_on_submit():
        return _render_class(school_class, status=400)
    secret = services.reset_pupil_secret(pupil)
    db.session.commit()
    if htmx.is_partial_request():
        return render_template(
            "teacher/_pupil_row.html",
            pupil=pupil,
            school_class=school_class,
            new_secret=(pupil.public_id, secret),
            form=ActionForm(),
        )
    return _render_class(school_class, new_secret=(pupil.public_id, secret))
