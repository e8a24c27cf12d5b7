"""The app factory's layered configuration and its refusal of unsafe settings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from prof123 import create_app
from prof123.config import ConfigError
from tests.conftest import settings_for_tests


def production(database_url, **overrides):
    settings = settings_for_tests(database_url)
    del settings["SQLITE_SYNCHRONOUS"]  # production keeps its own default
    return {**settings, "TESTING": False, "ENV": "production", **overrides}


@pytest.mark.parametrize("key", ["", "dev", "short-key", "changeme"])
def test_production_refuses_a_weak_secret_key(database_url, key):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(production(database_url, SECRET_KEY=key))


def test_production_refuses_debug(database_url):
    with pytest.raises(ConfigError, match="DEBUG"):
        create_app(production(database_url, SECRET_KEY="s" * 64, DEBUG=True))


def test_production_starts_with_a_strong_key(database_url):
    app = create_app(production(database_url, SECRET_KEY="s" * 64))
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SQLITE_SYNCHRONOUS"] == "FULL"


def test_environment_variables_override_defaults(database_url, monkeypatch):
    monkeypatch.setenv("PROF123_CLASS_CODE_LIFETIME", "7200")
    monkeypatch.setenv("PROF123_THROTTLE_ACCOUNT_FAILURES", "7")
    monkeypatch.setenv("PROF123_PUPIL_IDLE_TIMEOUT", "600")
    app = create_app(settings_for_tests(database_url))
    assert app.config["THROTTLE_ACCOUNT_FAILURES"] == 7
    assert app.config["CLASS_CODE_LIFETIME"] == timedelta(hours=2)
    assert app.config["PUPIL_IDLE_TIMEOUT"] == timedelta(minutes=10)


def test_a_duration_that_is_not_seconds_is_refused_clearly(database_url, monkeypatch):
    monkeypatch.setenv("PROF123_PUPIL_IDLE_TIMEOUT", "fifteen minutes")
    with pytest.raises(ConfigError, match="PUPIL_IDLE_TIMEOUT must be a number of seconds"):
        create_app(settings_for_tests(database_url))


def test_test_overrides_win_over_environment(database_url, monkeypatch):
    monkeypatch.setenv("PROF123_THROTTLE_ACCOUNT_FAILURES", "7")
    app = create_app(settings_for_tests(database_url, THROTTLE_ACCOUNT_FAILURES=3))
    assert app.config["THROTTLE_ACCOUNT_FAILURES"] == 3


def test_postgres_urls_use_psycopg_3(database_url):
    app = create_app(settings_for_tests(database_url, DATABASE_URL="postgres://u@h:5432/d"))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h:5432/d"


def test_default_database_is_sqlite_in_the_instance_folder(database_url):
    app = create_app(settings_for_tests(database_url, DATABASE_URL=""))
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("/instance/prof123.sqlite3")


def test_every_view_must_sit_in_a_guarded_blueprint(database_url):
    from flask import Blueprint

    from prof123.security import check_every_view_is_guarded

    app = create_app(settings_for_tests(database_url))
    check_every_view_is_guarded(app)
    forgotten = Blueprint("forgotten", __name__, url_prefix="/forgotten")
    forgotten.add_url_rule("/", "index", lambda: "open to all")
    app.register_blueprint(forgotten)
    with pytest.raises(RuntimeError, match=r"forgotten\.index"):
        check_every_view_is_guarded(app)
    app.add_url_rule("/loose", "loose", lambda: "open to all")
    with pytest.raises(RuntimeError, match="loose"):
        check_every_view_is_guarded(app)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app):
    from sqlalchemy import text

    from prof123.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite settings; this run is on PostgreSQL")
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
