"""The school's data rights: export (one pupil, the whole school), erasure, restriction, the
audit log and retention of leavers' data.

The lists of tables these tests check are derived from the models' metadata, so a table
added later without export or erasure support fails them.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import zipfile
from datetime import timedelta

import itsdangerous.timed
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import and_, delete, or_, select, text, update

from prof123 import audit
from prof123.admin import rights
from prof123.extensions import db
from prof123.models import (
    AuditEntry,
    Base,
    GameMode,
    Pupil,
    School,
    StaffUser,
    utcnow,
)
from prof123.security import operator_context, tenant_context
from prof123.timestables import services as tt
from tests import factories
from tests.conftest import counting_statements, sign_in

# --- helpers ---------------------------------------------------------------------------------


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def tables_referencing_pupils() -> set[str]:
    """Every table with a foreign key, direct or composite, to pupils."""
    return {
        table.name
        for table in Base.metadata.sorted_tables
        if any(fk.column.table.name == "pupils" for fk in table.foreign_keys)
    }


def _primary_key(table, row) -> tuple:
    return tuple(row._mapping[c.name] for c in table.primary_key.columns)


def snapshot(app) -> dict[str, dict[tuple, tuple]]:
    """Every row of every table, by primary key, read past the ORM's school filter."""
    with app.app_context(), db.engine.connect() as connection:
        return {
            table.name: {
                _primary_key(table, row): tuple(row) for row in connection.execute(table.select())
            }
            for table in Base.metadata.sorted_tables
        }


def rows_depending_on(app, table_name: str, keys: set[tuple]) -> dict[str, set[tuple]]:
    """The rows (by primary key) that depend on the given rows through foreign keys, found
    by walking the schema's metadata down from them: the rows an erasure must delete."""
    tables = Base.metadata.tables
    found: dict[str, dict[tuple, dict]] = {}
    with app.app_context(), db.engine.connect() as connection:
        table = tables[table_name]
        pk = list(table.primary_key.columns)
        for key in keys:
            row = connection.execute(
                table.select().where(and_(*(c == v for c, v in zip(pk, key, strict=True))))
            ).one()
            found.setdefault(table_name, {})[key] = dict(row._mapping)
        changed = True
        while changed:
            changed = False
            for child in Base.metadata.sorted_tables:
                for constraint in child.foreign_key_constraints:
                    parent = constraint.referred_table.name
                    if parent not in found:
                        continue
                    pairs = [(e.parent, e.column.name) for e in constraint.elements]
                    condition = or_(
                        *(
                            and_(*(column == row[name] for column, name in pairs))
                            for row in found[parent].values()
                        )
                    )
                    for row in connection.execute(child.select().where(condition)):
                        key = _primary_key(child, row)
                        if key not in found.setdefault(child.name, {}):
                            found[child.name][key] = dict(row._mapping)
                            changed = True
    return {name: set(rows) for name, rows in found.items()}


def give_data(app, pupil: factories.PupilRecord, assignment: str | None = None) -> None:
    """A pupil with something in every kind of record: a practice game with answers and an
    interruption, access arrangements, a typing warm-up, an assessment begun and answered,
    and audit entries about them."""
    from prof123.assess import services as assess
    from prof123.models import AssessmentAssignment, AssessmentAttempt, AssessmentResponse

    with app.app_context(), tenant_context(pupil.school_id):
        row = db.session.get(Pupil, pupil.id)
        now = utcnow()
        game = tt.start_attempt(row, tt.GameRequest(GameMode.PRACTICE), now, random.Random(5))
        tt.begin_questions(game, now)
        tt.submit_answer(game, 1, "12", 900, now + timedelta(seconds=2))
        tt.submit_answer(game, 2, "=1+1", 800, now + timedelta(seconds=4), reconnected=True)
        tt.set_arrangements(row, font_size=5, input_assistant_name="Mrs Helper")
        tt.record_typing_speed(row, 10, 5000, now)
        rights.set_restriction(row, True)
        rights.set_restriction(row, False)
        db.session.commit()
    if assignment is None:
        return
    with app.app_context():
        attempt_id = factories.start_assessment(pupil, assignment)
    with app.app_context(), tenant_context(pupil.school_id):
        attempt = db.session.scalar(
            select(AssessmentAttempt).where(AssessmentAttempt.public_id == attempt_id)
        )
        first = db.session.scalar(
            select(AssessmentResponse).where(
                AssessmentResponse.attempt_id == attempt.id, AssessmentResponse.position == 1
            )
        )
        set_for = db.session.get(AssessmentAssignment, attempt.assignment_id)
        assess.save_answer(attempt, set_for, first, "42", False, utcnow())
        assess.hand_in(attempt, utcnow())
        db.session.commit()


def _set_assessment(app, world) -> str:
    a = world.a
    with app.app_context():
        _, [assignment] = factories.make_assessment(a.id, a.teachers[0].id, [a.classes[0].id])
    return assignment


def _download(client, post_url: str) -> zipfile.ZipFile:
    response = client.post(post_url)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    download = client.get(response.headers["Location"])
    assert download.status_code == 200, download.get_data(as_text=True)[:300]
    assert download.mimetype == "application/zip"
    assert "attachment" in download.headers["Content-Disposition"]
    body = download.get_data()
    download.close()  # as a WSGI server does: the built file is closed and gone
    return zipfile.ZipFile(io.BytesIO(body))


def _json(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return json.loads(archive.read(f"json/{name}.json"))


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict]:
    text_ = archive.read(f"csv/{name}.csv").decode("utf-8")
    assert text_.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text_[1:])))


def _check_against_schema(archive: zipfile.ZipFile) -> dict:
    """Every JSON file matches its schema: the same fields, each of the declared type."""
    schema = json.loads(archive.read("schema.json"))
    python_types = {
        "integer": int,
        "string": str,
        "boolean": bool,
        "null": type(None),
    }
    for name, described in schema["files"].items():
        properties = described["schema"]["items"]["properties"]
        for field, spec in properties.items():
            assert spec["description"].strip(), f"{name}.{field} has no description"
        rows = _json(archive, name)
        assert len(_csv(archive, name)) == len(rows)
        for row in rows:
            assert set(row) == set(properties), name
            for field, value in row.items():
                kinds = properties[field]["type"]
                spec_types = kinds if isinstance(kinds, list) else [kinds]
                allowed = tuple(python_types[k] for k in spec_types)
                assert isinstance(value, allowed), f"{name}.{field} = {value!r}"
                if isinstance(value, bool):
                    assert "boolean" in spec_types, f"{name}.{field} = {value!r}"
    return schema


# --- coverage, from the metadata -------------------------------------------------------------


def test_every_table_that_references_pupils_is_in_a_pupils_export():
    """A table added with a foreign key to pupils fails here until the export covers it."""
    covered = {part.name for part in rights.pupil_parts()}
    missing = tables_referencing_pupils() - covered
    assert not missing, f"add these tables to prof123.admin.rights.PARTS: {missing}"
    # And the rows that hang off those tables (answers, interruptions) are covered too.
    dependants = {
        table.name
        for table in Base.metadata.sorted_tables
        if any(fk.column.table.name in tables_referencing_pupils() for fk in table.foreign_keys)
    }
    assert dependants - {"pupils"} <= covered, dependants - covered
    # Erasure deletes every one of them.
    assert tables_referencing_pupils() <= set(rights.ERASURE_ORDER)


def test_every_table_is_in_the_school_export_or_left_out_with_a_reason():
    parts = {part.name for part in rights.PARTS}
    for table in Base.metadata.sorted_tables:
        assert table.name in parts or rights.NOT_EXPORTED.get(table.name), table.name


def test_every_exported_field_is_described_and_every_hash_is_left_out():
    for part in rights.PARTS:
        for column in part.table.columns:
            if column.name in part.omitted:
                assert part.omitted[column.name].strip()
                continue
            assert part.describe(column.name).strip(), f"{part.name}.{column.name}"
            assert not column.name.endswith("_hash"), f"{part.name}.{column.name} is exported"


# --- access and portability ------------------------------------------------------------------


def test_a_pupils_export_holds_every_row_about_them_and_nothing_else(app, client, world):
    pupil, classmate = world.a.classes[0].pupils[:2]
    assignment = _set_assessment(app, world)
    give_data(app, pupil, assignment)
    give_data(app, classmate, assignment)
    sign_in(app.test_client(), pupil)  # a sign-in session
    sign_in(client, world.a.admin)

    archive = _download(client, f"/admin/data/pupils/{pupil.public_id}/export")
    names = set(archive.namelist())
    assert {"README.txt", "schema.json"} <= names
    for table in tables_referencing_pupils() | {"times_tables_attempt_events"}:
        assert {f"json/{table}.json", f"csv/{table}.csv"} <= names, table
    schema = _check_against_schema(archive)
    assert schema["export"]["kind"] == "pupil" and schema["export"]["pupil"] == pupil.public_id

    # Every row that depends on the pupil (walked through the schema) is in the export.
    about = rows_depending_on(app, "pupils", {(pupil.id,)})
    assert about.keys() >= tables_referencing_pupils()
    for table_name, keys in about.items():
        table = Base.metadata.tables[table_name]
        exported = {
            tuple(row[c.name] for c in table.primary_key.columns if c.name != "school_id")
            for row in _json(archive, table_name)
        }
        expected = {
            tuple(
                v
                for c, v in zip(table.primary_key.columns, key, strict=True)
                if c.name != "school_id"
            )
            for key in keys
        }
        assert exported == expected, table_name
    # Nothing about the classmate; no hash of anything.
    body = b"".join(archive.read(name) for name in names).decode("utf-8")
    assert classmate.username not in body and classmate.first_name not in body
    with app.app_context(), operator_context():
        secret_hash = db.session.get(Pupil, pupil.id).secret_hash
    assert secret_hash not in body and "secret_hash" not in json.dumps(_json(archive, "pupils"))
    # The audit entries about the pupil, their class and the assessment they took come too.
    actions = {entry["action"] for entry in _json(archive, "audit_entries")}
    assert {"restricted", "unrestricted", "exported"} <= actions
    assert [c["name"] for c in _json(archive, "school_classes")] == [world.a.classes[0].name]
    assert len(_json(archive, "assessments")) == 1


def test_csv_cells_that_look_like_formulas_are_written_as_text(app, client, world):
    pupil = world.a.classes[0].pupils[0]
    with app.app_context(), tenant_context(pupil.school_id):
        db.session.get(Pupil, pupil.id).first_name = '=HYPERLINK("http://x")'
        db.session.commit()
    give_data(app, pupil)
    sign_in(client, world.a.admin)
    archive = _download(client, f"/admin/data/pupils/{pupil.public_id}/export")
    [row] = _csv(archive, "pupils")
    assert row["first_name"] == '\'=HYPERLINK("http://x")'
    assert _json(archive, "pupils")[0]["first_name"] == '=HYPERLINK("http://x")'
    typed = {r["typed"] for r in _csv(archive, "times_tables_answers")}
    assert "'=1+1" in typed
    assert {r["is_correct"] for r in _csv(archive, "times_tables_answers")} <= {"true", "false"}


def test_exports_are_audited_and_need_the_ticket_from_the_request(app, client, world, monkeypatch):
    pupil = world.a.classes[0].pupils[0]
    sign_in(client, world.a.admin)
    response = client.post(f"/admin/data/pupils/{pupil.public_id}/export")
    assert response.status_code == 303
    with app.app_context(), tenant_context(world.a.id):
        [entry] = db.session.scalars(select(AuditEntry)).all()
    assert (entry.action, entry.object_type, entry.object_id) == (
        "exported",
        "pupil",
        pupil.public_id,
    )
    assert entry.actor_id == world.a.admin.id and entry.actor_kind == "staff"
    # No ticket, someone else's ticket, or a ticket for another pupil: back to the page.
    plain = f"/admin/data/pupils/{pupil.public_id}/export"
    assert client.get(plain).status_code == 302
    other = world.a.classes[0].pupils[1]
    ticket = response.headers["Location"].split("ticket=")[1]
    assert (
        client.get(f"/admin/data/pupils/{other.public_id}/export?ticket={ticket}").status_code
        == 302
    )
    with app.test_request_context():
        forged = rights.export_ticket(world.a.teachers[0].public_id, "pupil", pupil.public_id)
    assert client.get(f"{plain}?ticket={forged}").status_code == 302
    # A ticket runs out.
    later = utcnow() + rights.TICKET_LIFETIME + timedelta(seconds=5)
    monkeypatch.setattr(
        itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: int(later.timestamp())
    )
    assert client.get(f"{plain}?ticket={ticket}").status_code == 302
    monkeypatch.undo()
    # Another school's admin cannot use this school's pupil at all.
    other_school = app.test_client()
    sign_in(other_school, world.b.admin)
    assert other_school.get(f"{plain}?ticket={ticket}").status_code == 404


def test_the_school_export_holds_all_of_the_school_and_none_of_another(app, client, world):
    assignment = _set_assessment(app, world)
    give_data(app, world.a.classes[0].pupils[0], assignment)
    give_data(app, world.b.classes[0].pupils[0])
    sign_in(client, world.a.admin)
    archive = _download(client, "/admin/data/export")
    schema = _check_against_schema(archive)
    assert schema["export"]["kind"] == "school"
    assert set(schema["files"]) == {part.name for part in rights.PARTS}
    assert schema["not_exported"] == rights.NOT_EXPORTED
    # Row counts match the school's own rows, table by table.
    rows = snapshot(app)
    for part in rights.PARTS:
        table = part.table
        if part.name == "schools":
            expected = 1
        else:
            index = [c.name for c in table.columns].index("school_id")
            expected = sum(1 for row in rows[part.name].values() if row[index] == world.a.id)
        assert len(_json(archive, part.name)) == expected, part.name
    staff = _json(archive, "staff_users")
    assert {s["email"] for s in staff} == {world.a.admin.email} | {
        t.email for t in world.a.teachers
    }
    assert "password_hash" not in staff[0] and "password_link_hash" not in staff[0]
    assert "secret_hash" not in _json(archive, "pupils")[0]
    body = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8")
    for marker in (world.b.name, world.b.code, world.b.admin.email):
        assert marker not in body
    for pupil in world.b.classes[0].pupils:
        assert pupil.username not in body
    with app.app_context(), tenant_context(world.a.id):
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.object_type == "school")
        ).one()
    assert entry.action == "exported"
    readme = archive.read("README.txt").decode()
    assert "schema.json" in readme and "sign_in_failure_counts" in readme


def test_exporting_a_big_school_streams_and_stays_quick(app, client, world):
    """A school's worth of answers: built batch by batch, not all at once."""
    import time

    pupil = world.a.classes[0].pupils[0]
    with app.app_context(), tenant_context(world.a.id):
        row = db.session.get(Pupil, pupil.id)
        now = utcnow()
        for n in range(20):
            game = tt.start_attempt(row, tt.GameRequest(GameMode.PRACTICE), now, random.Random(n))
            tt.finish_attempt(game, now)
        db.session.flush()
        from prof123.models import TimesTablesAnswer, TimesTablesAttempt

        games = db.session.scalars(select(TimesTablesAttempt.id)).all()
        db.session.execute(
            TimesTablesAnswer.__table__.insert(),
            [
                {
                    "school_id": world.a.id,
                    "attempt_id": games[i % len(games)],
                    "pupil_id": pupil.id,
                    "number": i // len(games) + 1,
                    "left": 7,
                    "right": 8,
                    "operation": "×",
                    "typed": "56",
                    "is_correct": True,
                    "is_timed_out": False,
                    "is_late": False,
                    "answered_at": now,
                }
                for i in range(20_000)
            ],
        )
        db.session.commit()
    sign_in(client, world.a.admin)
    started = time.perf_counter()
    archive = _download(client, "/admin/data/export")
    took = time.perf_counter() - started
    assert len(_json(archive, "times_tables_answers")) == 20_000
    print(f"school export with 20,000 answers: {took:.2f} s")
    assert took < 20


# --- erasure ---------------------------------------------------------------------------------


def test_the_erasure_page_names_what_will_go_and_asks_for_the_username(app, client, world):
    pupil = world.a.classes[0].pupils[0]
    give_data(app, pupil, _set_assessment(app, world))
    sign_in(client, world.a.admin)
    page = _soup(client.get(f"/admin/data/pupils/{pupil.public_id}/erase"))
    counts = {
        row.th.get_text(strip=True): row.td.get_text(strip=True) for row in page.select("tbody tr")
    }
    assert counts["Answers in times-tables games"] == "2"
    assert counts["Times-tables games and checks"] == "1"
    assert counts["Interruptions noted in games"] == "1"
    assert counts["Maths assessments taken"] == "1"
    assert counts["Class memberships"] == "1"
    assert int(counts["Answers in maths assessments"]) >= 2
    before = snapshot(app)
    wrong = client.post(f"/admin/data/pupils/{pupil.public_id}/erase", data={"username": "nope"})
    assert wrong.status_code == 422
    assert f"Type {pupil.username}" in wrong.get_data(as_text=True)
    assert snapshot(app) == before


def test_erasure_leaves_no_row_about_the_pupil_and_touches_nobody_else(app, client, world):
    pupil, classmate = world.a.classes[0].pupils[:2]
    assignment = _set_assessment(app, world)
    give_data(app, pupil, assignment)
    give_data(app, classmate, assignment)
    give_data(app, world.b.classes[0].pupils[0])
    pupil_client = app.test_client()
    for _ in range(2):  # two wrong tries, then in: a day-long failure count stays
        pupil_client.post(
            "/signin/pupil",
            data={"school_code": pupil.school_code, "username": pupil.username, "secret": "9999"},
        )
    sign_in(pupil_client, pupil)
    sign_in(client, world.a.admin)
    doomed = rows_depending_on(app, "pupils", {(pupil.id,)})
    assert doomed.keys() >= tables_referencing_pupils()
    before = snapshot(app)
    counts_before = {key for key in before["sign_in_failure_counts"] if f":{pupil.id}" in key[0]}
    assert counts_before

    response = client.post(
        f"/admin/data/pupils/{pupil.public_id}/erase", data={"username": pupil.username.upper()}
    )
    assert response.status_code == 303
    after = snapshot(app)

    for table in Base.metadata.sorted_tables:
        gone = before[table.name].keys() - after[table.name].keys()
        added = after[table.name].keys() - before[table.name].keys()
        expected_gone = doomed.get(table.name, set())
        if table.name == "sign_in_failure_counts":
            expected_gone = counts_before
        assert gone == expected_gone, table.name
        # Nobody else's row changed.
        for key in before[table.name].keys() & after[table.name].keys():
            assert before[table.name][key] == after[table.name][key], (table.name, key)
        if table.name == "audit_entries":
            assert len(added) == 1
        else:
            assert not added, table.name
    # Zero rows anywhere still point at the pupil (every column that references pupils.id).
    with app.app_context(), db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table.name == "pupils" and fk.column.name == "id":
                    count = connection.execute(
                        select(text("count(*)")).select_from(table).where(fk.parent == pupil.id)
                    ).scalar()
                    assert count == 0, table.name
    # The entry that remains names the pupil by public id only.
    [entry] = [
        dict(zip([c.name for c in AuditEntry.__table__.columns], row, strict=True))
        for key, row in after["audit_entries"].items()
        if key not in before["audit_entries"]
    ]
    assert (entry["action"], entry["object_type"], entry["object_id"]) == (
        "deleted",
        "pupil",
        pupil.public_id,
    )
    for personal in (pupil.first_name, pupil.last_name, pupil.username, "Mrs Helper"):
        assert personal.lower() not in json.dumps(entry, default=str).lower()
    assert "times_tables_answers 2" in entry["detail"]
    # They are signed out and cannot sign in again.
    assert pupil_client.get("/pupil/").status_code == 302
    refused = app.test_client().post(
        "/signin/pupil",
        data={
            "school_code": pupil.school_code,
            "username": pupil.username,
            "secret": factories.PUPIL_SECRET,
        },
    )
    assert refused.status_code == 401
    assert client.get(f"/admin/data/pupils/{pupil.public_id}").status_code == 404


# --- restriction -----------------------------------------------------------------------------


def test_a_restricted_pupil_is_kept_but_starts_nothing_and_is_left_out_of_results(
    app, client, world
):
    a = world.a
    pupil = a.classes[0].pupils[0]
    assignment = _set_assessment(app, world)
    admin = app.test_client()
    sign_in(admin, a.admin)
    teacher = app.test_client()
    sign_in(teacher, a.teachers[0])
    with app.test_request_context():
        from flask import url_for

        times_tables = url_for("teacher.times_tables_show", class_id=a.classes[0].public_id)
        results = url_for("assess.results_show", assignment_id=assignment)
    name = f"{pupil.first_name} {pupil.last_name}"
    assert name in teacher.get(times_tables).get_data(as_text=True)
    assert name in teacher.get(results).get_data(as_text=True)

    response = admin.post(
        f"/admin/data/pupils/{pupil.public_id}/restriction", data={"restricted": "yes"}
    )
    assert response.status_code == 303
    with app.app_context(), tenant_context(a.id):
        assert db.session.get(Pupil, pupil.id).is_restricted
        entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.object_id, entry.detail) == (
        "restricted",
        pupil.public_id,
        "is_restricted",
    )
    assert "Restricted." in admin.get(f"/admin/data/pupils/{pupil.public_id}").get_data(
        as_text=True
    )

    sign_in(client, pupil)
    paused = "Your teacher has paused your account. Please ask them."
    for mode in ("practice", "speed"):
        refused = client.post("/timestables/start", data={"mode": mode, "count": "10"})
        assert refused.status_code == 409 and paused in refused.get_data(as_text=True)
    warm_up = client.post("/timestables/typing", data={"digits": "10", "total_ms": "4000"})
    assert warm_up.status_code == 303  # nothing is recorded
    start = client.post(f"/assess/work/{assignment}/start")
    assert start.status_code == 303
    assert paused in client.get(start.headers["Location"]).get_data(as_text=True)
    with app.app_context(), tenant_context(a.id):
        from prof123.models import AssessmentAttempt, TimesTablesAttempt, TypingSpeed

        assert db.session.scalars(select(TimesTablesAttempt)).all() == []
        assert db.session.scalars(select(AssessmentAttempt)).all() == []
        assert db.session.scalars(select(TypingSpeed)).all() == []
    # Left out of the teacher's lists; classmates are not.
    for url in (times_tables, results):
        body = teacher.get(url).get_data(as_text=True)
        assert name not in body
        other = a.classes[0].pupils[1]
        assert f"{other.first_name} {other.last_name}" in body

    admin.post(f"/admin/data/pupils/{pupil.public_id}/restriction", data={"restricted": "no"})
    started = client.post("/timestables/start", data={"mode": "practice", "count": "10"})
    assert started.status_code == 303
    assert name in teacher.get(times_tables).get_data(as_text=True)
    with app.app_context(), tenant_context(a.id):
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["restricted", "unrestricted"]


def test_services_refuse_a_restricted_pupil_whatever_the_mode(app, world):
    pupil = world.a.classes[0].pupils[0]
    with app.app_context(), tenant_context(world.a.id):
        row = db.session.get(Pupil, pupil.id)
        row.is_restricted = True
        for mode in GameMode:
            with pytest.raises(tt.GameError, match="paused your account"):
                tt.start_attempt(row, tt.GameRequest(mode), utcnow(), random.Random(1))
        db.session.rollback()


def test_the_results_page_takes_the_same_statements_with_a_restricted_pupil(app, client, world):
    a = world.a
    assignment = _set_assessment(app, world)
    with app.app_context():
        for pupil in a.classes[0].pupils:
            factories.start_assessment(pupil, assignment)
    with app.app_context(), tenant_context(a.id):
        db.session.get(Pupil, a.classes[0].pupils[0].id).is_restricted = True
        db.session.commit()
    sign_in(client, a.teachers[0])
    with counting_statements(app) as statements:
        page = client.get(f"/assess/results/{assignment}")
    assert page.status_code == 200
    assert len(statements) == 9, "\n".join(statements)
    assert "of 2 pupils" in page.get_data(as_text=True)


def test_restricting_goes_back_to_a_page_of_the_admin_area_only(app, client, world):
    pupil = world.a.classes[0].pupils[0]
    sign_in(client, world.a.admin)
    url = f"/admin/data/pupils/{pupil.public_id}/restriction"
    back = f"/admin/pupils/{pupil.public_id}"
    response = client.post(url, data={"restricted": "yes", "back": back})
    assert response.status_code == 303 and response.headers["Location"] == back
    for bad in ("//evil.example/admin/", "https://evil.example/", "/admin/..//x", "/signin"):
        refused = client.post(url, data={"restricted": "no", "back": bad})
        assert refused.status_code == 422, bad
        assert "Not a page of this site." in refused.get_data(as_text=True)
    empty = client.post(url, data={})
    assert empty.status_code == 422
    assert "Choose to restrict or to lift" in empty.get_data(as_text=True)


# --- the audit log ---------------------------------------------------------------------------


def _entries(app, school_id: int, items: list[dict]) -> None:
    with app.app_context(), tenant_context(school_id):
        for item in items:
            at = item.pop("at", None)
            entry = audit.record(school_id, **item)
            if at is not None:
                entry.at = at
        db.session.commit()


def test_the_audit_log_filters_by_action_object_staff_and_dates(app, client, world):
    a = world.a
    now = utcnow()
    _entries(
        app,
        a.id,
        [
            {"action": "exported", "object_type": "pupil", "object_id": "p1", "at": now},
            {
                "action": "deleted",
                "object_type": "pupil",
                "object_id": "p2",
                "at": now - timedelta(days=10),
            },
            {
                "action": "deleted",
                "object_type": "leavers",
                "object_id": "3",
                "actor_kind": "system",
                "at": now - timedelta(days=40),
            },
        ],
    )
    admin = app.test_client()
    sign_in(admin, a.admin)
    admin.post(f"/admin/data/pupils/{a.classes[0].pupils[0].public_id}/export")  # by the admin
    _entries(
        app,
        b_id := world.b.id,
        [{"action": "exported", "object_type": "school", "object_id": world.b.code}],
    )
    assert b_id != a.id

    def ids(**query) -> list[str]:
        page = _soup(admin.get("/admin/data/audit", query_string=query))
        return [cell.get_text(strip=True) for cell in page.select("tbody tr td:nth-of-type(5)")]

    assert len(ids()) == 4 and world.b.code not in ids()
    assert ids(action="deleted") == ["p2", "3"]
    assert ids(object_type="leavers") == ["3"]
    staff_id = a.admin.public_id
    assert ids(staff=staff_id) == [a.classes[0].pupils[0].public_id]
    since = (now - timedelta(days=15)).date().isoformat()
    until = (now - timedelta(days=5)).date().isoformat()
    assert ids(since=since, until=until) == ["p2"]
    page = admin.get("/admin/data/audit", query_string={"since": until, "until": since})
    assert page.status_code == 422
    assert "before the “from” date" in page.get_data(as_text=True)
    bad = admin.get("/admin/data/audit", query_string={"since": "31/02/2026", "action": "deleted"})
    assert bad.status_code == 422
    soup = _soup(bad)
    assert soup.select_one("#since")["value"] == "31/02/2026"  # what was typed is kept
    assert soup.select_one("#action option[selected]")["value"] == "deleted"
    assert "Automatic daily clean-up" in _soup(admin.get("/admin/data/audit")).get_text()


def test_the_audit_log_is_paginated_and_downloads_as_safe_csv(app, client, world):
    a = world.a
    _entries(
        app,
        a.id,
        [
            {"action": "changed", "object_type": "pupil", "object_id": f"id{n}", "detail": "=cmd"}
            for n in range(60)
        ],
    )
    sign_in(client, a.admin)
    first = _soup(client.get("/admin/data/audit"))
    assert len(first.select("tbody tr")) == 50 and "Page 1 of 2" in first.get_text()
    second = _soup(client.get("/admin/data/audit?page=2"))
    assert len(second.select("tbody tr")) == 10
    response = client.get("/admin/data/audit.csv?action=changed")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 60 and {r["detail"] for r in rows} == {"'=cmd"}
    assert client.get("/admin/data/audit.csv?until=nonsense").status_code == 422


def test_the_audit_log_is_append_only(app, world):
    _entries(app, world.a.id, [{"action": "exported", "object_type": "pupil", "object_id": "x"}])
    with app.app_context(), tenant_context(world.a.id):
        entry = db.session.scalars(select(AuditEntry)).one()
        entry.detail = "changed afterwards"
        with pytest.raises(audit.AuditLogIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        entry = db.session.scalars(select(AuditEntry)).one()
        db.session.delete(entry)
        with pytest.raises(audit.AuditLogIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        # Bulk statements are refused too.
        with pytest.raises(audit.AuditLogIsAppendOnly):
            db.session.execute(update(AuditEntry).values(detail="bulk"))
        db.session.rollback()
        with pytest.raises(audit.AuditLogIsAppendOnly):
            db.session.execute(delete(AuditEntry))
        db.session.rollback()
        assert db.session.scalars(select(AuditEntry)).one().detail == ""
    # No page offers to change or delete an entry.
    rules = [r for r in app.url_map.iter_rules() if "audit" in r.rule]
    assert {m for r in rules for m in r.methods} <= {"GET", "HEAD", "OPTIONS"}


# --- retention -------------------------------------------------------------------------------


def test_the_admin_chooses_how_long_leavers_data_is_kept(app, client, world):
    sign_in(client, world.a.admin)
    page = _soup(client.get("/admin/data/retention"))
    assert page.select_one("input[name=days][checked]")["value"] == "365"
    refused = client.post("/admin/data/retention", data={"days": "7"})
    assert refused.status_code == 422 and "Not a valid choice" in refused.get_data(as_text=True)
    empty = client.post("/admin/data/retention", data={})
    assert empty.status_code == 422 and "Choose how long" in empty.get_data(as_text=True)
    assert client.post("/admin/data/retention", data={"days": "91"}).status_code == 303
    with app.app_context(), tenant_context(world.a.id):
        assert db.session.get(School, world.a.id).leaver_retention_days == 91
        entry = db.session.scalars(select(AuditEntry)).one()
        assert db.session.get(School, world.b.id).leaver_retention_days == 365
    assert (entry.action, entry.object_type, entry.detail) == (
        "changed",
        "school",
        "leaver_retention_days",
    )
    assert "3 months" in client.get("/admin/data").get_data(as_text=True)


def _leave(app, pupil: factories.PupilRecord, days_ago: int) -> None:
    with app.app_context(), tenant_context(pupil.school_id):
        db.session.get(Pupil, pupil.id).left_on = utcnow().date() - timedelta(days=days_ago)
        db.session.commit()


def test_purge_deletes_leavers_past_the_schools_retention_with_time_moved_on(app, world):
    a = world.a
    gone, kept = a.classes[0].pupils[:2]
    staying = a.classes[1].pupils[0]
    give_data(app, gone)
    _leave(app, gone, 100)
    _leave(app, kept, 10)
    today = utcnow().date()
    with app.app_context(), tenant_context(a.id):
        school = db.session.get(School, a.id)
        assert rights.purge_leavers(school, today) == 0  # 100 days < 365
        # 266 days on, the first leaver is 366 days gone: past a year.
        assert rights.purge_leavers(school, today + timedelta(days=265)) == 0
        assert rights.purge_leavers(school, today + timedelta(days=266)) == 1
        db.session.commit()
        assert rights.purge_leavers(school, today + timedelta(days=266)) == 0  # run again
        remaining = set(db.session.scalars(select(Pupil.id)))
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.object_type == "leavers")
        ).one()
    assert gone.id not in remaining and {kept.id, staying.id} <= remaining
    assert (entry.action, entry.actor_kind, entry.object_id, entry.actor_id) == (
        "deleted",
        "system",
        "1",
        None,
    )
    assert not rows_depending_on(app, "pupils", {(kept.id,)}).keys() - {
        "pupils",
        "class_pupils",
    }


def test_the_daily_purge_deletes_leavers_past_their_time(app, runner, world):
    a = world.a
    past, recent = a.classes[0].pupils[:2]
    _leave(app, past, 400)
    _leave(app, recent, 300)
    _leave(app, world.b.classes[0].pupils[0], 400)
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 2 leavers kept past their school's retention period" in result.output
    again = runner.invoke(args=["purge"])
    assert "Deleted 0 leavers" in again.output
    with app.app_context(), operator_context():
        remaining = set(db.session.scalars(select(Pupil.id)))
        entries = db.session.scalars(select(AuditEntry)).all()
    assert past.id not in remaining and recent.id in remaining
    assert world.b.classes[0].pupils[0].id not in remaining
    assert sorted((e.school_id, e.object_id, e.actor_kind) for e in entries) == [
        (a.id, "1", "system"),
        (world.b.id, "1", "system"),
    ]


# --- the pages -------------------------------------------------------------------------------


def test_the_data_page_finds_pupils_of_the_school_only(app, client, world):
    sign_in(client, world.a.admin)
    target = world.a.classes[1].pupils[1]
    query = f"{target.first_name} {target.last_name}"
    page = _soup(client.get("/admin/data", query_string={"q": query}))
    links = [a.get_text(strip=True) for a in page.select("#rights-pupil-results a")]
    assert links == [f"{target.first_name} {target.last_name}"]
    fragment = client.get(
        "/admin/data", query_string={"q": "pupil"}, headers={"HX-Request": "true"}
    )
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and 'id="rights-pupil-results"' in body
    assert len(BeautifulSoup(body, "html.parser").select("li")) == 6  # school A's six
    for pupil in world.b.classes[0].pupils:
        assert pupil.username not in body
    nothing = client.get("/admin/data", query_string={"q": "zz%_"}).get_data(as_text=True)
    assert "No pupil’s name or username contains “zz%_”" in nothing


def test_the_pupil_page_shows_what_is_held_and_the_actions(app, client, world):
    pupil = world.a.classes[0].pupils[0]
    give_data(app, pupil)
    sign_in(client, world.a.admin)
    page = _soup(client.get(f"/admin/data/pupils/{pupil.public_id}"))
    text_ = page.get_text(" ", strip=True)
    assert f"Download {pupil.first_name}’s data" in text_
    assert f"Restrict {pupil.first_name}’s data" in text_
    assert page.select_one(f"a[href='/admin/data/pupils/{pupil.public_id}/erase']")
    counts = {
        row.th.get_text(strip=True): row.td.get_text(strip=True) for row in page.select("tbody tr")
    }
    assert counts["Typing warm-ups"] == "1" and counts["Access arrangements"] == "1"


def test_the_data_pages_use_staff_names_only_for_staff(app, client, world):
    """The audit log shows who acted by their name; nothing else shows a name."""
    sign_in(client, world.a.admin)
    client.post("/admin/data/export")
    body = client.get("/admin/data/audit").get_data(as_text=True)
    with app.app_context(), tenant_context(world.a.id):
        admin_name = db.session.get(StaffUser, world.a.admin.id).display_name
    assert admin_name in body
    assert re.search(r"exported", body)
