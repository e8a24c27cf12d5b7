"""Teacher results: what each pupil knows and what to teach next. Read-only pages for the
staff of a class (teachers: their classes; admins: every class), set-based queries whose
statement count does not grow with class size or history."""

from flask import Blueprint

from prof123.models import Role
from prof123.security import guard_blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
guard_blueprint(bp, Role.TEACHER, Role.SCHOOL_ADMIN)

# One module of views per area, all on this blueprint.
from prof123.reports import (  # noqa: E402, F401
    assessment_routes,
    overview_routes,
    timestables_routes,
)
