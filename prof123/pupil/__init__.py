"""The pupil's home: big, clear tiles and nothing about anyone else."""

from flask import Blueprint, render_template

from prof123.models import Role
from prof123.security import guard_blueprint

bp = Blueprint("pupil", __name__, url_prefix="/pupil")
guard_blueprint(bp, Role.PUPIL)


@bp.get("/")
def home():
    return render_template("pupil/home.html")
