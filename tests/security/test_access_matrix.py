"""Every route × every role × own / same-school-other / other-school object.

The table below is the access policy. A route added to the app without a row here fails
``test_every_route_is_in_the_matrix``, so nothing new ships undeclared.
"""

from __future__ import annotations

import pytest

from tests.conftest import sign_in
from tests.security import (
    matrix_admin_import,
    matrix_admin_rights,
    matrix_admin_roster,
    matrix_reports_assessments,
    matrix_reports_overview,
    matrix_reports_timestables,
)

# Areas that declare their rows beside this file, one module each.
AREAS = (
    matrix_admin_roster,
    matrix_admin_import,
    matrix_admin_rights,
    matrix_reports_timestables,
    matrix_reports_assessments,
    matrix_reports_overview,
)

ROLES = ("anonymous", "pupil", "teacher", "admin")
SCOPES = ("own", "same_school_other", "other_school")

# Expected status per role. A dict value keyed by scope applies to routes with an object.
ANON_REDIRECT = 302
OBJECT_STAFF = {
    "teacher": {"own": 200, "same_school_other": 403, "other_school": 404},
    "admin": {"own": 200, "same_school_other": 200, "other_school": 404},
}
OBJECT_STAFF_POST = {
    "teacher": {"own": 303, "same_school_other": 403, "other_school": 404},
    "admin": {"own": 303, "same_school_other": 303, "other_school": 404},
}


def PUPIL_ONLY(status: int) -> dict:
    return {"anonymous": 302, "pupil": status, "teacher": 403, "admin": 403}


def PUPIL_OBJECT(status: int) -> dict:
    """A pupil's own game; another pupil's, even in the same school, is a 404."""
    return {
        **PUPIL_ONLY(0),
        "pupil": {"own": status, "same_school_other": 404, "other_school": 404},
    }


def STAFF_ONLY(status: int) -> dict:
    return {"anonymous": 302, "pupil": 403, "teacher": status, "admin": status}


def SCHOOL_OBJECT(status: int) -> dict:
    """Shared by the school's staff: only another school's is out of reach (a 404)."""
    scoped = {"own": status, "same_school_other": status, "other_school": 404}
    return {"anonymous": 302, "pupil": 403, "teacher": scoped, "admin": scoped}


def STAFF_OBJECT(own: int, admin_other_class: int | None = None) -> dict:
    """A class's page or action: a teacher of another class gets 403; a school admin may use
    every class (``admin_other_class`` when the object is not in that class)."""
    return {
        "anonymous": 302,
        "pupil": 403,
        "teacher": {"own": own, "same_school_other": 403, "other_school": 404},
        "admin": {
            "own": own,
            "same_school_other": own if admin_other_class is None else admin_other_class,
            "other_school": 404,
        },
    }


# (endpoint, method): {role: status or {scope: status}}
MATRIX: dict[tuple[str, str], dict] = {
    ("static", "GET"): dict.fromkeys(ROLES, 200),
    ("public.index", "GET"): dict.fromkeys(ROLES, 302),
    ("public.privacy", "GET"): dict.fromkeys(ROLES, 200),
    ("public.privacy_pupils", "GET"): dict.fromkeys(ROLES, 200),
    ("auth.sign_in", "GET"): {"anonymous": 200, "pupil": 302, "teacher": 302, "admin": 302},
    ("auth.staff_sign_in", "GET"): dict.fromkeys(ROLES, 200),
    ("auth.staff_sign_in", "POST"): dict.fromkeys(ROLES, 422),
    ("auth.pupil_sign_in", "GET"): dict.fromkeys(ROLES, 200),
    ("auth.pupil_sign_in", "POST"): dict.fromkeys(ROLES, 422),
    ("auth.class_code_enter", "POST"): dict.fromkeys(ROLES, 422),
    # Without a class code entered first, both steps send the pupil back to the start.
    ("auth.class_names", "GET"): dict.fromkeys(ROLES, 302),
    ("auth.class_pupil_sign_in", "GET"): dict.fromkeys(ROLES, 302),
    ("auth.class_pupil_sign_in", "POST"): dict.fromkeys(ROLES, 302),
    ("auth.sign_out", "POST"): dict.fromkeys(ROLES, 303),
    ("pupil.home", "GET"): {"anonymous": 302, "pupil": 200, "teacher": 403, "admin": 403},
    ("teacher.home", "GET"): {"anonymous": 302, "pupil": 403, "teacher": 200, "admin": 200},
    ("teacher.class_show", "GET"): {"anonymous": 302, "pupil": 403, **OBJECT_STAFF},
    ("teacher.class_code_show", "GET"): {"anonymous": 302, "pupil": 403, **OBJECT_STAFF},
    ("teacher.class_code_open", "POST"): {"anonymous": 302, "pupil": 403, **OBJECT_STAFF_POST},
    ("teacher.class_code_close", "POST"): {"anonymous": 302, "pupil": 403, **OBJECT_STAFF_POST},
    # Not an htmx request, so the reset answers with the class page showing the new secret.
    ("teacher.pupil_secret_reset", "POST"): {"anonymous": 302, "pupil": 403, **OBJECT_STAFF},
    ("teacher.pupil_unpause", "POST"): {"anonymous": 302, "pupil": 403, **OBJECT_STAFF},
    ("teacher.times_tables_show", "GET"): STAFF_OBJECT(200),
    # Empty forms: no mode, no tables, no reason.
    ("teacher.check_open_close", "POST"): STAFF_OBJECT(400),
    ("teacher.practice_setup", "POST"): STAFF_OBJECT(422),
    # A game belongs to a pupil of the class named in the URL, or it is not found.
    ("teacher.attempt_show", "GET"): STAFF_OBJECT(200, admin_other_class=404),
    ("teacher.attempt_restart", "POST"): STAFF_OBJECT(422, admin_other_class=404),
    ("teacher.arrangements_edit", "GET"): STAFF_OBJECT(200),
    ("teacher.arrangements_edit", "POST"): STAFF_OBJECT(422),
    ("admin.home", "GET"): {"anonymous": 302, "pupil": 403, "teacher": 403, "admin": 200},
    ("admin.staff_create", "GET"): {"anonymous": 302, "pupil": 403, "teacher": 403, "admin": 200},
    ("admin.staff_create", "POST"): {"anonymous": 302, "pupil": 403, "teacher": 403, "admin": 422},
    ("assess.index", "GET"): {"anonymous": 302, "pupil": 200, "teacher": 200, "admin": 200},
    ("assess.assessment_create", "GET"): STAFF_ONLY(200),
    ("assess.assessment_create", "POST"): STAFF_ONLY(422),  # an empty form
    ("assess.library", "GET"): STAFF_ONLY(200),
    ("assess.library_use", "POST"): STAFF_ONLY(303),
    # Any teacher of the school may read and set the school's assessments.
    ("assess.assessment_show", "GET"): SCHOOL_OBJECT(200),
    ("assess.assessment_paper", "GET"): SCHOOL_OBJECT(200),
    ("assess.assessment_assign", "POST"): SCHOOL_OBJECT(422),  # no classes, no times
    ("assess.results_show", "GET"): STAFF_OBJECT(200),
    ("assess.results_close", "POST"): STAFF_OBJECT(303),
    # Work set for one of the pupil's classes; any other is not found.
    ("assess.attempt_start", "POST"): PUPIL_OBJECT(303),
    ("assess.attempt_show", "GET"): PUPIL_OBJECT(200),
    ("assess.answer_save", "POST"): PUPIL_OBJECT(400),  # an empty form
    ("assess.attempt_review", "GET"): PUPIL_OBJECT(200),
    ("assess.attempt_hand_in", "POST"): PUPIL_OBJECT(303),
    # Not handed in yet: back to the questions.
    ("assess.attempt_result", "GET"): PUPIL_OBJECT(303),
    ("timestables.index", "GET"): {"anonymous": 302, "pupil": 200, "teacher": 403, "admin": 403},
    # An empty form: the mode is missing.
    ("timestables.game_start", "POST"): PUPIL_ONLY(422),
    ("timestables.game_play", "GET"): PUPIL_OBJECT(200),
    ("timestables.game_begin", "POST"): PUPIL_OBJECT(200),
    ("timestables.game_finish", "POST"): PUPIL_OBJECT(200),
    ("timestables.answer_submit", "POST"): PUPIL_OBJECT(400),
    # An unfinished game has no result yet: back to the game.
    ("timestables.game_result", "GET"): PUPIL_OBJECT(303),
    ("timestables.typing_warm_up", "GET"): PUPIL_ONLY(200),
    ("timestables.typing_warm_up", "POST"): PUPIL_ONLY(422),
}


for _area in AREAS:
    assert not MATRIX.keys() & _area.ROWS.keys(), "a row declared twice"
    MATRIX.update(_area.ROWS)


def area_arguments(world, scope: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for area in AREAS:
        values.update(area.arguments(world, scope))
    return values


def _routes(app) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_route_is_in_the_matrix(app):
    routes = _routes(app)
    assert routes - MATRIX.keys() == set(), "add these routes to MATRIX"
    assert MATRIX.keys() - routes == set(), "these MATRIX rows name no route"


def _url_arguments(endpoint: str, world, scope: str) -> dict:
    """Objects for a route: the signed-in teacher's class (own), the other teacher's class
    in the same school, or a class in school B."""
    school_class = {
        "own": world.a.classes[0],
        "same_school_other": world.a.classes[1],
        "other_school": world.b.classes[0],
    }[scope]
    attempts = world.assessment_attempts if endpoint.startswith("assess.") else world.attempts
    available = {
        "attempt_id": attempts[scope],
        "class_id": school_class.public_id,
        "pupil_id": school_class.pupils[0].public_id,
        # Assessments are shared within a school (another teacher's is readable); what is
        # set for a class, and its results, belong to that class.
        "assessment_id": world.assessments[scope],
        "assignment_id": world.assignments[scope],
        "key": "ks2-arithmetic",
        "filename": "css/app.css",
        **area_arguments(world, scope),
    }
    return {name: available[name] for name in _ARGUMENTS[endpoint]}


_ARGUMENTS: dict[str, set[str]] = {}


def _cases():
    for (endpoint, method), expected in sorted(MATRIX.items()):
        for role in ROLES:
            outcome = expected[role]
            scopes = SCOPES if isinstance(outcome, dict) else ("own",)
            for scope in scopes:
                yield pytest.param(
                    endpoint, method, role, scope, id=f"{endpoint}-{method}-{role}-{scope}"
                )


@pytest.mark.parametrize(("endpoint", "method", "role", "scope"), list(_cases()))
def test_access(app, client, world_with_games, endpoint, method, role, scope):
    world = world_with_games
    _ARGUMENTS.update({rule.endpoint: rule.arguments for rule in app.url_map.iter_rules()})
    account = {
        "anonymous": None,
        "pupil": world.a.classes[0].pupils[0],
        "teacher": world.a.teachers[0],
        "admin": world.a.admin,
    }[role]
    if account is not None:
        sign_in(client, account)
    with app.test_request_context():
        from flask import url_for

        url = url_for(endpoint, **_url_arguments(endpoint, world, scope))
    response = client.open(url, method=method, data={})
    response.close()
    expected = MATRIX[(endpoint, method)][role]
    if isinstance(expected, dict):
        expected = expected[scope]
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
