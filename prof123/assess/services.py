"""Assessment use-cases: make one, set it for classes, take it, hand it in.
They flush but never commit: the route commits once."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from prof123.assess import blueprints, items, marking
from prof123.extensions import db
from prof123.models import (
    Assessment,
    AssessmentAssignment,
    AssessmentAttempt,
    AssessmentItem,
    AssessmentKind,
    AssessmentResponse,
    Pupil,
    School,
    SchoolClass,
    StaffUser,
)

SEED_SPACE = 2**31
SEED_STEP = 7919  # a prime: item n's seed is base + n × step, so items never share one
MAX_ANSWER_LENGTH = 200
# A timed assessment still takes what arrives just after the bell (a slow connection).
HAND_IN_ALLOWANCE = timedelta(seconds=20)


PAUSED_BY_TEACHER = "Your teacher has paused your account. Please ask them."


class AssessmentError(Exception):
    """A request the assessment cannot take; ``message`` is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- making and setting -----------------------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    title: str
    year: int
    time_limit_minutes: int | None = None
    has_same_numbers: bool = False
    is_shuffled: bool = False
    shows_corrections: bool = True


def create_assessment(
    school: School,
    author: StaffUser,
    choices: Choices,
    templates: list[blueprints.ItemTemplate],
    kind: AssessmentKind,
    rng: random.Random,
) -> Assessment:
    if not templates:
        raise AssessmentError("An assessment needs at least one question.")
    assessment = Assessment(
        school_id=school.id,
        title=choices.title.strip() or "Maths assessment",
        kind=kind,
        year=choices.year,
        time_limit_minutes=choices.time_limit_minutes,
        has_same_numbers=choices.has_same_numbers,
        is_shuffled=choices.is_shuffled,
        shows_corrections=choices.shows_corrections,
        seed=rng.randrange(SEED_SPACE),
        created_by_id=author.id,
    )
    db.session.add(assessment)
    db.session.flush()
    db.session.add_all(
        AssessmentItem(
            school_id=school.id,
            assessment_id=assessment.id,
            number=number,
            family=template.family,
            objective=template.objective,
            level=template.level,
        )
        for number, template in enumerate(templates, start=1)
    )
    db.session.flush()
    return assessment


def create_teacher_made(
    school: School,
    author: StaffUser,
    choices: Choices,
    objective_codes: list[str],
    per_objective: int,
    rng: random.Random,
) -> Assessment:
    try:
        templates = blueprints.teacher_made(objective_codes, per_objective)
    except blueprints.BlueprintError as error:
        raise AssessmentError(str(error)) from error
    return create_assessment(school, author, choices, templates, AssessmentKind.TEACHER_MADE, rng)


def create_from_library(
    school: School, author: StaffUser, key: str, rng: random.Random
) -> Assessment:
    try:
        ready = blueprints.ready_made(key)
    except blueprints.BlueprintError as error:
        raise AssessmentError(str(error)) from error
    choices = Choices(
        title=ready.title, year=ready.year, time_limit_minutes=ready.time_limit_minutes
    )
    return create_assessment(
        school, author, choices, list(ready.templates), AssessmentKind(ready.kind), rng
    )


def assign(
    assessment: Assessment,
    classes: list[SchoolClass],
    opens_at: datetime,
    closes_at: datetime,
    teacher: StaffUser,
) -> list[AssessmentAssignment]:
    if not classes:
        raise AssessmentError("Choose at least one class.")
    if closes_at <= opens_at:
        raise AssessmentError("The closing time must be after the opening time.")
    assignments = [
        AssessmentAssignment(
            school_id=assessment.school_id,
            assessment_id=assessment.id,
            class_id=school_class.id,
            opens_at=opens_at,
            closes_at=closes_at,
            set_by_id=teacher.id,
        )
        for school_class in classes
    ]
    db.session.add_all(assignments)
    db.session.flush()
    return assignments


def close_and_hand_in(assignment: AssessmentAssignment, now: datetime) -> None:
    assignment.closes_at = min(assignment.closes_at, now)
    for attempt in db.session.scalars(
        select(AssessmentAttempt).where(
            AssessmentAttempt.assignment_id == assignment.id,
            AssessmentAttempt.handed_in_at.is_(None),
        )
    ):
        hand_in(attempt, now)


def hand_in_overdue(now: datetime) -> int:
    """Hand in every attempt whose time ran out (run daily by ``flask purge``)."""
    overdue = list(
        db.session.scalars(
            select(AssessmentAttempt)
            .join(AssessmentAssignment, AssessmentAssignment.id == AssessmentAttempt.assignment_id)
            .where(
                AssessmentAttempt.handed_in_at.is_(None),
                (AssessmentAttempt.due_at < now - HAND_IN_ALLOWANCE)
                | (AssessmentAssignment.closes_at < now - HAND_IN_ALLOWANCE),
            )
        )
    )
    for attempt in overdue:
        hand_in(attempt, now)
    return len(overdue)


# --- the items as one pupil gets them ----------------------------------------------------------


def item_seed(base: int, number: int) -> int:
    return (base + number * SEED_STEP) % SEED_SPACE


def example_items(assessment: Assessment, assessment_items: list[AssessmentItem]):
    """Each question with the numbers the class would get when they share them (the
    preview and the paper version show these)."""
    return [
        (
            item,
            items.generate(
                item.family, item.objective, item.level, item_seed(assessment.seed, item.number)
            ),
        )
        for item in assessment_items
    ]


def _response_from(item: items.Item, attempt, pupil_id, position, item_number):
    return AssessmentResponse(
        school_id=attempt.school_id,
        attempt_id=attempt.id,
        pupil_id=pupil_id,
        position=position,
        item_number=item_number,
        family=item.family,
        objective=item.objective,
        level=item.level,
        seed=item.seed,
        params=json.dumps(item.params, sort_keys=True),
        prompt=item.prompt,
        table=json.dumps([list(row) for row in item.table]),
        answer_kind=item.answer.kind,
        answer_unit=item.answer.unit,
        answer_form=item.answer.form,
        answer_options=json.dumps(list(item.answer.options)),
        accepts_decimal=item.answer.accept_decimal,
        correct_answer=item.answer.value,
        bugs=json.dumps({wrong: list(labels) for wrong, labels in item.bugs.items()}),
        marks_available=item.answer.marks,
    )


def answer_spec_of(response: AssessmentResponse) -> items.AnswerSpec:
    return items.AnswerSpec(
        kind=response.answer_kind,
        value=response.correct_answer,
        unit=response.answer_unit,
        options=tuple(json.loads(response.answer_options)),
        form=response.answer_form,
        accept_decimal=response.accepts_decimal,
        marks=response.marks_available,
    )


# --- taking ------------------------------------------------------------------------------------


def is_open(assignment: AssessmentAssignment, now: datetime) -> bool:
    return assignment.opens_at <= now < assignment.closes_at


def start_attempt(
    pupil: Pupil,
    assignment: AssessmentAssignment,
    assessment: Assessment,
    now: datetime,
    rng: random.Random,
) -> AssessmentAttempt:
    """The pupil's attempt, made with every question rendered, or the one they began."""
    if pupil.is_restricted:  # kept, but not used: nothing new starts (UK GDPR art. 18)
        raise AssessmentError(PAUSED_BY_TEACHER)
    attempt = db.session.scalar(
        select(AssessmentAttempt).where(
            AssessmentAttempt.assignment_id == assignment.id,
            AssessmentAttempt.pupil_id == pupil.id,
        )
    )
    if attempt is not None:
        return attempt
    if not is_open(assignment, now):
        raise AssessmentError("This assessment is not open now.")
    assessment_items = list(
        db.session.scalars(
            select(AssessmentItem)
            .where(AssessmentItem.assessment_id == assessment.id)
            .order_by(AssessmentItem.number)
        )
    )
    base = assessment.seed if assessment.has_same_numbers else rng.randrange(SEED_SPACE)
    generated = [
        (
            item.number,
            items.generate(item.family, item.objective, item.level, item_seed(base, item.number)),
        )
        for item in assessment_items
    ]
    order = list(range(len(generated)))
    if assessment.is_shuffled:
        rng.shuffle(order)
    due_at = None
    if assessment.time_limit_minutes:
        due_at = min(now + timedelta(minutes=assessment.time_limit_minutes), assignment.closes_at)
    attempt = AssessmentAttempt(
        school_id=pupil.school_id,
        assignment_id=assignment.id,
        pupil_id=pupil.id,
        started_at=now,
        due_at=due_at,
        out_of=sum(item.answer.marks for _, item in generated),
    )
    db.session.add(attempt)
    db.session.flush()
    responses = [
        _response_from(item, attempt, pupil.id, position, number)
        for position, (number, item) in enumerate((generated[i] for i in order), start=1)
    ]
    responses[0].first_seen_at = now
    db.session.add_all(responses)
    db.session.flush()
    return attempt


def deadline(attempt: AssessmentAttempt, assignment: AssessmentAssignment) -> datetime:
    return attempt.due_at or assignment.closes_at


def is_past_deadline(
    attempt: AssessmentAttempt, assignment: AssessmentAssignment, now: datetime
) -> bool:
    return now > deadline(attempt, assignment) + HAND_IN_ALLOWANCE


def save_answer(
    attempt: AssessmentAttempt,
    assignment: AssessmentAssignment,
    response: AssessmentResponse,
    raw: str | None,
    is_flagged: bool,
    now: datetime,
) -> None:
    """Keep the latest answer to one question (sending the same again changes nothing).
    Marking waits for the hand-in, so a pupil can go back and change their mind."""
    if attempt.handed_in_at is not None:
        raise AssessmentError("You have handed this in already.")
    if is_past_deadline(attempt, assignment, now):
        hand_in(attempt, now)
        raise AssessmentError("Time is up. Your answers have been handed in.")
    text = (raw or "").strip()[:MAX_ANSWER_LENGTH]
    if text != (response.raw_answer or ""):
        response.raw_answer = text or None
        response.answered_at = now if text else None
    response.is_flagged = is_flagged
    attempt.current_position = response.position


def visit(attempt: AssessmentAttempt, response: AssessmentResponse, now: datetime) -> None:
    if response.first_seen_at is None:
        response.first_seen_at = now
    attempt.current_position = response.position


def hand_in(attempt: AssessmentAttempt, now: datetime) -> None:
    """Mark every answer (strictly, as in a test) and keep the score. Twice changes nothing."""
    if attempt.handed_in_at is not None:
        return
    responses = db.session.scalars(
        select(AssessmentResponse).where(AssessmentResponse.attempt_id == attempt.id)
    )
    score = 0
    for response in responses:
        mark_response(response)
        score += response.marks or 0
    attempt.score = score
    attempt.handed_in_at = now


def mark_response(response: AssessmentResponse) -> None:
    bugs = {wrong: tuple(labels) for wrong, labels in json.loads(response.bugs).items()}
    result = marking.mark(
        answer_spec_of(response),
        response.raw_answer,
        bugs,
        json.loads(response.params),
        mode="test",
    )
    response.is_correct = result.is_correct
    response.marks = result.marks
    response.normalised_answer = result.normalised
    response.misconceptions = ",".join(result.labels)
    response.format_flags = ",".join(result.flags)
