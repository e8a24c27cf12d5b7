"""Signing in and out, for staff and pupils, over HTTP."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select

from prof123.extensions import db
from prof123.models import LoginSession
from prof123.models.base import utcnow
from prof123.security import operator_context
from tests import factories
from tests.conftest import sign_in


def test_staff_sign_in_lands_on_role_home(client, world):
    sign_in(client, world.a.teachers[0])
    assert client.get("/").headers["Location"].endswith("/teacher/")
    client.post("/signout")
    sign_in(client, world.a.admin)
    assert client.get("/").headers["Location"].endswith("/admin/")


def test_pupil_sign_in_with_school_code_lands_on_pupil_home(client, world):
    pupil = world.a.classes[0].pupils[0]
    sign_in(client, pupil)
    page = client.get("/pupil/")
    assert page.status_code == 200
    assert f"Hi {pupil.first_name}" in page.get_data(as_text=True)


def test_pupil_sign_in_accepts_lower_case_school_code_and_spaces(client, world):
    pupil = world.a.classes[0].pupils[0]
    response = client.post(
        "/signin/pupil",
        data={
            "school_code": f" {pupil.school_code.lower()} ",
            "username": pupil.username.upper(),
            "secret": f" {factories.PUPIL_SECRET} ",
        },
    )
    assert response.status_code == 303


def test_wrong_secret_is_refused_with_a_clear_message(client, world):
    pupil = world.a.classes[0].pupils[0]
    response = client.post(
        "/signin/pupil",
        data={"school_code": pupil.school_code, "username": pupil.username, "secret": "9999"},
    )
    assert response.status_code == 401
    assert "did not match" in response.get_data(as_text=True)
    assert client.get("/pupil/").status_code == 302


def test_pupil_of_one_school_cannot_sign_in_with_another_schools_code(client, world):
    pupil = world.a.classes[0].pupils[0]
    response = client.post(
        "/signin/pupil",
        data={
            "school_code": world.b.code,
            "username": pupil.username,
            "secret": factories.PUPIL_SECRET,
        },
    )
    assert response.status_code == 401


def test_wrong_staff_password_is_refused(client, world):
    response = client.post(
        "/signin/staff", data={"email": world.a.admin.email, "password": "not the password"}
    )
    assert response.status_code == 401
    assert client.get("/admin/").status_code == 302


def test_empty_form_gets_field_messages_not_an_error_page(client):
    response = client.post("/signin/pupil", data={})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Type your school code." in body and "Type your secret." in body


def test_sign_in_starts_a_new_session(client, world):
    with client.session_transaction() as session:
        session["left_by_someone_else"] = "x"
    sign_in(client, world.a.admin)
    with client.session_transaction() as session:
        assert "left_by_someone_else" not in session


def test_sign_out_makes_a_copied_cookie_worthless(app, client, world):
    sign_in(client, world.a.admin)
    copied = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    response = client.post("/signout")
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], copied)
    assert thief.get("/admin/").status_code == 302


def test_no_remember_me_cookie_is_ever_set(client, world):
    sign_in(client, world.a.teachers[0])
    client.get("/teacher/")
    assert client.get_cookie("remember_token") is None


def _age_session(client, idle: timedelta) -> None:
    with client.session_transaction() as session:
        session["seen_at"] = (utcnow() - idle).timestamp()


def test_pupil_idle_for_15_minutes_must_sign_in_again(client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    _age_session(client, timedelta(minutes=14))
    assert client.get("/pupil/").status_code == 200
    _age_session(client, timedelta(minutes=15, seconds=5))
    response = client.get("/pupil/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/signin")


def test_staff_idle_for_30_minutes_must_sign_in_again(client, world):
    sign_in(client, world.a.teachers[0])
    _age_session(client, timedelta(minutes=29))
    assert client.get("/teacher/").status_code == 200
    _age_session(client, timedelta(minutes=30, seconds=5))
    assert client.get("/teacher/").status_code == 302


def test_absolute_lifetime_ends_a_busy_session(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    with app.app_context(), operator_context():
        db.session.execute(
            LoginSession.__table__.update().values(
                created_at=utcnow() - timedelta(hours=2, minutes=1)
            )
        )
        db.session.commit()
    assert client.get("/pupil/").status_code == 302


def _session_token(app, client) -> str:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    return app.session_interface.get_signing_serializer(app).loads(cookie)["_user_id"]


def test_sign_in_stores_only_a_hash_of_the_session_token(app, client, world):
    sign_in(client, world.a.admin)
    token = _session_token(app, client)
    with app.app_context(), operator_context():
        hashes = list(db.session.scalars(select(LoginSession.token_hash)))
    assert hashes == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in hashes


def test_signing_in_on_a_shared_tablet_ends_the_previous_pupils_session(app, client, world):
    first, second = world.a.classes[0].pupils[:2]
    sign_in(client, first)
    copied = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    sign_in(client, second)
    other = app.test_client()
    other.set_cookie(app.config["SESSION_COOKIE_NAME"], copied)
    assert other.get("/pupil/").status_code == 302


def test_idle_expiry_ends_the_session_for_every_copy_of_the_cookie(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    copy = app.test_client()
    copy.set_cookie(
        app.config["SESSION_COOKIE_NAME"],
        client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value,
    )
    assert copy.get("/pupil/").status_code == 200  # the copy is kept busy...
    _age_session(client, timedelta(minutes=16))
    assert client.get("/pupil/").status_code == 302  # ...the owner's browser times out...
    assert copy.get("/pupil/").status_code == 302  # ...and that ends the copy too


def test_a_new_secret_signs_the_pupil_out_everywhere(app, client, world):
    school_class = world.a.classes[0]
    pupil = school_class.pupils[0]
    sign_in(client, pupil)
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    teacher.post(f"/teacher/classes/{school_class.public_id}/pupils/{pupil.public_id}/secret")
    assert client.get("/pupil/").status_code == 302


def test_expired_htmx_request_gets_401_and_hx_redirect(client, world):
    sign_in(client, world.a.teachers[0])
    _age_session(client, timedelta(hours=1))
    response = client.get("/teacher/", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].endswith("/signin")


def test_sign_in_logs_hold_no_secrets_or_email_addresses(client, world, caplog):
    caplog.set_level("INFO")
    client.post(
        "/signin/staff", data={"email": world.a.admin.email, "password": "guess number one"}
    )
    pupil = world.a.classes[0].pupils[0]
    client.post(
        "/signin/pupil",
        data={"school_code": pupil.school_code, "username": pupil.username, "secret": "8888"},
    )
    sign_in(client, pupil)
    logged = caplog.text
    assert "sign-in failed" in logged and "signed in: pupil" in logged
    for secret in ("guess number one", "8888", factories.PUPIL_SECRET, world.a.admin.email):
        assert secret not in logged


def test_expired_session_says_why_on_the_sign_in_page(client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    _age_session(client, timedelta(minutes=20))
    page = client.get("/pupil/", follow_redirects=True).get_data(as_text=True)
    assert "signed out because you were away" in page
