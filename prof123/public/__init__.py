"""Pages anyone may read: the front door and the privacy notices."""

from flask import Blueprint, redirect, render_template, url_for

from prof123 import security
from prof123.security import PUBLIC, guard_blueprint

bp = Blueprint("public", __name__)
guard_blueprint(bp, PUBLIC)


@bp.get("/")
def index():
    return redirect(url_for(security.home_endpoint(security.current_role())))


@bp.get("/privacy")
def privacy():
    return render_template("public/privacy.html")


@bp.get("/privacy/pupils")
def privacy_pupils():
    return render_template("public/privacy_pupils.html")
