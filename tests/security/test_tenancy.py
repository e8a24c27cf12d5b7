"""The school boundary holds even where a query forgets it."""

from __future__ import annotations

import re

import pytest
from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from prof123.extensions import db
from prof123.models import LoginSession, Pupil, SchoolClass, StaffUser, class_pupils
from prof123.security import CrossSchoolWrite, TenantContextMissing, tenant_context
from tests.conftest import own_route_values, sign_in
from tests.security.test_access_matrix import MATRIX


def test_query_without_a_school_fails_closed(app, world):
    with app.app_context(), pytest.raises(TenantContextMissing):
        db.session.scalars(select(Pupil)).all()


def test_unfiltered_query_sees_only_the_signed_in_school(app, world):
    with app.app_context(), tenant_context(world.a.id):
        schools = set(db.session.scalars(select(Pupil.school_id).select_from(Pupil)))
        pupils = db.session.scalars(select(Pupil)).all()
        classes = db.session.scalars(select(SchoolClass)).all()
        staff_count = db.session.scalar(select(func.count(StaffUser.id)))
    assert {p.school_id for p in pupils} == {world.a.id}
    assert {c.school_id for c in classes} == {world.a.id}
    assert schools == {world.a.id}
    assert staff_count == 3


def test_joined_rows_are_filtered_too(app, world):
    with app.app_context(), tenant_context(world.a.id):
        rows = db.session.execute(
            select(SchoolClass.school_id, Pupil.school_id).join(SchoolClass.pupils)
        ).all()
    assert rows and all(row == (world.a.id, world.a.id) for row in rows)


def test_writing_another_schools_row_is_refused(app, world):
    with app.app_context(), tenant_context(world.a.id):
        db.session.add(SchoolClass(name="Sneaky", academic_year=2026, school_id=world.b.id))
        with pytest.raises(CrossSchoolWrite):
            db.session.flush()
        db.session.rollback()


def test_new_rows_are_stamped_with_the_signed_in_school(app, world):
    with app.app_context(), tenant_context(world.a.id):
        school_class = SchoolClass(name="New", academic_year=2026)
        db.session.add(school_class)
        db.session.flush()
        assert school_class.school_id == world.a.id
        db.session.rollback()


def test_database_refuses_a_pupil_in_another_schools_class(app, world):
    with app.app_context(), pytest.raises(IntegrityError):
        db.session.execute(
            class_pupils.insert().values(
                school_id=world.a.id,
                class_id=world.b.classes[0].id,
                pupil_id=world.a.classes[0].pupils[0].id,
            )
        )
        db.session.commit()


def test_only_security_py_bypasses_the_filter():
    """The bypass is for the sign-in lookups and the session loader alone."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "prof123"
    users = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "SKIP_TENANT_FILTER" in path.read_text() or "skip_tenant_filter" in path.read_text()
    )
    assert users == ["security.py"]


def _school_b_markers(world) -> set[str]:
    markers = {world.b.code, world.b.name, world.b.admin.email, world.b.admin.public_id}
    for teacher in world.b.teachers:
        markers |= {teacher.email, teacher.public_id}
    for school_class in world.b.classes:
        markers |= {school_class.public_id, school_class.name}
        for pupil in school_class.pupils:
            markers |= {pupil.public_id, pupil.username, pupil.first_name, pupil.last_name}
    return markers


@pytest.mark.parametrize("role", ["pupil", "teacher", "admin"])
def test_no_page_shows_anything_of_another_school(app, client, world_with_games, role):
    """Canary: every page a school-A account can open is searched for school B's details."""
    world = world_with_games
    account = {
        "pupil": world.a.classes[0].pupils[0],
        "teacher": world.a.teachers[0],
        "admin": world.a.admin,
    }[role]
    sign_in(client, account)
    markers = _school_b_markers(world)
    seen = 0
    for (endpoint, method), _expected in MATRIX.items():
        if method != "GET" or endpoint == "static":
            continue
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        own = own_route_values(world, endpoint)
        with app.test_request_context():
            url = url_for(endpoint, **{k: own[k] for k in rule.arguments})
        response = client.get(url, follow_redirects=True)
        body = response.get_data(as_text=True) + str(response.headers)
        # Whole tokens only: a short marker such as "4B1" can occur inside a random public id.
        leaked = {m for m in markers if re.search(rf"(?<![\w-]){re.escape(m)}(?![\w-])", body)}
        assert not leaked, f"{endpoint} shows {leaked}"
        seen += 1
    assert seen >= 10


def test_sign_in_sessions_are_school_rows(app, client, world):
    sign_in(client, world.b.admin)
    with app.app_context(), tenant_context(world.a.id):
        assert db.session.scalars(select(LoginSession)).all() == []


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param(lambda: select(func.count()).select_from(Pupil), id="count-select-from"),
        pytest.param(lambda: select(func.count(Pupil.id)), id="count-column"),
        pytest.param(
            lambda: select(func.count()).select_from(SchoolClass).join(SchoolClass.pupils),
            id="count-join",
        ),
    ],
)
def test_aggregates_are_filtered_and_fail_closed(app, world, statement):
    with app.app_context():
        with pytest.raises(TenantContextMissing):
            db.session.scalar(statement())
        with tenant_context(world.a.id):
            own = db.session.scalar(statement())
        with tenant_context(world.b.id):
            other = db.session.scalar(statement())
    assert own == 6 and other == 4  # A: 2 classes of 3 pupils; B: 2 classes of 2


def test_admin_pupil_count_is_the_schools_own(client, world):
    sign_in(client, world.a.admin)
    assert "Pupils (6)" in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param(lambda: select(Pupil.__table__), id="bare-table"),
        pytest.param(lambda: select(class_pupils), id="link-table"),
        pytest.param(lambda: select(func.count()).select_from(class_pupils), id="link-count"),
    ],
)
def test_bare_tables_of_school_rows_are_refused(app, world, statement):
    """The filter works on models; a Core select of a school table would slip past it."""
    with app.app_context(), tenant_context(world.a.id), pytest.raises(TenantContextMissing):
        db.session.execute(statement())


def test_bulk_update_and_delete_stay_inside_the_signed_in_school(app, world):
    from sqlalchemy import delete, update

    from prof123.models import ClassSignInCode

    with app.app_context():
        with pytest.raises(TenantContextMissing):
            db.session.execute(update(Pupil).values(first_name="Nobody"))
        db.session.rollback()
        with tenant_context(world.a.id):
            renamed = db.session.execute(update(Pupil).values(first_name="Renamed")).rowcount
            aimed_at_b = db.session.execute(
                delete(ClassSignInCode).where(ClassSignInCode.school_id == world.b.id)
            ).rowcount
            core = db.session.execute(Pupil.__table__.update().values(last_name="Core")).rowcount
            db.session.commit()
        with tenant_context(world.b.id):
            b_names = {(p.first_name, p.last_name) for p in db.session.scalars(select(Pupil))}
    assert renamed == 6 and core == 6 and aimed_at_b == 0
    assert not any(first == "Renamed" or last == "Core" for first, last in b_names)


def test_deleting_another_schools_object_is_refused(app, world):
    with app.app_context():
        with tenant_context(world.b.id):
            other = db.session.scalars(select(SchoolClass)).first()
        with tenant_context(world.a.id):
            db.session.delete(other)
            with pytest.raises(CrossSchoolWrite):
                db.session.flush()
            db.session.rollback()
