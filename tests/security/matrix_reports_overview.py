"""Access-matrix rows for the overview reports (merged into test_access_matrix)."""

from __future__ import annotations

# (endpoint, method): {role: status or {scope: status}}, as in test_access_matrix.MATRIX.
ROWS: dict[tuple[str, str], dict] = {}


def arguments(world, scope: str) -> dict[str, str]:
    """URL arguments these routes need, naming the signed-in school's object (own), another
    one in the same school (same_school_other) or one in the other school (other_school)."""
    return {}
