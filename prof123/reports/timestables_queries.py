"""Read queries for the times-tables reports. Set-based: a class's report takes the same
statements for 3 pupils or 30, and for 20 answers each or 20,000 (tests count them).

The heatmap is one GROUP BY over the answers of the class's pupils in the class's school
year, read from the covering index ix_times_tables_answers_fact_report in its own order
(measured with tests/benchmarks/heatmap.py). Every ORM query is filtered to the signed-in
school by prof123.security."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, case, func, select

from prof123.extensions import db
from prof123.models import GameMode, Pupil, SchoolClass, TimesTablesAnswer, TimesTablesAttempt
from prof123.queries import pupils_in_reports
from prof123.reports import heatmap
from prof123.reports.heatmap import Fact, Tally
from prof123.schoolyear import ROLLOVER_MONTH, academic_year_of
from prof123.timestables import queries as tt_queries

CHECK_MODES = (GameMode.CHECK, GameMode.TRY_IT_OUT)


def report_pupils(class_id: int) -> list[Pupil]:
    """The class list for reports: no restricted pupils, no leavers."""
    return list(db.session.scalars(pupils_in_reports(class_id)))


def school_year(academic_year: int) -> tuple[datetime, datetime]:
    """1 September to 1 September (UTC midnight; nobody practises tables at 00:30)."""
    return (
        datetime(academic_year, ROLLOVER_MONTH, 1, tzinfo=UTC),
        datetime(academic_year + 1, ROLLOVER_MONTH, 1, tzinfo=UTC),
    )


def fact_tallies(pupil_ids: list[int], academic_year: int) -> dict[int, dict[Fact, Tally]]:
    """Each pupil's answers per fact in the school year: one GROUP BY over the covering
    index. A division counts for the fact it comes from (56 ÷ 8 is stored as 7, 8)."""
    answer = TimesTablesAnswer
    since, until = school_year(academic_year)
    rows = db.session.execute(
        select(
            answer.pupil_id,
            answer.left,
            answer.right,
            func.count(),
            func.sum(case((answer.is_correct, 1), else_=0)),
            func.sum(
                case((and_(answer.is_correct, answer.response_ms > heatmap.SLOW_MS), 1), else_=0)
            ),
        )
        .where(
            answer.pupil_id.in_(pupil_ids),
            answer.answered_at >= since,
            answer.answered_at < until,
        )
        .group_by(answer.pupil_id, answer.left, answer.right)
    )
    tallies: dict[int, dict[Fact, Tally]] = {pupil_id: {} for pupil_id in pupil_ids}
    for pupil_id, left, right, answered, correct, slow in rows:
        if left in heatmap.FACTORS and right in heatmap.FACTORS:
            tallies[pupil_id][(left, right)] = Tally(answered, int(correct), int(slow))
    return tallies


def check_attempts(pupil_ids: list[int], academic_year: int) -> dict[int, list[TimesTablesAttempt]]:
    """Each pupil's checks and "try it out" games of the school year, latest first."""
    since, until = school_year(academic_year)
    attempts: dict[int, list[TimesTablesAttempt]] = {pupil_id: [] for pupil_id in pupil_ids}
    for attempt in db.session.scalars(
        select(TimesTablesAttempt)
        .where(
            TimesTablesAttempt.pupil_id.in_(pupil_ids),
            TimesTablesAttempt.mode.in_(CHECK_MODES),
            TimesTablesAttempt.started_at >= since,
            TimesTablesAttempt.started_at < until,
        )
        .order_by(TimesTablesAttempt.started_at.desc(), TimesTablesAttempt.id.desc())
    ):
        attempts[attempt.pupil_id].append(attempt)
    return attempts


@dataclass(frozen=True)
class PupilTimesTables:
    pupil: Pupil
    tallies: dict[Fact, Tally]
    readiness: heatmap.PupilReadiness
    speed: heatmap.PupilSpeed
    latest_check: TimesTablesAttempt | None  # the latest recorded check that counts
    link_check: TimesTablesAttempt | None  # the check to open: that one, or a restarted one
    restarts: int


@dataclass(frozen=True)
class TimesTablesReport:
    school_class: SchoolClass
    academic_year: int
    pupils: list[PupilTimesTables]
    heatmap: heatmap.Heatmap
    tables: list[tuple[int, Tally]]  # accuracy per table, the class's answers added up

    @property
    def check_scores(self) -> list[int]:
        """Each pupil's latest recorded check that counts (finished), for the distribution."""
        return [
            row.latest_check.score or 0
            for row in self.pupils
            if row.latest_check is not None and row.latest_check.finished_at is not None
        ]


def _pupil_rows(
    pupils: list[Pupil], academic_year: int
) -> tuple[list[PupilTimesTables], dict[int, dict[Fact, Tally]]]:
    ids = [pupil.id for pupil in pupils]
    tallies = fact_tallies(ids, academic_year)
    attempts = check_attempts(ids, academic_year)
    typing = tt_queries.latest_typing_speeds(pupils)
    rows = []
    for pupil in pupils:
        own = attempts[pupil.id]
        finished = [a for a in own if a.finished_at is not None and a.restart_reason is None]
        finished.sort(key=lambda a: a.finished_at, reverse=True)
        checks = [a for a in own if a.mode == GameMode.CHECK]
        counting = [a for a in checks if a.restart_reason is None]
        latest = next((a for a in counting if a.finished_at is not None), None)
        ready, speed = heatmap.pupil_summary(
            tallies[pupil.id], [a.score or 0 for a in finished], typing.get(pupil.id)
        )
        rows.append(
            PupilTimesTables(
                pupil=pupil,
                tallies=tallies[pupil.id],
                readiness=ready,
                speed=speed,
                latest_check=latest,
                link_check=counting[0] if counting else (checks[0] if checks else None),
                restarts=len(checks) - len(counting),
            )
        )
    return rows, tallies


def class_report(school_class: SchoolClass, merge: bool = False) -> TimesTablesReport:
    pupils = report_pupils(school_class.id)
    return _report(school_class, pupils, merge, f"Times-tables facts: class {school_class.name}")


def pupil_report(school_class: SchoolClass, pupil: Pupil, merge: bool = False) -> TimesTablesReport:
    """One pupil's report, in the class's school year."""
    return _report(school_class, [pupil], merge, "Times-tables facts", one_pupil=True)


def _report(
    school_class: SchoolClass,
    pupils: list[Pupil],
    merge: bool,
    caption: str,
    one_pupil: bool = False,
) -> TimesTablesReport:
    year = school_class.academic_year
    rows, tallies = _pupil_rows(pupils, year)
    total = heatmap.add_up(tallies.values())
    grid = heatmap.grid(
        total,
        merge,
        pupil_tallies=None if one_pupil else list(tallies.values()),
        caption=caption,
    )
    return TimesTablesReport(school_class, year, rows, grid, heatmap.table_accuracy(total))


def pupil_fact_summary(
    pupil_id: int, academic_year: int | None = None, merge: bool = False
) -> heatmap.Heatmap:
    """One pupil's 12 × 12 grid for a school year (this one unless given): one statement.
    Draw it with {% include heatmap.template %} (reports/timestables/_heatmap.html), which
    needs only ``heatmap`` in its context. It names nobody, so it suits "hide names" too."""
    year = (
        academic_year if academic_year is not None else academic_year_of(datetime.now(UTC).date())
    )
    tallies = fact_tallies([pupil_id], year)[pupil_id]
    return heatmap.grid(tallies, merge, caption="Times-tables facts this school year")
