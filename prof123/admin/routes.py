"""School-admin pages: the school at a glance, adding staff."""

from __future__ import annotations

from flask import flash, render_template, url_for
from flask_login import current_user

from prof123 import htmx
from prof123.admin import bp, services
from prof123.admin.forms import StaffCreateForm
from prof123.extensions import db
from prof123.models import Role, School, utcnow
from prof123.schoolyear import academic_year_label, academic_year_of, year_group_label


@bp.get("/")
def home():
    year = academic_year_of(utcnow().date())
    return render_template(
        "admin/home.html",
        school=db.session.get(School, current_user.school_id),
        overview=services.get_school_overview(year),
        year=year,
        year_label=academic_year_label(year),
        year_group_label=year_group_label,
    )


@bp.route("/staff/new", methods=["GET", "POST"])
def staff_create():
    form = StaffCreateForm()
    if not form.validate_on_submit():
        return render_template("admin/staff_create.html", form=form), 422 if form.errors else 200
    school = db.session.get(School, current_user.school_id)
    try:
        services.create_staff(
            school,
            form.email.data,
            form.display_name.data,
            Role(form.role.data),
            form.password.data,
        )
    except services.DuplicateEmailError:
        form.email.errors.append("Someone already uses this email address.")
        return render_template("admin/staff_create.html", form=form), 422
    db.session.commit()
    flash(f"{form.display_name.data} can now sign in with their email and that password.")
    return htmx.redirect_response(url_for("admin.home"))
