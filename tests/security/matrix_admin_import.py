"""Access-matrix rows for the school admin's import pages (merged into test_access_matrix)."""

from __future__ import annotations


def _admin_only(status: int) -> dict:
    return {"anonymous": 302, "pupil": 403, "teacher": 403, "admin": status}


# (endpoint, method): {role: status or {scope: status}}, as in test_access_matrix.MATRIX.
# None of these routes names an object: the school is the signed-in admin's own.
ROWS: dict[tuple[str, str], dict] = {
    ("admin.import_start", "GET"): _admin_only(200),
    # An empty form: no file chosen.
    ("admin.import_preview", "POST"): _admin_only(422),
    # No signed upload: the upload page again, saying so.
    ("admin.import_confirm", "POST"): _admin_only(422),
    ("admin.import_failed_rows", "POST"): _admin_only(422),
    ("admin.rollover_show", "GET"): _admin_only(200),
    # A preview with the default names (nothing is written).
    ("admin.rollover_preview", "POST"): _admin_only(200),
    # Without the year the preview was made for, nothing is done.
    ("admin.rollover_confirm", "POST"): _admin_only(422),
}


def arguments(world, scope: str) -> dict[str, str]:
    """URL arguments these routes need, naming the signed-in school's object (own), another
    one in the same school (same_school_other) or one in the other school (other_school)."""
    return {}
