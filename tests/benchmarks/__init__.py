"""Benchmarks: each measures one path through the real server and prints figures."""

from __future__ import annotations

import argparse
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from prof123 import create_app
from tests import factories, live_server
from tests.conftest import FAST_HASHING, settings_for_tests


def parse_options(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pupils", type=int, default=30)
    parser.add_argument("--database-url", default="")
    return parser.parse_args()


@contextmanager
def fresh_database(kind: str, postgres_url: str = "") -> Iterator[str]:
    """An empty database for one run: a SQLite file in a temporary folder, or a new
    PostgreSQL database on the server ``postgres_url`` names, dropped afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.sqlite3"
        return
    admin_url = make_url(postgres_url).set(drivername="postgresql")
    admin = admin_url.render_as_string(hide_password=False)
    name = f"prof123_bench_{secrets.token_hex(4)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def served_school(
    options: argparse.Namespace, real_hashing: bool = False
) -> Iterator[tuple[str, str, list[factories.PupilRecord], str]]:
    """A migrated database with one school of ``options.pupils`` pupils, served by gunicorn.
    Yields the base URL, the school code, the pupils and the kind of database."""
    kind = "postgresql" if options.database_url else "sqlite"
    with (
        fresh_database(kind, options.database_url) as url,
        tempfile.TemporaryDirectory() as folder,
    ):
        settings = settings_for_tests(url, SQLITE_SYNCHRONOUS="FULL")
        if real_hashing:
            settings = {k: v for k, v in settings.items() if k not in FAST_HASHING}
        app = create_app(settings)
        with app.app_context():
            upgrade()
            school = factories.make_school("bench", pupils_per_class=(options.pupils + 1) // 2)
        pupils = [p for c in school.classes for p in c.pupils][: options.pupils]
        log = Path(folder) / "gunicorn.log"
        serve = contextmanager(live_server.serve)
        with serve(url, log, options.workers, fast_hashing=not real_hashing) as base:
            yield base, school.code, pupils, url.split(":")[0]
