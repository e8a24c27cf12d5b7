"""Access-matrix rows for the assessments reports (merged into test_access_matrix)."""

from __future__ import annotations

# What is set for a class, and its report, belong to that class: a teacher of another class
# gets 403, an admin reads every class, and another school's is not found.
_CLASS_REPORT = {
    "anonymous": 302,
    "pupil": 403,
    "teacher": {"own": 200, "same_school_other": 403, "other_school": 404},
    "admin": {"own": 200, "same_school_other": 200, "other_school": 404},
}

# (endpoint, method): {role: status or {scope: status}}, as in test_access_matrix.MATRIX.
ROWS: dict[tuple[str, str], dict] = {
    ("reports.assignment_report", "GET"): _CLASS_REPORT,
    ("reports.assignment_report_print", "GET"): _CLASS_REPORT,
}


def arguments(world, scope: str) -> dict[str, str]:
    """URL arguments these routes need, naming the signed-in school's object (own), another
    one in the same school (same_school_other) or one in the other school (other_school).
    ``assignment_id`` is given by the matrix itself (world.assignments)."""
    return {}
