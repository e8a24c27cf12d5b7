"""Guessing is stopped per account and per class, never by the school's shared address."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
import redis
from bs4 import BeautifulSoup
from sqlalchemy import select

from prof123.auth.throttle import RedisFailureCounter
from prof123.extensions import db
from prof123.models import SignInFailureCount
from prof123.models.base import utcnow
from prof123.security import operator_context
from tests import factories
from tests.conftest import settings_for_tests, sign_in

SCHOOL_ADDRESS = {"REMOTE_ADDR": "203.0.113.7"}


def _pupil_attempt(client, pupil, secret):
    return client.post(
        "/signin/pupil",
        data={"school_code": pupil.school_code, "username": pupil.username, "secret": secret},
        environ_base=SCHOOL_ADDRESS,
    )


def test_ten_wrong_secrets_pause_that_account_only(app, world):
    attacker = app.test_client()
    target, classmate = world.a.classes[0].pupils[:2]
    statuses = [_pupil_attempt(attacker, target, "9999").status_code for _ in range(10)]
    assert statuses == [401] * 10
    paused = _pupil_attempt(attacker, target, factories.PUPIL_SECRET)
    assert paused.status_code == 429
    assert "Too many wrong tries" in paused.get_data(as_text=True)
    # The classmate on the same school address is not affected.
    assert _pupil_attempt(app.test_client(), classmate, factories.PUPIL_SECRET).status_code == 303


def test_200_guesses_and_30_classmates_on_one_address(app, world, caplog):
    caplog.set_level("INFO")
    """security.md T-BRUTE (a)+(b): at most 10 failures are even checked for the attacked
    account, and every classmate behind the same address still signs in."""
    attacker = app.test_client()
    target = world.a.classes[0].pupils[0]
    refusals = [_pupil_attempt(attacker, target, "9999") for _ in range(200)]
    assert [r.status_code for r in refusals] == [401] * 10 + [429] * 190
    checked = caplog.text.count(f"sign-in failed for account:pupil:{target.school_id}:{target.id}")
    assert checked == 10  # the other 190 were refused without checking
    classmates = [p for c in world.a.classes + world.b.classes for p in c.pupils if p != target]
    assert len(classmates) >= 5
    extra = []
    with app.app_context():
        from prof123.admin import services as roster
        from prof123.models import Cohort, School
        from prof123.security import tenant_context

        with tenant_context(world.a.id):
            school = db.session.get(School, world.a.id)
            cohort = db.session.scalars(select(Cohort)).first()
            for index in range(30 - len(classmates)):
                pupil = roster.create_pupil(
                    school, f"Extra{index}", "Pupil", cohort, factories.PUPIL_SECRET
                )
                extra.append(
                    factories.PupilRecord(
                        pupil.id,
                        pupil.public_id,
                        school.id,
                        school.sign_in_code,
                        pupil.username,
                        "",
                        "",
                    )
                )
            db.session.commit()
    signed_in = sum(
        _pupil_attempt(app.test_client(), pupil, factories.PUPIL_SECRET).status_code == 303
        for pupil in classmates + extra
    )
    assert signed_in == 30


def test_a_correct_sign_in_clears_the_account_count(app, world):
    pupil = world.a.classes[0].pupils[0]
    client = app.test_client()
    for _ in range(9):
        _pupil_attempt(client, pupil, "9999")
    assert _pupil_attempt(client, pupil, factories.PUPIL_SECRET).status_code == 303
    client.post("/signout")
    for _ in range(9):
        assert _pupil_attempt(client, pupil, "9999").status_code == 401
    assert _pupil_attempt(client, pupil, factories.PUPIL_SECRET).status_code == 303


def test_teacher_reset_unpauses_a_pupil(app, world):
    pupil = world.a.classes[0].pupils[0]
    for _ in range(10):
        _pupil_attempt(app.test_client(), pupil, "9999")
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    response = teacher.post(
        f"/teacher/classes/{world.a.classes[0].public_id}/pupils/{pupil.public_id}/secret",
        headers={"HX-Request": "true"},
    )
    row = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    new_secret = row.select_one(".new-secret code").get_text()
    assert len(new_secret) == 4 and set(new_secret) <= set("23456789")
    assert _pupil_attempt(app.test_client(), pupil, factories.PUPIL_SECRET).status_code == 401
    assert _pupil_attempt(app.test_client(), pupil, new_secret).status_code == 303


def test_staff_accounts_pause_after_ten_wrong_passwords(app, world):
    client = app.test_client()
    for _ in range(10):
        client.post("/signin/staff", data={"email": world.a.admin.email, "password": "wrong wrong"})
    response = client.post(
        "/signin/staff", data={"email": world.a.admin.email, "password": factories.STAFF_PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many wrong tries" in response.get_data(as_text=True)


def _open_class_code(app, world, replace=False) -> str:
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    class_id = world.a.classes[0].public_id
    data = {"replace": "yes"} if replace else {}
    teacher.post(f"/teacher/classes/{class_id}/sign-in-code", data=data)
    page = BeautifulSoup(
        teacher.get(f"/teacher/classes/{class_id}/sign-in-code").get_data(as_text=True),
        "html.parser",
    )
    return "".join(page.select_one(".board-code").get_text().split())


def _class_attempt(client, code, pupil, secret):
    client.post("/signin/class", data={"code": code}, environ_base=SCHOOL_ADDRESS)
    return client.post(
        f"/signin/class/names/{pupil.public_id}",
        data={"secret": secret},
        environ_base=SCHOOL_ADDRESS,
    )


def test_guesses_spread_over_a_class_pause_class_sign_in_and_tell_the_teacher(
    app, world, monkeypatch
):
    """T-BRUTE (c): guesses spread across the class trip the class limit; pupils can still
    sign in with their school code, and the teacher is told on their home page."""
    monkeypatch.setitem(app.config, "THROTTLE_CLASS_FAILURES", 12)
    code = _open_class_code(app, world)
    pupils = world.a.classes[0].pupils
    attacker = app.test_client()
    for index in range(12):
        assert _class_attempt(attacker, code, pupils[index % 3], "9999").status_code == 401
    paused = app.test_client().post("/signin/class", data={"code": code})
    assert paused.status_code == 429 and "paused" in paused.get_data(as_text=True)
    # No pupil account is locked: the school-code route still works for each of them.
    assert all(
        _pupil_attempt(app.test_client(), p, factories.PUPIL_SECRET).status_code == 303
        for p in pupils
    )
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    assert "class sign-in is paused" in teacher.get("/teacher/").get_data(as_text=True)
    # A new code is a fresh start.
    fresh = _open_class_code(app, world, replace=True)
    assert (
        _class_attempt(app.test_client(), fresh, pupils[0], factories.PUPIL_SECRET).status_code
        == 303
    )


def test_wrong_class_codes_count_only_against_a_very_high_address_ceiling(app, world):
    client = app.test_client()
    for _ in range(20):
        response = client.post(
            "/signin/class", data={"code": "NOPE42"}, environ_base=SCHOOL_ADDRESS
        )
        assert "did not work" in response.get_data(as_text=True)
    code = _open_class_code(app, world)
    assert (
        client.post("/signin/class", data={"code": code}, environ_base=SCHOOL_ADDRESS).status_code
        == 303
    )


@pytest.fixture
def redis_app(database_url, make_app):
    app = make_app(settings_for_tests(database_url, REDIS_URL="redis://127.0.0.1:6379/0"))
    counter = app.extensions["prof123.failure_counter"]
    assert isinstance(counter, RedisFailureCounter)
    counter.PREFIX = f"prof123-test-{secrets.token_hex(4)}:"
    yield app
    for key in counter.client.scan_iter(match=counter.PREFIX + "*"):
        counter.client.delete(key)
    counter.client.close()


def test_redis_counts_are_shared_between_app_instances(redis_app, database_url, world):
    """Two app instances (as two hosts would be) see one count through Redis."""
    pupil = world.a.classes[0].pupils[0]
    for _ in range(10):
        _pupil_attempt(redis_app.test_client(), pupil, "9999")
    client = redis_app.test_client()
    assert "Too many wrong tries" in _pupil_attempt(client, pupil, factories.PUPIL_SECRET).get_data(
        as_text=True
    )
    with redis_app.app_context():
        assert db.session.scalars(select(SignInFailureCount)).all() == []
    raw = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    prefix = redis_app.extensions["prof123.failure_counter"].PREFIX
    key = f"{prefix}account:pupil:{pupil.school_id}:{pupil.id}"
    assert int(raw.get(key)) == 11 and 0 < raw.ttl(key) <= 900  # 10 wrong, 1 refused
    raw.close()


def _let_short_window_run_out(app):
    with app.app_context(), operator_context():
        db.session.execute(
            SignInFailureCount.__table__.update()
            .where(SignInFailureCount.key.startswith("account:"))
            .values(window_started_at=utcnow() - timedelta(minutes=16))
        )
        db.session.commit()


def test_thirty_wrong_secrets_in_a_day_pause_until_the_teacher_says_so(app, world):
    pupil = world.a.classes[0].pupils[0]
    for _ in range(3):
        for _ in range(10):
            assert _pupil_attempt(app.test_client(), pupil, "9999").status_code == 401
        _let_short_window_run_out(app)
    paused = _pupil_attempt(app.test_client(), pupil, factories.PUPIL_SECRET)
    assert paused.status_code == 429
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    class_page = BeautifulSoup(
        teacher.get(f"/teacher/classes/{world.a.classes[0].public_id}").get_data(as_text=True),
        "html.parser",
    )
    row = class_page.select_one(f"#pupil-{pupil.public_id}")
    assert "Paused after wrong tries" in row.get_text()
    response = teacher.post(
        f"/teacher/classes/{world.a.classes[0].public_id}/pupils/{pupil.public_id}/unpause",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "Paused" not in response.get_data(as_text=True)
    assert "HX-Request" in response.headers["Vary"]
    assert _pupil_attempt(app.test_client(), pupil, factories.PUPIL_SECRET).status_code == 303


def test_a_right_secret_is_not_held_against_the_pupil(app, world):
    """Each try is counted before it is checked; a right one is taken back afterwards, so
    signing in many times a day never pauses anyone."""
    pupil = world.a.classes[0].pupils[0]
    for _ in range(35):
        client = app.test_client()
        assert _pupil_attempt(client, pupil, factories.PUPIL_SECRET).status_code == 303
    with app.app_context():
        assert db.session.scalars(select(SignInFailureCount)).all() == []
