"""Sign-in and sign-out for staff and pupils, and setting a password with a one-time link."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from prof123 import htmx, security
from prof123.admin import services as roster
from prof123.auth import bp, services
from prof123.auth.forms import (
    ClassCodeForm,
    ClassPupilSecretForm,
    PupilSignInForm,
    SetPasswordForm,
    StaffSignInForm,
)
from prof123.extensions import db
from prof123.formatting import display_names
from prof123.models import utcnow

CLASS_CODE_SESSION_KEY = "class_sign_in_code_id"


def _home_url() -> str:
    return url_for(security.home_endpoint(security.current_role()))


def _refused(template: str, refused: services.SignInRefused, **context):
    """A refused sign-in still commits: its failure count must survive the response."""
    db.session.commit()
    return render_template(template, refusal=refused.message, **context), refused.status


@bp.get("/signin")
def sign_in():
    if current_user.is_authenticated:
        return redirect(_home_url())
    return render_template("auth/sign_in.html", form=ClassCodeForm())


@bp.route("/signin/staff", methods=["GET", "POST"])
def staff_sign_in():
    form = StaffSignInForm()
    if not form.validate_on_submit():
        return render_template("auth/staff_sign_in.html", form=form), 422 if form.errors else 200
    try:
        services.sign_in_staff(form.email.data, form.password.data, utcnow())
    except services.SignInRefused as refused:
        return _refused("auth/staff_sign_in.html", refused, form=form)
    db.session.commit()
    return htmx.redirect_response(_home_url())


@bp.route("/signin/pupil", methods=["GET", "POST"])
def pupil_sign_in():
    form = PupilSignInForm()
    if not form.validate_on_submit():
        return render_template("auth/pupil_sign_in.html", form=form), 422 if form.errors else 200
    try:
        services.sign_in_pupil(
            form.school_code.data, form.username.data, form.secret.data.strip(), utcnow()
        )
    except services.SignInRefused as refused:
        return _refused("auth/pupil_sign_in.html", refused, form=form)
    db.session.commit()
    return htmx.redirect_response(_home_url())


@bp.post("/signin/class")
def class_code_enter():
    form = ClassCodeForm()
    if not form.validate_on_submit():
        return render_template("auth/sign_in.html", form=form), 422
    try:
        class_code = services.open_class_code_for_sign_in(
            form.code.data, request.remote_addr, utcnow()
        )
    except services.SignInRefused as refused:
        return _refused("auth/sign_in.html", refused, form=form)
    session[CLASS_CODE_SESSION_KEY] = class_code.id
    return htmx.redirect_response(url_for("auth.class_names"))


def _class_code_from_session():
    class_code_id = session.get(CLASS_CODE_SESSION_KEY)
    class_code = class_code_id and security.find_open_class_code_by_id(class_code_id, utcnow())
    if not class_code:
        session.pop(CLASS_CODE_SESSION_KEY, None)
        abort(redirect(url_for("auth.sign_in")))
    return class_code


@bp.get("/signin/class/names")
def class_names():
    class_code = _class_code_from_session()
    pupils = services.list_pupils_for_class_sign_in(class_code)
    return render_template(
        "auth/class_names.html", class_code=class_code, pupils=pupils, names=display_names(pupils)
    )


@bp.route("/signin/class/names/<pupil_id>", methods=["GET", "POST"])
def class_pupil_sign_in(pupil_id: str):
    class_code = _class_code_from_session()
    pupils = services.list_pupils_for_class_sign_in(class_code)
    pupil = next((p for p in pupils if p.public_id == pupil_id), None)
    if pupil is None:
        abort(404)
    form = ClassPupilSecretForm()
    context = {"form": form, "name": display_names(pupils)[pupil_id], "pupil_id": pupil_id}
    if not form.validate_on_submit():
        return render_template("auth/class_secret.html", **context), 422 if form.errors else 200
    try:
        services.sign_in_pupil_in_class(class_code, pupil, form.secret.data.strip(), utcnow())
    except services.SignInRefused as refused:
        return _refused("auth/class_secret.html", refused, **context)
    db.session.commit()
    return htmx.redirect_response(_home_url())


@bp.post("/signout")
def sign_out():
    security.end_login_session()
    db.session.commit()
    response = htmx.redirect_response(url_for("auth.sign_in"))
    # Ask the browser to forget everything this site left on a shared computer.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route("/set-password/<school_code>/<link_token>", methods=["GET", "POST"])
def password_set(school_code: str, link_token: str):
    """The page a one-time link from a school admin opens. The token is the only key:
    an unknown, used or expired one gets the same answer."""
    if not roster.password_link_works(school_code, link_token, utcnow()):
        return render_template("auth/set_password.html", form=None), 404
    form = SetPasswordForm()
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("auth/set_password.html", form=form), status
    staff = roster.set_password_with_link(school_code, link_token, form.password.data, utcnow())
    if staff is None:  # used up in the meantime
        return render_template("auth/set_password.html", form=None), 404
    db.session.commit()
    flash("Your new password is set. Sign in with it now.")
    return htmx.redirect_response(url_for("auth.staff_sign_in"))
