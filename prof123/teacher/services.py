"""What a teacher does for their class: open a sign-in code, reset a pupil's secret."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from prof123.auth import throttle
from prof123.auth.services import new_code, new_pupil_secret
from prof123.extensions import db
from prof123.hashing import hash_secret
from prof123.models import ClassSignInCode, Pupil, SchoolClass, StaffUser


def open_class_code(
    school_class: SchoolClass, teacher: StaffUser, now: datetime, lifetime: timedelta
) -> ClassSignInCode:
    """A new code for the board; any earlier code for the class stops working."""
    db.session.execute(
        ClassSignInCode.__table__.delete().where(
            ClassSignInCode.class_id == school_class.id,
            ClassSignInCode.school_id == school_class.school_id,
        )
    )
    # A fresh code is a fresh start for the class's failure count too.
    throttle.failure_counter().clear(throttle.class_key(school_class.id))
    class_code = ClassSignInCode(
        code=new_code(),
        class_id=school_class.id,
        school_id=school_class.school_id,
        opened_by_id=teacher.id,
        expires_at=now + lifetime,
    )
    db.session.add(class_code)
    db.session.flush()
    return class_code


def get_open_class_code(school_class: SchoolClass, now: datetime) -> ClassSignInCode | None:
    return db.session.scalar(
        select(ClassSignInCode).where(
            ClassSignInCode.class_id == school_class.id, ClassSignInCode.expires_at > now
        )
    )


def close_class_code(school_class: SchoolClass) -> None:
    db.session.execute(
        ClassSignInCode.__table__.delete().where(
            ClassSignInCode.class_id == school_class.id,
            ClassSignInCode.school_id == school_class.school_id,
        )
    )


def reset_pupil_secret(pupil: Pupil) -> str:
    """A new secret for a pupil; returned once so the teacher can pass it on."""
    secret = new_pupil_secret()
    pupil.secret_hash = hash_secret(secret)
    throttle.failure_counter().clear(throttle.account_key("pupil", pupil.school_id, pupil.id))
    return secret


def list_classes_taught_by(teacher: StaffUser, academic_year: int) -> list[SchoolClass]:
    return list(
        db.session.scalars(
            select(SchoolClass)
            .join(SchoolClass.teachers)
            .where(StaffUser.id == teacher.id, SchoolClass.academic_year == academic_year)
            .order_by(SchoolClass.name)
        )
    )


def list_pupils_in(school_class: SchoolClass) -> list[Pupil]:
    return list(
        db.session.scalars(
            select(Pupil)
            .join(Pupil.classes)
            .where(SchoolClass.id == school_class.id)
            .order_by(Pupil.last_name, Pupil.first_name)
        )
    )


def classes_with_paused_sign_in(classes: list[SchoolClass], now: datetime, limit: int) -> set[int]:
    counter = throttle.failure_counter()
    return {c.id for c in classes if counter.count(throttle.class_key(c.id), now) >= limit}
