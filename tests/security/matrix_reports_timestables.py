"""Access-matrix rows for the timestables reports (merged into test_access_matrix)."""

from __future__ import annotations

_CLASS_STAFF = {
    "anonymous": 302,
    "pupil": 403,
    # The other teacher's class is refused; another school's class is not found.
    "teacher": {"own": 200, "same_school_other": 403, "other_school": 404},
    "admin": {"own": 200, "same_school_other": 200, "other_school": 404},
}

# (endpoint, method): {role: status or {scope: status}}, as in test_access_matrix.MATRIX.
ROWS: dict[tuple[str, str], dict] = {
    ("reports.class_timestables", "GET"): _CLASS_STAFF,
    # The pupil named belongs to the class named (class_id and pupil_id go together).
    ("reports.pupil_timestables", "GET"): _CLASS_STAFF,
}


def arguments(world, scope: str) -> dict[str, str]:
    """URL arguments these routes need, naming the signed-in school's object (own), another
    one in the same school (same_school_other) or one in the other school (other_school).
    class_id and pupil_id come from test_access_matrix itself: the scope's class and its
    first pupil."""
    return {}
