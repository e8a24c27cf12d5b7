"""What a teacher does for their class: open a sign-in code, reset a pupil's secret."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from prof123.auth import throttle
from prof123.auth.services import new_code, new_pupil_secret
from prof123.extensions import db
from prof123.hashing import hash_secret
from prof123.models import ClassSignInCode, Pupil, SchoolClass, StaffUser


def open_class_code(
    school_class: SchoolClass,
    teacher: StaffUser,
    now: datetime,
    lifetime: timedelta,
    replace: bool = False,
) -> ClassSignInCode:
    """The class's code for the board. A code already open stays open (pupils may be typing
    it) unless ``replace`` asks for a new one, which makes the old one stop working."""
    existing = get_open_class_code(school_class, now)
    if existing is not None and not replace:
        return existing
    _delete_class_codes(school_class)
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


def _delete_class_codes(school_class: SchoolClass) -> None:
    # An ORM delete, so a code already loaded in this session is forgotten with its row.
    db.session.execute(
        delete(ClassSignInCode).where(
            ClassSignInCode.class_id == school_class.id,
            ClassSignInCode.school_id == school_class.school_id,
        )
    )


def get_open_class_code(school_class: SchoolClass, now: datetime) -> ClassSignInCode | None:
    return db.session.scalar(
        select(ClassSignInCode).where(
            ClassSignInCode.class_id == school_class.id, ClassSignInCode.expires_at > now
        )
    )


def close_class_code(school_class: SchoolClass) -> None:
    _delete_class_codes(school_class)


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


def open_codes_by_class(classes: list[SchoolClass], now: datetime) -> dict[int, ClassSignInCode]:
    codes = db.session.scalars(
        select(ClassSignInCode).where(
            ClassSignInCode.class_id.in_([c.id for c in classes]), ClassSignInCode.expires_at > now
        )
    )
    return {code.class_id: code for code in codes}


def pupil_counts_by_class(classes: list[SchoolClass]) -> dict[int, int]:
    rows = db.session.execute(
        select(SchoolClass.id, func.count(Pupil.id))
        .outerjoin(SchoolClass.pupils)
        .where(SchoolClass.id.in_([c.id for c in classes]))
        .group_by(SchoolClass.id)
    )
    return {class_id: count for class_id, count in rows}


def classes_with_paused_sign_in(classes: list[SchoolClass], now: datetime, limit: int) -> set[int]:
    counter = throttle.failure_counter()
    return {c.id for c in classes if counter.count(throttle.class_key(c.id), now) >= limit}
