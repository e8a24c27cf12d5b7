"""The migrations build exactly the models, and go down and up again cleanly."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from prof123 import create_app
from prof123.extensions import db
from prof123.models import Base
from tests.conftest import _postgres_admin_url, settings_for_tests


@pytest.fixture
def empty_database_url(tmp_path) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    admin_url = _postgres_admin_url(base)
    name = f"prof123_migrations_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _differences(app) -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_upgrade_gives_exactly_the_models_and_round_trips(empty_database_url):
    app = create_app(settings_for_tests(empty_database_url))
    with app.app_context():
        upgrade()
        assert _differences(app) == []
        tables = set(inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables

        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}

        upgrade()
        assert _differences(app) == []
        db.engine.dispose()


def test_pupil_records_hold_only_the_minimal_data():
    """A new column on pupils must be argued for here first (privacy policy: name, class,
    cohort; plus what sign-in needs)."""
    from prof123.models import Pupil

    assert set(Pupil.__table__.columns.keys()) == {
        "id",
        "public_id",
        "school_id",
        "first_name",
        "last_name",
        "username",
        "secret_hash",
        "cohort_id",
        "created_at",
        # Not about the child: the school's own handling of the record (restriction, and
        # the date they left, which starts the retention clock).
        "is_restricted",
        "left_on",
    }
