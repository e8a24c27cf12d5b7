"""Times-tables use-cases: start a game or check, take answers, finish, restart.
They flush but never commit: the route commits once."""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select, update

from prof123.extensions import db
from prof123.models import (
    AccessArrangements,
    AttemptEvent,
    ClassTimesTables,
    GameMode,
    Pupil,
    RestartReason,
    SchoolClass,
    TimesTablesAnswer,
    TimesTablesAttempt,
    TypingSpeed,
)
from prof123.schoolyear import academic_year_of
from prof123.timestables import generation, marking
from prof123.timestables.generation import FactHistory, Question

# The statutory check (peers.md §1.2); question and pause times come from the config.
CHECK_TIME_LIMIT = timedelta(minutes=30)
MAX_RESTARTS = 2
SPEED_ROUND = timedelta(seconds=60)
SPEED_QUESTIONS = 150  # more than anyone answers in a minute
CHECK_MODES = (GameMode.CHECK, GameMode.TRY_IT_OUT)


class GameError(Exception):
    """A request the game cannot take; ``message`` is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# A restricted pupil's data is kept but not used (UK GDPR art. 18): nothing new starts.
PAUSED_BY_TEACHER = "Your teacher has paused your account. Please ask them."


def _refuse_if_restricted(pupil: Pupil) -> None:
    if pupil.is_restricted:
        raise GameError(PAUSED_BY_TEACHER)


# --- questions as stored -------------------------------------------------------------------


def encode_questions(questions: list[Question]) -> str:
    return ",".join(f"{q.left}{q.operation}{q.right}" for q in questions)


def decode_questions(text: str) -> list[Question]:
    questions = []
    for item in text.split(","):
        operation = "×" if "×" in item else "÷"
        left, right = item.split(operation)
        questions.append(Question(int(left), int(right), operation))
    return questions


def questions_of(attempt: TimesTablesAttempt) -> list[Question]:
    return decode_questions(attempt.questions)


def parse_tables(text: str) -> list[int]:
    return sorted({int(t) for t in text.split(",") if t.strip().isdigit() and 1 <= int(t) <= 12})


# --- a class's set-up ------------------------------------------------------------------------


def find_class_setup(school_class: SchoolClass) -> ClassTimesTables:
    """The class's set-up, or the defaults (not saved) if the teacher has not made one."""
    setup = db.session.scalar(
        select(ClassTimesTables).where(ClassTimesTables.class_id == school_class.id)
    )
    return setup or ClassTimesTables(
        class_id=school_class.id,
        school_id=school_class.school_id,
        practice_tables="2,3,4,5,10",
        practice_operations="×",
        is_adaptive_on=False,
    )


def get_class_setup(school_class: SchoolClass) -> ClassTimesTables:
    """The class's set-up, saved so that it can be changed."""
    setup = find_class_setup(school_class)
    if setup.id is None:
        db.session.add(setup)
        db.session.flush()
    return setup


def open_check(school_class: SchoolClass, mode: GameMode, now: datetime) -> ClassTimesTables:
    """Opening starts a new check window (a check done before it no longer stops a pupil);
    opening what is already open changes nothing."""
    if mode not in CHECK_MODES:
        raise GameError("Choose the check or try it out.")
    setup = get_class_setup(school_class)
    if setup.check_mode != mode:
        setup.check_mode, setup.check_opened_at = mode, now
    return setup


def close_check(school_class: SchoolClass) -> None:
    setup = get_class_setup(school_class)
    setup.check_mode = None


def setups_for_pupil(
    pupil: Pupil, now: datetime
) -> list[tuple[SchoolClass, ClassTimesTables | None]]:
    """The set-ups of the pupil's classes this school year (last year's class may still
    list them, but its teacher no longer sets their work)."""
    rows = db.session.execute(
        select(SchoolClass, ClassTimesTables)
        .join(SchoolClass.pupils)
        .outerjoin(ClassTimesTables, ClassTimesTables.class_id == SchoolClass.id)
        .where(Pupil.id == pupil.id, SchoolClass.academic_year == academic_year_of(now.date()))
        .order_by(SchoolClass.academic_year.desc(), SchoolClass.name)
    )
    return [(school_class, setup) for school_class, setup in rows]


def open_check_for(pupil: Pupil, now: datetime) -> tuple[SchoolClass, ClassTimesTables] | None:
    for school_class, setup in setups_for_pupil(pupil, now):
        if setup is not None and setup.check_mode is not None:
            return school_class, setup
    return None


# --- starting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GameRequest:
    mode: GameMode
    tables: tuple[int, ...] = ()
    operations: str = "×"
    count: int = 20
    question_ms: int | None = None


def start_attempt(pupil: Pupil, request: GameRequest, now: datetime, rng: random.Random):
    """A new attempt, or the pupil's unfinished one of the same mode (resume after sign-in)."""
    _refuse_if_restricted(pupil)
    unfinished = db.session.scalar(
        select(TimesTablesAttempt).where(
            TimesTablesAttempt.pupil_id == pupil.id,
            TimesTablesAttempt.mode == request.mode,
            TimesTablesAttempt.finished_at.is_(None),
        )
    )
    if unfinished is not None and not _out_of_time(unfinished, now):
        return unfinished
    if unfinished is not None:
        finish_attempt(unfinished, now)
    if request.mode in CHECK_MODES:
        return _start_check(pupil, request.mode, now, rng)
    return _start_game(pupil, request, now, rng)


def _start_check(pupil: Pupil, mode: GameMode, now: datetime, rng: random.Random):
    config = current_app.config
    opened = open_check_for(pupil, now)
    if opened is None or opened[1].check_mode != mode:
        raise GameError("Your teacher has not opened the check for your class.")
    school_class, setup = opened
    earlier = list(
        db.session.scalars(
            select(TimesTablesAttempt).where(
                TimesTablesAttempt.pupil_id == pupil.id,
                TimesTablesAttempt.mode == GameMode.CHECK,
            )
        )
    )
    if mode == GameMode.CHECK:
        this_window = [a for a in earlier if a.started_at >= setup.check_opened_at]
        if any(a.restart_reason is None for a in this_window):
            raise GameError("You have already done the check. Well done!")
    seed = generation.unseen_seed({a.seed for a in earlier}, rng)
    return _new_attempt(
        pupil,
        mode,
        seed,
        generation.generate_mtc_form(seed),
        config["CHECK_QUESTION_MS"],
        config["CHECK_PAUSE_MS"],
        now,
        class_id=school_class.id,
    )


def _start_game(pupil: Pupil, request: GameRequest, now: datetime, rng: random.Random):
    tables = list(request.tables) or [2, 3, 4, 5, 10]
    operations = [op for op in "×÷" if op in request.operations] or ["×"]
    seed = rng.randrange(2**31)
    seeded = random.Random(seed)
    if request.mode == GameMode.SPEED:
        questions = generation.practice_questions(tables, operations, SPEED_QUESTIONS, seeded)
        return _new_attempt(pupil, request.mode, seed, questions, None, 0, now)
    if request.mode == GameMode.ADAPTIVE:
        if not any(
            setup and setup.is_adaptive_on for _class, setup in setups_for_pupil(pupil, now)
        ):
            raise GameError("Your teacher has not turned on “Just for me” for your class.")
        questions = generation.adaptive_questions(
            fact_records(pupil), tables, request.count, seeded
        )
    else:
        questions = generation.practice_questions(tables, operations, request.count, seeded)
    pause_ms = current_app.config["PRACTICE_PAUSE_MS"]
    return _new_attempt(pupil, request.mode, seed, questions, request.question_ms, pause_ms, now)


def _new_attempt(pupil, mode, seed, questions, question_ms, pause_ms, now, class_id=None):
    arrangements = db.session.scalar(
        select(AccessArrangements).where(AccessArrangements.pupil_id == pupil.id)
    )
    attempt = TimesTablesAttempt(
        is_paced_by_pupil=bool(
            arrangements and (arrangements.has_next_button or arrangements.has_audio_version)
        ),
        school_id=pupil.school_id,
        pupil_id=pupil.id,
        class_id=class_id,
        mode=mode,
        seed=seed,
        generator_version=generation.FORM_VERSION,
        questions=encode_questions(questions),
        question_ms=question_ms,
        pause_ms=pause_ms,
        started_at=now,
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def begin_questions(attempt: TimesTablesAttempt, now: datetime) -> None:
    """The pupil pressed Start (after the warm-up, for a check): question ``next_number`` is
    up after the pause. Pressing Start again after a reload means the question that was on
    screen was left unanswered: it is recorded blank (the MTC rule), the game moves on, and
    the schedule starts again from now, so the reload is not counted against later answers."""
    if attempt.finished_at is not None:
        return
    if attempt.begun_at is not None and attempt.shown_at is not None and attempt.shown_at <= now:
        number = attempt.next_number
        if attempt.mode != GameMode.TRY_IT_OUT:
            db.session.add(
                AttemptEvent(
                    attempt_id=attempt.id,
                    school_id=attempt.school_id,
                    kind="refresh",
                    number=number,
                    at=now,
                )
            )
        _record(attempt, number, "", None, now, timed_out=True)
        if attempt.finished_at is not None:
            return
    step = _step(attempt)
    attempt.begun_at = now - step * (attempt.next_number - 1)
    attempt.shown_at = now + timedelta(milliseconds=attempt.pause_ms)


def _step(attempt: TimesTablesAttempt) -> timedelta:
    """How long one question takes when the clock sets the pace: pause plus time allowed."""
    return timedelta(milliseconds=attempt.pause_ms + (attempt.question_ms or 0))


# --- answering --------------------------------------------------------------------------------


def submit_answer(
    attempt: TimesTablesAttempt,
    number: int,
    typed: str,
    client_ms: int | None,
    now: datetime,
    timed_out: bool = False,
    reconnected: bool = False,
) -> None:
    """Store one answer. Sending it again (a retry) changes nothing; answers come in order."""
    if number < attempt.next_number:
        return
    if attempt.finished_at is not None:
        raise GameError("This game has finished.")
    if number > attempt.next_number:
        raise GameError("That question has not been asked yet.")
    if attempt.begun_at is None:  # the Start request was lost: this answer stands for it
        begin_questions(attempt, now)
        attempt.shown_at = now
    if _out_of_time(attempt, now):
        finish_attempt(attempt, now)
        return
    if reconnected and attempt.mode != GameMode.TRY_IT_OUT:
        db.session.add(
            AttemptEvent(
                attempt_id=attempt.id,
                school_id=attempt.school_id,
                kind="reconnect",
                number=number,
                at=now,
            )
        )
    _record(attempt, number, typed, client_ms, now, timed_out)


def _record(attempt, number, typed, client_ms, now, timed_out) -> None:
    question = questions_of(attempt)[number - 1]
    timing = _judge(
        number,
        attempt.question_ms,
        attempt.pause_ms,
        attempt.is_paced_by_pupil,
        attempt.begun_at,
        attempt.shown_at,
        client_ms,
        now,
    )
    correct = marking.is_correct(question, typed)
    if attempt.mode != GameMode.TRY_IT_OUT:  # "try it out" keeps nothing
        _store_answer(
            attempt.school_id,
            attempt.id,
            attempt.pupil_id,
            number,
            question,
            typed,
            correct,
            timing,
            timed_out,
            attempt.shown_at,
            now,
        )
    attempt.score = (attempt.score or 0) + int(correct)
    attempt.next_number = number + 1
    attempt.shown_at = now + timedelta(milliseconds=attempt.pause_ms)
    if attempt.next_number > attempt.question_count:
        finish_attempt(attempt, now)


def _judge(number, question_ms, pause_ms, is_paced_by_pupil, begun_at, shown_at, client_ms, now):
    limit = timedelta(milliseconds=question_ms) if question_ms else None
    paced_by_clock = limit is not None and not is_paced_by_pupil
    step = timedelta(milliseconds=pause_ms + (question_ms or 0))
    due_at = begun_at + step * number if paced_by_clock else None
    return marking.judge_timing(shown_at, now, client_ms, limit, due_at)


def _store_answer(
    school_id,
    attempt_id,
    pupil_id,
    number,
    question,
    typed,
    correct,
    timing,
    timed_out,
    shown_at,
    now,
) -> None:
    db.session.add(
        TimesTablesAnswer(
            school_id=school_id,
            attempt_id=attempt_id,
            pupil_id=pupil_id,
            number=number,
            left=question.left,
            right=question.right,
            operation=question.operation,
            typed=(typed or "").strip()[: marking.MAX_ANSWER_DIGITS],
            is_correct=correct,
            response_ms=timing.response_ms,
            is_timed_out=timed_out,
            is_late=timing.late,
            shown_at=shown_at,
            answered_at=now,
        )
    )


# --- the answer's fast path ---------------------------------------------------------------------
# A game's questions, mode and pause never change, so the page carries them signed. With
# them an answer is marked before the game is read, and taking it is one UPDATE … RETURNING
# (which moves the game on only if it is still at that question) and one INSERT. Anything
# unusual (a resend, a lost Start, time up, a reconnection) takes the full path instead.

GAME_FACTS_SALT = "prof123.timestables.game"


@dataclass(frozen=True)
class GameFacts:
    attempt_public_id: str
    mode: GameMode
    questions: str
    pause_ms: int


@dataclass(frozen=True)
class AnswerAck:
    next_number: int
    finished: bool


def ack_for(attempt: TimesTablesAttempt) -> AnswerAck:
    return AnswerAck(attempt.next_number, attempt.finished_at is not None)


def _game_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=GAME_FACTS_SALT)


def game_token(attempt: TimesTablesAttempt) -> str:
    facts = [attempt.public_id, attempt.mode.value, attempt.questions, attempt.pause_ms]
    return _game_signer().dumps(facts)


def read_game_token(token: str | None, attempt_public_id: str) -> GameFacts | None:
    """The signed facts, or None when the token is missing, forged or for another game."""
    if not token:
        return None
    try:
        public_id, mode, questions, pause_ms = _game_signer().loads(token)
        facts = GameFacts(public_id, GameMode(mode), questions, int(pause_ms))
    except (BadSignature, ValueError, TypeError):
        return None
    return facts if facts.attempt_public_id == attempt_public_id else None


def take_answer(
    pupil: Pupil,
    facts: GameFacts,
    number: int,
    typed: str,
    client_ms: int | None,
    now: datetime,
    timed_out: bool = False,
) -> AnswerAck | None:
    """Store the answer to the question on screen, or None if the game is not simply
    waiting for it (then ``submit_answer`` decides)."""
    questions = decode_questions(facts.questions)
    if not 1 <= number <= len(questions):
        return None
    question = questions[number - 1]
    correct = marking.is_correct(question, typed)
    is_last = number == len(questions)
    game = TimesTablesAttempt
    still_waiting = [
        game.public_id == facts.attempt_public_id,
        game.pupil_id == pupil.id,
        game.next_number == number,
        game.finished_at.is_(None),
        game.begun_at.is_not(None),
    ]
    if facts.mode == GameMode.SPEED:
        still_waiting.append(game.begun_at >= now - SPEED_ROUND - marking.LATE_ALLOWANCE)
    elif facts.mode in CHECK_MODES:
        still_waiting.append(game.begun_at >= now - CHECK_TIME_LIMIT)
    moved_on = db.session.execute(
        update(game)
        .where(*still_waiting)
        .values(
            next_number=number + 1,
            score=func.coalesce(game.score, 0) + int(correct),
            # SET reads the row as it was: this keeps when the answered question was shown.
            answered_shown_at=game.shown_at,
            shown_at=now + timedelta(milliseconds=facts.pause_ms),
            finished_at=now if is_last else None,
        )
        .returning(
            game.id,
            game.school_id,
            game.answered_shown_at,
            game.begun_at,
            game.question_ms,
            game.is_paced_by_pupil,
        ),
        execution_options={"synchronize_session": False},
    ).one_or_none()
    if moved_on is None:
        return None
    attempt_id, school_id, shown_at, begun_at, question_ms, is_paced_by_pupil = moved_on
    if facts.mode != GameMode.TRY_IT_OUT:
        timing = _judge(
            number,
            question_ms,
            facts.pause_ms,
            is_paced_by_pupil,
            begun_at,
            shown_at,
            client_ms,
            now,
        )
        _store_answer(
            school_id,
            attempt_id,
            pupil.id,
            number,
            question,
            typed,
            correct,
            timing,
            timed_out,
            shown_at,
            now,
        )
    return AnswerAck(next_number=number + 1, finished=is_last)


def _out_of_time(attempt: TimesTablesAttempt, now: datetime) -> bool:
    """The speed round lasts a minute and a check at most 30 minutes, from question 1."""
    if attempt.begun_at is None:
        return False
    if attempt.mode == GameMode.SPEED:
        return now > attempt.begun_at + SPEED_ROUND + marking.LATE_ALLOWANCE
    if attempt.mode in CHECK_MODES:
        return now > attempt.begun_at + CHECK_TIME_LIMIT
    return False


def finish_if_over(attempt: TimesTablesAttempt, now: datetime) -> bool:
    """Ends a game whose time is up (the page says when it is done). True once finished."""
    if attempt.finished_at is None and (
        _out_of_time(attempt, now)
        or (
            attempt.mode == GameMode.SPEED
            and attempt.begun_at is not None
            and now >= attempt.begun_at + SPEED_ROUND
        )
    ):
        finish_attempt(attempt, now)
    return attempt.finished_at is not None


def finish_attempt(attempt: TimesTablesAttempt, now: datetime) -> None:
    if attempt.finished_at is None:
        attempt.finished_at = now
        attempt.score = attempt.score or 0


def grant_restart(attempt: TimesTablesAttempt, reason: RestartReason, now: datetime) -> None:
    """The spoiled check stays for the teacher to see but no longer counts."""
    if attempt.mode != GameMode.CHECK or attempt.restart_reason is not None:
        raise GameError("Only a check that counts can be restarted.")
    setup = db.session.scalar(
        select(ClassTimesTables).where(ClassTimesTables.class_id == attempt.class_id)
    )
    window_opened = setup.check_opened_at if setup and setup.check_opened_at else attempt.started_at
    if attempt.started_at < window_opened:
        raise GameError("That check was in an earlier check window.")
    used = db.session.scalar(
        select(func.count(TimesTablesAttempt.id)).where(
            TimesTablesAttempt.pupil_id == attempt.pupil_id,
            TimesTablesAttempt.mode == GameMode.CHECK,
            TimesTablesAttempt.restart_reason.is_not(None),
            TimesTablesAttempt.started_at >= window_opened,
        )
    )
    if used >= MAX_RESTARTS:
        raise GameError(f"This pupil has had {MAX_RESTARTS} restarts already.")
    attempt.restart_reason = reason
    finish_attempt(attempt, now)


# --- what each pupil knows --------------------------------------------------------------------


def fact_records(pupil: Pupil) -> dict[frozenset[int], FactHistory]:
    """Accuracy and typical response time per multiplication fact, from every answer."""
    rows = db.session.execute(
        select(
            TimesTablesAnswer.left,
            TimesTablesAnswer.right,
            TimesTablesAnswer.operation,
            TimesTablesAnswer.is_correct,
            TimesTablesAnswer.response_ms,
        ).where(TimesTablesAnswer.pupil_id == pupil.id)
    )
    grouped: dict[frozenset[int], list[tuple[bool, int | None]]] = {}
    for left, right, operation, is_correct, response_ms in rows:
        fact = Question(left, right, operation).fact
        grouped.setdefault(fact, []).append((is_correct, response_ms))
    return {
        fact: FactHistory(
            answered=len(items),
            correct=sum(ok for ok, _ in items),
            median_ms=int(statistics.median(t for _, t in items if t is not None))
            if any(t is not None for _, t in items)
            else None,
        )
        for fact, items in grouped.items()
    }


# --- the teacher's side -----------------------------------------------------------------------


def set_practice(
    school_class: SchoolClass, tables: list[int], operations: str, adaptive: bool
) -> ClassTimesTables:
    if not tables:
        raise GameError("Choose at least one table.")
    setup = get_class_setup(school_class)
    setup.practice_tables = ",".join(str(t) for t in sorted(set(tables)))
    setup.practice_operations = operations
    setup.is_adaptive_on = adaptive
    return setup


def set_arrangements(pupil: Pupil, **values) -> AccessArrangements:
    """Save a pupil's access arrangements (one profile, used in every mode)."""
    arrangements = db.session.scalar(
        select(AccessArrangements).where(AccessArrangements.pupil_id == pupil.id)
    )
    if arrangements is None:
        arrangements = AccessArrangements(pupil_id=pupil.id, school_id=pupil.school_id)
        db.session.add(arrangements)
    for name, value in values.items():
        setattr(arrangements, name, value)
    db.session.flush()
    return arrangements


TYPING_NUMBERS = ("47", "253", "86", "914", "3062", "75")
# Outside these bounds a measurement is not a child typing (a stuck key, a page left open).
TYPING_MS_PER_DIGIT = (60, 10_000)


def record_typing_speed(
    pupil: Pupil, digits: int, total_ms: int, now: datetime
) -> TypingSpeed | None:
    if pupil.is_restricted:  # kept, but not used: nothing new is recorded
        return None
    if digits <= 0:
        raise GameError("Type the numbers first.")
    low, high = TYPING_MS_PER_DIGIT
    speed = TypingSpeed(
        pupil_id=pupil.id,
        school_id=pupil.school_id,
        ms_per_digit=min(max(total_ms // digits, low), high),
        measured_at=now,
    )
    db.session.add(speed)
    return speed


TRY_IT_OUT_KEPT_FOR = timedelta(hours=12)


def purge_try_it_out(now: datetime) -> int:
    """ "Try it out" keeps nothing: its games go once the pupil has seen their score."""
    return db.session.execute(
        TimesTablesAttempt.__table__.delete().where(
            TimesTablesAttempt.mode == GameMode.TRY_IT_OUT,
            TimesTablesAttempt.started_at < now - TRY_IT_OUT_KEPT_FOR,
        )
    ).rowcount
