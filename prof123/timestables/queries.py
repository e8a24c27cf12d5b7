"""What the pupil's times-tables pages show. Read-only; filtered to the school like all
ORM queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from prof123.extensions import db
from prof123.models import (
    AccessArrangements,
    AttemptEvent,
    GameMode,
    Pupil,
    SchoolClass,
    TimesTablesAnswer,
    TimesTablesAttempt,
    TypingSpeed,
)
from prof123.timestables import generation, services


def arrangements_for(pupil_id: int) -> AccessArrangements:
    found = db.session.scalar(
        select(AccessArrangements).where(AccessArrangements.pupil_id == pupil_id)
    )
    # Defaults for a pupil with none set; never added to the session.
    return found or AccessArrangements(pupil_id=pupil_id, font_size=3)


def personal_best(pupil_id: int, mode: GameMode = GameMode.SPEED) -> int | None:
    return db.session.scalar(
        select(func.max(TimesTablesAttempt.score)).where(
            TimesTablesAttempt.pupil_id == pupil_id,
            TimesTablesAttempt.mode == mode,
            TimesTablesAttempt.finished_at.is_not(None),
        )
    )


def menu_for(pupil: Pupil, now: datetime) -> dict:
    setups = [setup for _class, setup in services.setups_for_pupil(pupil, now) if setup is not None]
    open_check = next((s.check_mode for s in setups if s.check_mode is not None), None)
    unfinished = db.session.scalar(
        select(TimesTablesAttempt)
        .where(TimesTablesAttempt.pupil_id == pupil.id, TimesTablesAttempt.finished_at.is_(None))
        .order_by(TimesTablesAttempt.started_at.desc())
    )
    recent = list(
        db.session.scalars(
            select(TimesTablesAttempt)
            .where(
                TimesTablesAttempt.pupil_id == pupil.id,
                TimesTablesAttempt.finished_at.is_not(None),
                TimesTablesAttempt.mode != GameMode.TRY_IT_OUT,
            )
            .order_by(TimesTablesAttempt.finished_at.desc())
            .limit(8)
        )
    )
    return {
        "open_check": open_check,
        "unfinished": unfinished,
        "class_tables": services.parse_tables(setups[0].practice_tables) if setups else [],
        "adaptive_on": any(setup.is_adaptive_on for setup in setups),
        "speed_best": personal_best(pupil.id),
        "recent": recent,
    }


def play_context(attempt: TimesTablesAttempt) -> dict:
    questions = services.questions_of(attempt)
    return {
        "attempt": attempt,
        "game_token": services.game_token(attempt),
        # Only what is still to come goes to the page.
        "remaining": questions[attempt.next_number - 1 :],
        "warm_up": generation.warm_up_questions()
        if attempt.mode in services.CHECK_MODES and attempt.shown_at is None
        else [],
        "arrangements": arrangements_for(attempt.pupil_id),
        "speed_seconds": int(services.SPEED_ROUND.total_seconds()),
    }


def result_context(attempt: TimesTablesAttempt) -> dict:
    answers = attempt_answers(attempt)
    to_practise = []
    for answer in answers:
        if not answer.is_correct:
            text = generation.Question(answer.left, answer.right, answer.operation).text
            if text not in to_practise:
                to_practise.append(text)
    return {
        "attempt": attempt,
        "answers": answers,
        "answered": len(answers),
        "to_practise": to_practise[:6],
        "speed_best": personal_best(attempt.pupil_id) if attempt.mode == GameMode.SPEED else None,
    }


@dataclass(frozen=True)
class PupilCheckRow:
    pupil: Pupil
    counted: TimesTablesAttempt | None  # the attempt that counts (latest, not restarted)
    restarted: list[TimesTablesAttempt]


def class_check_results(school_class: SchoolClass, pupils: list[Pupil]) -> list[PupilCheckRow]:
    """Each pupil's check: the attempt that counts and any spoiled ones, oldest first.
    Restricted pupils are left out: their data is kept, but not reported."""
    pupils = [pupil for pupil in pupils if not pupil.is_restricted]
    attempts = db.session.scalars(
        select(TimesTablesAttempt)
        .where(
            TimesTablesAttempt.pupil_id.in_([p.id for p in pupils]),
            TimesTablesAttempt.mode == GameMode.CHECK,
        )
        .order_by(TimesTablesAttempt.started_at)
    )
    by_pupil: dict[int, list[TimesTablesAttempt]] = {}
    for attempt in attempts:
        by_pupil.setdefault(attempt.pupil_id, []).append(attempt)
    rows = []
    for pupil in pupils:
        own = by_pupil.get(pupil.id, [])
        counted = [a for a in own if a.restart_reason is None]
        rows.append(
            PupilCheckRow(
                pupil,
                counted[-1] if counted else None,
                [a for a in own if a.restart_reason is not None],
            )
        )
    return rows


def attempt_answers(attempt: TimesTablesAttempt) -> list[TimesTablesAnswer]:
    return list(
        db.session.scalars(
            select(TimesTablesAnswer)
            .where(TimesTablesAnswer.attempt_id == attempt.id)
            .order_by(TimesTablesAnswer.number)
        )
    )


def attempt_events(attempt: TimesTablesAttempt) -> list[AttemptEvent]:
    return list(
        db.session.scalars(
            select(AttemptEvent)
            .where(AttemptEvent.attempt_id == attempt.id)
            .order_by(AttemptEvent.at)
        )
    )


def latest_typing_speeds(pupils: list[Pupil]) -> dict[int, int]:
    """The most recent digit-entry speed (ms per digit) of each pupil who has one."""
    speeds: dict[int, int] = {}
    rows = db.session.execute(
        select(TypingSpeed.pupil_id, TypingSpeed.ms_per_digit)
        .where(TypingSpeed.pupil_id.in_([p.id for p in pupils]))
        .order_by(TypingSpeed.measured_at)
    )
    for pupil_id, ms_per_digit in rows:
        speeds[pupil_id] = ms_per_digit
    return speeds
