from flask import Blueprint

from prof123.models import Role
from prof123.security import guard_blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
guard_blueprint(bp, Role.SCHOOL_ADMIN)

# One module of views per area, all on this blueprint.
from prof123.admin import import_routes, rights_routes, routes  # noqa: E402, F401
