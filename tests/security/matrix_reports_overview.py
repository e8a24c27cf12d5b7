"""Access-matrix rows for the overview reports (merged into test_access_matrix)."""

from __future__ import annotations

# A class's page: its teacher and the school's admins; another teacher of the school gets a
# 403 and another school's class is not found.
_CLASS_STAFF = {
    "anonymous": 302,
    "pupil": 403,
    "teacher": {"own": 200, "same_school_other": 403, "other_school": 404},
    "admin": {"own": 200, "same_school_other": 200, "other_school": 404},
}

# (endpoint, method): {role: status or {scope: status}}, as in test_access_matrix.MATRIX.
ROWS: dict[tuple[str, str], dict] = {
    ("reports.class_overview", "GET"): _CLASS_STAFF,
    # A pupil of that class (the class's first pupil, in each scope).
    ("reports.pupil_profile", "GET"): _CLASS_STAFF,
    # The whole school: admins only, and it names no pupil.
    ("reports.school_overview", "GET"): {
        "anonymous": 302,
        "pupil": 403,
        "teacher": 403,
        "admin": 200,
    },
}


def arguments(world, scope: str) -> dict[str, str]:
    """URL arguments these routes need, naming the signed-in school's object (own), another
    one in the same school (same_school_other) or one in the other school (other_school).
    The class and its first pupil come from the shared arguments (class_id, pupil_id)."""
    return {}
