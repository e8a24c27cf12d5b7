"""Roster import over HTTP: upload, dry run (nothing written), confirm (all at once), the
failed rows as CSV, leavers, privacy of the extra columns, and SQL that does not grow per row."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import event, func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from prof123.admin import import_services
from prof123.extensions import db
from prof123.models import (
    AuditEntry,
    Base,
    Cohort,
    LoginSession,
    Pupil,
    SchoolClass,
    utcnow,
)
from prof123.schoolyear import academic_year_of, cohort_start_year_for
from prof123.security import operator_context, tenant_context
from tests.conftest import sign_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"
# Values of the columns the importer must drop: none may be kept anywhere.
SIMS_PRIVATE_VALUES = (
    "A123456789012",
    "B223456789013",
    "14/03/2016",
    "02/11/2015",
    "Mill Lane",
    "High Street",
    "The Old Forge",
)


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _upload(client, data: bytes, mark_leavers: bool = False, filename: str = "pupils.csv"):
    """Post the file as a browser would. The body is built in memory: the test client would
    spool a large one to a temporary file that a refused (413) request never closes."""
    form = {"roster": FileStorage(io.BytesIO(data), filename)}
    if mark_leavers:
        form["mark_leavers"] = "y"
    boundary, body = encode_multipart(form)
    return client.post(
        "/admin/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def _token(response) -> str:
    field = _soup(response).select_one("form[action='/admin/import/confirm'] input[name=upload]")
    assert field is not None, response.get_data(as_text=True)[:2000]
    return field["value"]


def _counts(response) -> dict[str, int]:
    counts = {}
    for item in _soup(response).select(".import-count"):
        number, _, label = item.get_text(" ", strip=True).partition(" ")
        counts[label] = int(number.replace(",", ""))
    return counts


def _table_rows(response, heading_id: str) -> list[list[str]]:
    section = _soup(response).find(id=heading_id).find_parent("section")
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in section.select("tbody tr")
    ]


def _roster(app, school_id: int) -> dict[str, tuple]:
    """Every pupil of the school: name -> (year group, this year's classes, left_on)."""
    year = academic_year_of(date.today())
    with app.app_context(), tenant_context(school_id):
        pupils = db.session.scalars(select(Pupil)).all()
        classes: dict[int, set[str]] = {}
        for pupil_id, name in db.session.execute(
            select(Pupil.id, SchoolClass.name)
            .join(Pupil.classes)
            .where(SchoolClass.academic_year == year)
        ):
            classes.setdefault(pupil_id, set()).add(name)
        return {
            f"{p.first_name} {p.last_name}": (
                year - p.cohort.start_year,
                frozenset(classes.get(p.id, ())),
                p.left_on,
            )
            for p in pupils
        }


def _row_counts(app) -> dict[str, int]:
    with app.app_context(), operator_context():
        return {
            model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Pupil, Cohort, SchoolClass, AuditEntry)
        }


def test_upload_page_explains_the_columns_and_privacy(client, world):
    sign_in(client, world.a.admin)
    response = client.get("/admin/import")
    assert response.status_code == 200
    page = _soup(response)
    form = page.select_one("form[action='/admin/import']")
    assert form["enctype"] == "multipart/form-data"
    assert page.select_one("input[type=file][name=roster]") is not None
    assert "never stored" in page.get_text()
    assert page.select_one("a[href='/admin/rollover']") is not None


def test_the_dry_run_lists_every_row_and_writes_nothing(app, client, world):
    sign_in(client, world.a.admin)
    before = _row_counts(app)
    response = _upload(client, _fixture("sims_excel_bom.csv"))
    assert response.status_code == 200
    assert _counts(response) == {"with problems": 5, "new": 8, "updated": 0, "unchanged": 0}
    errors = {row[0]: row[3] for row in _table_rows(response, "errors-heading")}
    assert errors == {
        "8": "“N2” is a nursery year: prof123 starts at Reception.",
        "9": "The last name is missing.",
        "10": "The same pupil is on row 2: each pupil may appear once.",
        "11": "Year 7 is not a primary school year (Reception to Year 6).",
        "12": "The last name is longer than 60 characters.",
    }
    new = {row[1]: (row[2], row[3]) for row in _table_rows(response, "new-heading")}
    assert new["Shaun O'Brien"] == ("Year 4", "4M")  # the preferred forename, quoted cells
    assert new["Tom Smith, Jr"] == ("Year 4", "4B")  # a comma inside quotes
    assert new["Annie Nguyen"] == ("Reception", "RB")
    assert new["Noah taylor"] == ("Year 3", "3M")  # spaces trimmed
    # Errors come first on the page, before the button and the other rows.
    headings = [h["id"] for h in _soup(response).select("h2[id]")]
    assert headings.index("errors-heading") < headings.index("confirm-heading")
    assert headings.index("confirm-heading") < headings.index("new-heading")
    body = response.get_data(as_text=True)
    assert "Ignored and not stored: UPN, DOB, Gender, Address, SEN Status." in body
    assert _row_counts(app) == before


def test_confirm_imports_every_good_row_in_one_go(app, client, world):
    sign_in(client, world.a.admin)
    before = _roster(app, world.a.id)
    token = _token(_upload(client, _fixture("sims_excel_bom.csv")))
    response = client.post("/admin/import/confirm", data={"upload": token})
    assert response.status_code == 303
    after = _roster(app, world.a.id)
    added = {name: value for name, value in after.items() if name not in before}
    assert added == {
        "Chidinma Okafor": (4, frozenset({"4M"}), None),
        "Shaun O'Brien": (4, frozenset({"4M"}), None),
        "Zuzanna Kowalska": (4, frozenset({"4B"}), None),
        "Tom Smith, Jr": (4, frozenset({"4B"}), None),
        "Yusuf Ahmed": (0, frozenset({"RB"}), None),
        "Annie Nguyen": (0, frozenset({"RB"}), None),
        "Isla Brown": (6, frozenset({"6T"}), None),
        "Noah taylor": (3, frozenset({"3M"}), None),
    }
    assert {name: value for name, value in after.items() if name in before} == before
    with app.app_context(), tenant_context(world.a.id):
        new_pupils = db.session.scalars(select(Pupil).where(Pupil.first_name == "Shaun")).all()
        assert [p.username for p in new_pupils] == ["shauno"]
        assert new_pupils[0].secret_hash == import_services.NO_SECRET_YET
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "imported")).one()
        assert entry.object_type == "pupils" and entry.object_id == "8"
        assert "8 new, 0 updated, 0 unchanged, 5 rows skipped" in entry.detail
        assert "Okafor" not in entry.detail and "Chidinma" not in entry.detail
    home = client.get("/admin/").get_data(as_text=True)
    assert "8 new pupils added" in home and "print their class" in home


def test_imported_pupils_cannot_sign_in_until_cards_give_them_a_secret(app, client, world):
    sign_in(client, world.a.admin)
    token = _token(_upload(client, _fixture("sims_excel_bom.csv")))
    client.post("/admin/import/confirm", data={"upload": token})
    pupil_client = app.test_client()
    for secret in ("", "2345", import_services.NO_SECRET_YET):
        response = pupil_client.post(
            "/signin/pupil",
            data={"school_code": world.a.code, "username": "shauno", "secret": secret},
        )
        assert response.status_code in (401, 422)


def test_importing_the_same_file_again_changes_nothing(app, client, world):
    sign_in(client, world.a.admin)
    data = _fixture("sims_excel_bom.csv")
    client.post("/admin/import/confirm", data={"upload": _token(_upload(client, data))})
    before = _roster(app, world.a.id)
    again = _upload(client, data)
    assert _counts(again) == {"with problems": 5, "new": 0, "updated": 0, "unchanged": 8}
    assert "Nothing to import" in again.get_data(as_text=True)
    assert _soup(again).select_one("form[action='/admin/import/confirm']") is None
    assert _roster(app, world.a.id) == before


def _world_file(world, rows: list[str], header: str = "Forename,Surname,Year,Reg group") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def test_existing_pupils_match_by_name_case_and_spaces_aside(app, client, world):
    first, second, third = world.a.classes[0].pupils
    rows = [
        # Same pupil, same class: unchanged.
        f"{first.first_name},{first.last_name},4,{world.a.classes[0].name}",
        # Same pupil in capitals with extra spaces, moving to the other class.
        f"  {second.first_name.upper()} , {second.last_name.upper()} ,Year 4,"
        f"{world.a.classes[1].name.lower()}",
        # Same name in another year group: another pupil.
        f"{third.first_name},{third.last_name},Year 5,5Z",
    ]
    sign_in(client, world.a.admin)
    response = _upload(client, _world_file(world, rows))
    assert _counts(response) == {"with problems": 0, "new": 1, "updated": 1, "unchanged": 1}
    [updated] = _table_rows(response, "updated-heading")
    assert updated[3] == (
        f"name spelt “{second.first_name.upper()} {second.last_name.upper()}”; "
        f"moves from {world.a.classes[0].name} to {world.a.classes[1].name}"
    )
    client.post("/admin/import/confirm", data={"upload": _token(response)})
    after = _roster(app, world.a.id)
    upper = f"{second.first_name.upper()} {second.last_name.upper()}"
    assert after[upper] == (4, frozenset({world.a.classes[1].name}), None)
    assert after[f"{first.first_name} {first.last_name}"][1] == {world.a.classes[0].name}
    with app.app_context(), tenant_context(world.a.id):
        usernames = db.session.scalars(
            select(Pupil.username).where(Pupil.first_name == third.first_name)
        ).all()
        # Both classes have a pupil with this first name and initial: the new one is a third.
        assert len(usernames) == len(set(usernames)) == 3
        assert third.username + "3" in usernames


def test_pupils_missing_from_the_file_can_be_marked_as_leavers(app, client, world):
    stays = world.a.classes[0].pupils
    leaving = world.a.classes[1].pupils
    rows = [f"{p.first_name},{p.last_name},4,{world.a.classes[0].name}" for p in stays]
    sign_in(client, world.a.admin)
    without = _upload(client, _world_file(world, rows))
    assert "3 pupils in prof123 are not in this file. They stay as they are." in (
        without.get_data(as_text=True)
    )
    response = _upload(client, _world_file(world, rows), mark_leavers=True)
    assert _counts(response)["to mark as leavers"] == len(leaving)
    names = {li.get_text(strip=True) for li in _soup(response).select(".import-name-list li")}
    assert names == {f"{p.first_name} {p.last_name}" for p in leaving}
    # A leaver signed in somewhere is signed out by the import.
    pupil_client = app.test_client()
    sign_in(pupil_client, leaving[0])
    assert client.post("/admin/import/confirm", data={"upload": _token(response)}).status_code == (
        303
    )
    after = _roster(app, world.a.id)
    for pupil in leaving:
        assert after[f"{pupil.first_name} {pupil.last_name}"][2] == utcnow().date()
    for pupil in stays:
        assert after[f"{pupil.first_name} {pupil.last_name}"][2] is None
    assert pupil_client.get("/pupil/").status_code == 302
    with app.app_context(), tenant_context(world.a.id):
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(LoginSession)
                .where(LoginSession.pupil_id == leaving[0].id, LoginSession.ended_at.is_(None))
            )
            == 0
        )
    # On the next import they come back if the file has them again.
    back = [f"{p.first_name},{p.last_name},4," for p in leaving]
    response = _upload(client, _world_file(world, rows + back))
    assert _counts(response)["updated"] == len(leaving)
    assert "back from the leavers" in response.get_data(as_text=True)


def test_columns_other_than_name_year_and_class_are_never_kept(app, client, world):
    sign_in(client, world.a.admin)
    response = _upload(client, _fixture("sims_excel_bom.csv"))
    page = response.get_data(as_text=True)
    token = _token(response)
    payload = URLSafeTimedSerializer(app.secret_key, salt=import_services.UPLOAD_SALT).loads(token)
    client.post("/admin/import/confirm", data={"upload": token})
    with app.app_context(), operator_context():
        stored = [
            str(value)
            for table in Base.metadata.sorted_tables
            for row in db.session.execute(select(table))
            for value in row
            if value is not None
        ]
    for value in SIMS_PRIVATE_VALUES:
        assert value not in page
        assert value not in repr(payload)
        assert not any(value in cell for cell in stored), value


def test_the_rows_that_failed_download_as_safe_csv(client, world):
    data = _world_file(
        world,
        [
            '=HYPERLINK("http://x.example"),Evil,Year 9,4Z',
            "Ann,Lee,4,4Z",
            ",Nobody,4,4Z",
        ],
    )
    sign_in(client, world.a.admin)
    token = _token(_upload(client, data))
    response = client.post("/admin/import/failed-rows", data={"upload": token})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows == [
        ["Row", "First name", "Last name", "Year", "Class", "Problem"],
        [
            "2",
            '\'=HYPERLINK("http://x.example")',
            "Evil",
            "Year 9",
            "4Z",
            "Year 9 is not a primary school year (Reception to Year 6).",
        ],
        ["4", "", "Nobody", "4", "4Z", "The first name is missing."],
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("arbor_semicolons.csv", {"with problems": 1, "new": 4, "updated": 0, "unchanged": 0}),
        ("excel_windows_1252.csv", {"with problems": 0, "new": 5, "updated": 0, "unchanged": 0}),
        ("excel_unicode_text.csv", {"with problems": 0, "new": 2, "updated": 0, "unchanged": 0}),
    ],
)
def test_messy_exports_are_read(app, client, world, name, expected):
    sign_in(client, world.a.admin)
    response = _upload(client, _fixture(name))
    assert response.status_code == 200
    assert _counts(response) == expected
    client.post("/admin/import/confirm", data={"upload": _token(response)})
    assert sum(1 for value in _roster(app, world.a.id).values() if value[2] is None) == (
        6 + expected["new"]
    )


def test_a_windows_1252_file_says_how_it_was_read(app, client, world):
    sign_in(client, world.a.admin)
    response = _upload(client, _fixture("excel_windows_1252.csv"))
    body = response.get_data(as_text=True)
    assert "read it as Windows-1252" in body
    names = {row[1] for row in _table_rows(response, "new-heading")}
    assert {"José Núñez", "Zoë Müller", "Chloé Lefèvre", "Siân Hughes"} <= names
    client.post("/admin/import/confirm", data={"upload": _token(response)})
    assert _roster(app, world.a.id)["Zoë Müller"] == (2, frozenset({"2S"}), None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Choose the CSV file"),
        (b"   \r\n", "The file is empty."),
        (_fixture("no_year_column.csv"), "The file has no column for year."),
        (b"PK\x03\x04" + b"\x00" * 100, "This is an Excel workbook, not a CSV file."),
        (b"Forename,Surname,Year\r\n", "The file has a header row but no pupils under it."),
        (b"Forename,Surname,Year\r\n" + b"Ann,Lee,4\r\n" * 5_001, "more than 5,000 pupils"),
        (b"Forename,Surname,Year\r\n" + b"x" * 1_000_000, "bigger than 1 MB"),
    ],
)
def test_a_file_that_cannot_be_imported_says_why_and_changes_nothing(
    app, client, world, data, message
):
    sign_in(client, world.a.admin)
    before = _row_counts(app)
    response = _upload(client, data, filename="pupils.csv" if data else "")
    assert response.status_code == 422
    page = _soup(response)
    assert message in page.select_one(".field-error").get_text()
    assert page.select_one("input[type=file][name=roster]") is not None
    assert _row_counts(app) == before


def test_a_request_bigger_than_the_app_takes_gets_the_upload_page(client, world):
    sign_in(client, world.a.admin)
    response = _upload(client, b"Forename,Surname,Year\r\n" + b"y" * 1_100_000)
    assert response.status_code == 413
    page = _soup(response)
    assert "bigger than 1 MB" in page.select_one(".panel-error").get_text()
    assert page.select_one("input[type=file][name=roster]") is not None


def test_a_tampered_or_stale_upload_is_refused(app, client, world, monkeypatch):
    sign_in(client, world.a.admin)
    token = _token(_upload(client, _fixture("sims_excel_bom.csv")))
    before = _row_counts(app)
    swapped = token[:-6] + ("AAAAAA" if not token.endswith("AAAAAA") else "BBBBBB")
    for value in ("", "not-a-token", swapped):
        response = client.post("/admin/import/confirm", data={"upload": value})
        assert response.status_code == 422
        assert "upload the file again" in response.get_data(as_text=True)
    monkeypatch.setattr(import_services, "UPLOAD_MAX_AGE", -1)
    assert client.post("/admin/import/confirm", data={"upload": token}).status_code == 422
    assert _row_counts(app) == before


def test_an_upload_checked_by_one_admin_cannot_be_used_by_another(app, client, world):
    sign_in(client, world.a.admin)
    token = _token(_upload(client, _fixture("sims_excel_bom.csv")))
    other = app.test_client()
    sign_in(other, world.b.admin)
    before = _row_counts(app)
    assert other.post("/admin/import/confirm", data={"upload": token}).status_code == 422
    assert other.post("/admin/import/failed-rows", data={"upload": token}).status_code == 422
    assert _row_counts(app) == before


def test_a_change_between_the_check_and_the_import_shows_the_check_again(app, client, world):
    sign_in(client, world.a.admin)
    token = _token(_upload(client, _fixture("sims_excel_bom.csv")))
    with app.app_context(), tenant_context(world.a.id):
        from prof123.admin import services as roster
        from prof123.models import School

        school = db.session.get(School, world.a.id)
        cohort = roster.get_or_create_cohort(
            school, cohort_start_year_for(0, academic_year_of(date.today()))
        )
        roster.create_pupil(school, "Yusuf", "Ahmed", cohort, "2345")
        db.session.commit()
    before = _row_counts(app)
    response = client.post("/admin/import/confirm", data={"upload": token})
    assert response.status_code == 409
    assert "changed while you were checking" in response.get_data(as_text=True)
    # Yusuf is there now (in no class): the file puts him in RB.
    assert _counts(response) == {"with problems": 5, "new": 7, "updated": 1, "unchanged": 0}
    assert _row_counts(app) == before
    # Confirming the new check imports it.
    assert client.post("/admin/import/confirm", data={"upload": _token(response)}).status_code == (
        303
    )


def test_the_import_is_all_or_nothing(app, client, world, monkeypatch):
    sign_in(client, world.a.admin)
    token = _token(_upload(client, _fixture("sims_excel_bom.csv")))
    before = _row_counts(app)

    def fail(*_args, **_kwargs):
        raise RuntimeError("the disk is full")

    # The audit entry is the last thing written: every row is flushed by then.
    monkeypatch.setattr(import_services.audit, "record", fail)
    response = client.post("/admin/import/confirm", data={"upload": token})
    assert response.status_code == 500
    assert _row_counts(app) == before


def _new_pupils_file(count: int, year: int, class_name: str) -> bytes:
    rows = [f"Pupil{n},Surname{n % 7},{year},{class_name}" for n in range(count)]
    return ("\r\n".join(["Forename,Surname,Year,Class", *rows]) + "\r\n").encode()


def _statements_for(app, client, data: bytes) -> tuple[int, int]:
    statements: list[tuple[str, bool]] = []

    def count(_conn, _cursor, statement, _parameters, _context, executemany):
        if not statement.startswith(("BEGIN", "PRAGMA", "SAVEPOINT", "RELEASE")):
            statements.append((statement, executemany))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = _upload(client, data)
        checked = len(statements)
        assert (
            client.post("/admin/import/confirm", data={"upload": _token(response)}).status_code
            == 303
        )
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return checked, len(statements) - checked


def test_sql_statements_do_not_grow_with_the_number_of_rows(app, client, world):
    sign_in(client, world.a.admin)
    small = _statements_for(app, client, _new_pupils_file(50, 2, "2S"))
    large = _statements_for(app, client, _new_pupils_file(500, 5, "5L"))
    assert small == large, (small, large)
    check, write = large
    # Check: session + cohorts + classes + class links + pupils.
    assert check == 5
    assert write <= 14
    with app.app_context(), tenant_context(world.a.id):
        assert db.session.scalar(select(func.count()).select_from(Pupil)) == 6 + 550


def test_other_schools_are_untouched_and_invisible(app, client, world):
    b_pupil = world.b.classes[0].pupils[0]
    rows = [f"{b_pupil.first_name},{b_pupil.last_name},4,{world.b.classes[0].name}"]
    sign_in(client, world.a.admin)
    before_b = _roster(app, world.b.id)
    response = _upload(client, _world_file(world, rows), mark_leavers=True)
    assert _counts(response)["new"] == 1  # school B's pupil is nobody school A knows
    assert _counts(response)["to mark as leavers"] == 6
    client.post("/admin/import/confirm", data={"upload": _token(response)})
    assert _roster(app, world.b.id) == before_b


def test_teachers_cannot_import(client, world):
    sign_in(client, world.a.teachers[0])
    assert client.get("/admin/import").status_code == 403
    assert _upload(client, _fixture("sims_excel_bom.csv")).status_code == 403


def test_a_check_too_big_to_carry_back_asks_for_smaller_files(client, world, monkeypatch):
    monkeypatch.setattr(import_services, "UPLOAD_MAX_CHARS", 100)
    sign_in(client, world.a.admin)
    response = _upload(client, _fixture("sims_excel_bom.csv"))
    assert response.status_code == 200
    assert "too big to import in one go" in response.get_data(as_text=True)
    page = _soup(response)
    assert page.select_one("form[action='/admin/import/confirm']") is None
    assert page.select_one("form[action='/admin/import/failed-rows']") is None
