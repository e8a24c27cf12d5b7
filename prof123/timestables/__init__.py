"""Times tables for pupils: the Multiplication Tables Check, practice, speed and adaptive
games. Teachers manage them from their class pages (blueprint ``teacher``)."""

from flask import Blueprint

from prof123.models import Role
from prof123.security import guard_blueprint

bp = Blueprint("timestables", __name__, url_prefix="/timestables")
guard_blueprint(bp, Role.PUPIL)

from prof123.timestables import routes  # noqa: E402, F401
