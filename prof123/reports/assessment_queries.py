"""Read queries for the assessment reports, and the report built from them.

One assignment's report takes five statements after the access checks, whatever the size
of the class or the length of the paper: the assessment, its questions, the pupils, their
attempts and every answer. Restricted pupils and leavers are left out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from prof123.assess import curriculum, misconceptions
from prof123.assess.display import answer_text, typed_text
from prof123.extensions import db
from prof123.models import (
    Assessment,
    AssessmentAssignment,
    AssessmentAttempt,
    AssessmentItem,
    AssessmentResponse,
    Pupil,
    SchoolClass,
)
from prof123.queries import pupils_in_reports
from prof123.reports import analysis


def reportable_pupils(class_id: int) -> list[Pupil]:
    """The class's pupils who may appear in a report: on roll, not restricted."""
    return list(db.session.scalars(pupils_in_reports(class_id)))


def items_of(assessment_id: int) -> list[AssessmentItem]:
    return list(
        db.session.scalars(
            select(AssessmentItem)
            .where(AssessmentItem.assessment_id == assessment_id)
            .order_by(AssessmentItem.number)
        )
    )


def attempts_of(assignment_id: int) -> dict[int, AssessmentAttempt]:
    return {
        attempt.pupil_id: attempt
        for attempt in db.session.scalars(
            select(AssessmentAttempt).where(AssessmentAttempt.assignment_id == assignment_id)
        )
    }


def responses_of(assignment_id: int) -> list[AssessmentResponse]:
    return list(
        db.session.scalars(
            select(AssessmentResponse)
            .join(AssessmentAttempt, AssessmentAttempt.id == AssessmentResponse.attempt_id)
            .where(AssessmentAttempt.assignment_id == assignment_id)
        )
    )


# --- the report --------------------------------------------------------------------------------

RIGHT, WRONG, BLANK, PENDING, MISSING = "right", "wrong", "blank", "pending", "missing"
_SYMBOLS = {RIGHT: "✓", WRONG: "✗", BLANK: "–"}
_WORDS = {
    RIGHT: "right",
    WRONG: "wrong",
    BLANK: "not answered",
    PENDING: "not handed in",
    MISSING: "",
}


@dataclass(frozen=True)
class GridCell:
    """One pupil's answer to one question, as the grid shows it."""

    state: str
    given: str = ""  # what the pupil typed, readable
    correct: str = ""  # the right answer to their question
    prompt: str = ""
    wording: str = ""  # the misconceptions of a wrong answer, in teacher wording

    @property
    def symbol(self) -> str:
        return _SYMBOLS.get(self.state, "")

    @property
    def word(self) -> str:
        return _WORDS[self.state]

    @property
    def text(self) -> str:
        """The cell as text (the CSV): the mark, and the answer given when it is wrong."""
        return f"{self.symbol} {self.given}".strip() if self.state == WRONG else self.symbol


@dataclass
class PupilLine:
    pupil: Pupil
    attempt: AssessmentAttempt | None
    cells: list[GridCell] = field(default_factory=list)

    @property
    def handed_in(self) -> bool:
        return self.attempt is not None and self.attempt.handed_in_at is not None

    @property
    def status(self) -> str:
        if self.attempt is None:
            return "Not started"
        return "Handed in" if self.handed_in else "Started"

    @property
    def score_text(self) -> str:
        if not self.handed_in:
            return self.status
        return f"{self.attempt.score} / {self.attempt.out_of}"


@dataclass
class AssignmentReport:
    assignment: AssessmentAssignment
    assessment: Assessment
    school_class: SchoolClass
    items: list[AssessmentItem]
    lines: list[PupilLine]
    answers: list[analysis.Answer]
    questions: list[analysis.QuestionStat]
    grid: analysis.ObjectiveGrid
    teach_next: list[analysis.ObjectiveSummary]
    misconceptions: list[analysis.MisconceptionRow]  # maths misconceptions
    format_slips: list[analysis.MisconceptionRow]  # right value, wrong form
    objectives: dict[str, curriculum.Objective]
    # Objectives of the year that typed answers cannot assess, and those assessed here
    # only in part: for the teacher's own assessment.
    teacher_assessed: list[curriculum.Objective]
    partly_assessed: list[curriculum.Objective]

    @property
    def pupils(self) -> list[Pupil]:
        return [line.pupil for line in self.lines]

    @property
    def handed_in(self) -> list[PupilLine]:
        return [line for line in self.lines if line.handed_in]

    @property
    def started(self) -> int:
        return sum(1 for line in self.lines if line.attempt and not line.handed_in)

    @property
    def not_started(self) -> int:
        return sum(1 for line in self.lines if line.attempt is None)

    @property
    def question_by_number(self) -> dict[int, analysis.QuestionStat]:
        return {q.number: q for q in self.questions}

    def difficult(self, limit: int | None = None) -> list[analysis.QuestionStat]:
        return analysis.difficult_questions(self.questions, limit)


def _params(response: AssessmentResponse) -> dict:
    try:
        loaded = json.loads(response.params or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _chances(response: AssessmentResponse) -> frozenset[str]:
    try:
        bugs = json.loads(response.bugs or "{}")
    except ValueError:
        return frozenset()
    if not isinstance(bugs, dict):
        return frozenset()
    found: set[str] = set()
    for labels in bugs.values():
        if isinstance(labels, str):
            found.add(labels)
        elif isinstance(labels, list):
            found.update(label for label in labels if isinstance(label, str))
    return frozenset(found)


def _correct_text(response: AssessmentResponse) -> str:
    return answer_text(
        response.answer_kind,
        response.correct_answer,
        response.answer_unit,
        response.answer_form,
        _params(response),
    )


def _answer(response: AssessmentResponse) -> analysis.Answer:
    blank = response.raw_answer is None or not response.raw_answer.strip()
    return analysis.Answer(
        pupil_id=response.pupil_id,
        item_number=response.item_number,
        objective=response.objective,
        prompt=response.prompt,
        shown="" if blank else typed_text(response.answer_kind, response.raw_answer),
        key=None if blank else (response.normalised_answer or response.raw_answer),
        is_correct=bool(response.is_correct),
        labels=misconceptions.split_labels(response.misconceptions),
        chances=_chances(response),
    )


def _cell(response: AssessmentResponse | None, handed_in: bool) -> GridCell:
    if response is None:
        return GridCell(MISSING)
    if not handed_in:
        return GridCell(PENDING)
    blank = response.raw_answer is None or not response.raw_answer.strip()
    state = RIGHT if response.is_correct else (BLANK if blank else WRONG)
    labels = misconceptions.split_labels(response.misconceptions)
    return GridCell(
        state,
        given="" if blank else typed_text(response.answer_kind, response.raw_answer),
        correct=_correct_text(response),
        prompt=response.prompt,
        wording=misconceptions.describe(labels) if state == WRONG else "",
    )


def _curriculum_order() -> dict[str, int]:
    return {o.code: n for n, o in enumerate(curriculum.catalogue().objectives)}


def _objective(code: str) -> curriculum.Objective | None:
    try:
        return curriculum.objective(code)
    except KeyError:
        return None


def assignment_report(
    assignment: AssessmentAssignment, school_class: SchoolClass
) -> AssignmentReport:
    """Five statements: assessment, questions, pupils, attempts, answers."""
    assessment = db.session.get(Assessment, assignment.assessment_id)
    items = items_of(assessment.id)
    pupils = reportable_pupils(school_class.id)
    attempts = attempts_of(assignment.id)
    listed = {pupil.id for pupil in pupils}
    by_pupil: dict[int, dict[int, AssessmentResponse]] = {pupil.id: {} for pupil in pupils}
    for response in responses_of(assignment.id):
        if response.pupil_id in listed:
            by_pupil[response.pupil_id][response.item_number] = response
    lines: list[PupilLine] = []
    answers: list[analysis.Answer] = []
    for pupil in pupils:
        line = PupilLine(pupil, attempts.get(pupil.id))
        own = by_pupil[pupil.id]
        line.cells = [_cell(own.get(item.number), line.handed_in) for item in items]
        if line.handed_in:
            answers += [_answer(own[item.number]) for item in items if item.number in own]
        lines.append(line)
    return build_report(assignment, assessment, school_class, items, lines, answers)


def build_report(
    assignment: AssessmentAssignment,
    assessment: Assessment,
    school_class: SchoolClass,
    items: Sequence[AssessmentItem],
    lines: list[PupilLine],
    answers: list[analysis.Answer],
) -> AssignmentReport:
    order = _curriculum_order()
    numbers = [(item.number, item.objective) for item in items]
    handed_in_ids = [line.pupil.id for line in lines if line.handed_in]
    grid = analysis.objective_grid(numbers, handed_in_ids, answers, order)
    summary = analysis.misconception_summary(handed_in_ids, answers, order)
    objectives = {code: o for code in grid.codes if (o := _objective(code)) is not None}
    return AssignmentReport(
        assignment=assignment,
        assessment=assessment,
        school_class=school_class,
        items=list(items),
        lines=lines,
        answers=answers,
        questions=analysis.question_stats(numbers, answers),
        grid=grid,
        teach_next=analysis.teach_next(grid),
        misconceptions=[row for row in summary if row.kind == misconceptions.MATHS],
        format_slips=[row for row in summary if row.kind == misconceptions.FORMAT],
        objectives=objectives,
        teacher_assessed=[
            o for o in curriculum.objectives_for_year(assessment.year) if not o.is_assessable
        ],
        partly_assessed=[o for o in objectives.values() if o.coverage == "partial"],
    )
