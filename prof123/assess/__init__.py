"""Maths assessments on National Curriculum objectives: teachers make and set them,
pupils take them one question at a time, and teachers read the results."""

import json

from flask import Blueprint

from prof123.assess.display import answer_text, question_html, typed_text
from prof123.models import Role
from prof123.security import guard_blueprint

bp = Blueprint("assess", __name__, url_prefix="/assess")
guard_blueprint(bp, Role.PUPIL, Role.TEACHER, Role.SCHOOL_ADMIN)
bp.add_app_template_global(answer_text)
bp.add_app_template_global(typed_text)
bp.add_app_template_filter(json.loads, "fromjson")
bp.add_app_template_filter(question_html)

from prof123.assess import routes  # noqa: E402, F401  (the views register on bp)
