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
