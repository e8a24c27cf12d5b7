"""Year-end rollover: next academic year's classes, made from this year's in one go.

Each class's pupils move to a class for next year that the admin names (by default the
year number moves on: "3M" becomes "4M"); Year 6 pupils become leavers. ``plan_rollover``
only reads; ``apply_rollover`` writes it all (the route commits once). Running it twice
changes nothing the second time: classes are found by name before one is made, pupils
already in a class are not added again, and leavers are already marked. Teachers are not
carried over: the admin assigns them to next year's classes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, insert, select

from prof123 import audit
from prof123.admin.import_services import mark_as_leavers
from prof123.admin.importing import class_key, clean_text
from prof123.extensions import db
from prof123.models import Cohort, Pupil, School, SchoolClass, class_pupils
from prof123.schoolyear import FINAL_YEAR_GROUP, year_group_number

CLASS_NAME_MAX = 40
# The class's year: its first number, or a mixed-age range such as "5/6" or "5-6".
_YEAR_NUMBER = re.compile(r"(\d+)(?:([/\-])(\d+))?")
_RECEPTION_WORD = re.compile(r"reception\b", re.IGNORECASE)
_RECEPTION_LETTER = re.compile(r"R(?=[A-Z0-9\s\-/]|$)")


def default_next_name(name: str) -> str:
    """The class's name for next year: its year number moves on by one. "3M" → "4M",
    "Year 3 Maple" → "Year 4 Maple", "4A1" → "5A1", "5/6K" → "6/7K", "RB" → "1B",
    "Reception Oak" → "Year 1 Oak"; a name with no year in it ("Oak") stays as it is."""
    match = _YEAR_NUMBER.search(name)
    if match:
        first = int(match.group(1))
        if first > FINAL_YEAR_GROUP:
            return name
        bumped = str(first + 1)
        if match.group(3):
            bumped += match.group(2) + str(int(match.group(3)) + 1)
        return name[: match.start()] + bumped + name[match.end() :]
    if _RECEPTION_WORD.match(name):
        return _RECEPTION_WORD.sub("Year 1", name, count=1)
    if _RECEPTION_LETTER.match(name):
        return "1" + name[1:]
    return name


@dataclass(frozen=True)
class PupilMove:
    pupil_id: int
    first_name: str
    last_name: str
    year_group: int  # this academic year
    already_there: bool = False

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class ClassRollover:
    """One of this year's classes: where its pupils go, and who leaves."""

    public_id: str
    name: str
    target: str  # next year's class name; blank: they are not put in a class
    moving: list[PupilMove] = field(default_factory=list)
    leaving: list[PupilMove] = field(default_factory=list)

    @property
    def field_name(self) -> str:
        return f"to_{self.public_id}"


@dataclass
class TargetClass:
    name: str
    exists: bool
    pupils: list[PupilMove] = field(default_factory=list)

    @property
    def joining(self) -> int:
        return sum(1 for p in self.pupils if not p.already_there)


@dataclass(frozen=True)
class RolloverPlan:
    from_year: int
    to_year: int
    classes: list[ClassRollover]
    targets: list[TargetClass]
    leavers: list[PupilMove]
    not_moved: list[PupilMove]  # in a class whose next-year name was left blank
    leave_date: date

    @property
    def moves(self) -> int:
        return sum(t.joining for t in self.targets)

    @property
    def new_classes(self) -> list[TargetClass]:
        return [t for t in self.targets if not t.exists]

    @property
    def changes_anything(self) -> bool:
        return bool(self.moves or self.new_classes or self.leavers)


def rollover_from_year(current_year: int) -> int | None:
    """The year to roll over from: the latest year up to this one that has classes (in
    September, before anything was set up, that is last year)."""
    return db.session.scalar(
        select(func.max(SchoolClass.academic_year)).where(SchoolClass.academic_year <= current_year)
    )


def plan_rollover(from_year: int, today: date, names: dict[str, str] | None = None):
    """What would happen, from the database as it is. ``names`` maps a class's public id to
    the name of next year's class for its pupils (missing: the default name)."""
    to_year = from_year + 1
    classes = [
        ClassRollover(public_id, name, "")
        for public_id, name in db.session.execute(
            select(SchoolClass.public_id, SchoolClass.name)
            .where(SchoolClass.academic_year == from_year)
            .order_by(SchoolClass.name)
        )
    ]
    by_public_id = {c.public_id: c for c in classes}
    rows = db.session.execute(
        select(
            SchoolClass.public_id, Pupil.id, Pupil.first_name, Pupil.last_name, Cohort.start_year
        )
        .join(SchoolClass.pupils)
        .join(Cohort, Cohort.id == Pupil.cohort_id)
        .where(SchoolClass.academic_year == from_year, Pupil.left_on.is_(None))
        .order_by(Pupil.last_name, Pupil.first_name)
    )
    for public_id, pupil_id, first, last, start_year in rows:
        year_group = year_group_number(start_year, from_year)
        move = PupilMove(pupil_id, first, last, year_group)
        school_class = by_public_id[public_id]
        if year_group >= FINAL_YEAR_GROUP:
            school_class.leaving.append(move)
        else:
            school_class.moving.append(move)
    existing = {
        class_key(name): (class_id, name)
        for class_id, name in db.session.execute(
            select(SchoolClass.id, SchoolClass.name).where(SchoolClass.academic_year == to_year)
        )
    }
    already = set(
        db.session.execute(
            select(SchoolClass.id, Pupil.id)
            .join(SchoolClass.pupils)
            .where(SchoolClass.academic_year == to_year)
        ).tuples()
    )
    names_by_id = {class_id: name for class_id, name in existing.values()}
    for school_class in classes:
        if not school_class.moving:
            continue
        given = (names or {}).get(school_class.public_id)
        if given is not None:
            school_class.target = clean_text(given)[:CLASS_NAME_MAX]
        else:
            school_class.target = _where_they_went(
                school_class, already, names_by_id
            ) or default_next_name(school_class.name)
    targets: dict[str, TargetClass] = {}
    not_moved: list[PupilMove] = []
    for school_class in classes:
        if not school_class.target:
            not_moved += school_class.moving
            continue
        key = class_key(school_class.target)
        class_id, stored_name = existing.get(key, (None, school_class.target))
        target = targets.setdefault(key, TargetClass(stored_name, class_id is not None))
        for move in school_class.moving:
            if any(p.pupil_id == move.pupil_id for p in target.pupils):
                continue  # in two of this year's classes that go to the same one
            there = class_id is not None and (class_id, move.pupil_id) in already
            target.pupils.append(
                PupilMove(move.pupil_id, move.first_name, move.last_name, move.year_group, there)
            )
    leavers = {p.pupil_id: p for c in classes for p in c.leaving}
    return RolloverPlan(
        from_year,
        to_year,
        classes,
        sorted(targets.values(), key=lambda t: t.name.casefold()),
        sorted(leavers.values(), key=lambda p: (p.last_name, p.first_name)),
        not_moved,
        # The last day of the school year, or today if the rollover is done before it.
        min(today, date(from_year + 1, 8, 31)),
    )


def _where_they_went(
    school_class: ClassRollover, already: set[tuple[int, int]], names_by_id: dict[int, str]
) -> str | None:
    """Next year's class most of this class's pupils are in already (after an earlier
    rollover, or classes made by hand), so that opening the page again proposes no new
    classes whatever names were chosen the first time."""
    pupil_ids = {move.pupil_id for move in school_class.moving}
    counts: dict[int, int] = {}
    for class_id, pupil_id in already:
        if pupil_id in pupil_ids:
            counts[class_id] = counts.get(class_id, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda class_id: (counts[class_id], names_by_id[class_id]))
    return names_by_id[best]


@dataclass(frozen=True)
class RolloverResult:
    classes_made: int
    pupils_moved: int
    leavers: int


def apply_rollover(school: School, plan: RolloverPlan) -> RolloverResult:
    """Make next year's classes, put each pupil in theirs, mark the leavers: all of it or,
    if anything fails, none of it (one transaction, committed by the route)."""
    made = [
        SchoolClass(school_id=school.id, name=t.name, academic_year=plan.to_year)
        for t in plan.new_classes
    ]
    if made:
        db.session.add_all(made)
        db.session.flush()
    class_ids = {
        class_key(name): class_id
        for class_id, name in db.session.execute(
            select(SchoolClass.id, SchoolClass.name).where(
                SchoolClass.academic_year == plan.to_year
            )
        )
    }
    links = {
        (class_ids[class_key(target.name)], move.pupil_id)
        for target in plan.targets
        for move in target.pupils
        if not move.already_there
    }
    if links:
        db.session.execute(
            insert(class_pupils),
            [
                {"school_id": school.id, "class_id": class_id, "pupil_id": pupil_id}
                for class_id, pupil_id in sorted(links)
            ],
        )
    if plan.leavers:
        mark_as_leavers([p.pupil_id for p in plan.leavers], plan.leave_date)
    audit.record(
        school.id,
        "rolled over",
        "classes",
        str(len(links) + len(plan.leavers)),
        detail=(
            f"year-end rollover {plan.from_year}->{plan.to_year}: {len(made)} classes made, "
            f"{len(links)} pupils moved, {len(plan.leavers)} marked as leavers"
        ),
    )
    db.session.flush()
    return RolloverResult(len(made), len(links), len(plan.leavers))
