"""Times tables: practice and the Multiplication Tables Check."""

from flask import Blueprint, render_template

from prof123.models import Role
from prof123.security import guard_blueprint

bp = Blueprint("timestables", __name__, url_prefix="/timestables")
guard_blueprint(bp, Role.PUPIL, Role.TEACHER, Role.SCHOOL_ADMIN)


@bp.get("/")
def index():
    # The games arrive with issue 3; until then the page says so.
    return render_template("timestables/index.html")
