"""Read-side queries for assessments: lists, the pupil's open work, and class results.
All go through the school filter; results take a fixed number of statements, whatever the
size of the class."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from prof123.assess import curriculum
from prof123.extensions import db
from prof123.models import (
    Assessment,
    AssessmentAssignment,
    AssessmentAttempt,
    AssessmentItem,
    AssessmentResponse,
    Pupil,
    SchoolClass,
    class_pupils,
)
from prof123.queries import pupils_in_reports

# An objective is judged only on two or more questions (question-design.md §7.4), and is
# secure when at least 80% of them are right (§8, the app's own banding).
MIN_ITEMS_TO_JUDGE = 2
SECURE_SHARE = 0.8


def list_assessments() -> list[Assessment]:
    return list(db.session.scalars(select(Assessment).order_by(Assessment.created_at.desc())))


def items_of(assessment: Assessment) -> list[AssessmentItem]:
    return list(
        db.session.scalars(
            select(AssessmentItem)
            .where(AssessmentItem.assessment_id == assessment.id)
            .order_by(AssessmentItem.number)
        )
    )


def assignments_of(assessment: Assessment) -> list[tuple[AssessmentAssignment, SchoolClass]]:
    return list(
        db.session.execute(
            select(AssessmentAssignment, SchoolClass)
            .join(SchoolClass, SchoolClass.id == AssessmentAssignment.class_id)
            .where(AssessmentAssignment.assessment_id == assessment.id)
            .order_by(AssessmentAssignment.opens_at.desc(), SchoolClass.name)
        ).tuples()
    )


def recent_assignments(class_ids: list[int]) -> list[tuple[AssessmentAssignment, Assessment]]:
    if not class_ids:
        return []
    return list(
        db.session.execute(
            select(AssessmentAssignment, Assessment)
            .join(Assessment, Assessment.id == AssessmentAssignment.assessment_id)
            .where(AssessmentAssignment.class_id.in_(class_ids))
            .order_by(AssessmentAssignment.opens_at.desc())
            .limit(50)
        ).tuples()
    )


@dataclass(frozen=True)
class PupilWork:
    assignment: AssessmentAssignment
    assessment: Assessment
    attempt: AssessmentAttempt | None

    def is_open(self, now: datetime) -> bool:
        return self.assignment.opens_at <= now < self.assignment.closes_at


def work_for_pupil(pupil: Pupil, now: datetime) -> list[PupilWork]:
    """What is set for the pupil's classes: open now, or done (to see their result)."""
    rows = db.session.execute(
        select(AssessmentAssignment, Assessment, AssessmentAttempt)
        .join(Assessment, Assessment.id == AssessmentAssignment.assessment_id)
        .join(class_pupils, class_pupils.c.class_id == AssessmentAssignment.class_id)
        .outerjoin(
            AssessmentAttempt,
            (AssessmentAttempt.assignment_id == AssessmentAssignment.id)
            & (AssessmentAttempt.pupil_id == pupil.id),
        )
        .where(class_pupils.c.pupil_id == pupil.id, AssessmentAssignment.opens_at <= now)
        .order_by(AssessmentAssignment.closes_at)
    ).tuples()
    return [
        PupilWork(assignment, assessment, attempt)
        for assignment, assessment, attempt in rows
        if assignment.closes_at > now or (attempt is not None and attempt.handed_in_at)
    ]


def responses_of(attempt: AssessmentAttempt) -> list[AssessmentResponse]:
    return list(
        db.session.scalars(
            select(AssessmentResponse)
            .where(AssessmentResponse.attempt_id == attempt.id)
            .order_by(AssessmentResponse.position)
        )
    )


def response_at(attempt: AssessmentAttempt, position: int) -> AssessmentResponse | None:
    return db.session.scalar(
        select(AssessmentResponse).where(
            AssessmentResponse.attempt_id == attempt.id,
            AssessmentResponse.position == position,
        )
    )


# --- a class's results --------------------------------------------------------------------------


@dataclass
class PupilRow:
    pupil: Pupil
    attempt: AssessmentAttempt | None
    # item number -> the pupil's response to it
    responses: dict[int, AssessmentResponse] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.attempt is None:
            return "Not started"
        return "Handed in" if self.attempt.handed_in_at else "Started"


@dataclass
class ObjectiveResult:
    objective: curriculum.Objective
    items: int  # questions on it in the assessment
    secured: int = 0  # pupils who secured it
    not_yet: int = 0  # pupils judged and not secure
    judged: int = 0

    @property
    def can_be_judged(self) -> bool:
        return self.items >= MIN_ITEMS_TO_JUDGE


@dataclass
class ClassResults:
    assignment: AssessmentAssignment
    assessment: Assessment
    school_class: SchoolClass
    items: list[AssessmentItem]
    rows: list[PupilRow]
    objectives: list[ObjectiveResult]

    @property
    def handed_in(self) -> int:
        return sum(1 for row in self.rows if row.attempt and row.attempt.handed_in_at)


def class_results(
    assignment: AssessmentAssignment, assessment: AssessmentAssignment, school_class: SchoolClass
) -> ClassResults:
    """Four statements, whatever the size of the class: items, pupils, attempts, answers.
    Restricted pupils are left out: their data is kept, but not reported."""
    assessment_items = items_of(assessment)
    pupils = list(db.session.scalars(pupils_in_reports(school_class.id)))
    attempts = {
        attempt.pupil_id: attempt
        for attempt in db.session.scalars(
            select(AssessmentAttempt).where(AssessmentAttempt.assignment_id == assignment.id)
        )
    }
    by_pupil: dict[int, dict[int, AssessmentResponse]] = defaultdict(dict)
    for response in db.session.scalars(
        select(AssessmentResponse)
        .join(AssessmentAttempt, AssessmentAttempt.id == AssessmentResponse.attempt_id)
        .where(AssessmentAttempt.assignment_id == assignment.id)
    ):
        by_pupil[response.pupil_id][response.item_number] = response
    rows = [PupilRow(p, attempts.get(p.id), by_pupil.get(p.id, {})) for p in pupils]
    return ClassResults(
        assignment,
        assessment,
        school_class,
        assessment_items,
        rows,
        objective_results(assessment_items, rows),
    )


def objective_results(
    assessment_items: list[AssessmentItem], rows: list[PupilRow]
) -> list[ObjectiveResult]:
    numbers_by_objective: dict[str, list[int]] = defaultdict(list)
    for item in assessment_items:
        numbers_by_objective[item.objective].append(item.number)
    results = []
    for code, numbers in numbers_by_objective.items():
        result = ObjectiveResult(curriculum.objective(code), len(numbers))
        for row in rows:
            if not (row.attempt and row.attempt.handed_in_at) or not result.can_be_judged:
                continue
            right = sum(1 for n in numbers if n in row.responses and row.responses[n].is_correct)
            result.judged += 1
            if right >= SECURE_SHARE * len(numbers):
                result.secured += 1
            else:
                result.not_yet += 1
        results.append(result)
    return results


def table_of(response: AssessmentResponse) -> list[list[str]]:
    return json.loads(response.table)


def options_of(response: AssessmentResponse) -> list[str]:
    return json.loads(response.answer_options)


def boxes_of(response: AssessmentResponse) -> dict[str, str | list[str]]:
    """The pupil's saved answer split back into the boxes it was typed in."""
    raw = response.raw_answer or ""
    boxes: dict[str, str | list[str]] = {"answer": raw}
    if response.answer_kind == "fraction" and "/" in raw:
        whole, _, fraction = raw.rpartition(" ")
        numerator, _, denominator = fraction.partition("/")
        boxes.update(answer="", whole=whole, numerator=numerator, denominator=denominator)
    elif response.answer_kind == "fraction":
        boxes.update(answer="", whole=raw)
    elif response.answer_kind == "remainder" and response.answer_form == "r" and " r " in raw:
        quotient, _, remainder = raw.partition(" r ")
        boxes.update(answer=quotient, remainder=remainder)
    elif response.answer_kind == "coordinate" and "," in raw:
        x, _, y = raw.strip("()").partition(",")
        boxes.update(answer="", x=x.strip(), y=y.strip())
    elif response.answer_kind == "order":
        boxes.update(answer="", order=raw.split("|") if raw else [])
    return boxes
