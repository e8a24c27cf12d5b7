"""Access-matrix rows for the school admin's rights pages (merged into test_access_matrix)."""

from __future__ import annotations


def _admin_only(status: int) -> dict:
    return {"anonymous": 302, "pupil": 403, "teacher": 403, "admin": status}


def _admin_pupil(status: int) -> dict:
    """A pupil of the admin's school (either class); another school's is not found."""
    return {
        "anonymous": 302,
        "pupil": 403,
        "teacher": 403,
        "admin": {"own": status, "same_school_other": status, "other_school": 404},
    }


# (endpoint, method): {role: status or {scope: status}}, as in test_access_matrix.MATRIX.
ROWS: dict[tuple[str, str], dict] = {
    ("admin.rights_home", "GET"): _admin_only(200),
    ("admin.pupil_data", "GET"): _admin_pupil(200),
    # The export is audited, then downloaded by a second request with a short-lived ticket;
    # without one, the download sends the admin back to the pupil's page.
    ("admin.pupil_export", "POST"): _admin_pupil(303),
    ("admin.pupil_export_file", "GET"): _admin_pupil(302),
    ("admin.school_export", "POST"): _admin_only(303),
    ("admin.school_export_file", "GET"): _admin_only(302),
    ("admin.pupil_erase", "GET"): _admin_pupil(200),
    ("admin.pupil_erase", "POST"): _admin_pupil(422),  # nothing typed to confirm
    ("admin.pupil_restrict", "POST"): _admin_pupil(422),  # neither restrict nor lift
    ("admin.retention_edit", "GET"): _admin_only(200),
    ("admin.retention_edit", "POST"): _admin_only(422),  # no choice made
    ("admin.audit_log", "GET"): _admin_only(200),
    ("admin.audit_export", "GET"): _admin_only(200),
}


def arguments(world, scope: str) -> dict[str, str]:
    """URL arguments these routes need, naming the signed-in school's object (own), another
    one in the same school (same_school_other) or one in the other school (other_school).

    ``pupil_id`` is the matrix's own: the first pupil of school A's first class (own), of its
    second class (same school) or of school B's first class (other school)."""
    return {}
