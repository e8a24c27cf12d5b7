"""What a teacher does for their class: open a sign-in code, reset a pupil's secret (the
school admin's sign-in cards reset secrets through here too)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from prof123 import audit, security
from prof123.auth import throttle
from prof123.auth.services import (
    PUPIL_SECRET_DIGITS,
    PUPIL_SECRET_LENGTH,
    new_code,
    new_pupil_secret,
)
from prof123.extensions import db
from prof123.hashing import hash_secret
from prof123.models import ClassSignInCode, Pupil, Role, SchoolClass, StaffUser
from prof123.queries import pupils_in_class

# Every secret a pupil can be given (8⁴ = 4,096): a batch larger than that must repeat one.
MAX_DISTINCT_SECRETS = len(PUPIL_SECRET_DIGITS) ** PUPIL_SECRET_LENGTH


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
    throttle.failure_counter().clear([throttle.class_limit(school_class.id).key])
    for _attempt in range(5):
        class_code = ClassSignInCode(
            code=new_code(),
            class_id=school_class.id,
            school_id=school_class.school_id,
            opened_by_id=teacher.id,
            expires_at=now + lifetime,
        )
        try:
            with db.session.begin_nested():  # codes are unique across schools: draw again
                db.session.add(class_code)
        except IntegrityError:
            continue
        return class_code
    raise RuntimeError("no unused class code after 5 draws")


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


def reset_pupil_secret(pupil: Pupil, reason: str = "secret reset") -> str:
    """A new secret for a pupil; returned once so the teacher can pass it on."""
    return reset_pupil_secrets([pupil], reason)[pupil.id]


def reset_pupil_secrets(pupils: list[Pupil], reason: str = "secret reset") -> dict[int, str]:
    """New secrets for some pupils (one, or a class printing its sign-in cards), by pupil
    id, returned once and kept only as hashes. Within one batch no two are the same, so
    classmates cannot mix up their cards. Each reset is audited (the field, not the value)."""
    secrets_by_pupil: dict[int, str] = {}
    drawn: set[str] = set()
    for pupil in pupils:
        secret = new_pupil_secret()
        while secret in drawn and len(drawn) < MAX_DISTINCT_SECRETS:
            secret = new_pupil_secret()
        drawn.add(secret)
        pupil.secret_hash = hash_secret(secret)
        # Whoever knew the old secret is signed out.
        security.end_sessions_of(pupil)
        audit.record(pupil.school_id, "changed", "pupil", pupil.public_id, ["secret"], reason)
        secrets_by_pupil[pupil.id] = secret
    # ... and the pupils may try again at once.
    throttle.failure_counter().clear(
        [
            limit.key
            for pupil in pupils
            for limit in throttle.pupil_limits(pupil.school_id, pupil.id)
        ]
    )
    return secrets_by_pupil


def unpause_pupil(pupil: Pupil) -> None:
    throttle.failure_counter().clear(
        [limit.key for limit in throttle.pupil_limits(pupil.school_id, pupil.id)]
    )


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
    return list(db.session.scalars(pupils_in_class(school_class.id)))


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


def classes_with_paused_sign_in(classes: list[SchoolClass], now: datetime) -> set[int]:
    limits = {throttle.class_limit(c.id): c.id for c in classes}
    paused = throttle.paused_keys(list(limits), now)
    return {class_id for limit, class_id in limits.items() if limit.key in paused}


def paused_pupils(pupils: list[Pupil], now: datetime) -> set[int]:
    """Pupils whose sign-in is paused after too many wrong secrets."""
    limits = {
        limit: pupil.id
        for pupil in pupils
        for limit in throttle.pupil_limits(pupil.school_id, pupil.id)
    }
    paused = throttle.paused_keys(list(limits), now)
    return {pupil_id for limit, pupil_id in limits.items() if limit.key in paused}


def list_visible_classes(user: StaffUser, academic_year: int) -> list[SchoolClass]:
    """A teacher's own classes; every class of the school for a school admin."""
    if user.role == Role.SCHOOL_ADMIN:
        return list(
            db.session.scalars(
                select(SchoolClass)
                .where(SchoolClass.academic_year == academic_year)
                .order_by(SchoolClass.name)
            )
        )
    return list_classes_taught_by(user, academic_year)
