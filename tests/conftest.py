"""Fixtures: one real database per test run (SQLite file, or a fresh PostgreSQL database when
TEST_DATABASE_URL is set), built by the migrations, and emptied after every test."""

from __future__ import annotations

import os
import random
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from prof123 import create_app
from prof123.extensions import db
from prof123.models import Base
from tests import factories
from tests import live_server as live_server_module

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FAST_HASHING = {
    # Cheap hashes keep the suite quick; test_auth checks the real defaults separately.
    "PASSWORD_HASH_TIME_COST": 1,
    "PASSWORD_HASH_MEMORY_KIB": 1024,
}


def _postgres_admin_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    name = f"prof123_test_{secrets.token_hex(4)}"
    admin_url = _postgres_admin_url(base)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def settings_for_tests(database_url: str, **overrides) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-" + "k" * 40,
        "DATABASE_URL": database_url,
        "SQLITE_SYNCHRONOUS": "NORMAL",
        **FAST_HASHING,
        **overrides,
    }


@pytest.fixture(scope="session")
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(settings_for_tests(database_url))
    app.test_client_class = CSRFClient
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _empty_database_after_test(request) -> Iterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(text(f"DELETE FROM {table}"))


class CSRFClient(FlaskClient):
    """A test client that sends the CSRF token header on unsafe requests, as htmx does.
    Pass ``csrf=False`` to send none."""

    def open(self, *args, csrf: bool = True, **kwargs):
        method = (kwargs.get("method") or "GET").upper()
        if csrf and method in UNSAFE_METHODS:
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("X-CSRFToken", self.csrf_token())
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", secrets.token_hex(20))
        serializer = URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token")
        return serializer.dumps(raw)


@pytest.fixture(scope="session")
def live_server(app, database_url: str, tmp_path_factory) -> Iterator[str]:
    """The real server (gunicorn, two workers) on the test database; yields its base URL.
    ``app`` comes first so the migrations have run before the server starts."""
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    # A check plays in seconds here; its statutory timing is tested over HTTP.
    quick_check = {
        "PROF123_CHECK_QUESTION_MS": "2500",
        "PROF123_CHECK_PAUSE_MS": "150",
        "PROF123_PRACTICE_PAUSE_MS": "150",
    }
    yield from live_server_module.serve(database_url, log_path, extra_env=quick_check)


@pytest.fixture
def make_app():
    """Builds extra apps (other settings) and closes their database pools afterwards."""
    made: list[Flask] = []

    def _make_app(settings: dict) -> Flask:
        extra = create_app(settings)
        extra.test_client_class = CSRFClient
        made.append(extra)
        return extra

    yield _make_app
    for extra in made:
        with extra.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def client(app) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def world(app) -> factories.World:
    """Two schools, each with an admin, two teachers, two classes and pupils."""
    with app.app_context():
        return factories.make_world()


@pytest.fixture
def world_with_games(app, world):
    """The two schools, plus a practice game each for: the pupil who signs in (own),
    a classmate (same school, other) and a pupil of school B (other school)."""
    from prof123.models import GameMode, Pupil, utcnow
    from prof123.security import tenant_context
    from prof123.timestables import services

    owners = {
        "own": world.a.classes[0].pupils[0],
        "same_school_other": world.a.classes[0].pupils[1],
        "other_school": world.b.classes[0].pupils[0],
    }
    attempts = {}
    with app.app_context():
        for scope, owner in owners.items():
            with tenant_context(owner.school_id):
                pupil = db.session.get(Pupil, owner.id)
                attempt = services.start_attempt(
                    pupil, services.GameRequest(GameMode.PRACTICE), utcnow(), random.Random(1)
                )
                attempts[scope] = attempt.public_id
                db.session.commit()
        assessments = factories.make_assessments(world)
    return SimpleNamespace(a=world.a, b=world.b, attempts=attempts, **assessments)


def own_route_values(world, endpoint: str = "") -> dict[str, str]:
    """URL arguments naming school A's first class, its first pupil, that pupil's game (or
    assessment attempt, for an assessment route), and an assessment set for the class."""
    return {
        "class_id": world.a.classes[0].public_id,
        "pupil_id": world.a.classes[0].pupils[0].public_id,
        "attempt_id": (
            world.assessment_attempts if endpoint.startswith("assess.") else world.attempts
        )["own"],
        "assessment_id": world.assessments["own"],
        "assignment_id": world.assignments["own"],
        "key": "ks2-arithmetic",
        "filename": "css/app.css",
        **_area_arguments(world),
    }


def _area_arguments(world) -> dict[str, str]:
    from tests.security.test_access_matrix import area_arguments

    return area_arguments(world, "own")


@contextmanager
def counting_statements(app: Flask) -> Iterator[list[str]]:
    """The SQL statements run inside the block, less transaction control (BEGIN, PRAGMA,
    SAVEPOINT, RELEASE): for asserting that a page's statements do not grow with its data."""
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_rest) -> None:
        if not statement.startswith(("BEGIN", "PRAGMA", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def sign_in(client: FlaskClient, account) -> None:
    """Sign in through the real forms."""
    if hasattr(account, "email"):
        response = client.post(
            "/signin/staff", data={"email": account.email, "password": factories.STAFF_PASSWORD}
        )
    else:
        response = client.post(
            "/signin/pupil",
            data={
                "school_code": account.school_code,
                "username": account.username,
                "secret": factories.PUPIL_SECRET,
            },
        )
    assert response.status_code == 303, response.get_data(as_text=True)


@pytest.fixture
def signed_in(client):
    def _sign_in(account) -> FlaskClient:
        sign_in(client, account)
        return client

    return _sign_in
