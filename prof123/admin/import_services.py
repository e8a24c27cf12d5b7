"""Roster import use-cases: check a file against the school (a dry run that writes nothing),
then apply it in one go. They flush, never commit: the route commits once.

Speed: the school's pupils, cohorts and this year's classes are loaded once; new pupils,
class links and changes are written in batches (executemany), so the number of SQL
statements does not grow with the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, insert, select, update

from prof123 import audit
from prof123.admin import importing
from prof123.admin.importing import ExistingPupil, ImportPlan, Outcome, ParsedFile, RosterSnapshot
from prof123.extensions import db
from prof123.models import (
    Cohort,
    LoginSession,
    Pupil,
    School,
    SchoolClass,
    class_pupils,
    utcnow,
)
from prof123.models.base import new_public_id

# Imported pupils cannot sign in until the admin prints their sign-in cards, which set each
# pupil's secret. This is not an Argon2 hash, so no secret ever matches it; hashing a random
# secret per pupil instead would cost about 35 ms each (70 s for 2,000 pupils) for the same
# effect.
NO_SECRET_YET = "!imported: print a sign-in card to set a secret"  # noqa: S105

UPLOAD_SALT = "prof123.roster-import"
UPLOAD_MAX_AGE = 60 * 60  # seconds between the check and the import
# The checked rows travel back in a hidden field: Werkzeug keeps at most 500 kB per field.
UPLOAD_MAX_CHARS = 450_000


class UploadExpired(ValueError):
    """The checked file came back too late, altered, or from another account."""


# --- what the school holds ------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolRoster:
    snapshot: RosterSnapshot
    cohort_ids: dict[int, int]  # start year -> id
    class_ids: dict[str, int]  # class_key(name) -> id, this academic year
    usernames: set[str]


def load_roster(academic_year: int) -> SchoolRoster:
    """Four queries, whatever the size of the school."""
    cohort_ids = {
        start_year: cohort_id
        for cohort_id, start_year in db.session.execute(select(Cohort.id, Cohort.start_year))
    }
    start_years = {cohort_id: start_year for start_year, cohort_id in cohort_ids.items()}
    classes = list(
        db.session.execute(
            select(SchoolClass.id, SchoolClass.name).where(
                SchoolClass.academic_year == academic_year
            )
        )
    )
    memberships: dict[int, set[str]] = {}
    for pupil_id, class_name in db.session.execute(
        select(Pupil.id, SchoolClass.name)
        .join(Pupil.classes)
        .where(SchoolClass.academic_year == academic_year)
    ):
        memberships.setdefault(pupil_id, set()).add(class_name)
    pupils, usernames = [], set()
    for pupil_id, first, last, cohort_id, left_on, username in db.session.execute(
        select(
            Pupil.id,
            Pupil.first_name,
            Pupil.last_name,
            Pupil.cohort_id,
            Pupil.left_on,
            Pupil.username,
        )
    ):
        usernames.add(username)
        pupils.append(
            ExistingPupil(
                pupil_id,
                first,
                last,
                start_years[cohort_id],
                left_on is not None,
                frozenset(memberships.get(pupil_id, ())),
            )
        )
    snapshot = RosterSnapshot(
        academic_year=academic_year,
        pupils=tuple(pupils),
        class_names=tuple(name for _, name in classes),
        cohort_start_years=frozenset(cohort_ids),
    )
    return SchoolRoster(
        snapshot,
        cohort_ids,
        {importing.class_key(name): class_id for class_id, name in classes},
        usernames,
    )


def check_import(parsed: ParsedFile, academic_year: int, mark_leavers: bool) -> ImportPlan:
    """The dry run: every row's outcome, and who would be marked as leavers."""
    return importing.plan_import(parsed, load_roster(academic_year).snapshot, mark_leavers)


# --- carrying the checked file to the confirmation, signed ------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=UPLOAD_SALT)


def sign_upload(
    parsed: ParsedFile, plan: ImportPlan, mark_leavers: bool, school_id: int, staff_id: int
) -> str | None:
    """The checked rows (only the four columns kept), the choice about leavers and the
    counts shown, signed with the app's key so nothing can be swapped before the import.
    None when the file is too big to carry back (the page then asks for smaller files)."""
    token = _serializer().dumps(
        {
            "school": school_id,
            "by": staff_id,
            "leavers": mark_leavers,
            "encoding": parsed.encoding,
            "note": parsed.encoding_note,
            "class_column": parsed.has_class_column,
            "columns": parsed.columns,
            "ignored": list(parsed.ignored_columns),
            "rows": [
                [row.line, row.first_name, row.last_name, row.year_text, row.class_name]
                for row in parsed.rows
            ],
            "counts": plan.counts,
        }
    )
    return token if len(token) <= UPLOAD_MAX_CHARS else None


@dataclass(frozen=True)
class SignedUpload:
    parsed: ParsedFile
    mark_leavers: bool
    counts: dict[str, int]


def load_upload(token: str, school_id: int, staff_id: int) -> SignedUpload:
    """The rows as checked, each checked again from scratch; raises UploadExpired."""
    try:
        payload = _serializer().loads(token, max_age=UPLOAD_MAX_AGE)
    except SignatureExpired as error:
        raise UploadExpired("expired") from error
    except BadData as error:
        raise UploadExpired("bad signature") from error
    if payload.get("school") != school_id or payload.get("by") != staff_id:
        raise UploadExpired("another account")
    rows = tuple(
        importing.check_row(int(line), first, last, year, class_name)
        for line, first, last, year, class_name in payload["rows"]
    )
    parsed = ParsedFile(
        rows=rows,
        encoding=payload["encoding"],
        encoding_note=payload["note"],
        has_class_column=payload["class_column"],
        columns=payload["columns"],
        ignored_columns=tuple(payload["ignored"]),
    )
    return SignedUpload(parsed, bool(payload["leavers"]), payload["counts"])


# --- the import itself ------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    new: int
    updated: int
    unchanged: int
    skipped: int
    leavers: int
    new_classes: tuple[str, ...]


def apply_import(school: School, signed: SignedUpload, academic_year: int, today: date):
    """Check the rows again against the school as it is now and write them: new cohorts
    and classes, new pupils, moves and corrections, leavers. Returns the plan it applied
    and the result; the caller compares the plan's counts with the ones the admin saw."""
    roster = load_roster(academic_year)
    plan = importing.plan_import(signed.parsed, roster.snapshot, signed.mark_leavers)
    if plan.counts != signed.counts:
        return plan, None
    cohort_ids = _create_cohorts(school, plan, roster.cohort_ids)
    class_ids = _create_classes(school, plan, academic_year, roster.class_ids)
    new_rows = plan.rows_by_outcome(Outcome.NEW)
    updated = plan.rows_by_outcome(Outcome.UPDATED)
    links = []
    if new_rows:
        new_ids = _insert_pupils(school, new_rows, cohort_ids, roster.usernames)
        links += [
            (pupil_id, class_ids[importing.class_key(row.class_name)])
            for pupil_id, row in zip(new_ids, new_rows, strict=True)
            if row.class_name
        ]
    renamed = [row for row in updated if row.rename]
    if renamed:
        # By primary key, batched; the school filter adds its WHERE, so no session sync
        # (no Pupil objects are loaded here anyway).
        db.session.execute(
            update(Pupil).execution_options(synchronize_session=None),
            [
                {
                    "id": row.pupil_id,
                    "first_name": row.row.first_name,
                    "last_name": row.row.last_name,
                }
                for row in renamed
            ],
        )
    rejoining = [row.pupil_id for row in updated if row.rejoins]
    if rejoining:
        db.session.execute(update(Pupil).where(Pupil.id.in_(rejoining)).values(left_on=None))
    moving = [row for row in updated if row.joins_class]
    leave_ids = {
        class_ids[importing.class_key(name)] for row in moving for name in row.leave_classes
    }
    if moving and leave_ids:
        db.session.execute(
            delete(class_pupils).where(
                class_pupils.c.pupil_id.in_([row.pupil_id for row in moving]),
                class_pupils.c.class_id.in_(sorted(leave_ids)),
            )
        )
    links += [(row.pupil_id, class_ids[importing.class_key(row.class_name)]) for row in moving]
    if links:
        db.session.execute(
            insert(class_pupils),
            [
                {"school_id": school.id, "class_id": class_id, "pupil_id": pupil_id}
                for pupil_id, class_id in links
            ],
        )
    if plan.leavers:
        mark_as_leavers([p.id for p in plan.leavers], today)
    counts = plan.counts
    audit.record(
        school.id,
        "imported",
        "pupils",
        str(counts["new"] + counts["updated"] + counts["leavers"]),
        detail=(
            f"roster import: {counts['new']} new, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['error']} rows skipped, "
            f"{counts['leavers']} marked as leavers, {len(plan.new_classes)} classes added"
        ),
    )
    db.session.flush()
    return plan, ImportResult(
        counts["new"],
        counts["updated"],
        counts["unchanged"],
        counts["error"],
        counts["leavers"],
        plan.new_classes,
    )


def _create_cohorts(school: School, plan: ImportPlan, cohort_ids: dict[int, int]):
    cohorts = [Cohort(school_id=school.id, start_year=year) for year in plan.new_cohorts]
    if cohorts:
        db.session.add_all(cohorts)
        db.session.flush()
    return {**cohort_ids, **{cohort.start_year: cohort.id for cohort in cohorts}}


def _create_classes(
    school: School, plan: ImportPlan, academic_year: int, class_ids: dict[str, int]
) -> dict[str, int]:
    classes = [
        SchoolClass(school_id=school.id, name=name, academic_year=academic_year)
        for name in plan.new_classes
    ]
    if classes:
        db.session.add_all(classes)
        db.session.flush()
    return {**class_ids, **{importing.class_key(c.name): c.id for c in classes}}


def username_for(first_name: str, last_name: str, taken: set[str]) -> str:
    """As ``admin.services.unique_username`` spells it, against usernames already loaded
    (one query for the whole import instead of one per pupil); adds the result to ``taken``."""
    base = (
        "".join(ch for ch in (first_name + last_name[:1]).lower() if ch.isalnum())[:30] or "pupil"
    )
    username, number = base, 2
    while username in taken:
        username, number = f"{base}{number}", number + 1
    taken.add(username)
    return username


def _insert_pupils(
    school: School,
    rows: list[importing.RowPlan],
    cohort_ids: dict[int, int],
    usernames: set[str],
) -> list[int]:
    """Every new pupil in one batched INSERT (executemany), then their ids in one SELECT by
    public id; ids come back in the order of ``rows``. (INSERT … RETURNING in parameter
    order would go row by row on SQLite, which has no sentinel column to sort by.)"""
    public_ids = [new_public_id() for _ in rows]
    db.session.execute(
        insert(Pupil),
        [
            {
                "school_id": school.id,
                "public_id": public_id,
                "first_name": row.row.first_name,
                "last_name": row.row.last_name,
                "username": username_for(row.row.first_name, row.row.last_name, usernames),
                "cohort_id": cohort_ids[row.cohort_start_year],
                "secret_hash": NO_SECRET_YET,
            }
            for public_id, row in zip(public_ids, rows, strict=True)
        ],
    )
    ids = {
        public_id: pupil_id
        for public_id, pupil_id in db.session.execute(
            select(Pupil.public_id, Pupil.id).where(Pupil.public_id.in_(public_ids))
        )
    }
    return [ids[public_id] for public_id in public_ids]


def mark_as_leavers(pupil_ids: list[int], day: date) -> None:
    """Off the roll in two statements however many: ``left_on`` set (where not already),
    and signed out everywhere now, as marking one pupil as a leaver does."""
    db.session.execute(
        update(Pupil).where(Pupil.id.in_(pupil_ids), Pupil.left_on.is_(None)).values(left_on=day)
    )
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.pupil_id.in_(pupil_ids), LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
