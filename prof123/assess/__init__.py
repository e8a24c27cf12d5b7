"""Maths assessments (National Curriculum objectives)."""

from flask import Blueprint, render_template

from prof123.models import Role
from prof123.security import guard_blueprint

bp = Blueprint("assess", __name__, url_prefix="/assess")
guard_blueprint(bp, Role.PUPIL, Role.TEACHER, Role.SCHOOL_ADMIN)


@bp.get("/")
def index():
    # Assessments arrive with the objective catalogue (issue 4); until then, an honest list.
    return render_template("assess/index.html", assessments=[])
