from flask import Blueprint

from prof123.models import Role
from prof123.security import guard_blueprint

bp = Blueprint("teacher", __name__, url_prefix="/teacher")
guard_blueprint(bp, Role.TEACHER, Role.SCHOOL_ADMIN)

from prof123.teacher import routes  # noqa: E402, F401
