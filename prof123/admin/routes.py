"""School-admin pages: the school at a glance, staff, classes, pupils and sign-in cards."""

from __future__ import annotations

from datetime import date

from flask import flash, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from prof123 import htmx
from prof123.admin import bp, services
from prof123.admin.forms import (
    ClassForm,
    ClassRenameForm,
    PupilForm,
    PupilSearchForm,
    PupilsMoveForm,
    StaffClassesForm,
    StaffCreateForm,
)
from prof123.database import write_transaction
from prof123.extensions import db
from prof123.formatting import SCHOOL_TIME_ZONE
from prof123.models import Pupil, Role, School, SchoolClass, StaffUser, utcnow
from prof123.schoolyear import (
    FINAL_YEAR_GROUP,
    academic_year_label,
    academic_year_of,
    cohort_start_year_for,
    year_group_label,
)
from prof123.security import get_in_school_or_404


def _today() -> date:
    """The date on the school's clock."""
    return utcnow().astimezone(SCHOOL_TIME_ZONE).date()


def _this_year() -> int:
    return academic_year_of(_today())


def _school() -> School:
    return db.session.get(School, current_user.school_id)


@bp.get("/")
def home():
    year = _this_year()
    return render_template(
        "admin/home.html",
        school=_school(),
        overview=services.get_school_overview(year),
        year=year,
        year_label=academic_year_label(year),
        year_group_label=year_group_label,
    )


# --- staff ------------------------------------------------------------------------------------


def _render_staff_list(status: int = 200, refusal: str | None = None):
    year = _this_year()
    rows = services.list_staff(year)
    context = {"rows": rows, "year_label": academic_year_label(year), "refusal": refusal}
    return render_template("admin/staff_list.html", **context), status


@bp.get("/staff")
def staff_list():
    return _render_staff_list()


@bp.route("/staff/new", methods=["GET", "POST"])
def staff_create():
    form = StaffCreateForm()
    if not form.validate_on_submit():
        return render_template("admin/staff_create.html", form=form), 422 if form.errors else 200
    try:
        services.create_staff(
            _school(),
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
    return htmx.redirect_response(url_for("admin.staff_list"))


@bp.route("/staff/<staff_id>/classes", methods=["GET", "POST"])
def staff_classes(staff_id: str):
    staff = get_in_school_or_404(StaffUser, staff_id)
    year = _this_year()
    classes = services.list_classes_of_year(year)
    form = StaffClassesForm()
    form.classes.choices = [SelectChoice(c.public_id, c.name) for c in classes]
    if request.method == "GET":
        form.classes.data = sorted(services.get_class_ids_taught_by(staff, year))
    context = {"form": form, "staff": staff, "year_label": academic_year_label(year)}
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("admin/staff_classes.html", **context), status
    chosen = set(form.classes.data or [])
    services.set_classes_taught(staff, [c for c in classes if c.public_id in chosen], year)
    db.session.commit()
    flash(f"Classes saved for {staff.display_name}.")
    return htmx.redirect_response(url_for("admin.staff_list"))


@bp.post("/staff/<staff_id>/password-link")
def staff_password_link(staff_id: str):
    staff = get_in_school_or_404(StaffUser, staff_id)
    if not staff.is_active:
        return _render_staff_list(409, f"{staff.display_name} is deactivated: reactivate first.")
    token = services.issue_password_link(staff, utcnow())
    db.session.commit()
    link = url_for(
        "auth.password_set", school_code=_school().sign_in_code, link_token=token, _external=True
    )
    return render_template("admin/staff_password_link.html", staff=staff, link=link)


@bp.post("/staff/<staff_id>/deactivate")
def staff_deactivate(staff_id: str):
    staff = get_in_school_or_404(StaffUser, staff_id)
    try:
        services.deactivate_staff(staff, current_user)
    except services.CannotDeactivateSelfError:
        return _render_staff_list(409, "You cannot deactivate your own account.")
    db.session.commit()
    flash(f"{staff.display_name} is deactivated and was signed out everywhere.")
    return htmx.redirect_response(url_for("admin.staff_list"))


@bp.post("/staff/<staff_id>/reactivate")
def staff_reactivate(staff_id: str):
    staff = get_in_school_or_404(StaffUser, staff_id)
    services.reactivate_staff(staff)
    db.session.commit()
    flash(f"{staff.display_name} can sign in again.")
    return htmx.redirect_response(url_for("admin.staff_list"))


# --- classes and year groups ------------------------------------------------------------------


def _year_choices(this_year: int) -> list[SelectChoice]:
    return [
        SelectChoice(
            year, f"{academic_year_label(year)}{' (this year)' if year == this_year else ''}"
        )
        for year in (this_year, this_year + 1)
    ]


def _render_class_list(form: ClassForm, shown_year: int, status: int = 200):
    this_year = _this_year()
    return render_template(
        "admin/classes.html",
        form=form,
        rows=services.list_class_rows(shown_year),
        cohorts=services.list_cohort_counts(),
        shown_year=shown_year,
        this_year=this_year,
        academic_year_label=academic_year_label,
        year_group_label=year_group_label,
    ), status


@bp.get("/classes")
def class_list():
    this_year = _this_year()
    shown_year = request.args.get("year", this_year, type=int)
    if shown_year not in (this_year - 1, this_year, this_year + 1):
        shown_year = this_year
    form = ClassForm(academic_year=shown_year if shown_year >= this_year else this_year)
    form.academic_year.choices = _year_choices(this_year)
    return _render_class_list(form, shown_year)


@bp.post("/classes/new")
def class_create():
    this_year = _this_year()
    form = ClassForm()
    form.academic_year.choices = _year_choices(this_year)
    if not form.validate_on_submit():
        return _render_class_list(form, this_year, 422)
    try:
        school_class = services.add_class(_school(), form.name.data, form.academic_year.data)
    except services.DuplicateClassNameError:
        form.name.errors.append("There is already a class with that name in that school year.")
        return _render_class_list(form, form.academic_year.data, 422)
    db.session.commit()
    flash(f"Class {school_class.name} added.")
    return htmx.redirect_response(url_for("admin.class_show", class_id=school_class.public_id))


def _render_class(
    school_class: SchoolClass,
    status: int = 200,
    rename_form: ClassRenameForm | None = None,
    move_form: PupilsMoveForm | None = None,
    refusal: str | None = None,
):
    pupils = services.list_current_pupils_in(school_class)
    move_form = move_form or _move_form(school_class, pupils)
    return render_template(
        "admin/class_show.html",
        school_class=school_class,
        pupils=pupils,
        teachers=services.list_teachers_of(school_class),
        rename_form=rename_form or ClassRenameForm(name=school_class.name),
        move_form=move_form,
        refusal=refusal,
        year_label=academic_year_label(school_class.academic_year),
    ), status


def _move_form(school_class: SchoolClass, pupils: list[Pupil]) -> PupilsMoveForm:
    form = PupilsMoveForm()
    form.pupils.choices = [SelectChoice(p.public_id, p.username) for p in pupils]
    form.to_class.choices = [SelectChoice("", "Choose a class")] + [
        SelectChoice(c.public_id, c.name) for c in services.list_other_classes(school_class)
    ]
    return form


@bp.get("/classes/<class_id>")
def class_show(class_id: str):
    return _render_class(get_in_school_or_404(SchoolClass, class_id))


@bp.post("/classes/<class_id>/name")
def class_rename(class_id: str):
    school_class = get_in_school_or_404(SchoolClass, class_id)
    form = ClassRenameForm()
    if not form.validate_on_submit():
        return _render_class(school_class, 422, rename_form=form)
    try:
        services.rename_class(school_class, form.name.data)
    except services.DuplicateClassNameError:
        form.name.errors.append("There is already a class with that name in that school year.")
        return _render_class(school_class, 422, rename_form=form)
    db.session.commit()
    flash(f"The class is now called {school_class.name}.")
    return htmx.redirect_response(url_for("admin.class_show", class_id=class_id))


@bp.post("/classes/<class_id>/delete")
def class_delete(class_id: str):
    school_class = get_in_school_or_404(SchoolClass, class_id)
    try:
        services.delete_class(school_class)
    except services.ClassNotEmptyError:
        refusal = (
            "Only an empty class can be deleted: move its pupils to another class first. "
            "A class that had assessments set keeps its pupils' work and cannot be deleted."
        )
        return _render_class(school_class, 409, refusal=refusal)
    name = school_class.name
    db.session.commit()
    flash(f"Class {name} deleted.")
    return htmx.redirect_response(url_for("admin.class_list"))


@bp.post("/classes/<class_id>/move")
def pupils_move(class_id: str):
    school_class = get_in_school_or_404(SchoolClass, class_id)
    pupils = services.list_current_pupils_in(school_class)
    form = _move_form(school_class, pupils)
    if not form.validate_on_submit():
        return _render_class(school_class, 422, move_form=form)
    chosen = set(form.pupils.data)
    to_class = get_in_school_or_404(SchoolClass, form.to_class.data)
    moving = [p for p in pupils if p.public_id in chosen]
    services.move_pupils(moving, school_class, to_class)
    db.session.commit()
    flash(f"{len(moving)} {'pupil' if len(moving) == 1 else 'pupils'} moved to {to_class.name}.")
    return htmx.redirect_response(url_for("admin.class_show", class_id=class_id))


# --- sign-in cards ----------------------------------------------------------------------------


@bp.get("/classes/<class_id>/cards")
def cards_confirm(class_id: str):
    school_class = get_in_school_or_404(SchoolClass, class_id)
    pupils = services.list_current_pupils_in(school_class)
    return render_template("admin/cards_confirm.html", school_class=school_class, pupils=pupils)


@bp.post("/classes/<class_id>/cards")
def cards_print(class_id: str):
    school_class = get_in_school_or_404(SchoolClass, class_id)
    cards = services.print_sign_in_cards(school_class)
    db.session.commit()
    return render_template(
        "admin/cards.html", school_class=school_class, cards=cards, school=_school()
    )


# --- pupils -----------------------------------------------------------------------------------


def _class_label(school_class: SchoolClass, this_year: int) -> str:
    if school_class.academic_year == this_year:
        return school_class.name
    return f"{school_class.name} ({academic_year_label(school_class.academic_year)})"


def _search_filters(form: PupilSearchForm) -> services.PupilFilters:
    """What the admin asked for; a field that does not make sense is left out."""
    form.validate()
    ok = {name: not field.errors for name, field in form._fields.items()}
    return services.PupilFilters(
        text=(form.q.data or "").strip() if ok["q"] else "",
        class_id=(form.class_id.data or "") if ok["class_id"] else "",
        cohort=int(form.cohort.data) if ok["cohort"] and form.cohort.data else None,
        leavers=ok["status"] and form.status.data == "leavers",
        page=(form.page.data or 1) if ok["page"] else 1,
    )


@bp.get("/pupils")
def pupil_list():
    year = _this_year()
    form = PupilSearchForm(formdata=request.args)
    form.class_id.choices = [SelectChoice("", "All classes")] + [
        SelectChoice(c.public_id, _class_label(c, year)) for c in services.list_classes_from(year)
    ]
    form.cohort.choices = [SelectChoice("", "All year groups")] + [
        SelectChoice(str(c.start_year), year_group_label(c.start_year, year))
        for c in services.list_cohorts()
    ]
    filters = _search_filters(form)
    return htmx.render_page_or_fragment(
        "admin/pupils.html",
        "admin/_pupil_results.html",
        form=form,
        filters=filters,
        result=services.list_pupils(filters, year),
        year=year,
        year_group_label=year_group_label,
    )


def _pupil_form(this_year: int, pupil: Pupil | None = None) -> tuple[PupilForm, list]:
    """The form with this school's year groups and classes to choose from; the classes
    it offers (this school year's and later) are returned too."""
    form = PupilForm()
    start_years = [cohort_start_year_for(g, this_year) for g in range(FINAL_YEAR_GROUP + 1)]
    if pupil is not None and pupil.cohort.start_year not in start_years:
        start_years.append(pupil.cohort.start_year)
    form.cohort.choices = [SelectChoice("", "Choose a year group")] + [
        SelectChoice(
            str(start), f"{year_group_label(start, this_year)} (started school in {start})"
        )
        for start in sorted(start_years, reverse=True)
    ]
    classes = services.list_classes_from(this_year)
    form.classes.choices = [SelectChoice(c.public_id, _class_label(c, this_year)) for c in classes]
    return form, classes


@bp.route("/pupils/new", methods=["GET", "POST"])
def pupil_create():
    this_year = _this_year()
    form, classes = _pupil_form(this_year)
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("admin/pupil_form.html", form=form, pupil=None), status
    chosen = set(form.classes.data or [])
    pupil, secret = services.add_pupil(
        _school(),
        form.first_name.data,
        form.last_name.data,
        int(form.cohort.data),
        [c for c in classes if c.public_id in chosen],
    )
    db.session.commit()
    return render_template("admin/pupil_created.html", pupil=pupil, secret=secret)


def _render_pupil(
    pupil: Pupil, new_secret: str | None = None, status: int = 200, refusal: str | None = None
):
    # Viewing is audited: this page writes even on a GET, so it takes the write lock up
    # front (SQLite) rather than upgrading a read transaction another writer may overtake.
    db.session.commit()
    with write_transaction():
        classes = services.view_pupil(pupil)
        db.session.commit()
    this_year = _this_year()
    return render_template(
        "admin/pupil_show.html",
        pupil=pupil,
        classes=classes,
        new_secret=new_secret,
        refusal=refusal,
        this_year=this_year,
        year_group=year_group_label(pupil.cohort.start_year, this_year),
        academic_year_label=academic_year_label,
    ), status


@bp.get("/pupils/<pupil_id>")
def pupil_show(pupil_id: str):
    return _render_pupil(get_in_school_or_404(Pupil, pupil_id))


@bp.route("/pupils/<pupil_id>/edit", methods=["GET", "POST"])
def pupil_edit(pupil_id: str):
    pupil = get_in_school_or_404(Pupil, pupil_id)
    this_year = _this_year()
    form, classes = _pupil_form(this_year, pupil)
    if request.method == "GET":
        offered = {c.id for c in classes}
        form.first_name.data, form.last_name.data = pupil.first_name, pupil.last_name
        form.cohort.data = str(pupil.cohort.start_year)
        form.classes.data = [
            c.public_id for c in services.list_classes_of_pupil(pupil) if c.id in offered
        ]
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("admin/pupil_form.html", form=form, pupil=pupil), status
    chosen = set(form.classes.data or [])
    changed = services.update_pupil(
        pupil,
        form.first_name.data,
        form.last_name.data,
        int(form.cohort.data),
        [c for c in classes if c.public_id in chosen],
        classes,
    )
    db.session.commit()
    flash("Changes saved." if changed else "Nothing was changed.")
    return htmx.redirect_response(url_for("admin.pupil_show", pupil_id=pupil_id))


@bp.post("/pupils/<pupil_id>/secret")
def pupil_secret_reset(pupil_id: str):
    pupil = get_in_school_or_404(Pupil, pupil_id)
    if pupil.left_on is not None:
        refusal = "A leaver cannot sign in, so they get no secret. Put them back on roll first."
        return _render_pupil(pupil, status=409, refusal=refusal)
    secret = services.reset_secret(pupil)
    db.session.commit()
    return _render_pupil(pupil, new_secret=secret)


@bp.route("/pupils/<pupil_id>/leave", methods=["GET", "POST"])
def pupil_leave(pupil_id: str):
    pupil = get_in_school_or_404(Pupil, pupil_id)
    if request.method == "GET" or pupil.left_on is not None:
        school = _school()
        return render_template("admin/pupil_leave.html", pupil=pupil, school=school)
    services.mark_leaver(pupil, _today())
    db.session.commit()
    flash(f"{pupil.first_name} {pupil.last_name} is marked as a leaver.")
    return htmx.redirect_response(url_for("admin.pupil_list"))


@bp.post("/pupils/<pupil_id>/return")
def pupil_return(pupil_id: str):
    pupil = get_in_school_or_404(Pupil, pupil_id)
    services.return_to_roll(pupil)
    db.session.commit()
    flash(f"{pupil.first_name} {pupil.last_name} is back on roll. Give them a new secret.")
    return htmx.redirect_response(url_for("admin.pupil_show", pupil_id=pupil_id))
