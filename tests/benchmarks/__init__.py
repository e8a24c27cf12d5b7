"""Benchmarks: each measures one path through the real server and prints figures."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade

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
def served_school(
    options: argparse.Namespace, real_hashing: bool = False
) -> Iterator[tuple[str, str, list[factories.PupilRecord], str]]:
    """A migrated database with one school of ``options.pupils`` pupils, served by gunicorn.
    Yields the base URL, the school code, the pupils and the kind of database."""
    with tempfile.TemporaryDirectory() as folder:
        url = options.database_url or f"sqlite:///{folder}/bench.sqlite3"
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
