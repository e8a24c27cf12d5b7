"""School-admin use-cases: they flush, the route commits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from prof123.auth.services import new_code
from prof123.extensions import db
from prof123.hashing import hash_secret
from prof123.models import (
    STAFF_ROLES,
    Cohort,
    Pupil,
    Role,
    School,
    SchoolClass,
    StaffUser,
    class_pupils,
    class_teachers,
)
from prof123.security import normalise_code, normalise_email, staff_email_taken


class DuplicateEmailError(ValueError):
    pass


def create_staff(
    school: School, email: str, display_name: str, role: Role, password: str
) -> StaffUser:
    if role not in STAFF_ROLES:
        raise ValueError(f"not a staff role: {role}")
    email = normalise_email(email)
    if staff_email_taken(email):
        raise DuplicateEmailError(email)
    staff = StaffUser(
        school_id=school.id,
        email=email,
        display_name=display_name.strip(),
        role=role,
        password_hash=hash_secret(password),
    )
    db.session.add(staff)
    db.session.flush()
    return staff


@dataclass(frozen=True)
class SchoolOverview:
    staff: list[StaffUser]
    classes: list[tuple[SchoolClass, int]]
    cohorts: list[tuple[Cohort, int]]
    pupil_count: int


def get_school_overview(academic_year: int) -> SchoolOverview:
    staff = list(db.session.scalars(select(StaffUser).order_by(StaffUser.display_name)))
    classes = list(
        db.session.execute(
            select(SchoolClass, func.count(Pupil.id))
            .outerjoin(SchoolClass.pupils)
            .where(SchoolClass.academic_year == academic_year)
            .group_by(SchoolClass.id)
            .order_by(SchoolClass.name)
        ).tuples()
    )
    cohorts = list(
        db.session.execute(
            select(Cohort, func.count(Pupil.id))
            .outerjoin(Pupil, Pupil.cohort_id == Cohort.id)
            .group_by(Cohort.id)
            .order_by(Cohort.start_year.desc())
        ).tuples()
    )
    pupil_count = db.session.scalar(select(func.count()).select_from(Pupil)) or 0
    return SchoolOverview(staff, classes, cohorts, pupil_count)


# --- the roster: used by the operator's CLI, the demo seed and (later) the admin pages ---


class DuplicateSchoolCodeError(ValueError):
    pass


def create_school(name: str, subscription_ends_on, sign_in_code: str | None = None) -> School:
    code = normalise_code(sign_in_code or new_code())
    if db.session.scalar(select(School.id).where(School.sign_in_code == code)) is not None:
        raise DuplicateSchoolCodeError(code)
    school = School(name=name.strip(), sign_in_code=code, subscription_ends_on=subscription_ends_on)
    db.session.add(school)
    db.session.flush()
    return school


def get_or_create_cohort(school: School, start_year: int) -> Cohort:
    cohort = db.session.scalar(
        select(Cohort).where(Cohort.school_id == school.id, Cohort.start_year == start_year)
    )
    if cohort is None:
        cohort = Cohort(school_id=school.id, start_year=start_year)
        db.session.add(cohort)
        db.session.flush()
    return cohort


def create_class(school: School, name: str, academic_year: int) -> SchoolClass:
    school_class = SchoolClass(school_id=school.id, name=name.strip(), academic_year=academic_year)
    db.session.add(school_class)
    db.session.flush()
    return school_class


def assign_teacher(school_class: SchoolClass, teacher: StaffUser) -> None:
    db.session.execute(
        class_teachers.insert().values(
            school_id=school_class.school_id, class_id=school_class.id, staff_user_id=teacher.id
        )
    )


def unique_username(school: School, first_name: str, last_name: str) -> str:
    base = (
        "".join(ch for ch in (first_name + last_name[:1]).lower() if ch.isalnum())[:30] or "pupil"
    )
    taken = set(
        db.session.scalars(
            select(Pupil.username).where(
                Pupil.school_id == school.id, Pupil.username.startswith(base)
            )
        )
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def create_pupil(
    school: School,
    first_name: str,
    last_name: str,
    cohort: Cohort,
    secret: str,
    school_class: SchoolClass | None = None,
) -> Pupil:
    pupil = Pupil(
        school_id=school.id,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        username=unique_username(school, first_name, last_name),
        cohort_id=cohort.id,
        secret_hash=hash_secret(secret),
    )
    db.session.add(pupil)
    db.session.flush()
    if school_class is not None:
        db.session.execute(
            class_pupils.insert().values(
                school_id=school.id, class_id=school_class.id, pupil_id=pupil.id
            )
        )
    return pupil
