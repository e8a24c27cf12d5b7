"""Benchmark: a class of 30 signs in at once, with the production Argon2id cost.

Run: .venv/bin/python -m tests.benchmarks.sign_in_burst [--workers 2] [--database-url URL]
Prints timings; asserts nothing about speed (speed is measured here, not in tests).
"""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from tests import factories
from tests.benchmarks import parse_options, served_school
from tests.web.test_concurrent_sign_in import _sign_in


def main() -> None:
    options = parse_options(__doc__)
    with served_school(options, real_hashing=True) as (base, code, pupils, database):
        _sign_in(base, code, pupils[0].username, factories.PUPIL_SECRET)  # warm up

        def timed(pupil) -> tuple[int, float]:
            started = time.perf_counter()
            status, _ = _sign_in(base, code, pupil.username, factories.PUPIL_SECRET)
            return status, time.perf_counter() - started

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(pupils)) as pool:
            results = list(pool.map(timed, pupils))
        total = time.perf_counter() - started
    seconds = sorted(t for _, t in results)
    ok = sum(status == 303 for status, _ in results)
    print(f"{len(pupils)} pupils at once, {options.workers} gunicorn workers, {database}")
    print(f"  signed in: {ok}/{len(pupils)}; all done in {total:.2f} s")
    print(
        f"  per pupil (page + sign-in): median {statistics.median(seconds):.2f} s, "
        f"p95 {seconds[int(0.95 * (len(seconds) - 1))]:.2f} s, max {seconds[-1]:.2f} s"
    )


if __name__ == "__main__":
    main()
