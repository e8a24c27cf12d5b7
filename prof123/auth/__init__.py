from flask import Blueprint

from prof123.security import PUBLIC, guard_blueprint

bp = Blueprint("auth", __name__)
guard_blueprint(bp, PUBLIC)

from prof123.auth import routes  # noqa: E402, F401
