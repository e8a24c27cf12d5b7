"""The roster file reader and the import plan: pure functions, no app, no database."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prof123.admin import importing
from prof123.admin.importing import (
    ExistingPupil,
    Outcome,
    RosterSnapshot,
    failed_rows,
    parse_roster,
    parse_year,
    plan_import,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"
YEAR = 2025


def _csv(*lines: str, bom: bool = False, encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    data = (newline.join(lines) + newline).encode(encoding)
    return codecs.BOM_UTF8 + data if bom else data


def _names(parsed) -> list[tuple[str, str, int | None, str]]:
    return [(r.first_name, r.last_name, r.year_group, r.class_name) for r in parsed.rows]


# --- reading ---------------------------------------------------------------------------------


def test_an_excel_export_with_bom_quotes_and_line_breaks_in_cells():
    parsed = parse_roster((FIXTURES / "sims_excel_bom.csv").read_bytes())
    assert parsed.ok and parsed.encoding == "UTF-8" and parsed.encoding_note is None
    assert parsed.columns == {
        "first_name": "Preferred Forename",
        "last_name": "Legal Surname",
        "year": "Year",
        "class_name": "Reg Group",
    }
    assert parsed.ignored_columns == ("UPN", "DOB", "Gender", "Address", "SEN Status")
    rows = {row.line: row for row in parsed.rows}
    # Row numbers are the spreadsheet's, even after a cell with a line break in it.
    assert (rows[3].first_name, rows[3].last_name) == ("Shaun", "O'Brien")
    assert (rows[4].first_name, rows[4].year_group, rows[4].class_name) == ("Zuzanna", 4, "4B")
    assert rows[5].last_name == "Smith, Jr"
    assert rows[2].first_name == "Chidinma"  # no preferred forename: the legal one
    assert rows[14].first_name == "Noah" and rows[14].last_name == "taylor"
    assert 15 not in rows  # the empty row of commas at the end


def test_nothing_but_name_year_and_class_is_kept_from_a_row():
    parsed = parse_roster((FIXTURES / "sims_excel_bom.csv").read_bytes())
    kept = repr(parsed)
    for value in ("A123456789012", "14/03/2016", "Mill Lane", "Old Forge", ",F,", "SEN"):
        assert value not in kept.replace("SEN Status", "")


def test_semicolons_and_a_title_line_above_the_header():
    parsed = parse_roster((FIXTURES / "arbor_semicolons.csv").read_bytes())
    assert parsed.ok
    assert _names(parsed)[:4] == [
        ("Olivia", "Jones", 3, "3M"),
        ("George", "Williams", 3, "3M"),
        ("Amelia", "Davies", 5, "5K"),
        ("Harry", "Wilson", 0, "RB"),
    ]
    assert parsed.rows[0].line == 3


def test_windows_1252_is_read_and_said_so():
    parsed = parse_roster((FIXTURES / "excel_windows_1252.csv").read_bytes())
    assert parsed.encoding == "Windows-1252"
    assert "Windows-1252" in parsed.encoding_note
    assert ("José", "Núñez", 2, "2S") in _names(parsed)
    assert ("Zoë", "Müller", 2, "2S") in _names(parsed)


def test_excel_unicode_text_is_utf16_with_tabs():
    parsed = parse_roster((FIXTURES / "excel_unicode_text.csv").read_bytes())
    assert parsed.encoding == "UTF-16"
    assert _names(parsed) == [("Aoife", "Murphy", 5, "5K"), ("Kacper", "Nowak", 5, "5K")]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("bom", [True, False])
def test_line_endings_and_bom(newline, bom):
    parsed = parse_roster(_csv("Forename,Surname,Year", "Ann,Lee,4", newline=newline, bom=bom))
    assert _names(parsed) == [("Ann", "Lee", 4, "")]
    assert parsed.columns["first_name"] == "Forename"


@pytest.mark.parametrize(
    ("first", "last", "year", "klass"),
    [
        ("Forename", "Surname", "Year", "Reg group"),
        ("First name", "Last name", "NC Year", "Class"),
        ("FIRST NAME", "LAST NAME", "YEAR GROUP", "REGISTRATION GROUP"),
        ("Preferred forename", "Legal surname", "Curriculum year", "Form"),
        ("Legal Forename", "Legal Surname", "Year Group", "Reg Group"),
        ("first_name", "last_name", "year", "class"),
        ("  Forename ", "Surname:", "Year.", "Reg. group"),
    ],
)
def test_heading_names_are_recognised_whatever_their_case(first, last, year, klass):
    parsed = parse_roster(_csv(f"{first},{last},{year},{klass},Extra", "Ann,Lee,Y4,4L,x"))
    assert parsed.ok, parsed.error
    assert _names(parsed) == [("Ann", "Lee", 4, "4L")]
    assert parsed.ignored_columns == ("Extra",)


def test_a_preferred_name_wins_and_a_blank_one_falls_back_to_the_legal_name():
    parsed = parse_roster(
        _csv(
            "Legal forename,Preferred forename,Surname,Year",
            "Alexander,Alex,Brown,3",
            "Beatrice,,Green,3",
        )
    )
    assert [r.first_name for r in parsed.rows] == ["Alex", "Beatrice"]


def test_the_class_column_is_optional():
    parsed = parse_roster(_csv("Forename,Surname,Year", "Ann,Lee,4"))
    assert parsed.ok and not parsed.has_class_column


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("Forename,Surname,Class", "year"),
        ("Forename,Year,Class", "last name"),
        ("Name,Class", "first name, last name or year"),
        ("", "first name, last name or year"),
    ],
)
def test_a_missing_required_column_is_one_error_for_the_file(header, missing):
    parsed = parse_roster(_csv(header, "a,b,c"))
    assert not parsed.ok and parsed.rows == ()
    assert parsed.error.startswith(f"The file has no column for {missing}.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", 4),
        ("Year 4", 4),
        ("Y4", 4),
        ("y 4", 4),
        ("Yr4", 4),
        ("NC Year 4", 4),
        ("year four", 4),
        ("04", 4),
        ("4.0", 4),
        ("0", 0),
        ("R", 0),
        ("r", 0),
        ("YR", 0),
        ("Year R", 0),
        ("Reception", 0),
        ("Rec.", 0),
        ("1", 1),
        ("6", 6),
    ],
)
def test_year_values(text, expected):
    assert parse_year(text) == (expected, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The year is missing."),
        ("N2", "“N2” is a nursery year: prof123 starts at Reception."),
        ("Nursery", "“Nursery” is a nursery year: prof123 starts at Reception."),
        ("7", "Year 7 is not a primary school year (Reception to Year 6)."),
        ("Year 11", "Year 11 is not a primary school year (Reception to Year 6)."),
        ("Four B", "“Four B” is not a year we know: use R (Reception) or 1 to 6."),
        ("-1", "“-1” is not a year we know: use R (Reception) or 1 to 6."),
        ("4/5", "“4/5” is not a year we know: use R (Reception) or 1 to 6."),
    ],
)
def test_unknown_years_say_why(text, message):
    assert parse_year(text) == (None, message)


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (",,4,4B", "The name is missing."),
        (",Lee,4,4B", "The first name is missing."),
        ("Ann,,4,4B", "The last name is missing."),
        ("Ann,Lee,,4B", "The year is missing."),
        (f"{'A' * 61},Lee,4,4B", "The first name is longer than 60 characters."),
        (f"Ann,{'L' * 61},4,4B", "The last name is longer than 60 characters."),
        (f"Ann,Lee,4,{'C' * 41}", "The class name is longer than 40 characters."),
        ("Ann,Lee,Year 8,4B", "Year 8 is not a primary school year (Reception to Year 6)."),
    ],
)
def test_row_errors(row, error):
    [parsed] = parse_roster(_csv("Forename,Surname,Year,Class", row)).rows
    assert parsed.error == error


def test_names_are_tidied_but_not_changed():
    [row] = parse_roster(
        _csv("Forename,Surname,Year", "  Mary   Ann\u200b , Smith-\u00a0Jones ,4")
    ).rows
    assert (row.first_name, row.last_name) == ("Mary Ann", "Smith- Jones")
    composed = parse_roster(_csv("Forename,Surname,Year", "Zoe\u0308,Lee,4")).rows[0]
    assert composed.first_name == "Zoë"  # one spelling (NFC) for matching and storing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\r\n \r\n", "The file is empty."),
        (b"PK\x03\x04rest-of-a-zip", "This is an Excel workbook"),
        (b"\xd0\xcf\x11\xe0old-excel", "This is an Excel workbook"),
        (b"Forename,Surname,Year\r\n", "The file has a header row but no pupils under it."),
        (b"Forename,Surname,Year\r\nAnn,\x00Lee,4\r\n", "We could not read this file."),
    ],
)
def test_files_that_cannot_be_read(data, message):
    parsed = parse_roster(data)
    assert parsed.error.startswith(message)


def test_size_and_row_limits():
    header = "Forename,Surname,Year"
    assert parse_roster(_csv(header, *["Ann,Lee,4"] * 10), max_rows=10).ok
    too_many = parse_roster(_csv(header, *["Ann,Lee,4"] * 11), max_rows=10)
    assert too_many.error.startswith("The file has more than 10 pupils")
    big = _csv(header, "Ann,Lee,4")
    assert parse_roster(big, max_bytes=len(big)).ok
    assert parse_roster(big, max_bytes=len(big) - 1).error.startswith("The file is bigger than")
    assert importing.MAX_FILE_BYTES == 1_000_000 and importing.MAX_ROWS == 5_000


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2_000))
def test_the_reader_never_raises_on_any_bytes(data):
    parsed = parse_roster(data)
    assert parsed.ok or parsed.error
    plan_import(parsed, RosterSnapshot(YEAR, (), (), frozenset()), mark_leavers=True)


_cells = st.text(alphabet=st.sampled_from('ab, ;\t"\r\n\x00Ré4'), max_size=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_cells, max_size=6), max_size=20), st.sampled_from([",", ";"]))
def test_the_reader_never_raises_on_csv_like_text(rows, separator):
    lines = ["Forename,Surname,Year,Class".replace(",", separator)]
    lines += [separator.join(cells) for cells in rows]
    for encoding in ("utf-8", "utf-16", "cp1252"):
        data = "\r\n".join(lines).encode(encoding, errors="replace")
        parsed = parse_roster(data)
        assert parsed.ok or parsed.error
        plan = plan_import(parsed, RosterSnapshot(YEAR, (), (), frozenset()))
        assert len(plan.rows) == len(parsed.rows)


# --- the plan ----------------------------------------------------------------------------------


def _pupil(pupil_id, first, last, year_group, classes=(), has_left=False) -> ExistingPupil:
    return ExistingPupil(pupil_id, first, last, YEAR - year_group, has_left, frozenset(classes))


def _snapshot(*pupils: ExistingPupil, classes=("4A", "4B")) -> RosterSnapshot:
    return RosterSnapshot(
        YEAR, pupils, tuple(classes), frozenset(p.cohort_start_year for p in pupils)
    )


def _plan(lines: list[str], snapshot: RosterSnapshot, mark_leavers: bool = False):
    parsed = parse_roster(_csv("Forename,Surname,Year,Class", *lines))
    assert parsed.ok, parsed.error
    return plan_import(parsed, snapshot, mark_leavers)


def _outcomes(plan) -> list[tuple[int, str, str | tuple]]:
    return [
        (p.row.line, p.outcome.value, p.reason if p.outcome is Outcome.ERROR else p.changes)
        for p in plan.rows
    ]


def test_each_row_is_new_updated_unchanged_or_an_error():
    snapshot = _snapshot(
        _pupil(1, "Ann", "Lee", 4, ["4A"]),
        _pupil(2, "Bob", "Ray", 4, ["4A"]),
        _pupil(3, "Cat", "Sim", 4, ["4A"], has_left=True),
        _pupil(4, "Dan", "Tu", 4),
        _pupil(5, "Dan", "Tu", 4),
    )
    plan = _plan(
        [
            "Ann,Lee,4,4A",  # 2 unchanged
            "BOB , ray ,Y4,4b",  # 3 renamed and moved to the existing 4B
            "Cat,Sim,4,4A",  # 4 back from the leavers
            "Dan,Tu,4,4A",  # 5 two pupils of that name: ambiguous
            "Eve,Ng,4,4C",  # 6 new, in a new class
            "Ann,Lee,5,5A",  # 7 same name in another year: new
            "ann,LEE,4,4B",  # 8 duplicate of row 2
            "Fay,Oz,N1,",  # 9 unknown year
        ],
        snapshot,
    )
    assert _outcomes(plan) == [
        (2, "unchanged", ()),
        (3, "updated", ("name spelt “BOB ray”", "moves from 4A to 4B")),
        (4, "updated", ("back from the leavers",)),
        (
            5,
            "error",
            "2 pupils in Year 4 already have this name, so we cannot tell which one this row "
            "means. Change them on the pupils page instead.",
        ),
        (6, "new", ()),
        (7, "new", ()),
        (8, "error", "The same pupil is on row 2: each pupil may appear once."),
        (9, "error", "“N1” is a nursery year: prof123 starts at Reception."),
    ]
    assert plan.counts == {"error": 3, "new": 2, "updated": 2, "unchanged": 1, "leavers": 0}
    moved = plan.rows[1]
    assert (moved.pupil_id, moved.class_name, moved.leave_classes) == (2, "4B", ("4A",))
    assert moved.rename and moved.joins_class and not moved.rejoins
    assert plan.rows[2].rejoins and not plan.rows[2].joins_class
    assert plan.new_classes == ("4C", "5A")
    assert plan.new_cohorts == (YEAR - 5,)


def test_a_class_keeps_the_spelling_it_already_has_or_its_first_rows():
    plan = _plan(["Ann,Lee,4,4a", "Bob,Ray,4,5z", "Cat,Sim,4,5Z"], _snapshot())
    assert [p.class_name for p in plan.rows] == ["4A", "5z", "5z"]
    assert plan.new_classes == ("5z",)


def test_a_pupil_leaves_only_the_classes_the_file_names():
    # 4A and the maths set M1 are this year's classes; the file knows only 4A and 4B.
    snapshot = _snapshot(_pupil(1, "Ann", "Lee", 4, ["4A", "M1"]), classes=("4A", "4B", "M1"))
    plan = _plan(["Ann,Lee,4,4B", "Bob,Ray,4,4A"], snapshot)
    assert plan.rows[0].leave_classes == ("4A",)
    assert plan.rows[0].changes == ("moves from 4A to 4B",)


def test_a_blank_class_cell_leaves_the_class_alone():
    plan = _plan(["Ann,Lee,4,"], _snapshot(_pupil(1, "Ann", "Lee", 4, ["4A"])))
    assert plan.rows[0].outcome is Outcome.UNCHANGED and plan.rows[0].class_name is None


def test_leavers_are_the_pupils_on_roll_the_file_does_not_name():
    snapshot = _snapshot(
        _pupil(1, "Ann", "Lee", 4),
        _pupil(2, "Bob", "Ray", 4),
        _pupil(3, "Cat", "Sim", 4, has_left=True),
        _pupil(4, "Dan", "Tu", 3),
    )
    # Dan's row has an error, but he is named: he is not marked as a leaver.
    plan = _plan(["Ann,Lee,4,4A", "Dan,Tu,Year 9,"], snapshot, mark_leavers=True)
    assert [p.id for p in plan.leavers] == [2]
    assert plan.not_in_file == 1 and plan.counts["leavers"] == 1
    unasked = _plan(["Ann,Lee,4,4A", "Dan,Tu,Year 9,"], snapshot)
    assert unasked.leavers == () and unasked.not_in_file == 1
    assert not _plan(["Ann,Lee,4,4A"], _snapshot(_pupil(1, "Ann", "Lee", 4, ["4A"]))).leavers


def test_the_failed_rows_are_listed_with_their_reasons():
    plan = _plan(["Ann,Lee,4,4A", ",Ray,4,4A", "Cat,Sim,9,9Z"], _snapshot())
    assert failed_rows(plan) == [
        (3, "", "Ray", "4", "4A", "The first name is missing."),
        (4, "Cat", "Sim", "9", "9Z", "Year 9 is not a primary school year (Reception to Year 6)."),
    ]
    # The file of failed rows can be fixed and imported as it is.
    assert parse_roster(_csv(",".join(importing.FAILED_ROWS_HEADER))).error.endswith(
        "no pupils under it."
    )
