"""Teacher and school-admin pages."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from prof123.extensions import db
from prof123.models import Pupil, StaffUser
from prof123.security import operator_context, tenant_context
from tests import factories
from tests.conftest import sign_in


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_teacher_home_lists_only_their_own_classes(client, world):
    sign_in(client, world.a.teachers[0])
    page = _soup(client.get("/teacher/"))
    names = [h.get_text(strip=True) for h in page.select(".card h2")]
    assert names == [world.a.classes[0].name]


def test_admin_sees_every_class_of_the_school(client, world):
    sign_in(client, world.a.admin)
    page = _soup(client.get("/teacher/"))
    names = {h.get_text(strip=True) for h in page.select(".card h2")}
    assert names == {c.name for c in world.a.classes}


def test_class_page_lists_its_pupils(client, world):
    sign_in(client, world.a.teachers[0])
    school_class = world.a.classes[0]
    page = _soup(client.get(f"/teacher/classes/{school_class.public_id}"))
    usernames = {c.get_text() for c in page.select("tbody td code")}
    assert usernames == {p.username for p in school_class.pupils}


def test_resetting_a_secret_without_htmx_shows_the_class_page_with_it(app, client, world):
    sign_in(client, world.a.teachers[0])
    school_class = world.a.classes[0]
    pupil = school_class.pupils[0]
    response = client.post(
        f"/teacher/classes/{school_class.public_id}/pupils/{pupil.public_id}/secret"
    )
    page = _soup(response)
    new_secret = page.select_one(f"#pupil-{pupil.public_id} .new-secret code").get_text()
    assert page.find("html") is not None
    pupil_client = app.test_client()
    response = pupil_client.post(
        "/signin/pupil",
        data={"school_code": pupil.school_code, "username": pupil.username, "secret": new_secret},
    )
    assert response.status_code == 303


def test_admin_home_shows_staff_classes_and_year_groups(client, world):
    sign_in(client, world.a.admin)
    body = client.get("/admin/").get_data(as_text=True)
    assert world.a.name in body and "Year 4" in body
    for teacher in world.a.teachers:
        assert f"Teacher {teacher.email[7]} a" in body


def test_admin_adds_a_teacher_who_can_then_sign_in(app, client, world):
    sign_in(client, world.a.admin)
    response = client.post(
        "/admin/staff/new",
        data={
            "display_name": "Ms New",
            "email": "New@A.example",
            "role": "teacher",
            "password": "a fine long password",
        },
    )
    assert response.status_code == 303
    assert "Ms New can now sign in" in client.get("/admin/").get_data(as_text=True)
    with app.app_context(), tenant_context(world.a.id):
        staff = db.session.scalar(select(StaffUser).where(StaffUser.email == "new@a.example"))
    assert staff.role.value == "teacher" and staff.school_id == world.a.id
    newcomer = app.test_client()
    sign_in_response = newcomer.post(
        "/signin/staff", data={"email": "new@a.example", "password": "a fine long password"}
    )
    assert sign_in_response.headers["Location"].endswith("/teacher/")


def test_adding_staff_rejects_bad_input_and_keeps_what_was_typed(client, world):
    sign_in(client, world.a.admin)
    response = client.post(
        "/admin/staff/new",
        data={
            "display_name": "Ms Dup",
            "email": world.b.teachers[0].email,
            "role": "teacher",
            "password": "a fine long password",
        },
    )
    assert response.status_code == 422
    page = _soup(response)
    assert "already uses this email" in page.get_text()
    assert page.select_one("#display_name")["value"] == "Ms Dup"
    response = client.post(
        "/admin/staff/new",
        data={"display_name": "X", "email": "x@a.example", "role": "teacher", "password": "short"},
    )
    assert response.status_code == 422 and "at least 12" in response.get_data(as_text=True)


def test_school_and_ids_cannot_be_smuggled_into_the_form(app, client, world):
    sign_in(client, world.a.admin)
    response = client.post(
        "/admin/staff/new",
        data={
            "display_name": "Ms Sneaky",
            "email": "sneaky@a.example",
            "role": "teacher",
            "password": "a fine long password",
            "school_id": str(world.b.id),
            "id": "1",
            "is_active": "false",
        },
    )
    assert response.status_code == 303
    with app.app_context(), operator_context():
        staff = db.session.scalar(select(StaffUser).where(StaffUser.email == "sneaky@a.example"))
    assert staff.school_id == world.a.id and staff.id != 1 and staff.is_active


def test_a_role_that_is_not_offered_is_refused(client, world):
    sign_in(client, world.a.admin)
    response = client.post(
        "/admin/staff/new",
        data={
            "display_name": "X",
            "email": "x@a.example",
            "role": "pupil",
            "password": "a fine long password",
        },
    )
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)


def test_secrets_and_passwords_are_stored_only_as_argon2id_hashes(app, world):
    with app.app_context(), tenant_context(world.a.id):
        staff_hashes = list(db.session.scalars(select(StaffUser.password_hash)))
        pupil_hashes = list(db.session.scalars(select(Pupil.secret_hash)))
    for stored in staff_hashes + pupil_hashes:
        assert stored.startswith("$argon2id$v=19$")
        assert factories.PUPIL_SECRET not in stored and factories.STAFF_PASSWORD not in stored


def test_default_hash_cost_is_at_least_the_owasp_minimum(database_url):
    from prof123 import create_app
    from prof123.hashing import hash_secret
    from tests.conftest import FAST_HASHING, settings_for_tests

    settings = {k: v for k, v in settings_for_tests(database_url).items() if k not in FAST_HASHING}
    app = create_app(settings)
    with app.app_context():
        stored = hash_secret("2345")
    parameters = dict(p.split("=") for p in stored.split("$")[3].split(","))
    assert int(parameters["m"]) >= 19456 and int(parameters["t"]) >= 2
