"""Test data made through the same services the app and the CLI use. Returned as plain
records (ids and sign-in details) so tests never hold on to ORM objects across requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from prof123.admin import services as roster
from prof123.extensions import db
from prof123.models import Role
from prof123.models.base import utcnow
from prof123.schoolyear import academic_year_of, cohort_start_year_for
from prof123.security import tenant_context

STAFF_PASSWORD = "correct horse battery"
PUPIL_SECRET = "2345"


@dataclass(frozen=True)
class StaffRecord:
    id: int
    public_id: str
    school_id: int
    email: str
    role: Role


@dataclass(frozen=True)
class PupilRecord:
    id: int
    public_id: str
    school_id: int
    school_code: str
    username: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class ClassRecord:
    id: int
    public_id: str
    school_id: int
    name: str
    pupils: list[PupilRecord] = field(default_factory=list)


@dataclass(frozen=True)
class SchoolRecord:
    id: int
    code: str
    name: str
    admin: StaffRecord
    teachers: list[StaffRecord]
    classes: list[ClassRecord]


@dataclass(frozen=True)
class World:
    a: SchoolRecord
    b: SchoolRecord


def make_school(label: str, pupils_per_class: int = 3) -> SchoolRecord:
    """A school with an admin, two teachers each with one class of Year 4 pupils."""
    year = academic_year_of(utcnow().date())
    school = roster.create_school(
        f"{label} Primary", date.today() + timedelta(days=365), f"SCH{label.upper()}"
    )
    with tenant_context(school.id):
        admin = roster.create_staff(
            school, f"admin@{label}.example", f"Admin {label}", Role.SCHOOL_ADMIN, STAFF_PASSWORD
        )
        cohort = roster.get_or_create_cohort(school, cohort_start_year_for(4, year))
        teachers, classes = [], []
        for number in (1, 2):
            teacher = roster.create_staff(
                school,
                f"teacher{number}@{label}.example",
                f"Teacher {number} {label}",
                Role.TEACHER,
                STAFF_PASSWORD,
            )
            school_class = roster.create_class(school, f"4{label.upper()}{number}", year)
            roster.assign_teacher(school_class, teacher)
            pupils = []
            for index in range(pupils_per_class):
                pupil = roster.create_pupil(
                    school,
                    f"{label.title()}pupil{index}",
                    f"Class{number}{label.title()}",
                    cohort,
                    PUPIL_SECRET,
                    school_class,
                )
                pupils.append(
                    PupilRecord(
                        pupil.id,
                        pupil.public_id,
                        school.id,
                        school.sign_in_code,
                        pupil.username,
                        pupil.first_name,
                        pupil.last_name,
                    )
                )
            teachers.append(_staff_record(teacher))
            classes.append(
                ClassRecord(
                    school_class.id, school_class.public_id, school.id, school_class.name, pupils
                )
            )
        record = SchoolRecord(
            school.id, school.sign_in_code, school.name, _staff_record(admin), teachers, classes
        )
    db.session.commit()
    return record


def _staff_record(staff) -> StaffRecord:
    return StaffRecord(staff.id, staff.public_id, staff.school_id, staff.email, staff.role)


def make_world() -> World:
    # Different sizes, so a count that mixed the schools up could not pass by chance.
    return World(a=make_school("a"), b=make_school("b", pupils_per_class=2))


# --- assessments ----------------------------------------------------------------------------------

# Objectives whose questions are typed numbers (ADD, SUB): quick to answer in tests.
ASSESSMENT_OBJECTIVES = ["Y4-AS-01"]


def make_assessment(
    school_id: int,
    teacher_id: int,
    class_ids: list[int],
    objectives: list[str] | None = None,
    per_objective: int = 2,
    seed: int = 1,
    **choices,
) -> tuple[str, list[str]]:
    """An assessment made by a teacher and set (open now, for a week) for some classes.
    Returns its public id and the assignments' public ids, in ``class_ids`` order."""
    import random

    from prof123.assess import services as assess
    from prof123.models import School, SchoolClass, StaffUser

    with tenant_context(school_id):
        school = db.session.get(School, school_id)
        teacher = db.session.get(StaffUser, teacher_id)
        assessment = assess.create_teacher_made(
            school,
            teacher,
            assess.Choices(title=choices.pop("title", "Test assessment"), year=4, **choices),
            objectives or ASSESSMENT_OBJECTIVES,
            per_objective,
            random.Random(seed),
        )
        now = utcnow()
        assignments = assess.assign(
            assessment,
            [db.session.get(SchoolClass, class_id) for class_id in class_ids],
            now - timedelta(minutes=5),
            now + timedelta(days=7),
            teacher,
        )
        db.session.commit()
        return assessment.public_id, [a.public_id for a in assignments]


def start_assessment(pupil: PupilRecord, assignment_public_id: str, seed: int = 1) -> str:
    import random

    from sqlalchemy import select

    from prof123.assess import services as assess
    from prof123.models import Assessment, AssessmentAssignment, Pupil

    with tenant_context(pupil.school_id):
        assignment = db.session.scalar(
            select(AssessmentAssignment).where(
                AssessmentAssignment.public_id == assignment_public_id
            )
        )
        attempt = assess.start_attempt(
            db.session.get(Pupil, pupil.id),
            assignment,
            db.session.get(Assessment, assignment.assessment_id),
            utcnow(),
            random.Random(seed),
        )
        db.session.commit()
        return attempt.public_id


def make_assessments(world: World) -> dict[str, dict[str, str]]:
    """For the access matrix: an assessment set for school A's first class (own), another
    teacher's set for the second class (same school), and school B's (other school), each
    with an attempt begun by a pupil."""
    a, b = world.a, world.b
    own, [own_set] = make_assessment(a.id, a.teachers[0].id, [a.classes[0].id])
    other, [other_set] = make_assessment(a.id, a.teachers[1].id, [a.classes[1].id])
    far, [far_set] = make_assessment(b.id, b.teachers[0].id, [b.classes[0].id])
    return {
        "assessments": {"own": own, "same_school_other": other, "other_school": far},
        "assignments": {"own": own_set, "same_school_other": other_set, "other_school": far_set},
        "assessment_attempts": {
            "own": start_assessment(a.classes[0].pupils[0], own_set),
            "same_school_other": start_assessment(a.classes[0].pupils[1], own_set),
            "other_school": start_assessment(b.classes[0].pupils[0], far_set),
        },
    }
