"""Roster files from a school's MIS, read and checked: pure Python, no Flask, no database.

``parse_roster(data)`` reads the bytes of an uploaded CSV file as school systems export it
(UTF-8 with or without a byte-order mark, UTF-16 "Unicode text", or Windows-1252; Excel's
quoting with commas and line breaks inside cells; commas, semicolons or tabs between cells;
a title line or two above the header) and keeps four things per row: first name, last name,
year group and class. Every other column is dropped here and goes no further: prof123 holds
a pupil's name, class and cohort, nothing else.

``plan_import(parsed, snapshot, ...)`` then decides, without writing anything, what each row
would do to the school's roster (new, updated, unchanged, or an error with its reason) and
which pupils would be marked as leavers. Neither function raises on any input.
"""

from __future__ import annotations

import codecs
import csv
import enum
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MAX_FILE_BYTES = 1_000_000  # "1 MB": the app takes uploads up to 1 MiB in all
MAX_ROWS = 5_000
NAME_MAX = 60  # Pupil.first_name / last_name
CLASS_MAX = 40  # SchoolClass.name
FINAL_YEAR = 6
HEADER_SEARCH_ROWS = 10  # a title line or two may sit above the header

# Column headings we recognise, after ``_heading_key``. Earlier names win when a file has
# several (a preferred forename over a legal one); a blank cell falls back to the next.
FIRST_NAME_HEADINGS = (
    "preferred forename",
    "preferred first name",
    "chosen forename",
    "known as",
    "forename",
    "first name",
    "firstname",
    "forenames",
    "given name",
    "pupil forename",
    "student forename",
    "legal forename",
    "legal first name",
)
LAST_NAME_HEADINGS = (
    "preferred surname",
    "preferred last name",
    "surname",
    "last name",
    "lastname",
    "family name",
    "pupil surname",
    "student surname",
    "legal surname",
    "legal last name",
)
YEAR_HEADINGS = (
    "year",
    "nc year",
    "year group",
    "curriculum year",
    "national curriculum year",
    "nc year actual",
    "year taught in",
    "yr",
    "yeargroup",
)
CLASS_HEADINGS = (
    "reg group",
    "registration group",
    "reg",
    "class",
    "class name",
    "form",
    "form group",
    "tutor group",
    "reggroup",
)
COLUMN_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "year": "Year",
    "class_name": "Class",
}
REQUIRED_COLUMNS = ("first_name", "last_name", "year")

RECEPTION_WORDS = {"r", "yr", "rec", "reception", "year r", "y r", "f2", "fs2", "nc r"}
NURSERY_WORDS = {"n", "n1", "n2", "nursery", "year n", "yn", "fs1", "f1", "pre school"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_YEAR_PATTERN = re.compile(r"(?:nc ?)?(?:year|yr|y)? ?(r|\d{1,2}(?:\.0+)?|[a-z]+)")


# --- reading the file -----------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    """One data row, as far as prof123 keeps it. ``line`` is the row number a spreadsheet
    shows for it; ``year_group`` is 0 for Reception and 1-6 for Years 1-6."""

    line: int
    first_name: str
    last_name: str
    year_text: str
    class_name: str
    year_group: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class ParsedFile:
    rows: tuple[RosterRow, ...] = ()
    # A problem with the whole file (empty, too big, a required column missing …): no rows.
    error: str | None = None
    encoding: str = "UTF-8"
    # Set when the file was not UTF-8, so the admin checks the accents.
    encoding_note: str | None = None
    has_class_column: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # kind -> the file's heading
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_roster(data: bytes, max_bytes: int = MAX_FILE_BYTES, max_rows: int = MAX_ROWS):
    """Read an uploaded roster. Never raises: a bad file comes back with ``error`` set."""
    try:
        return _parse(data, max_bytes, max_rows)
    except (csv.Error, ValueError, UnicodeError, MemoryError, RecursionError):
        return ParsedFile(error=UNREADABLE)


UNREADABLE = (
    "We could not read this file. In your school's system or in Excel, save the list as "
    "“CSV UTF-8 (comma delimited)” and try again."
)


def _parse(data: bytes, max_bytes: int, max_rows: int) -> ParsedFile:
    if not data or not data.strip():
        return ParsedFile(error="The file is empty.")
    if len(data) > max_bytes:
        return ParsedFile(
            error=f"The file is bigger than {max_bytes / 1_000_000:g} MB. Export only the "
            "columns for first name, last name, year and class, or split the file by year group."
        )
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return ParsedFile(
            error="This is an Excel workbook, not a CSV file. In Excel choose File › Save As "
            "and pick “CSV UTF-8 (comma delimited)”, then upload that file."
        )
    text, encoding, note = _decode(data)
    if text is None:
        return ParsedFile(error=UNREADABLE)
    if "\x00" in text:
        return ParsedFile(error=UNREADABLE)
    records = _records(text.lstrip("\ufeff"), max_rows)
    header_index, columns = _find_header(records)
    if header_index is None:
        return ParsedFile(error=_missing_columns_message(records), encoding=encoding)
    header = records[header_index]
    data_records = [
        (index + 1, record)
        for index, record in enumerate(records)
        if index > header_index and any(cell.strip() for cell in record)
    ]
    if len(data_records) > max_rows:
        return ParsedFile(
            error=f"The file has more than {max_rows:,} pupils; at most {max_rows:,} can be "
            "imported at once. Split it by year group and import each part.",
            encoding=encoding,
        )
    if not data_records:
        return ParsedFile(error="The file has a header row but no pupils under it.")
    used = {index for indexes in columns.values() for index in indexes}
    ignored = tuple(
        cell.strip() for index, cell in enumerate(header) if index not in used and cell.strip()
    )
    rows = tuple(_row(line, record, columns) for line, record in data_records)
    return ParsedFile(
        rows=rows,
        encoding=encoding,
        encoding_note=note,
        has_class_column=bool(columns.get("class_name")),
        columns={kind: header[indexes[0]].strip() for kind, indexes in columns.items() if indexes},
        ignored_columns=ignored[:50],
    )


def _decode(data: bytes) -> tuple[str | None, str, str | None]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16", None
        except UnicodeDecodeError:
            return None, "UTF-16", None
    try:
        return data.decode("utf-8-sig"), "UTF-8", None
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Excel's plain "CSV (comma delimited)" on a Windows PC writes Windows-1252.
    text = data.decode("cp1252", errors="replace")
    return (
        text,
        "Windows-1252",
        "This file was not saved as UTF-8, so we read it as Windows-1252 (Western European). "
        "Check that names with accents look right below before you import.",
    )


def _records(text: str, max_rows: int) -> list[list[str]]:
    first_line = text.split("\n", 1)[0][:20_000]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line), strict=False
    )
    records = []
    for record in reader:
        records.append(record)
        if len(records) > max_rows + HEADER_SEARCH_ROWS + 1_000:
            break  # far too many: enough is read to say so
    return records


def _sniff_delimiter(line: str) -> str:
    """The separator that splits the header line into the most cells (comma on a tie)."""
    best, best_count = ",", 1
    for candidate in (",", ";", "\t"):
        try:
            count = len(next(csv.reader([line], delimiter=candidate), []))
        except csv.Error:
            continue
        if count > best_count:
            best, best_count = candidate, count
    return best


def _heading_key(cell: str) -> str:
    cleaned = re.sub(r"[\s_.\-:/]+", " ", cell.replace("\ufeff", "").casefold())
    return cleaned.strip(" \"'*")


HEADINGS = {
    "first_name": FIRST_NAME_HEADINGS,
    "last_name": LAST_NAME_HEADINGS,
    "year": YEAR_HEADINGS,
    "class_name": CLASS_HEADINGS,
}


def _columns_of(record: Sequence[str]) -> dict[str, list[int]]:
    """For each kind, the indexes of its columns in this row, best first."""
    keys = [_heading_key(cell) for cell in record]
    found: dict[str, list[int]] = {}
    for kind, names in HEADINGS.items():
        indexes = [index for name in names for index, key in enumerate(keys) if key == name]
        found[kind] = list(dict.fromkeys(indexes))
    return found


def _find_header(records: list[list[str]]) -> tuple[int | None, dict[str, list[int]]]:
    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        columns = _columns_of(record)
        if all(columns[kind] for kind in REQUIRED_COLUMNS):
            return index, columns
    return None, {}


def _missing_columns_message(records: list[list[str]]) -> str:
    best: dict[str, list[int]] = {}
    for record in records[:HEADER_SEARCH_ROWS]:
        columns = _columns_of(record)
        if sum(bool(v) for v in columns.values()) > sum(bool(v) for v in best.values()):
            best = columns
    missing = [COLUMN_LABELS[kind] for kind in REQUIRED_COLUMNS if not best.get(kind)]
    return (
        f"The file has no column for {_join(missing)}. The first row of the file must name "
        "its columns, for example “Forename”, “Surname”, “Year” and “Reg group” (the class)."
    )


def _join(words: list[str]) -> str:
    words = [w.lower() for w in words]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _cell(record: Sequence[str], indexes: Iterable[int]) -> str:
    """The first non-blank cell of a kind (a preferred name, else the legal one)."""
    for index in indexes:
        if index < len(record):
            value = clean_text(record[index])
            if value:
                return value
    return ""


def clean_text(value: str) -> str:
    """One spelling: NFC, no control or invisible characters, single spaces, trimmed."""
    kept = []
    for ch in unicodedata.normalize("NFC", value):
        if ch.isspace():
            kept.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf"):
            kept.append(ch)
    return " ".join("".join(kept).split())


def _row(line: int, record: Sequence[str], columns: dict[str, list[int]]) -> RosterRow:
    return check_row(
        line,
        _cell(record, columns["first_name"]),
        _cell(record, columns["last_name"]),
        _cell(record, columns["year"]),
        _cell(record, columns.get("class_name", [])),
    )


def check_row(
    line: int, first_name: str, last_name: str, year_text: str, class_name: str
) -> RosterRow:
    """A row's own checks (those that need no other row and no database)."""
    first_name, last_name = clean_text(first_name), clean_text(last_name)
    year_text, class_name = clean_text(year_text), clean_text(class_name)
    year_group, year_error = parse_year(year_text)
    error = None
    if not first_name and not last_name:
        error = "The name is missing."
    elif not first_name:
        error = "The first name is missing."
    elif not last_name:
        error = "The last name is missing."
    elif len(first_name) > NAME_MAX:
        error = f"The first name is longer than {NAME_MAX} characters."
    elif len(last_name) > NAME_MAX:
        error = f"The last name is longer than {NAME_MAX} characters."
    elif year_error:
        error = year_error
    elif len(class_name) > CLASS_MAX:
        error = f"The class name is longer than {CLASS_MAX} characters."
    return RosterRow(line, first_name, last_name, year_text, class_name, year_group, error)


def parse_year(text: str) -> tuple[int | None, str | None]:
    """0 for Reception, 1-6 for Years 1-6; otherwise an error saying why."""
    key = re.sub(r"[\s_]+", " ", text.casefold()).strip(" .")
    if not key:
        return None, "The year is missing."
    shown = text[:20]
    if key in RECEPTION_WORDS:
        return 0, None
    if key in NURSERY_WORDS:
        return None, f"“{shown}” is a nursery year: prof123 starts at Reception."
    match = _YEAR_PATTERN.fullmatch(key)
    if match:
        value = match.group(1)
        if value == "r":
            return 0, None
        number = NUMBER_WORDS.get(value)
        if number is None and value[0].isdigit():
            number = int(float(value))
        if number is not None:
            if number <= FINAL_YEAR:
                return number, None
            return None, f"Year {number} is not a primary school year (Reception to Year 6)."
    return None, f"“{shown}” is not a year we know: use R (Reception) or 1 to 6."


# --- what the import would do -----------------------------------------------------------------


class Outcome(enum.StrEnum):
    ERROR = "error"
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ExistingPupil:
    id: int
    first_name: str
    last_name: str
    cohort_start_year: int
    has_left: bool
    class_names: frozenset[str]  # this academic year's classes, spelt as stored


@dataclass(frozen=True)
class RosterSnapshot:
    """What the school already holds, loaded once: every pupil and this year's classes."""

    academic_year: int
    pupils: tuple[ExistingPupil, ...]
    class_names: tuple[str, ...]
    cohort_start_years: frozenset[int]


@dataclass(frozen=True)
class RowPlan:
    row: RosterRow
    outcome: Outcome
    reason: str | None = None
    changes: tuple[str, ...] = ()
    pupil_id: int | None = None
    cohort_start_year: int | None = None
    class_name: str | None = None  # as it will be stored (an existing class's spelling)
    leave_classes: tuple[str, ...] = ()  # this year's classes the pupil moves out of
    rename: bool = False  # the file spells the name differently (case, spaces)
    rejoins: bool = False  # marked as a leaver before, in the file again
    joins_class: bool = False  # goes into ``class_name`` (not in it yet)


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[RowPlan, ...]
    leavers: tuple[ExistingPupil, ...]  # to be marked as leavers (only when asked)
    not_in_file: int  # current pupils the file does not mention
    new_cohorts: tuple[int, ...]
    new_classes: tuple[str, ...]
    mark_leavers: bool

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome is outcome)

    @property
    def counts(self) -> dict[str, int]:
        counts = {outcome.value: self.count(outcome) for outcome in Outcome}
        counts["leavers"] = len(self.leavers)
        return counts

    @property
    def changes_anything(self) -> bool:
        return bool(self.count(Outcome.NEW) or self.count(Outcome.UPDATED) or self.leavers)

    def rows_by_outcome(self, outcome: Outcome) -> list[RowPlan]:
        return [row for row in self.rows if row.outcome is outcome]


def name_key(first_name: str, last_name: str) -> tuple[str, str]:
    """How rows and pupils are matched: case and spaces do not count."""
    return (
        "".join(clean_text(first_name).casefold().split()),
        "".join(clean_text(last_name).casefold().split()),
    )


def class_key(name: str) -> str:
    return clean_text(name).casefold()


def year_label(year_group: int) -> str:
    return "Reception" if year_group == 0 else f"Year {year_group}"


def plan_import(
    parsed: ParsedFile, snapshot: RosterSnapshot, mark_leavers: bool = False
) -> ImportPlan:
    """Decide each row's outcome against what the school holds. Writes nothing."""
    year = snapshot.academic_year
    by_name: dict[tuple[int, tuple[str, str]], list[ExistingPupil]] = {}
    for pupil in snapshot.pupils:
        key = (pupil.cohort_start_year, name_key(pupil.first_name, pupil.last_name))
        by_name.setdefault(key, []).append(pupil)
    classes = {class_key(name): name for name in snapshot.class_names}
    for row in parsed.rows:  # a new class keeps the spelling of its first row
        if row.error is None and row.class_name:
            classes.setdefault(class_key(row.class_name), row.class_name)
    file_classes = {
        class_key(row.class_name) for row in parsed.rows if row.error is None and row.class_name
    }
    seen: dict[tuple[int, tuple[str, str]], int] = {}
    planned: list[RowPlan] = []
    for row in parsed.rows:
        if row.error is not None or row.year_group is None:
            planned.append(RowPlan(row, Outcome.ERROR, row.error or "The year is missing."))
            continue
        cohort = year - row.year_group
        key = (cohort, name_key(row.first_name, row.last_name))
        if key in seen:
            planned.append(
                RowPlan(
                    row,
                    Outcome.ERROR,
                    f"The same pupil is on row {seen[key]}: each pupil may appear once.",
                )
            )
            continue
        seen[key] = row.line
        class_name = classes[class_key(row.class_name)] if row.class_name else None
        matches = by_name.get(key, [])
        if len(matches) > 1:
            planned.append(
                RowPlan(
                    row,
                    Outcome.ERROR,
                    f"{len(matches)} pupils in {year_label(row.year_group)} already have this "
                    "name, so we cannot tell which one this row means. Change them on the "
                    "pupils page instead.",
                )
            )
            continue
        if not matches:
            planned.append(RowPlan(row, Outcome.NEW, None, (), None, cohort, class_name))
            continue
        planned.append(_compare(row, matches[0], cohort, class_name, file_classes))
    named = {name_key(row.first_name, row.last_name) for row in parsed.rows if row.first_name}
    matched = {plan.pupil_id for plan in planned if plan.pupil_id is not None}
    missing = tuple(
        pupil
        for pupil in snapshot.pupils
        if not pupil.has_left
        and pupil.id not in matched
        and name_key(pupil.first_name, pupil.last_name) not in named
    )
    importable = [plan for plan in planned if plan.outcome in (Outcome.NEW, Outcome.UPDATED)]
    new_cohorts = sorted(
        {p.cohort_start_year for p in importable if p.outcome is Outcome.NEW}
        - set(snapshot.cohort_start_years)
    )
    existing_classes = {class_key(name) for name in snapshot.class_names}
    new_classes = sorted(
        {
            p.class_name
            for p in importable
            if p.class_name and class_key(p.class_name) not in existing_classes
        },
        key=str.casefold,
    )
    return ImportPlan(
        rows=tuple(planned),
        leavers=tuple(sorted(missing, key=lambda p: (p.last_name, p.first_name)))
        if mark_leavers
        else (),
        not_in_file=len(missing),
        new_cohorts=tuple(new_cohorts),
        new_classes=tuple(new_classes),
        mark_leavers=mark_leavers,
    )


def _compare(
    row: RosterRow,
    pupil: ExistingPupil,
    cohort: int,
    class_name: str | None,
    file_classes: set[str],
) -> RowPlan:
    changes: list[str] = []
    rename = (row.first_name, row.last_name) != (pupil.first_name, pupil.last_name)
    if rename:
        changes.append(f"name spelt “{row.first_name} {row.last_name}”")
    if pupil.has_left:
        changes.append("back from the leavers")
    leave: tuple[str, ...] = ()
    joins = class_name is not None and class_key(class_name) not in {
        class_key(name) for name in pupil.class_names
    }
    if joins:
        leave = tuple(sorted(name for name in pupil.class_names if class_key(name) in file_classes))
        changes.append(
            f"moves from {', '.join(leave)} to {class_name}" if leave else f"joins {class_name}"
        )
    return RowPlan(
        row,
        Outcome.UPDATED if changes else Outcome.UNCHANGED,
        None,
        tuple(changes),
        pupil.id,
        cohort,
        class_name,
        leave,
        rename,
        pupil.has_left,
        joins,
    )


FAILED_ROWS_HEADER = ("Row", "First name", "Last name", "Year", "Class", "Problem")


def failed_rows(plan: ImportPlan) -> list[tuple[object, ...]]:
    """The rows that will not be imported, with their reasons: the columns are ones this
    importer reads, so the fixed file can be uploaded again as it is."""
    return [
        (
            p.row.line,
            p.row.first_name,
            p.row.last_name,
            p.row.year_text,
            p.row.class_name,
            p.reason or "",
        )
        for p in plan.rows
        if p.outcome is Outcome.ERROR
    ]
