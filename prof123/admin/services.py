"""School-admin use-cases: they flush, the route commits."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select

from prof123 import audit, security
from prof123.auth.services import new_code, new_pupil_secret
from prof123.extensions import db
from prof123.hashing import hash_secret
from prof123.models import (
    STAFF_ROLES,
    AssessmentAssignment,
    Cohort,
    Pupil,
    Role,
    School,
    SchoolClass,
    StaffUser,
    class_pupils,
    class_teachers,
)
from prof123.security import normalise_code, normalise_email, staff_email_taken, tenant_context
from prof123.teacher import services as teacher_services


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
    """The admin's home page: who works here, this year's classes, pupils on roll."""
    on_roll = Pupil.left_on.is_(None)
    staff = list(db.session.scalars(select(StaffUser).order_by(StaffUser.display_name)))
    classes = list(
        db.session.execute(
            select(SchoolClass, func.count(Pupil.id))
            .outerjoin(SchoolClass.pupils.and_(on_roll))
            .where(SchoolClass.academic_year == academic_year)
            .group_by(SchoolClass.id)
            .order_by(SchoolClass.name)
        ).tuples()
    )
    cohorts = [(cohort, count) for cohort, count in list_cohort_counts() if count]
    pupil_count = db.session.scalar(select(func.count(Pupil.id)).where(on_roll)) or 0
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


# --- staff ------------------------------------------------------------------------------------

PASSWORD_LINK_LIFETIME = timedelta(hours=72)


class CannotDeactivateSelfError(ValueError):
    pass


@dataclass(frozen=True)
class StaffRow:
    staff: StaffUser
    class_names: list[str]


def list_staff(academic_year: int) -> list[StaffRow]:
    """Everyone on the staff, active first, with the classes they teach this year."""
    staff = list(
        db.session.scalars(
            select(StaffUser).order_by(StaffUser.is_active.desc(), StaffUser.display_name)
        )
    )
    taught: dict[int, list[str]] = {}
    for staff_id, class_name in db.session.execute(
        select(StaffUser.id, SchoolClass.name)
        .join(StaffUser.classes)
        .where(SchoolClass.academic_year == academic_year)
        .order_by(SchoolClass.name)
    ):
        taught.setdefault(staff_id, []).append(class_name)
    return [StaffRow(member, taught.get(member.id, [])) for member in staff]


def list_classes_of_year(academic_year: int) -> list[SchoolClass]:
    return list(
        db.session.scalars(
            select(SchoolClass)
            .where(SchoolClass.academic_year == academic_year)
            .order_by(SchoolClass.name)
        )
    )


def get_class_ids_taught_by(staff: StaffUser, academic_year: int) -> set[str]:
    return set(
        db.session.scalars(
            select(SchoolClass.public_id)
            .join(SchoolClass.teachers)
            .where(StaffUser.id == staff.id, SchoolClass.academic_year == academic_year)
        )
    )


def set_classes_taught(staff: StaffUser, classes: list[SchoolClass], academic_year: int) -> None:
    """The classes ``staff`` teaches in one school year become exactly ``classes``."""
    year_class_ids = select(SchoolClass.id).where(SchoolClass.academic_year == academic_year)
    db.session.execute(
        class_teachers.delete().where(
            class_teachers.c.school_id == staff.school_id,
            class_teachers.c.staff_user_id == staff.id,
            class_teachers.c.class_id.in_(year_class_ids),
        )
    )
    for school_class in classes:
        assign_teacher(school_class, staff)
    audit.record(staff.school_id, "changed", "staff", staff.public_id, ["classes"])


def issue_password_link(staff: StaffUser, now: datetime) -> str:
    """A one-time token to set a new password, working for 72 hours. Only its SHA-256 is
    kept, so the link can be shown once and never again; a new link replaces the old."""
    token = secrets.token_urlsafe(32)
    staff.password_link_hash = _link_hash(token)
    staff.password_link_expires_at = now + PASSWORD_LINK_LIFETIME
    audit.record(staff.school_id, "changed", "staff", staff.public_id, ["password link"])
    return token


def _link_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _find_staff_by_password_link(token: str, now: datetime) -> StaffUser | None:
    """Call inside the link's school (``_link_school``): nobody is signed in on that page."""
    return db.session.scalar(
        select(StaffUser).where(
            StaffUser.password_link_hash == _link_hash(token),
            StaffUser.password_link_expires_at > now,
            StaffUser.is_active.is_(True),
        )
    )


def _link_school(school_code: str) -> School | None:
    # Schools are not school-owned rows: no tenant is needed to find one by its code.
    return db.session.scalar(
        select(School).where(School.sign_in_code == normalise_code(school_code))
    )


def password_link_works(school_code: str, token: str, now: datetime) -> bool:
    school = _link_school(school_code)
    if school is None:
        return False
    with tenant_context(school.id):
        return _find_staff_by_password_link(token, now) is not None


def set_password_with_link(
    school_code: str, token: str, password: str, now: datetime
) -> StaffUser | None:
    """Set the new password if the link still works, and use the link up. Every session
    of that person ends: whoever knew the old password is signed out. None if the link
    is unknown, used, expired or its account deactivated."""
    school = _link_school(school_code)
    if school is None:
        return None
    # The link stands for its school, as a class code on the board does.
    with tenant_context(school.id):
        staff = _find_staff_by_password_link(token, now)
        if staff is None:
            return None
        staff.password_hash = hash_secret(password)
        staff.password_link_hash = None
        staff.password_link_expires_at = None
        security.end_sessions_of(staff)
        db.session.flush()
    return staff


def deactivate_staff(staff: StaffUser, acting: StaffUser) -> None:
    """They cannot sign in any more, and every session they have ends at once."""
    if staff.id == acting.id:
        raise CannotDeactivateSelfError(staff.public_id)
    staff.is_active = False
    staff.password_link_hash = None
    staff.password_link_expires_at = None
    security.end_sessions_of(staff)
    audit.record(staff.school_id, "changed", "staff", staff.public_id, ["is_active"])


def reactivate_staff(staff: StaffUser) -> None:
    staff.is_active = True
    audit.record(staff.school_id, "changed", "staff", staff.public_id, ["is_active"])


# --- classes and cohorts --------------------------------------------------------------------


class DuplicateClassNameError(ValueError):
    pass


class ClassNotEmptyError(ValueError):
    pass


@dataclass(frozen=True)
class ClassRow:
    school_class: SchoolClass
    pupil_count: int
    teacher_names: list[str]


def list_class_rows(academic_year: int) -> list[ClassRow]:
    """The year's classes with how many pupils (leavers aside) and who teaches each."""
    counts = db.session.execute(
        select(SchoolClass, func.count(Pupil.id))
        .outerjoin(SchoolClass.pupils.and_(Pupil.left_on.is_(None)))
        .where(SchoolClass.academic_year == academic_year)
        .group_by(SchoolClass.id)
        .order_by(SchoolClass.name)
    ).tuples()
    teachers: dict[int, list[str]] = {}
    for class_id, name in db.session.execute(
        select(SchoolClass.id, StaffUser.display_name)
        .join(SchoolClass.teachers)
        .where(SchoolClass.academic_year == academic_year)
        .order_by(StaffUser.display_name)
    ):
        teachers.setdefault(class_id, []).append(name)
    return [ClassRow(c, count, teachers.get(c.id, [])) for c, count in counts]


def list_cohort_counts() -> list[tuple[Cohort, int]]:
    """Every cohort, newest first, with its pupils on roll (leavers aside)."""
    return list(
        db.session.execute(
            select(Cohort, func.count(Pupil.id))
            .outerjoin(Pupil, (Pupil.cohort_id == Cohort.id) & Pupil.left_on.is_(None))
            .group_by(Cohort.id)
            .order_by(Cohort.start_year.desc())
        ).tuples()
    )


def _class_name_taken(name: str, academic_year: int, but_not: SchoolClass | None = None) -> bool:
    query = select(SchoolClass.id).where(
        func.lower(SchoolClass.name) == name.strip().lower(),
        SchoolClass.academic_year == academic_year,
    )
    if but_not is not None:
        query = query.where(SchoolClass.id != but_not.id)
    return db.session.scalar(query) is not None


def add_class(school: School, name: str, academic_year: int) -> SchoolClass:
    if _class_name_taken(name, academic_year):
        raise DuplicateClassNameError(name)
    school_class = create_class(school, name, academic_year)
    audit.record(school.id, "created", "class", school_class.public_id)
    return school_class


def rename_class(school_class: SchoolClass, name: str) -> None:
    if _class_name_taken(name, school_class.academic_year, but_not=school_class):
        raise DuplicateClassNameError(name)
    school_class.name = name.strip()
    audit.record(school_class.school_id, "changed", "class", school_class.public_id, ["name"])


def delete_class(school_class: SchoolClass) -> None:
    """Only a class nobody is in (leavers included) and nothing was set for: deleting one
    with work set would delete that work."""
    has_pupils = db.session.scalar(
        select(Pupil.id).join(Pupil.classes).where(SchoolClass.id == school_class.id).limit(1)
    )
    has_work = db.session.scalar(
        select(AssessmentAssignment.id)
        .where(AssessmentAssignment.class_id == school_class.id)
        .limit(1)
    )
    if has_pupils is not None or has_work is not None:
        raise ClassNotEmptyError(school_class.public_id)
    audit.record(school_class.school_id, "deleted", "class", school_class.public_id)
    db.session.delete(school_class)
    db.session.flush()


def list_teachers_of(school_class: SchoolClass) -> list[StaffUser]:
    return list(
        db.session.scalars(
            select(StaffUser)
            .join(StaffUser.classes)
            .where(SchoolClass.id == school_class.id)
            .order_by(StaffUser.display_name)
        )
    )


def list_current_pupils_in(school_class: SchoolClass) -> list[Pupil]:
    """The class's pupils on roll (leavers are not listed), by name."""
    return list(
        db.session.scalars(
            select(Pupil)
            .join(Pupil.classes)
            .where(SchoolClass.id == school_class.id, Pupil.left_on.is_(None))
            .order_by(Pupil.last_name, Pupil.first_name)
        )
    )


def list_other_classes(school_class: SchoolClass) -> list[SchoolClass]:
    return [c for c in list_classes_of_year(school_class.academic_year) if c.id != school_class.id]


def move_pupils(pupils: list[Pupil], from_class: SchoolClass, to_class: SchoolClass) -> None:
    """Out of one class and into another (a pupil already in it simply leaves the first)."""
    ids = [p.id for p in pupils]
    db.session.execute(
        class_pupils.delete().where(
            class_pupils.c.school_id == from_class.school_id,
            class_pupils.c.class_id == from_class.id,
            class_pupils.c.pupil_id.in_(ids),
        )
    )
    already = set(
        db.session.scalars(
            select(Pupil.id).join(Pupil.classes).where(SchoolClass.id == to_class.id)
        )
    )
    _add_to_classes([p for p in pupils if p.id not in already], [to_class])
    for pupil in pupils:
        audit.record(pupil.school_id, "changed", "pupil", pupil.public_id, ["classes"])


def _add_to_classes(pupils: list[Pupil], classes: list[SchoolClass]) -> None:
    rows = [
        {"school_id": c.school_id, "class_id": c.id, "pupil_id": p.id}
        for p in pupils
        for c in classes
    ]
    if rows:
        db.session.execute(class_pupils.insert(), rows)


# --- pupils -----------------------------------------------------------------------------------

PUPILS_PER_PAGE = 50
MAX_SEARCH_WORDS = 5


@dataclass(frozen=True)
class PupilFilters:
    text: str = ""
    class_id: str = ""  # a class's public id
    cohort: int | None = None  # a cohort's start year
    leavers: bool = False
    page: int = 1


@dataclass(frozen=True)
class PupilPage:
    pupils: list[Pupil]
    class_names: dict[int, list[str]]
    total: int
    page: int
    pages: int

    @property
    def first_shown(self) -> int:
        return (self.page - 1) * PUPILS_PER_PAGE + 1


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _pupil_conditions(filters: PupilFilters) -> list:
    conditions = [Pupil.left_on.is_not(None) if filters.leavers else Pupil.left_on.is_(None)]
    for word in filters.text.split()[:MAX_SEARCH_WORDS]:
        pattern = _like(word)
        conditions.append(
            or_(
                Pupil.first_name.ilike(pattern, escape="\\"),
                Pupil.last_name.ilike(pattern, escape="\\"),
                Pupil.username.ilike(pattern, escape="\\"),
            )
        )
    if filters.class_id:
        conditions.append(Pupil.classes.any(SchoolClass.public_id == filters.class_id))
    if filters.cohort is not None:
        conditions.append(Pupil.cohort.has(Cohort.start_year == filters.cohort))
    return conditions


def list_pupils(filters: PupilFilters, academic_year: int) -> PupilPage:
    """One page of pupils, searched and filtered in the database: a fixed number of
    statements however many pupils the school has."""
    conditions = _pupil_conditions(filters)
    total = db.session.scalar(select(func.count(Pupil.id)).where(*conditions)) or 0
    pages = max(1, -(-total // PUPILS_PER_PAGE))
    page = min(max(1, filters.page), pages)
    pupils = list(
        db.session.scalars(
            select(Pupil)
            .where(*conditions)
            .order_by(Pupil.last_name, Pupil.first_name, Pupil.id)
            .limit(PUPILS_PER_PAGE)
            .offset((page - 1) * PUPILS_PER_PAGE)
        )
    )
    return PupilPage(pupils, class_names_of(pupils, academic_year), total, page, pages)


def class_names_of(pupils: list[Pupil], academic_year: int) -> dict[int, list[str]]:
    """Each pupil's classes this school year and later, in one query."""
    names: dict[int, list[str]] = {}
    if not pupils:
        return names
    for pupil_id, class_name in db.session.execute(
        select(Pupil.id, SchoolClass.name)
        .join(Pupil.classes)
        .where(Pupil.id.in_([p.id for p in pupils]), SchoolClass.academic_year >= academic_year)
        .order_by(SchoolClass.academic_year, SchoolClass.name)
    ):
        names.setdefault(pupil_id, []).append(class_name)
    return names


def list_classes_from(academic_year: int) -> list[SchoolClass]:
    """Classes a pupil can be put in: this school year's, and any made for next year."""
    return list(
        db.session.scalars(
            select(SchoolClass)
            .where(SchoolClass.academic_year >= academic_year)
            .order_by(SchoolClass.academic_year, SchoolClass.name)
        )
    )


def list_cohorts() -> list[Cohort]:
    return list(db.session.scalars(select(Cohort).order_by(Cohort.start_year.desc())))


def list_classes_of_pupil(pupil: Pupil) -> list[SchoolClass]:
    return list(
        db.session.scalars(
            select(SchoolClass)
            .join(SchoolClass.pupils)
            .where(Pupil.id == pupil.id)
            .order_by(SchoolClass.academic_year.desc(), SchoolClass.name)
        )
    )


def add_pupil(
    school: School,
    first_name: str,
    last_name: str,
    cohort_start_year: int,
    classes: list[SchoolClass],
) -> tuple[Pupil, str]:
    """A new pupil with a username and a new secret (returned once, to hand over)."""
    secret = new_pupil_secret()
    cohort = get_or_create_cohort(school, cohort_start_year)
    pupil = create_pupil(school, first_name, last_name, cohort, secret)
    _add_to_classes([pupil], classes)
    audit.record(school.id, "created", "pupil", pupil.public_id)
    return pupil, secret


def update_pupil(
    pupil: Pupil,
    first_name: str,
    last_name: str,
    cohort_start_year: int,
    classes: list[SchoolClass],
    editable_classes: list[SchoolClass],
) -> list[str]:
    """Rectify a pupil's record. ``classes`` replaces their membership among
    ``editable_classes`` (classes of other years stay as they were). Returns the names of
    the fields that changed, which are audited (never their values)."""
    changed = []
    if pupil.first_name != first_name.strip():
        pupil.first_name = first_name.strip()
        changed.append("first_name")
    if pupil.last_name != last_name.strip():
        pupil.last_name = last_name.strip()
        changed.append("last_name")
    if pupil.cohort.start_year != cohort_start_year:
        school = db.session.get(School, pupil.school_id)
        pupil.cohort = get_or_create_cohort(school, cohort_start_year)
        changed.append("cohort")
    current = {c.id for c in list_classes_of_pupil(pupil)} & {c.id for c in editable_classes}
    wanted = {c.id for c in classes}
    if current != wanted:
        db.session.execute(
            class_pupils.delete().where(
                class_pupils.c.school_id == pupil.school_id,
                class_pupils.c.pupil_id == pupil.id,
                class_pupils.c.class_id.in_(current - wanted),
            )
        )
        _add_to_classes([pupil], [c for c in classes if c.id not in current])
        changed.append("classes")
    if changed:
        audit.record(pupil.school_id, "changed", "pupil", pupil.public_id, changed)
    return changed


def view_pupil(pupil: Pupil) -> list[SchoolClass]:
    """What the pupil's page shows beyond the pupil: their classes. Viewing is audited."""
    audit.record(pupil.school_id, "viewed", "pupil", pupil.public_id)
    return list_classes_of_pupil(pupil)


def mark_leaver(pupil: Pupil, today: date) -> None:
    """Off the roll: hidden from lists, unable to sign in, and signed out now. The record
    stays until the school's retention period after ``today`` has passed."""
    pupil.left_on = today
    security.end_sessions_of(pupil)
    audit.record(pupil.school_id, "changed", "pupil", pupil.public_id, ["left_on"])


def return_to_roll(pupil: Pupil) -> None:
    pupil.left_on = None
    audit.record(pupil.school_id, "changed", "pupil", pupil.public_id, ["left_on"])


# --- sign-in cards ----------------------------------------------------------------------------


def print_sign_in_cards(school_class: SchoolClass) -> list[tuple[Pupil, str]]:
    """New secrets for every pupil on roll in the class, to print on cards once: secrets
    are kept only as hashes, so a card can only show a new one."""
    pupils = list_current_pupils_in(school_class)
    secrets_by_pupil = teacher_services.reset_pupil_secrets(pupils, "sign-in cards printed")
    return [(pupil, secrets_by_pupil[pupil.id]) for pupil in pupils]


def reset_secret(pupil: Pupil) -> str:
    return teacher_services.reset_pupil_secret(pupil)
