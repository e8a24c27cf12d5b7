"""Benchmark: a class's times-tables report over a year of answers, on SQLite and PostgreSQL.

Builds a school whose class of 30 pupils has 500,000 answers in this school year (bulk
insert: 25 a game, 1 in 5 a division, times and accuracy varying by pupil and fact), plus a
few checks and typing warm-ups each. Then times, several runs each:
  - the heatmap's GROUP BY alone, and all of the class report's queries (with the Python
    that turns them into the grid, the tables and the readiness list);
  - whole pages through the test client: the class report, merged, its print view, the
    heatmap CSV and one pupil's page.

Run: .venv/bin/python -m tests.benchmarks.heatmap [--answers 500000] [--runs 7] [--postgres URL]
PostgreSQL is used when --postgres or TEST_DATABASE_URL names a server (a scratch database
is made there and dropped afterwards). Prints timings; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask_migrate import upgrade
from sqlalchemy import func, insert, select, text

from prof123 import create_app
from prof123.extensions import db
from prof123.models import (
    GameMode,
    SchoolClass,
    TimesTablesAnswer,
    TimesTablesAttempt,
    TypingSpeed,
)
from prof123.models.base import new_public_id
from prof123.reports import timestables_queries
from prof123.security import tenant_context
from tests import factories
from tests.benchmarks import fresh_database
from tests.conftest import CSRFClient, settings_for_tests, sign_in

PER_GAME = 25
BATCH = 20_000


def _fill(school_id: int, pupil_ids: list[int], academic_year: int, answers: int) -> None:
    """``answers`` answers spread over the school year's 39 teaching weeks."""
    rng = random.Random(2026)
    start = datetime(academic_year, 9, 2, 9, tzinfo=UTC)
    span = timedelta(weeks=39).total_seconds()
    skill = {pupil_id: rng.uniform(0.7, 1.0) for pupil_id in pupil_ids}
    speed = {pupil_id: rng.uniform(7.2, 8.6) for pupil_id in pupil_ids}  # log of a median ms
    # The 6, 7, 8, 9 and 12 tables are the hard ones; 1, 2, 5 and 10 the easy ones.
    hard = {1: 0, 2: 0, 5: 0, 10: 0, 3: 0.06, 4: 0.06, 11: 0.04, 6: 0.12, 7: 0.16, 8: 0.16}
    hard |= {9: 0.12, 12: 0.12}
    difficulty = {(a, b): hard[a] + hard[b] for a in range(1, 13) for b in range(1, 13)}
    games = answers // PER_GAME
    attempt_rows, answer_rows = [], []
    first_id = 1_000_000
    for game in range(games):
        pupil_id = pupil_ids[game % len(pupil_ids)]
        started = start + timedelta(seconds=span * game / games)
        attempt_rows.append(
            {
                "id": first_id + game,
                "public_id": new_public_id(),
                "school_id": school_id,
                "pupil_id": pupil_id,
                "mode": GameMode.PRACTICE,
                "seed": game,
                "generator_version": 1,
                "questions": "7×8",
                "question_ms": 6000,
                "pause_ms": 3000,
                "started_at": started,
                "begun_at": started,
                "next_number": PER_GAME + 1,
                "finished_at": started + timedelta(minutes=3),
                "score": 0,
            }
        )
        for number in range(1, PER_GAME + 1):
            left, right = rng.randint(1, 12), rng.randint(1, 12)
            correct = rng.random() < skill[pupil_id] + 0.1 - difficulty[(left, right)]
            answer_rows.append(
                {
                    "school_id": school_id,
                    "attempt_id": first_id + game,
                    "pupil_id": pupil_id,
                    "number": number,
                    "left": left,
                    "right": right,
                    "operation": "÷" if rng.random() < 0.2 else "×",
                    "typed": str(left * right if correct else left * right + 1),
                    "is_correct": correct,
                    "response_ms": min(
                        int(rng.lognormvariate(speed[pupil_id] + difficulty[(left, right)], 0.45)),
                        60_000,
                    ),
                    "is_timed_out": False,
                    "is_late": False,
                    "shown_at": started + timedelta(seconds=9 * number),
                    "answered_at": started + timedelta(seconds=9 * number + 3),
                }
            )
        if len(answer_rows) >= BATCH:
            _insert(attempt_rows, answer_rows)
    _insert(attempt_rows, answer_rows)
    for pupil_id in pupil_ids:
        for n in range(3):
            when = start + timedelta(weeks=10 * n + 5)
            db.session.add(
                TimesTablesAttempt(
                    school_id=school_id,
                    pupil_id=pupil_id,
                    mode=GameMode.CHECK,
                    seed=n,
                    generator_version=1,
                    questions="7×8",
                    question_ms=6000,
                    pause_ms=3000,
                    started_at=when,
                    finished_at=when + timedelta(minutes=5),
                    score=rng.randint(8, 25),
                )
            )
        db.session.add(
            TypingSpeed(
                school_id=school_id,
                pupil_id=pupil_id,
                ms_per_digit=rng.randint(300, 1400),
                measured_at=start + timedelta(days=3),
            )
        )
    db.session.commit()


def _insert(attempt_rows: list[dict], answer_rows: list[dict]) -> None:
    if attempt_rows:
        db.session.execute(insert(TimesTablesAttempt), attempt_rows)
    if answer_rows:
        db.session.execute(insert(TimesTablesAnswer), answer_rows)
    db.session.commit()
    attempt_rows.clear()
    answer_rows.clear()


def _timed(action: Callable, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock times, and this process's CPU times (all of the work on SQLite, which runs
    inside the process; the app's share alone on PostgreSQL)."""
    action()  # warm: templates compiled, pages of the index in the cache
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def _ms(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return 1000 * ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _line(label: str, timings: tuple[list[float], list[float]]) -> str:
    wall, cpu = timings
    return (
        f"  {label:36} median {statistics.median(wall) * 1000:5.0f} ms  p95 {_ms(wall, 0.95):5.0f}"
        f" ms  min {_ms(wall, 0):5.0f} ms  | CPU median {statistics.median(cpu) * 1000:5.0f} ms"
    )


def run(kind: str, url: str, answers: int, runs: int) -> None:
    app = create_app(settings_for_tests(url, SQLITE_SYNCHRONOUS="NORMAL"))
    app.test_client_class = CSRFClient
    with app.app_context():
        upgrade()
        school = factories.make_school("bench", pupils_per_class=30)
        school_class = school.classes[0]
        pupil_ids = [p.id for p in school_class.pupils]
        with tenant_context(school.id):
            year = db.session.get(SchoolClass, school_class.id).academic_year
            started = time.perf_counter()
            _fill(school.id, pupil_ids, year, answers)
            filled = time.perf_counter() - started
        # A live database is analysed (and on PostgreSQL vacuumed) by itself; do it now.
        if kind == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE times_tables_answers")
        else:
            with db.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        plan = _plan(kind, school.id, pupil_ids, year)
        with tenant_context(school.id):
            count = db.session.scalar(select(func.count()).select_from(TimesTablesAnswer))

    def group_by():
        with app.app_context(), tenant_context(school.id):
            timestables_queries.fact_tallies(pupil_ids, year)
            db.session.remove()

    def report():
        with app.app_context(), tenant_context(school.id):
            timestables_queries.class_report(db.session.get(SchoolClass, school_class.id))
            db.session.remove()

    client = app.test_client()
    sign_in(client, school.teachers[0])
    base = f"/reports/classes/{school_class.public_id}/times-tables"
    pupil = f"{base}/pupils/{school_class.pupils[0].public_id}"

    def page(path: str):
        def get():
            response = client.get(path)
            assert response.status_code == 200, response.status_code
            return response.get_data()

        return get

    print(f"{kind}: {count:,} answers for a class of {len(pupil_ids)} (inserted in {filled:.0f} s)")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {runs} runs each")
    print(f"  plan: {plan}")
    print(_line("heatmap GROUP BY (4,320 rows back)", _timed(group_by, runs)))
    if kind == "postgresql":
        # Here the table holds this class alone, so the planner reads all of it; with other
        # schools' answers beside it, it takes the index. Timed that way too:
        with app.app_context():
            forced = _timed(_index_only(school.id, pupil_ids, year), runs)
            db.session.remove()
        print(_line("… the same, reading the index only", forced))
    print(_line("all of the class report's queries", _timed(report, runs)))
    for label, path in (
        ("class report page", base),
        ("class report page, merged", f"{base}?merge=1"),
        ("print view, names hidden", f"{base}?view=print&names=hidden"),
        ("heatmap CSV", f"{base}?format=csv&table=heatmap"),
        ("one pupil's page", pupil),
    ):
        print(_line(label, _timed(page(path), runs)))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _index_only(school_id: int, pupil_ids: list[int], year: int) -> Callable:
    """The GROUP BY on PostgreSQL with sequential scans and hashing turned off."""
    since, until = timestables_queries.school_year(year)

    def run_it():
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SET enable_seqscan = off")
            conn.exec_driver_sql("SET enable_hashagg = off")
            conn.execute(text(_sql(school_id, pupil_ids)), {"since": since, "until": until}).all()
            conn.rollback()

    return run_it


def _plan(kind: str, school_id: int, pupil_ids: list[int], year: int) -> str:
    """How the database reads the heatmap's GROUP BY (the tenant filter's school_id added)."""
    since, until = timestables_queries.school_year(year)
    sql = _sql(school_id, pupil_ids)
    with db.engine.connect() as conn:
        if kind == "sqlite":
            rows = conn.execute(
                text("EXPLAIN QUERY PLAN " + sql),
                {"since": since.strftime("%Y-%m-%d"), "until": until.strftime("%Y-%m-%d")},
            )
            return "; ".join(row[-1] for row in rows)
        rows = conn.execute(text("EXPLAIN " + sql), {"since": since, "until": until})
        return " / ".join(
            row[0].strip().split("  (")[0]
            for row in rows
            if "->" in row[0] or "Aggregate" in row[0]
        )


def _sql(school_id: int, pupil_ids: list[int]) -> str:
    ids = ",".join(str(i) for i in pupil_ids)
    return (
        'SELECT pupil_id, "left", "right", count(*), sum(CASE WHEN is_correct THEN 1 ELSE 0 END),'
        " sum(CASE WHEN is_correct AND response_ms > 4000 THEN 1 ELSE 0 END)"
        f" FROM times_tables_answers WHERE school_id = {school_id} AND pupil_id IN ({ids})"
        " AND answered_at >= :since AND answered_at < :until"
        ' GROUP BY pupil_id, "left", "right"'
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""))
    options = parser.parse_args()
    kinds = ["sqlite"] + (["postgresql"] if options.postgres else [])
    for kind in kinds:
        with fresh_database(kind, options.postgres) as url:
            run(kind, url, options.answers, options.runs)
    if not options.postgres:
        print("postgresql: skipped (pass --postgres URL or set TEST_DATABASE_URL)")


if __name__ == "__main__":
    main()
