"""Access-matrix rows for the school admin's roster pages (merged into test_access_matrix).

Only school admins get in. Another school's staff member, class or pupil is a 404; the
admin may act on anyone of their own school (own and same_school_other alike). POSTs are
sent empty, so each row names what an empty form gets.
"""

from __future__ import annotations

ANON, PUPIL, TEACHER = 302, 403, 403


def ADMIN_ONLY(status: int) -> dict:
    return {"anonymous": ANON, "pupil": PUPIL, "teacher": TEACHER, "admin": status}


def ADMIN_OBJECT(status: int) -> dict:
    """A route naming an object of the school: the other school's is not found."""
    scoped = {"own": status, "same_school_other": status, "other_school": 404}
    return {"anonymous": ANON, "pupil": PUPIL, "teacher": TEACHER, "admin": scoped}


# (endpoint, method): {role: status or {scope: status}}, as in test_access_matrix.MATRIX.
ROWS: dict[tuple[str, str], dict] = {
    ("admin.staff_list", "GET"): ADMIN_ONLY(200),
    ("admin.staff_classes", "GET"): ADMIN_OBJECT(200),
    ("admin.staff_classes", "POST"): ADMIN_OBJECT(303),  # no class ticked: none taught
    ("admin.staff_password_link", "POST"): ADMIN_OBJECT(200),  # the link, shown once
    ("admin.staff_deactivate", "POST"): ADMIN_OBJECT(303),
    ("admin.staff_reactivate", "POST"): ADMIN_OBJECT(303),
    ("admin.class_list", "GET"): ADMIN_ONLY(200),
    ("admin.class_create", "POST"): ADMIN_ONLY(422),  # no name
    ("admin.class_show", "GET"): ADMIN_OBJECT(200),
    ("admin.class_rename", "POST"): ADMIN_OBJECT(422),  # no name
    ("admin.class_delete", "POST"): ADMIN_OBJECT(409),  # the class has pupils
    ("admin.pupils_move", "POST"): ADMIN_OBJECT(422),  # nobody ticked
    ("admin.cards_confirm", "GET"): ADMIN_OBJECT(200),
    ("admin.cards_print", "POST"): ADMIN_OBJECT(200),  # the cards, with new secrets
    ("admin.pupil_list", "GET"): ADMIN_ONLY(200),
    ("admin.pupil_create", "GET"): ADMIN_ONLY(200),
    ("admin.pupil_create", "POST"): ADMIN_ONLY(422),  # no name
    ("admin.pupil_show", "GET"): ADMIN_OBJECT(200),
    ("admin.pupil_edit", "GET"): ADMIN_OBJECT(200),
    ("admin.pupil_edit", "POST"): ADMIN_OBJECT(422),  # no name
    ("admin.pupil_secret_reset", "POST"): ADMIN_OBJECT(200),  # the new secret, shown once
    ("admin.pupil_leave", "GET"): ADMIN_OBJECT(200),
    ("admin.pupil_leave", "POST"): ADMIN_OBJECT(303),
    ("admin.pupil_return", "POST"): ADMIN_OBJECT(303),
    # Public, guarded by the token alone: a made-up token opens nothing, for anyone.
    ("auth.password_set", "GET"): dict.fromkeys(("anonymous", "pupil", "teacher", "admin"), 404),
    ("auth.password_set", "POST"): dict.fromkeys(("anonymous", "pupil", "teacher", "admin"), 404),
}


def arguments(world, scope: str) -> dict[str, str]:
    """URL arguments these routes need, naming the signed-in school's object (own), another
    one in the same school (same_school_other) or one in the other school (other_school).
    Classes and pupils use the matrix's own ``class_id`` and ``pupil_id``."""
    school = world.b if scope == "other_school" else world.a
    staff = {
        "own": world.a.teachers[0],
        "same_school_other": world.a.teachers[1],
        "other_school": world.b.teachers[0],
    }[scope]
    return {
        "staff_id": staff.public_id,
        "school_code": school.code,
        "link_token": "not-a-real-password-link-token",
    }
