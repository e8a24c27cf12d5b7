"""Year-end rollover over HTTP: a preview that changes nothing, names the admin can edit, then
next year's classes in one go; Year 6 pupils become leavers; running it twice adds nothing."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from prof123.admin import rollover
from prof123.admin import services as roster
from prof123.extensions import db
from prof123.models import (
    AuditEntry,
    Cohort,
    LoginSession,
    Pupil,
    School,
    SchoolClass,
    StaffUser,
)
from prof123.schoolyear import academic_year_of, cohort_start_year_for
from prof123.security import operator_context, tenant_context
from tests import factories
from tests.conftest import sign_in

THIS_YEAR = academic_year_of(date.today())
NEXT_YEAR = THIS_YEAR + 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("3M", "4M"),
        ("4A1", "5A1"),
        ("Year 3 Maple", "Year 4 Maple"),
        ("Y2 Willow", "Y3 Willow"),
        ("5/6K", "6/7K"),
        ("RB", "1B"),
        ("R", "1"),
        ("Reception Oak", "Year 1 Oak"),
        ("reception", "Year 1"),
        ("Oak", "Oak"),
        ("Rowan", "Rowan"),
        ("Year 3 Room 12", "Year 4 Room 12"),
        ("12B", "12B"),
    ],
)
def test_next_years_default_class_name(name, expected):
    assert rollover.default_next_name(name) == expected


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _add_class(app, school_id: int, name: str, year_groups: list[int]) -> str:
    """A class of this year with one pupil per year group given; returns its public id."""
    with app.app_context(), tenant_context(school_id):
        school = db.session.get(School, school_id)
        school_class = roster.create_class(school, name, THIS_YEAR)
        for index, year_group in enumerate(year_groups):
            cohort = roster.get_or_create_cohort(
                school, cohort_start_year_for(year_group, THIS_YEAR)
            )
            roster.create_pupil(
                school, f"{name}kid{index}", f"Year{year_group}", cohort, "2345", school_class
            )
        db.session.commit()
        return school_class.public_id


@pytest.fixture
def school(app, world):
    """School A's two Year 4 classes, plus a Year 6 class and a mixed Year 5/6 class."""
    _add_class(app, world.a.id, "6T", [6, 6])
    _add_class(app, world.a.id, "5/6K", [5, 5, 6])
    return world


def _classes(app, school_id: int, year: int) -> dict[str, set[str]]:
    """The school's classes of a year: name -> the names of the pupils in it."""
    with app.app_context(), tenant_context(school_id):
        classes = {
            c.name: set()
            for c in db.session.scalars(
                select(SchoolClass).where(SchoolClass.academic_year == year)
            )
        }
        for class_name, first, last in db.session.execute(
            select(SchoolClass.name, Pupil.first_name, Pupil.last_name)
            .join(SchoolClass.pupils)
            .where(SchoolClass.academic_year == year)
        ):
            classes[class_name].add(f"{first} {last}")
        return classes


def _leavers(app, school_id: int) -> dict[str, date]:
    with app.app_context(), tenant_context(school_id):
        return {
            f"{p.first_name} {p.last_name}": p.left_on
            for p in db.session.scalars(select(Pupil).where(Pupil.left_on.is_not(None)))
        }


def _state(app) -> dict[str, int]:
    with app.app_context(), operator_context():
        return {
            "classes": db.session.scalar(select(func.count()).select_from(SchoolClass)),
            "links": db.session.scalar(select(func.count()).select_from(Pupil).join(Pupil.classes)),
            "leavers": db.session.scalar(
                select(func.count()).select_from(Pupil).where(Pupil.left_on.is_not(None))
            ),
        }


def _table(response) -> dict[str, tuple[str, str | None, str]]:
    """This year's class -> (moving up, next year's name in its box or None, leaving)."""
    rows = {}
    for row in _soup(response).select(".rollover-table tbody tr"):
        cells = row.select("td")
        box = row.select_one("input")
        rows[row.th.get_text(strip=True)] = (
            cells[0].get_text(strip=True),
            box["value"] if box is not None else None,
            cells[2].get_text(strip=True),
        )
    return rows


def _targets(response) -> dict[str, str]:
    return {
        item.strong.get_text(strip=True): item.select_one(".muted").get_text(" ", strip=True)
        for item in _soup(response).select(".rollover-targets > li")
    }


def test_the_preview_shows_who_moves_where_and_changes_nothing(app, client, school):
    sign_in(client, school.a.admin)
    before = _state(app)
    response = client.get("/admin/rollover")
    assert response.status_code == 200
    label = f"{THIS_YEAR}/{NEXT_YEAR % 100:02d} → {NEXT_YEAR}/{(NEXT_YEAR + 1) % 100:02d}"
    assert label in _soup(response).h1.get_text(" ", strip=True)
    assert _table(response) == {
        "4A1": ("3", "5A1", "—"),
        "4A2": ("3", "5A2", "—"),
        "5/6K": ("2", "6/7K", "1"),
        "6T": ("0", None, "2"),
    }
    assert _targets(response) == {
        "5A1": "— new; 3 pupils to move in",
        "5A2": "— new; 3 pupils to move in",
        "6/7K": "— new; 2 pupils to move in",
    }
    assert "Leavers (3)" in response.get_data(as_text=True)
    assert client.post("/admin/rollover", data={}).status_code == 200
    assert _state(app) == before


def test_the_admin_can_rename_and_merge_next_years_classes(app, client, school):
    sign_in(client, school.a.admin)
    first, second = school.a.classes
    before = _state(app)
    response = client.post(
        "/admin/rollover",
        data={
            "from_year": str(THIS_YEAR),
            f"to_{first.public_id}": "  5 Oak ",
            f"to_{second.public_id}": "5 oak",
        },
    )
    assert response.status_code == 200
    assert _targets(response) == {
        "5 Oak": "— new; 6 pupils to move in",
        "6/7K": "— new; 2 pupils to move in",
    }
    assert _table(response)["4A1"][1] == "5 Oak"
    assert _state(app) == before


def test_confirming_makes_next_years_classes_and_marks_year_6_as_leavers(app, client, school):
    sign_in(client, school.a.admin)
    this_year_before = _classes(app, school.a.id, THIS_YEAR)
    pupil_client = app.test_client()
    with app.app_context(), tenant_context(school.a.id):
        year_6 = db.session.scalars(select(Pupil).where(Pupil.last_name == "Year6")).first()
        leaver = factories.PupilRecord(
            year_6.id,
            year_6.public_id,
            school.a.id,
            school.a.code,
            year_6.username,
            year_6.first_name,
            year_6.last_name,
        )
        leaver_id = year_6.id
    sign_in(pupil_client, leaver)
    response = client.post("/admin/rollover/confirm", data={"from_year": str(THIS_YEAR)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/admin/rollover")
    next_year = _classes(app, school.a.id, NEXT_YEAR)
    assert next_year == {
        "5A1": this_year_before["4A1"],
        "5A2": this_year_before["4A2"],
        "6/7K": {"5/6Kkid0 Year5", "5/6Kkid1 Year5"},
    }
    # This year's classes stay as they were, for this year's results.
    assert _classes(app, school.a.id, THIS_YEAR) == this_year_before
    leave_date = min(date.today(), date(THIS_YEAR + 1, 8, 31))
    assert _leavers(app, school.a.id) == {
        "6Tkid0 Year6": leave_date,
        "6Tkid1 Year6": leave_date,
        "5/6Kkid2 Year6": leave_date,
    }
    assert pupil_client.get("/pupil/").status_code == 302  # signed out at once
    with app.app_context(), tenant_context(school.a.id):
        assert not db.session.scalar(
            select(func.count())
            .select_from(LoginSession)
            .where(LoginSession.pupil_id == leaver_id, LoginSession.ended_at.is_(None))
        )
        # Teachers are not carried over.
        assert not db.session.scalar(
            select(func.count())
            .select_from(StaffUser)
            .join(StaffUser.classes)
            .where(SchoolClass.academic_year == NEXT_YEAR)
        )
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "rolled over")
        ).one()
        assert entry.object_type == "classes" and entry.object_id == "11"
        assert "3 classes made, 8 pupils moved, 3 marked as leavers" in entry.detail
        assert "kid" not in entry.detail
    page = client.get("/admin/rollover").get_data(as_text=True)
    assert "3 classes made, 8 pupils moved into them, 3 Year 6 pupils marked as leavers" in page


def _confirm(client, **names):
    return client.post("/admin/rollover/confirm", data={"from_year": str(THIS_YEAR), **names})


def test_running_it_twice_makes_nothing_twice(app, client, school):
    sign_in(client, school.a.admin)
    assert (
        client.post("/admin/rollover/confirm", data={"from_year": str(THIS_YEAR)}).status_code
        == 303
    )
    once = (_state(app), _classes(app, school.a.id, NEXT_YEAR), _leavers(app, school.a.id))
    again = client.get("/admin/rollover")
    assert "Everything is in place" in again.get_data(as_text=True)
    assert _targets(again)["5A1"] == "— already made; 0 pupils to move in, 3 already there"
    assert (
        client.post("/admin/rollover/confirm", data={"from_year": str(THIS_YEAR)}).status_code
        == 303
    )
    assert (_state(app), _classes(app, school.a.id, NEXT_YEAR), _leavers(app, school.a.id)) == once
    page = client.get("/admin/rollover").get_data(as_text=True)
    assert "0 classes made, 0 pupils moved into them, 0 Year 6 pupils marked as leavers" in page


def test_a_class_left_without_a_name_is_not_moved(app, client, school):
    sign_in(client, school.a.admin)
    first, _second = school.a.classes
    response = client.post(
        "/admin/rollover/confirm", data={"from_year": str(THIS_YEAR), f"to_{first.public_id}": ""}
    )
    assert response.status_code == 303
    assert set(_classes(app, school.a.id, NEXT_YEAR)) == {"5A2", "6/7K"}


def test_a_stale_or_wrong_confirmation_changes_nothing(app, client, school):
    sign_in(client, school.a.admin)
    first, _second = school.a.classes
    before = _state(app)
    for data, status, text in [
        ({}, 422, "The classes changed since this page was opened"),
        ({"from_year": str(THIS_YEAR - 1)}, 422, "The classes changed since this page was opened"),
        (
            {"from_year": str(THIS_YEAR), f"to_{first.public_id}": "x" * 41},
            422,
            "Field cannot be longer than 40 characters.",
        ),
    ]:
        response = client.post("/admin/rollover/confirm", data=data)
        assert response.status_code == status
        assert text in response.get_data(as_text=True)
    assert _state(app) == before


def test_other_schools_are_untouched(app, client, school):
    before = _classes(app, school.b.id, NEXT_YEAR), _leavers(app, school.b.id)
    sign_in(client, school.a.admin)
    page = client.get("/admin/rollover").get_data(as_text=True)
    assert school.b.classes[0].name not in page
    client.post("/admin/rollover/confirm", data={"from_year": str(THIS_YEAR)})
    assert (_classes(app, school.b.id, NEXT_YEAR), _leavers(app, school.b.id)) == before


def test_in_september_the_rollover_starts_from_last_years_classes(app, world):
    with app.app_context(), tenant_context(world.a.id):
        assert rollover.rollover_from_year(THIS_YEAR) == THIS_YEAR
        assert rollover.rollover_from_year(THIS_YEAR + 1) == THIS_YEAR
        assert rollover.rollover_from_year(THIS_YEAR - 1) is None


def test_a_school_without_classes_is_told_to_import_first(app, client, world):
    with app.app_context(), operator_context():
        from sqlalchemy import delete

        from prof123.models import class_pupils, class_teachers

        db.session.execute(delete(class_pupils))
        db.session.execute(delete(class_teachers))
        db.session.execute(delete(SchoolClass))
        db.session.commit()
    sign_in(client, world.a.admin)
    response = client.get("/admin/rollover")
    assert response.status_code == 200
    assert "There are no classes yet" in response.get_data(as_text=True)
    assert client.post("/admin/rollover/confirm", data={}).status_code == 422
    with app.app_context(), operator_context():
        assert db.session.scalar(select(func.count()).select_from(Cohort)) == 2


def test_after_a_rollover_with_new_names_the_page_proposes_those_classes(app, client, school):
    sign_in(client, school.a.admin)
    first, second = school.a.classes
    names = {f"to_{first.public_id}": "5 Maple", f"to_{second.public_id}": "5 Ash"}
    assert _confirm(client, **names).status_code == 303
    before = _state(app)
    page = client.get("/admin/rollover")
    assert _table(page)["4A1"][1] == "5 Maple" and _table(page)["4A2"][1] == "5 Ash"
    assert "Everything is in place" in page.get_data(as_text=True)
    assert _confirm(client).status_code == 303
    assert _state(app) == before
