"""Benchmark: a roster file of 2,000 pupils checked and imported, on SQLite and PostgreSQL.

Run: .venv/bin/python -m tests.benchmarks.roster_import [--rows 2000] [--postgres URL]
PostgreSQL is used when --postgres or TEST_DATABASE_URL names a server (a scratch database
is made there and dropped afterwards). Prints timings; asserts nothing about speed.

Each run: parse the file alone; the dry run over HTTP (upload, check, page); the import
(confirm: check again and write everything); then the same file again (all unchanged).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import time

from argon2 import PasswordHasher, Type
from bs4 import BeautifulSoup
from flask_migrate import upgrade
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from prof123 import create_app
from prof123.admin import importing
from prof123.extensions import db
from prof123.models import Pupil
from prof123.security import tenant_context
from tests import factories
from tests.benchmarks import fresh_database
from tests.conftest import CSRFClient, settings_for_tests, sign_in

FIRST = ["Amara", "Ben", "Chloé", "Dev", "Ella", "Finn", "Grace", "Hamza", "Isla", "Jack"]
LAST = ["Okafor", "Smith", "Kowalska", "Patel", "Nguyen", "O'Brien", "Evans", "Müller"]


def roster_file(rows: int, seed: int = 1) -> bytes:
    """An MIS-like export: BOM, CRLF, quoted cells, extra columns, 30 pupils a class."""
    rng = random.Random(seed)
    lines = ["UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Year,Reg Group,Address"]
    for n in range(rows):
        year = n % 7
        group = "R" if year == 0 else str(year)
        lines.append(
            f"A{n:012d},{rng.choice(LAST)}{n},{rng.choice(FIRST)},,01/01/2016,"
            f"{'Reception' if year == 0 else f'Year {year}'},{group}{chr(65 + n // 210)},"
            f'"{n} Long Road, Town"'
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def _upload(client, data: bytes):
    boundary, body = encode_multipart({"roster": FileStorage(io.BytesIO(data), "pupils.csv")})
    return client.post(
        "/admin/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def _token(response) -> str:
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return page.select_one("form[action='/admin/import/confirm'] input[name=upload]")["value"]


def _timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def run(kind: str, url: str, rows: int) -> None:
    app = create_app(settings_for_tests(url, SQLITE_SYNCHRONOUS="FULL"))
    app.test_client_class = CSRFClient
    with app.app_context():
        upgrade()
        school = factories.make_school("bench", pupils_per_class=0)
    data = roster_file(rows)
    client = app.test_client()
    sign_in(client, school.admin)
    parsed, parse_seconds = _timed(lambda: importing.parse_roster(data))
    assert parsed.ok and len(parsed.rows) == rows
    checked, check_seconds = _timed(lambda: _upload(client, data))
    token = _token(checked)
    done, import_seconds = _timed(
        lambda: client.post("/admin/import/confirm", data={"upload": token})
    )
    assert done.status_code == 303, done.status_code
    again, again_check_seconds = _timed(lambda: _upload(client, data))
    assert "Nothing to import" in again.get_data(as_text=True)
    with app.app_context(), tenant_context(school.id):
        count = db.session.scalar(select(func.count()).select_from(Pupil))
    print(f"{kind}: {rows:,} rows ({len(data) / 1000:.0f} kB), {count:,} pupils after import")
    print(f"  parse the file alone      {parse_seconds * 1000:7.0f} ms")
    print(f"  dry run (upload + page)   {check_seconds * 1000:7.0f} ms")
    print(f"  import (check + write)    {import_seconds * 1000:7.0f} ms")
    print(f"  dry run again (unchanged) {again_check_seconds * 1000:7.0f} ms")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def hashing_note(rows: int) -> None:
    """What a hashed random secret per new pupil would cost at the production setting."""
    hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, type=Type.ID)
    _, seconds = _timed(lambda: [hasher.hash("2345") for _ in range(20)])
    print(
        f"(for comparison: an Argon2id hash per new pupil at the production cost would add "
        f"{seconds / 20 * rows:.0f} s for {rows:,} pupils; imported pupils get their secret "
        "when their sign-in cards are printed instead)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""))
    options = parser.parse_args()
    kinds = ["sqlite"] + (["postgresql"] if options.postgres else [])
    for kind in kinds:
        with fresh_database(kind, options.postgres) as url:
            run(kind, url, options.rows)
    if not options.postgres:
        print("postgresql: skipped (pass --postgres URL or set TEST_DATABASE_URL)")
    hashing_note(options.rows)


if __name__ == "__main__":
    main()
