"""Benchmark: a class of 30 signs in at once, with the production Argon2id cost.

Run: .venv/bin/python -m tests.benchmarks.sign_in_burst [--workers 2] [--database-url URL]
Prints timings; asserts nothing about speed (speed is measured here, not in tests).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade

from prof123 import create_app
from tests import factories, live_server
from tests.conftest import FAST_HASHING, settings_for_tests
from tests.web.test_concurrent_sign_in import _sign_in


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pupils", type=int, default=30)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = options.database_url or f"sqlite:///{folder}/bench.sqlite3"
        settings = {k: v for k, v in settings_for_tests(url).items() if k not in FAST_HASHING}
        app = create_app(settings)
        with app.app_context():
            upgrade()
            school = factories.make_school("bench", pupils_per_class=(options.pupils + 1) // 2)
        pupils = [p for c in school.classes for p in c.pupils][: options.pupils]
        serve = contextmanager(live_server.serve)
        with serve(url, Path(folder) / "gunicorn.log", options.workers, fast_hashing=False) as base:
            _sign_in(base, school.code, pupils[0].username, factories.PUPIL_SECRET)  # warm up

            def timed(pupil) -> tuple[int, float]:
                started = time.perf_counter()
                status, _ = _sign_in(base, school.code, pupil.username, factories.PUPIL_SECRET)
                return status, time.perf_counter() - started

            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=len(pupils)) as pool:
                results = list(pool.map(timed, pupils))
            total = time.perf_counter() - started
    seconds = sorted(t for _, t in results)
    ok = sum(status == 303 for status, _ in results)
    print(f"{len(pupils)} pupils at once, {options.workers} gunicorn workers, {url.split(':')[0]}")
    print(f"  signed in: {ok}/{len(pupils)}; all done in {total:.2f} s")
    print(
        f"  per pupil (page + sign-in): median {statistics.median(seconds):.2f} s, "
        f"p95 {seconds[int(0.95 * (len(seconds) - 1))]:.2f} s, max {seconds[-1]:.2f} s"
    )


if __name__ == "__main__":
    main()
