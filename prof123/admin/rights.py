"""The school's data rights (the school is the controller; these are its tools): access and
portability (a zip of JSON with its schema, plus CSV), erasure, restriction, the audit log,
retention of leavers' data, and deleting a whole school once it has left.

Services flush but never commit: the route, or the operator's command, commits once. Every
export, change and deletion is written to the audit log by public id, never by a value.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    Table,
    Text,
    delete,
    func,
    or_,
    select,
)

from prof123 import audit, csvsafe, security
from prof123.auth import throttle
from prof123.extensions import db
from prof123.models import (
    AccessArrangements,
    Assessment,
    AssessmentAssignment,
    AssessmentAttempt,
    AssessmentResponse,
    AttemptEvent,
    AuditEntry,
    Base,
    Cohort,
    LoginSession,
    Pupil,
    School,
    SchoolClass,
    SignInFailureCount,
    StaffUser,
    TimesTablesAnswer,
    TimesTablesAttempt,
    TypingSpeed,
    class_pupils,
)
from prof123.models.base import UTCDateTime

# --- what an export holds, and what each field means ---------------------------------------

# Fields that mean the same wherever they appear.
COMMON_FIELDS = {
    "id": "This row's number. Other files refer to the row by it (e.g. pupil_id = pupils.id).",
    "public_id": "The row's opaque id, as seen in prof123's web addresses and in the audit log.",
    "pupil_id": "The pupil (pupils.id).",
    "class_id": "The class (school_classes.id).",
    "staff_user_id": "The member of staff (staff_users.id).",
    "attempt_id": "The attempt this row belongs to (the attempts file of the same kind).",
    "assessment_id": "The assessment (assessments.id).",
    "assignment_id": "The assessment as set for a class (assessment_assignments.id).",
    "created_at": "When the row was made (UTC, ISO 8601).",
    "number": "The question number, counting from 1.",
    "seed": "The random seed the numbers were made from, so they can be made again exactly.",
    "objective": "The curriculum objective's code (e.g. Y4-AS-01).",
    "family": "The kind of question (its generator).",
    "level": "How hard the question is within its kind: 1 (easiest) to 4.",
}
SAME_FOR_EVERY_ROW = "your school's own number in prof123: the same on every row"


@dataclass(frozen=True)
class Part:
    """One file of an export: the rows of one table."""

    name: str  # the table, and the file's name in the zip
    description: str
    fields: dict[str, str]  # columns with a meaning of their own (others: COMMON_FIELDS)
    omitted: dict[str, str]  # columns left out, and why
    # The rows about one pupil, or None when the file is not in a pupil's export.
    about_pupil: Callable[[int], ColumnElement[bool]] | None = None
    # In a pupil's export only to explain their rows (their class, the test they took):
    # not data about them, so kept when they are erased.
    is_context: bool = False
    # What goes, on the erasure page ("answers in times-tables games"); None: not erased.
    erased_as: str | None = None

    @property
    def table(self) -> Table:
        return Base.metadata.tables[self.name]

    @property
    def columns(self) -> list[str]:
        return [c.name for c in self.table.columns if c.name not in self.omitted]

    def describe(self, column: str) -> str:
        return self.fields.get(column) or COMMON_FIELDS[column]


def _attempts_of(pupil_id: int):
    return select(TimesTablesAttempt.id).where(TimesTablesAttempt.pupil_id == pupil_id)


def _assessment_attempts_of(pupil_id: int):
    return select(AssessmentAttempt.assignment_id).where(AssessmentAttempt.pupil_id == pupil_id)


def _public_ids_about(pupil_id: int):
    """Audit entries about a pupil name them, or one of their games or assessments."""
    return (
        select(Pupil.public_id)
        .where(Pupil.id == pupil_id)
        .union_all(
            select(TimesTablesAttempt.public_id).where(TimesTablesAttempt.pupil_id == pupil_id),
            select(AssessmentAttempt.public_id).where(AssessmentAttempt.pupil_id == pupil_id),
        )
    )


_OMIT_SCHOOL = {"school_id": SAME_FOR_EVERY_ROW}

PARTS: list[Part] = [
    Part(
        "schools",
        "Your school as prof123 holds it.",
        {
            "name": "The school's name.",
            "sign_in_code": "The code pupils type to sign in.",
            "subscription_ends_on": "The day the subscription ends (or ended).",
            "leaver_retention_days": "How many days a leaver's data is kept after they leave.",
        },
        {},
    ),
    Part(
        "staff_users",
        "Teachers and school admins.",
        {
            "email": "The email address they sign in with.",
            "display_name": "Their name as the app shows it.",
            "role": "teacher or school_admin.",
            "is_active": "false once deactivated: they can no longer sign in.",
            "password_link_expires_at": "When an unused set-a-new-password link runs out.",
        },
        {
            **_OMIT_SCHOOL,
            "password_hash": "a one-way hash of the password: of no use outside prof123",
            "password_link_hash": "a one-way hash of a one-time link: of no use outside prof123",
        },
    ),
    Part(
        "cohorts",
        "Year groups, by the academic year their pupils started Reception.",
        {"start_year": "The year (September) the cohort started Reception, e.g. 2021."},
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: Cohort.id.in_(
            select(Pupil.cohort_id).where(Pupil.id == pupil_id)
        ),
        is_context=True,
    ),
    Part(
        "school_classes",
        "Classes, one per teaching group and academic year.",
        {
            "name": "The class's name, e.g. 4B.",
            "academic_year": "The academic year it runs in, by its first year: 2026 is 2026/27.",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: SchoolClass.id.in_(
            select(SchoolClass.id).join(SchoolClass.pupils).where(Pupil.id == pupil_id)
        ),
        is_context=True,
    ),
    Part(
        "class_teachers",
        "Which teachers teach which classes.",
        {},
        _OMIT_SCHOOL,
    ),
    Part(
        "pupils",
        "Pupils: everything prof123 keeps about who they are.",
        {
            "first_name": "First name.",
            "last_name": "Surname.",
            "username": "The username they sign in with.",
            "cohort_id": "Their year group (cohorts.id).",
            "is_restricted": "true while the school has restricted the pupil's data "
            "(kept, but left out of new activities and reports).",
            "left_on": "The day they left the school, if they have.",
        },
        {**_OMIT_SCHOOL, "secret_hash": "a one-way hash of the sign-in secret: of no use"},
        about_pupil=lambda pupil_id: Pupil.id == pupil_id,
        erased_as="pupil record (name, username, year group)",
    ),
    Part(
        "class_pupils",
        "Which pupils are in which classes.",
        {},
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: Pupil.id == pupil_id,
        erased_as="class memberships",
    ),
    Part(
        "access_arrangements",
        "Each pupil's access arrangements, applied in every times-tables game.",
        {
            "has_audible_time_alert": "A sound when time is nearly up.",
            "colour_scheme": "The colours the questions are shown in.",
            "font_size": "Text size, 1 (smallest) to 6.",
            "input_assistant_name": "The adult who types for the pupil, if any.",
            "has_next_button": "The pupil moves on with a Next button, not the clock.",
            "has_audio_version": "Questions are read aloud.",
            "hides_number_pad": "The on-screen number pad is hidden.",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: AccessArrangements.pupil_id == pupil_id,
        erased_as="access arrangements",
    ),
    Part(
        "typing_speeds",
        "Typing warm-ups: how fast the pupil types digits.",
        {
            "ms_per_digit": "Milliseconds per digit typed.",
            "measured_at": "When (UTC).",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: TypingSpeed.pupil_id == pupil_id,
        erased_as="typing warm-ups",
    ),
    Part(
        "class_times_tables",
        "Each class's times-tables settings.",
        {
            "check_mode": "check or try_it_out while the Multiplication Tables Check is open.",
            "check_opened_at": "When the check was opened (UTC).",
            "practice_tables": "The tables set for practice, comma-separated.",
            "practice_operations": "× and/or ÷.",
            "is_adaptive_on": "Whether “Just for me” practice is on.",
        },
        _OMIT_SCHOOL,
    ),
    Part(
        "times_tables_attempts",
        "Times-tables games and checks, one row each.",
        {
            "class_id": "The class whose check it was (school_classes.id), if a check.",
            "mode": "check, try_it_out, practice, speed or adaptive.",
            "generator_version": "The version of the question generator.",
            "questions": "The questions in order, comma-separated (e.g. 7×8,56÷8).",
            "question_ms": "Time allowed per question in ms; empty when untimed.",
            "pause_ms": "Pause between questions in ms.",
            "started_at": "When the game was started (UTC).",
            "begun_at": "When question 1 was due on screen (UTC).",
            "is_paced_by_pupil": "true when the pupil, not the clock, moved between questions.",
            "next_number": "The question on screen when the row was last saved.",
            "shown_at": "When that question was put on screen (UTC).",
            "answered_shown_at": "When the question answered last had been put on screen.",
            "finished_at": "When the game ended (UTC); empty if it never did.",
            "score": "Questions right.",
            "restart_reason": "Why the teacher gave a restart, if this check was replaced.",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: TimesTablesAttempt.pupil_id == pupil_id,
        erased_as="times-tables games and checks",
    ),
    Part(
        "times_tables_answers",
        "Every answer given in a times-tables game, right or wrong.",
        {
            "left": "The question's first number.",
            "right": "The question's second number.",
            "operation": "× or ÷.",
            "typed": "What the pupil typed.",
            "is_correct": "Whether it was right.",
            "response_ms": "How long the pupil took, in ms.",
            "is_timed_out": "true when time ran out before an answer.",
            "is_late": "true when the answer reached the server after its time.",
            "shown_at": "When the question was put on screen (UTC).",
            "answered_at": "When the answer was stored (UTC).",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: TimesTablesAnswer.pupil_id == pupil_id,
        erased_as="answers in times-tables games",
    ),
    Part(
        "times_tables_attempt_events",
        "Interruptions seen during a game (a reload, a lost connection).",
        {
            "kind": "What happened.",
            "number": "The question on screen then.",
            "at": "When (UTC).",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: AttemptEvent.attempt_id.in_(_attempts_of(pupil_id)),
        erased_as="interruptions noted in games",
    ),
    Part(
        "assessments",
        "Maths assessments the school made or took from the library.",
        {
            "title": "The assessment's title.",
            "kind": "termly, arithmetic or teacher_made.",
            "year": "The year group whose objectives it assesses.",
            "time_limit_minutes": "The time limit; empty for none.",
            "has_same_numbers": "true when every pupil gets the same numbers.",
            "is_shuffled": "true when each pupil gets the questions in their own order.",
            "shows_corrections": "true when pupils see corrections afterwards.",
            "created_by_id": "Who made it (staff_users.id).",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: Assessment.id.in_(
            select(AssessmentAssignment.assessment_id).where(
                AssessmentAssignment.id.in_(_assessment_attempts_of(pupil_id))
            )
        ),
        is_context=True,
    ),
    Part(
        "assessment_items",
        "The questions of each assessment, as templates (numbers come per pupil).",
        {},
        _OMIT_SCHOOL,
    ),
    Part(
        "assessment_assignments",
        "Assessments as set for a class, open between two times.",
        {
            "opens_at": "When it opens (UTC).",
            "closes_at": "When it closes (UTC).",
            "set_by_id": "Who set it (staff_users.id).",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: AssessmentAssignment.id.in_(_assessment_attempts_of(pupil_id)),
        is_context=True,
    ),
    Part(
        "assessment_attempts",
        "Maths assessments taken, one row per pupil and assessment.",
        {
            "started_at": "When the pupil started (UTC).",
            "due_at": "When it was handed in by itself, with a time limit (UTC).",
            "handed_in_at": "When it was handed in (UTC).",
            "current_position": "The question the pupil was on.",
            "score": "Marks scored, once handed in.",
            "out_of": "Marks available.",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: AssessmentAttempt.pupil_id == pupil_id,
        erased_as="maths assessments taken",
    ),
    Part(
        "assessment_responses",
        "Each question of an assessment as the pupil got it, and their answer.",
        {
            "position": "The order the pupil saw it in.",
            "item_number": "The assessment's question number (assessment_items.number).",
            "params": "The question's numbers (JSON).",
            "prompt": "The question as shown.",
            "table": "A table shown with the question (JSON rows).",
            "answer_kind": "The kind of answer box.",
            "answer_unit": "The unit shown beside the box.",
            "answer_form": "The form an answer had to take.",
            "answer_options": "Choices shown, if any (JSON).",
            "accepts_decimal": "Whether a decimal answer was accepted.",
            "correct_answer": "The right answer.",
            "bugs": "Wrong answers that common misconceptions give (JSON).",
            "marks_available": "Marks for the question.",
            "raw_answer": "What the pupil gave, as given; empty if not answered.",
            "normalised_answer": "The answer as marked.",
            "is_correct": "Whether it was right, once handed in.",
            "marks": "Marks given.",
            "misconceptions": "Misconceptions the answer points to, comma-separated.",
            "format_flags": "Notes on how the answer was written, comma-separated.",
            "is_flagged": "true when the pupil flagged it to come back to.",
            "first_seen_at": "When the pupil first saw it (UTC).",
            "answered_at": "When they last answered it (UTC).",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: AssessmentResponse.pupil_id == pupil_id,
        erased_as="answers in maths assessments",
    ),
    Part(
        "login_sessions",
        "Sign-ins: when each began and ended.",
        {"ended_at": "When it ended (UTC); empty if it ran out instead."},
        {**_OMIT_SCHOOL, "token_hash": "a one-way hash of the session's cookie: of no use"},
        about_pupil=lambda pupil_id: LoginSession.pupil_id == pupil_id,
        erased_as="sign-in sessions",
    ),
    Part(
        "audit_entries",
        "The audit log: who viewed, exported, changed or deleted data, and when. It names "
        "objects by public id and changes by field name, never by value.",
        {
            "at": "When (UTC).",
            "actor_id": "The member of staff who acted (staff_users.id); empty for the "
            "operator or the daily clean-up.",
            "actor_kind": "staff, operator or system (the daily clean-up).",
            "action": "What was done, e.g. exported, changed, deleted, restricted.",
            "object_type": "What it was done to, e.g. pupil, school, leavers.",
            "object_id": "Its public id, or a count for work on many at once.",
            "detail": "Field names or counts; never a value.",
        },
        _OMIT_SCHOOL,
        about_pupil=lambda pupil_id: AuditEntry.object_id.in_(_public_ids_about(pupil_id)),
        is_context=True,  # the log is append-only: an erasure adds to it, never takes away
    ),
]
PARTS_BY_NAME = {part.name: part for part in PARTS}

# Tables no export holds, and why (a test fails on any table in neither list).
NOT_EXPORTED = {
    "class_sign_in_codes": "short-lived codes for the board, gone within hours",
    "sign_in_failure_counts": "counts of wrong sign-in tries, gone within a day",
}

# Erased child rows first, the pupil last.
ERASURE_ORDER = [
    "times_tables_attempt_events",
    "times_tables_answers",
    "times_tables_attempts",
    "assessment_responses",
    "assessment_attempts",
    "access_arrangements",
    "typing_speeds",
    "login_sessions",
    "class_pupils",
    "pupils",
]

_MODELS = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}


def _columns(part: Part) -> list:
    """ORM columns for a part, so the school filter in prof123.security applies."""
    if part.name == "class_pupils":
        return [SchoolClass.id.label("class_id"), Pupil.id.label("pupil_id")]
    if part.name == "class_teachers":
        return [SchoolClass.id.label("class_id"), StaffUser.id.label("staff_user_id")]
    model = _MODELS[part.name]
    return [getattr(model, name) for name in part.columns]


def _rows_statement(part: Part, school_id: int, pupil_id: int | None) -> Select:
    statement = select(*_columns(part))
    if part.name == "class_pupils":
        statement = (
            statement.select_from(Pupil)
            .join(Pupil.classes)
            .where(Pupil.school_id == school_id)
            .order_by(SchoolClass.id, Pupil.id)
        )
    elif part.name == "class_teachers":
        statement = (
            statement.select_from(StaffUser)
            .join(StaffUser.classes)
            .where(StaffUser.school_id == school_id)
            .order_by(SchoolClass.id, StaffUser.id)
        )
    elif part.name == "schools":
        statement = statement.where(School.id == school_id)
    else:
        model = _MODELS[part.name]
        statement = statement.where(model.school_id == school_id).order_by(model.id)
    if pupil_id is not None:
        statement = statement.where(part.about_pupil(pupil_id))
    return statement


# --- JSON schema of a part ------------------------------------------------------------------


def _json_type(column) -> dict:
    kind = column.type
    if isinstance(kind, Boolean):
        schema = {"type": "boolean"}
    elif isinstance(kind, Integer):
        schema = {"type": "integer"}
    elif isinstance(kind, UTCDateTime):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(kind, Date):
        schema = {"type": "string", "format": "date"}
    elif getattr(kind, "enums", None):
        schema = {"type": "string", "enum": list(kind.enums)}
    elif isinstance(kind, String | Text):
        schema = {"type": "string"}
    else:  # pragma: no cover - a new column type must be taught here
        raise TypeError(f"no JSON type for {column}")
    if column.nullable and not column.primary_key:
        schema["type"] = [schema["type"], "null"]
    return schema


def part_schema(part: Part) -> dict:
    """A JSON Schema (2020-12) for the part's JSON file: an array of objects."""
    table = part.table
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": part.name,
        "description": part.description,
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": part.columns,
            "properties": {
                name: {**_json_type(table.c[name]), "description": part.describe(name)}
                for name in part.columns
            },
        },
    }


def export_schema(parts: list[Part], about: dict) -> dict:
    return {
        "export": about,
        "format": (
            "Each file is in two forms: json/NAME.json, an array of objects described by "
            "the schema below, and csv/NAME.csv, the same rows as a table (UTF-8 with a "
            "byte-order mark; a cell starting with = + - @ has a ' put before it so "
            "spreadsheets show it as text). Times are UTC, ISO 8601; empty means none."
        ),
        "files": {
            part.name: {
                "json": f"json/{part.name}.json",
                "csv": f"csv/{part.name}.csv",
                "left_out": part.omitted,
                "schema": part_schema(part),
            }
            for part in parts
        },
        "not_exported": NOT_EXPORTED if about.get("kind") == "school" else {},
    }


# --- building an export ---------------------------------------------------------------------

SPOOL_BYTES = 16 * 1024 * 1024  # an export bigger than this is built on disk, not in memory
_ROWS_PER_BATCH = 1000


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _csv_cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return _plain(value)


def _batches(statement: Select) -> Iterator[list]:
    result = db.session.execute(statement.execution_options(yield_per=_ROWS_PER_BATCH))
    yield from result.partitions()


def _write_part(archive: zipfile.ZipFile, part: Part, statement: Select) -> int:
    """The part's JSON file, written as its rows stream in, and its CSV version made from
    the same rows (csvsafe.to_csv in batches: one header, every cell made safe)."""
    header = part.columns
    csv_head = csvsafe.to_csv(header, [])
    count = 0
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as csv_file:
        csv_file.write(csv_head.encode())
        with archive.open(f"json/{part.name}.json", "w") as json_file:
            json_file.write(b"[")
            for batch in _batches(statement):
                lines = []
                for row in batch:
                    record = dict(zip(header, map(_plain, row), strict=True))
                    lines.append(("\n" if count == 0 else ",\n") + json.dumps(record))
                    count += 1
                json_file.write("".join(lines).encode())
                rows = [[_csv_cell(value) for value in row] for row in batch]
                csv_file.write(csvsafe.to_csv(header, rows)[len(csv_head) :].encode())
            json_file.write(b"\n]\n" if count else b"]\n")
        csv_file.seek(0)
        with archive.open(f"csv/{part.name}.csv", "w") as out:
            shutil.copyfileobj(csv_file, out)
    return count


README = """prof123 data export
===================

{title}
Made {made_at} (UTC) for {school}.

What is here
------------
schema.json   what each file holds and what each field means (a JSON Schema per file)
json/         one file per kind of record: an array of objects
csv/          the same records as tables, for a spreadsheet

Files refer to each other by the "id" column: for example times_tables_answers.pupil_id
is a pupils.id, and times_tables_answers.attempt_id a times_tables_attempts.id.
Times are UTC in ISO 8601. An empty value means there is none.

Files
-----
{files}

Left out
--------
Password and secret hashes, and the hashes of sign-in cookies and one-time links: they are
one-way, of no use outside prof123, and only there to check what is typed at sign-in.
{not_exported}
"""


@dataclass
class Export:
    file: tempfile.SpooledTemporaryFile
    filename: str
    counts: dict[str, int]


def _build(parts: list[Part], school: School, pupil: Pupil | None, now: datetime) -> Export:
    made_at = now.astimezone(UTC).replace(microsecond=0)
    if pupil is None:
        title = "Everything prof123 holds for the school."
        about = {"kind": "school", "school": school.public_id}
        filename = f"prof123-school-{school.sign_in_code}-{made_at:%Y-%m-%d}.zip"
    else:
        title = f"Everything prof123 holds about one pupil ({pupil.public_id})."
        about = {"kind": "pupil", "school": school.public_id, "pupil": pupil.public_id}
        filename = f"prof123-pupil-{pupil.public_id}-{made_at:%Y-%m-%d}.zip"
    about["made_at"] = made_at.isoformat()
    # Handed to the response, which closes it once sent.
    file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    try:
        counts = _write_archive(file, parts, school, pupil, title, about)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return Export(file, filename, counts)


def _write_archive(file, parts, school, pupil, title, about) -> dict[str, int]:
    made_at = datetime.fromisoformat(about["made_at"])
    counts = {}
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for part in parts:
            statement = _rows_statement(part, school.id, pupil.id if pupil else None)
            counts[part.name] = _write_part(archive, part, statement)
        archive.writestr(
            "schema.json", json.dumps(export_schema(parts, about), indent=2, ensure_ascii=False)
        )
        lines = [
            f"{part.name:<30} {counts[part.name]:>7} rows  {part.description}" for part in parts
        ]
        not_exported = "".join(
            f"{name}: {why}.\n" for name, why in NOT_EXPORTED.items() if pupil is None
        )
        archive.writestr(
            "README.txt",
            README.format(
                title=title,
                made_at=made_at.strftime("%Y-%m-%d %H:%M"),
                school=school.name,
                files="\n".join(lines),
                not_exported=not_exported,
            ),
        )
    return counts


def pupil_parts() -> list[Part]:
    return [part for part in PARTS if part.about_pupil is not None]


def record_pupil_export(pupil: Pupil) -> None:
    audit.record(pupil.school_id, "exported", "pupil", pupil.public_id, detail="zip")


def record_school_export(school: School) -> None:
    audit.record(school.id, "exported", "school", school.public_id, detail="zip")


def export_pupil(pupil: Pupil, now: datetime) -> Export:
    """Every record, answer, result and audit entry about one pupil (and, to explain them,
    their class, year group and the assessments they took)."""
    school = db.session.get(School, pupil.school_id)
    return _build(pupil_parts(), school, pupil, now)


def export_school(school: School, now: datetime) -> Export:
    """Everything the school holds, but hashes of secrets."""
    return _build(PARTS, school, None, now)


# A download follows the audited request for it, as its own read-only request, so building
# a large zip never holds the database's write lock.
_TICKET_SALT = "prof123-data-export"
TICKET_LIFETIME = timedelta(minutes=10)


def export_ticket(staff_public_id: str, kind: str, object_id: str) -> str:
    serializer = URLSafeTimedSerializer(current_app.secret_key, salt=_TICKET_SALT)
    return serializer.dumps([staff_public_id, kind, object_id])


def ticket_is_valid(ticket: str, staff_public_id: str, kind: str, object_id: str) -> bool:
    serializer = URLSafeTimedSerializer(current_app.secret_key, salt=_TICKET_SALT)
    try:
        value = serializer.loads(ticket, max_age=int(TICKET_LIFETIME.total_seconds()))
    except BadSignature:
        return False
    return value == [staff_public_id, kind, object_id]


# --- erasure ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holding:
    """How many rows of one kind a pupil has: what erasure will delete."""

    part: Part
    count: int

    @property
    def label(self) -> str:
        return self.part.erased_as or self.part.name


def count_pupil_data(pupil: Pupil) -> list[Holding]:
    """Rows per kind that erasing the pupil deletes, for the confirmation page."""
    holdings = []
    for name in reversed(ERASURE_ORDER):
        part = PARTS_BY_NAME[name]
        if name == "class_pupils":
            statement = select(func.count()).select_from(Pupil).join(Pupil.classes)
        else:
            statement = select(func.count()).select_from(_MODELS[name])
        holdings.append(
            Holding(part, db.session.scalar(statement.where(part.about_pupil(pupil.id))) or 0)
        )
    return holdings


def _erasure_statements(school_id: int, pupil_id: int):
    for name in ERASURE_ORDER:
        part = PARTS_BY_NAME[name]
        if name == "class_pupils":
            yield (
                name,
                delete(class_pupils).where(
                    class_pupils.c.school_id == school_id, class_pupils.c.pupil_id == pupil_id
                ),
            )
        else:
            model = _MODELS[name]
            yield (
                name,
                (
                    delete(model)
                    .where(model.school_id == school_id, part.about_pupil(pupil_id))
                    .execution_options(synchronize_session=False)
                ),
            )


def _forget_sign_in_counts(keys: list[str]) -> int:
    """Wrong-try counts that name these accounts and classes; how many were in the database."""
    counter = throttle.failure_counter()
    deleted = 0
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        if isinstance(counter, throttle.DatabaseFailureCounter):
            deleted += db.session.execute(
                delete(SignInFailureCount).where(SignInFailureCount.key.in_(chunk))
            ).rowcount
        else:  # Redis forgets them by itself within a day; clear them now all the same
            counter.clear(chunk)
    return deleted


def _pupil_count_keys(school_id: int, school_code: str, pupil_id: int, username: str):
    return [
        limit.key
        for limit in (
            *throttle.pupil_limits(school_id, pupil_id),
            *throttle.account_limits("pupil", school_code, username),
        )
    ]


def _delete_pupil_rows(pupil: Pupil, school_code: str) -> dict[str, int]:
    deleted = {
        name: db.session.execute(statement).rowcount
        for name, statement in _erasure_statements(pupil.school_id, pupil.id)
    }
    _forget_sign_in_counts(
        _pupil_count_keys(pupil.school_id, school_code, pupil.id, pupil.username)
    )
    db.session.expunge(pupil)
    return deleted


def _counts_detail(deleted: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in deleted.items() if count)


def erase_pupil(pupil: Pupil) -> dict[str, int]:
    """Delete the pupil and every row that depends on them, for good. What stays is one
    audit entry naming the pupil's public id and how many rows of each kind went."""
    school = db.session.get(School, pupil.school_id)
    public_id = pupil.public_id
    deleted = _delete_pupil_rows(pupil, school.sign_in_code)
    audit.record(school.id, "deleted", "pupil", public_id, detail=_counts_detail(deleted))
    db.session.flush()
    return deleted


class ConfirmationMismatch(ValueError):
    pass


def check_erasure_confirmation(pupil: Pupil, typed: str) -> None:
    if security.normalise_username(typed or "") != pupil.username:
        raise ConfirmationMismatch(typed)


# --- restriction -----------------------------------------------------------------------------


def set_restriction(pupil: Pupil, restricted: bool) -> bool:
    """Restrict a pupil's data (kept, but left out of new activities and reports), or lift
    the restriction. Returns whether anything changed."""
    if pupil.is_restricted == restricted:
        return False
    pupil.is_restricted = restricted
    action = "restricted" if restricted else "unrestricted"
    audit.record(pupil.school_id, action, "pupil", pupil.public_id, fields=["is_restricted"])
    db.session.flush()
    return True


def list_restricted_pupils() -> list[Pupil]:
    return list(
        db.session.scalars(
            select(Pupil).where(Pupil.is_restricted).order_by(Pupil.last_name, Pupil.first_name)
        )
    )


def search_pupils(query: str, limit: int = 20) -> list[Pupil]:
    """Pupils whose name or username contains every word typed."""
    words = [w for w in re.split(r"\s+", query.strip().lower()) if w][:4]
    if not words:
        return []
    statement = select(Pupil)
    for word in words:
        statement = statement.where(
            or_(
                Pupil.first_name.icontains(word, autoescape=True),
                Pupil.last_name.icontains(word, autoescape=True),
                Pupil.username.icontains(word, autoescape=True),
            )
        )
    return list(
        db.session.scalars(statement.order_by(Pupil.last_name, Pupil.first_name).limit(limit))
    )


# --- retention of leavers' data --------------------------------------------------------------

RETENTION_CHOICES = [
    (30, "1 month"),
    (91, "3 months"),
    (182, "6 months"),
    (365, "1 year"),
    (730, "2 years"),
    (1095, "3 years"),
]


def set_leaver_retention(school: School, days: int) -> bool:
    if days not in dict(RETENTION_CHOICES):
        raise ValueError(f"not a retention choice: {days}")
    if school.leaver_retention_days == days:
        return False
    school.leaver_retention_days = days
    audit.record(school.id, "changed", "school", school.public_id, fields=["leaver_retention_days"])
    db.session.flush()
    return True


def leaver_deletion_day(left_on: date, retention_days: int) -> date:
    """The first day the purge deletes a leaver: once left_on + retention < today."""
    return left_on + timedelta(days=retention_days + 1)


def list_leavers(school: School) -> list[tuple[Pupil, date]]:
    pupils = db.session.scalars(
        select(Pupil).where(Pupil.left_on.is_not(None)).order_by(Pupil.left_on, Pupil.last_name)
    )
    return [(p, leaver_deletion_day(p.left_on, school.leaver_retention_days)) for p in pupils]


def purge_leavers(school: School, today: date) -> int:
    """Erase leavers kept past the school's retention period; one audit entry with the
    count. Run inside the school's tenant context (the daily ``flask purge`` does)."""
    cutoff = today - timedelta(days=school.leaver_retention_days)
    due = list(
        db.session.scalars(
            select(Pupil).where(
                Pupil.school_id == school.id,
                Pupil.left_on.is_not(None),
                Pupil.left_on < cutoff,
            )
        )
    )
    for pupil in due:
        _delete_pupil_rows(pupil, school.sign_in_code)
    if due:
        audit.record(
            school.id,
            "deleted",
            "leavers",
            str(len(due)),
            detail=f"kept longer than {school.leaver_retention_days} days after leaving",
            actor_kind="system",
        )
        db.session.flush()
    return len(due)


# --- a school that leaves --------------------------------------------------------------------


@dataclass(frozen=True)
class EndedSubscription:
    school: School
    ended_on: date
    data_deleted_on: date

    @property
    def last_download_day(self) -> date:
        return self.data_deleted_on - timedelta(days=1)


def end_subscription(school: School, today: date, grace_days: int) -> EndedSubscription:
    """End the subscription today (an earlier end stands); the school's admins may download
    its data for ``grace_days``, then the purge deletes it all. Recorded in its audit log."""
    if grace_days < 0:
        raise ValueError("grace days cannot be negative")
    school.subscription_ends_on = min(school.subscription_ends_on, today)
    deleted_on = max(school.subscription_ends_on + timedelta(days=grace_days), today)
    audit.record(
        school.id,
        security.SUBSCRIPTION_ENDED_ACTION,
        "school",
        school.public_id,
        detail=security.deletion_detail(deleted_on),
        actor_kind="operator",
    )
    db.session.flush()
    return EndedSubscription(school, school.subscription_ends_on, deleted_on)


def schools_due_for_deletion(today: date) -> list[School]:
    """Schools whose subscription ended and whose grace period is over (operator context)."""
    ended = db.session.scalars(
        select(School).where(School.subscription_ends_on <= today).order_by(School.id)
    )
    due = []
    for school in ended:
        state = security.ended_subscription(school.id, school.subscription_ends_on, today)
        if state is not None and state.data_is_due_for_deletion(today):
            due.append(school)
    return due


def delete_school(school: School) -> dict[str, int]:
    """Every row of the school, in every table, the school and its audit log included.
    Runs in the operator context: the statements name the school themselves."""
    school_id = school.id
    keys = _school_count_keys(school)
    deleted: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):
        if "school_id" in table.c:
            deleted[table.name] = db.session.execute(
                delete(table).where(table.c.school_id == school_id)
            ).rowcount
    deleted["schools"] = db.session.execute(
        delete(School.__table__).where(School.__table__.c.id == school_id)
    ).rowcount
    deleted["sign_in_failure_counts"] = _forget_sign_in_counts(keys)
    db.session.expunge(school)
    return deleted


def _school_count_keys(school: School) -> list[str]:
    """Every sign-in failure count that could name someone or something of the school."""
    keys = []
    pupils = db.session.execute(
        select(Pupil.id, Pupil.username).where(Pupil.school_id == school.id)
    )
    for pupil_id, username in pupils:
        keys += _pupil_count_keys(school.id, school.sign_in_code, pupil_id, username)
    for class_id in db.session.scalars(
        select(SchoolClass.id).where(SchoolClass.school_id == school.id)
    ):
        keys.append(throttle.class_limit(class_id).key)
    for email in db.session.scalars(
        select(StaffUser.email).where(StaffUser.school_id == school.id)
    ):
        digest = hashlib.sha256(email.encode()).hexdigest()[:24]
        keys += [limit.key for limit in throttle.account_limits("staff", digest)]
    return keys


# --- the audit log ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    object_type: str = ""
    staff_id: int | None = None
    since: date | None = None
    until: date | None = None


def audit_statement(chosen: AuditFilter) -> Select:
    statement = select(AuditEntry)
    if chosen.action:
        statement = statement.where(AuditEntry.action == chosen.action)
    if chosen.object_type:
        statement = statement.where(AuditEntry.object_type == chosen.object_type)
    if chosen.staff_id is not None:
        statement = statement.where(AuditEntry.actor_id == chosen.staff_id)
    if chosen.since is not None:
        start = datetime.combine(chosen.since, datetime.min.time(), tzinfo=UTC)
        statement = statement.where(AuditEntry.at >= start)
    if chosen.until is not None:
        end = datetime.combine(chosen.until + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
        statement = statement.where(AuditEntry.at < end)
    return statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def audit_choices() -> tuple[list[str], list[str], list[StaffUser]]:
    """What the log's filters offer: actions and object types it holds, and the staff."""
    actions = list(db.session.scalars(select(AuditEntry.action).distinct().order_by("action")))
    kinds = list(
        db.session.scalars(select(AuditEntry.object_type).distinct().order_by("object_type"))
    )
    staff = list(db.session.scalars(select(StaffUser).order_by(StaffUser.display_name)))
    return actions, kinds, staff


def page_of_audit(chosen: AuditFilter, page: int, per_page: int = 50):
    return db.paginate(audit_statement(chosen), page=page, per_page=per_page, error_out=False)


def actor_label(entry: AuditEntry, staff_names: dict[int, str]) -> str:
    if entry.actor_id is not None:
        return staff_names.get(entry.actor_id, "a member of staff")
    if entry.actor_kind == "operator":
        return "prof123 (the operator)"
    if entry.actor_kind == "system":
        return "Automatic daily clean-up"
    return "A member of staff since removed"


AUDIT_CSV_HEADER = ["at_utc", "who", "actor_kind", "action", "object_type", "object_id", "detail"]


def audit_csv(chosen: AuditFilter, staff_names: dict[int, str]) -> str:
    rows = (
        [
            e.at.astimezone(UTC).isoformat(),
            actor_label(e, staff_names),
            e.actor_kind,
            e.action,
            e.object_type,
            e.object_id,
            e.detail,
        ]
        for e in db.session.scalars(audit_statement(chosen))
    )
    return csvsafe.to_csv(AUDIT_CSV_HEADER, rows)


def existing_pupil_ids(public_ids: list[str]) -> set[str]:
    """Which of these pupils still exist (their entries link to their data page)."""
    if not public_ids:
        return set()
    return set(db.session.scalars(select(Pupil.public_id).where(Pupil.public_id.in_(public_ids))))
