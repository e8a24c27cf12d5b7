"""The school admin's roster: staff, classes and year groups, pupils, sign-in cards."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from prof123.extensions import db
from prof123.hashing import hash_secret
from prof123.models import (
    AuditEntry,
    Cohort,
    LoginSession,
    Pupil,
    SchoolClass,
    StaffUser,
    class_pupils,
    utcnow,
)
from prof123.schoolyear import academic_year_of, cohort_start_year_for
from prof123.security import tenant_context
from tests import factories
from tests.conftest import counting_statements, sign_in


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _text(response) -> str:
    return " ".join(_soup(response).get_text(" ").split())


def _admin(app, world):
    client = app.test_client()
    sign_in(client, world.a.admin)
    return client


def _audit(app, school_id: int, object_id: str | None = None) -> list[AuditEntry]:
    with app.app_context(), tenant_context(school_id):
        query = select(AuditEntry).order_by(AuditEntry.id)
        if object_id is not None:
            query = query.where(AuditEntry.object_id == object_id)
        return list(db.session.scalars(query))


def _get(app, school_id: int, model, **where):
    with app.app_context(), tenant_context(school_id):
        query = select(model).filter_by(**where)
        return db.session.scalar(query)


def _this_year() -> int:
    return academic_year_of(utcnow().date())


# --- the home page --------------------------------------------------------------------------


def test_home_links_to_every_roster_task_and_to_other_areas_once_they_exist(app, world):
    page = _soup(_admin(app, world).get("/admin/"))
    links = {a.select_one("strong").get_text(): a["href"] for a in page.select(".admin-task")}
    assert links["Staff"] == "/admin/staff"
    assert links["Classes and year groups"] == "/admin/classes"
    assert links["Pupils"] == "/admin/pupils"
    assert links["Sign-in cards"].startswith("/admin/classes")
    for label, endpoint in [
        ("Import pupils from a file", "admin.import_start"),
        ("Data protection", "admin.rights_home"),
    ]:
        assert (label in links) == (endpoint in app.view_functions)


# --- staff ----------------------------------------------------------------------------------


def test_staff_list_shows_everyone_with_their_classes_and_no_deactivate_for_yourself(app, world):
    page = _soup(_admin(app, world).get("/admin/staff"))
    teacher_row = page.select_one(f"#staff-{world.a.teachers[0].public_id}")
    assert world.a.classes[0].name in teacher_row.get_text()
    assert "Deactivate Teacher 1 a" in [b.get_text() for b in teacher_row.select("button")]
    own_row = page.select_one(f"#staff-{world.a.admin.public_id}")
    assert "(you)" in own_row.get_text()
    assert not [b for b in own_row.select("button") if "Deactivate" in b.get_text()]


def test_admin_assigns_and_unassigns_a_teachers_classes(app, world):
    admin = _admin(app, world)
    teacher = world.a.teachers[0]
    url = f"/admin/staff/{teacher.public_id}/classes"
    ticked = [i["value"] for i in _soup(admin.get(url)).select("input[name=classes][checked]")]
    assert ticked == [world.a.classes[0].public_id]
    response = admin.post(url, data={"classes": [c.public_id for c in world.a.classes]})
    assert response.status_code == 303
    teacher_client = app.test_client()
    sign_in(teacher_client, teacher)
    names = {h.get_text(strip=True) for h in _soup(teacher_client.get("/teacher/")).select("h2")}
    assert names == {c.name for c in world.a.classes}
    assert admin.post(url, data={}).status_code == 303  # nothing ticked: no class at all
    assert "no classes" in _text(teacher_client.get("/teacher/"))
    assert teacher_client.get(f"/teacher/classes/{world.a.classes[0].public_id}").status_code == 403
    assert [e.detail for e in _audit(app, world.a.id, teacher.public_id)] == ["classes"] * 2


def test_a_class_of_another_school_cannot_be_assigned(app, world):
    admin = _admin(app, world)
    url = f"/admin/staff/{world.a.teachers[0].public_id}/classes"
    response = admin.post(url, data={"classes": [world.b.classes[0].public_id]})
    assert response.status_code == 422 and "Choose classes from the list" in _text(response)
    assert world.b.classes[0].public_id not in response.get_data(as_text=True)


def _password_link(admin, staff) -> str:
    response = admin.post(f"/admin/staff/{staff.public_id}/password-link")
    assert response.status_code == 200
    link = _soup(response).select_one("#password-link").get_text(strip=True)
    return link.removeprefix("http://localhost")


def test_a_password_link_sets_a_new_password_once_and_ends_other_sessions(app, world):
    teacher = world.a.teachers[0]
    teacher_elsewhere = app.test_client()
    sign_in(teacher_elsewhere, teacher)
    link = _password_link(_admin(app, world), teacher)
    token = link.rsplit("/", 1)[1]
    assert link.startswith(f"/set-password/{world.a.code}/") and len(token) >= 40
    stored = _get(app, world.a.id, StaffUser, id=teacher.id)
    assert stored.password_link_hash == hashlib.sha256(token.encode()).hexdigest()
    lifetime = stored.password_link_expires_at - utcnow()
    assert timedelta(hours=71, minutes=59) < lifetime <= timedelta(hours=72)

    visitor = app.test_client()
    assert "Choose a new password" in _text(visitor.get(link))
    short = visitor.post(link, data={"password": "too short", "confirm": "too short"})
    assert short.status_code == 422 and "at least 12 characters" in _text(short)
    different = visitor.post(link, data={"password": "a" * 12, "confirm": "b" * 12})
    assert different.status_code == 422 and "not the same" in _text(different)
    new_password = "my brand new staff password"
    response = visitor.post(link, data={"password": new_password, "confirm": new_password})
    assert response.status_code == 303 and response.headers["Location"] == "/signin/staff"

    assert teacher_elsewhere.get("/teacher/").status_code == 302  # signed out everywhere
    assert visitor.get(link).status_code == 404  # used up
    again = visitor.post(link, data={"password": "another password!", "confirm": "x"})
    assert again.status_code == 404 and "does not work" in _text(again)
    old = app.test_client().post(
        "/signin/staff", data={"email": teacher.email, "password": factories.STAFF_PASSWORD}
    )
    assert old.status_code == 401
    new = app.test_client().post(
        "/signin/staff", data={"email": teacher.email, "password": new_password}
    )
    assert new.status_code == 303
    assert _get(app, world.a.id, StaffUser, id=teacher.id).password_link_hash is None


def test_a_password_link_stops_working_after_72_hours(app, world):
    teacher = world.a.teachers[0]
    link = _password_link(_admin(app, world), teacher)
    with app.app_context(), tenant_context(world.a.id):
        staff = db.session.get(StaffUser, teacher.id)
        staff.password_link_expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    response = app.test_client().get(link)
    assert response.status_code == 404 and "more than 72 hours old" in _text(response)


def test_a_password_link_works_only_with_its_own_school_and_a_new_link_replaces_it(app, world):
    admin = _admin(app, world)
    teacher = world.a.teachers[0]
    first = _password_link(admin, teacher)
    token = first.rsplit("/", 1)[1]
    visitor = app.test_client()
    assert visitor.get(f"/set-password/{world.b.code}/{token}").status_code == 404
    assert visitor.get(f"/set-password/NOSUCH/{token}").status_code == 404
    second = _password_link(admin, teacher)
    assert visitor.get(first).status_code == 404
    assert visitor.get(second).status_code == 200


def test_deactivating_ends_sessions_at_once_and_refuses_sign_in_until_reactivated(app, world):
    teacher = world.a.teachers[0]
    teacher_client = app.test_client()
    sign_in(teacher_client, teacher)
    admin = _admin(app, world)
    link = _password_link(admin, teacher)
    response = admin.post(f"/admin/staff/{teacher.public_id}/deactivate")
    assert response.status_code == 303
    assert "signed out everywhere" in _text(admin.get("/admin/staff"))
    assert teacher_client.get("/teacher/").status_code == 302
    with app.app_context(), tenant_context(world.a.id):
        open_sessions = db.session.scalars(
            select(LoginSession).where(
                LoginSession.staff_user_id == teacher.id, LoginSession.ended_at.is_(None)
            )
        ).all()
    assert open_sessions == []
    refused = app.test_client().post(
        "/signin/staff", data={"email": teacher.email, "password": factories.STAFF_PASSWORD}
    )
    assert refused.status_code == 401 and "did not match" in _text(refused)
    assert app.test_client().get(link).status_code == 404  # the link died with the account
    assert admin.post(f"/admin/staff/{teacher.public_id}/password-link").status_code == 409

    assert admin.post(f"/admin/staff/{teacher.public_id}/reactivate").status_code == 303
    sign_in(app.test_client(), teacher)
    actions = [e.detail for e in _audit(app, world.a.id, teacher.public_id)]
    assert actions == ["password link", "is_active", "is_active"]


def test_an_admin_cannot_deactivate_themself(app, world):
    admin = _admin(app, world)
    response = admin.post(f"/admin/staff/{world.a.admin.public_id}/deactivate")
    assert response.status_code == 409
    assert "cannot deactivate your own account" in _text(response)
    assert _get(app, world.a.id, StaffUser, id=world.a.admin.id).is_active
    assert admin.get("/admin/").status_code == 200


def test_adding_staff_goes_back_to_the_staff_list(app, world):
    response = _admin(app, world).post(
        "/admin/staff/new",
        data={
            "display_name": "Mr Added",
            "email": "added@a.example",
            "role": "school_admin",
            "password": "a fine long password",
        },
    )
    assert response.status_code == 303 and response.headers["Location"] == "/admin/staff"


# --- classes and year groups ----------------------------------------------------------------


def test_admin_adds_a_class_for_this_year_or_next_and_names_are_unique_per_year(app, world):
    admin = _admin(app, world)
    year = _this_year()
    response = admin.post("/admin/classes/new", data={"name": " 5R ", "academic_year": year})
    assert response.status_code == 303
    new_class = _get(app, world.a.id, SchoolClass, name="5R")
    assert new_class.academic_year == year
    assert response.headers["Location"] == f"/admin/classes/{new_class.public_id}"
    duplicate = admin.post("/admin/classes/new", data={"name": "5r", "academic_year": year})
    assert duplicate.status_code == 422 and "already a class with that name" in _text(duplicate)
    assert _soup(duplicate).select_one("#name")["value"] == "5r"
    next_year = admin.post("/admin/classes/new", data={"name": "5R", "academic_year": year + 1})
    assert next_year.status_code == 303
    far = admin.post("/admin/classes/new", data={"name": "9Z", "academic_year": year + 5})
    assert far.status_code == 422
    listed = _text(admin.get(f"/admin/classes?year={year + 1}"))
    assert "5R" in listed and world.a.classes[0].name not in listed


def test_classes_page_shows_year_groups_by_the_year_pupils_started_school(app, world):
    page = _text(_admin(app, world).get("/admin/classes"))
    started = cohort_start_year_for(4, _this_year())
    assert f"Year 4 {started} 6" in page  # label, start year, pupils on roll


def test_admin_renames_a_class_but_not_to_a_name_already_used(app, world):
    admin = _admin(app, world)
    class_id = world.a.classes[0].public_id
    taken = admin.post(f"/admin/classes/{class_id}/name", data={"name": world.a.classes[1].name})
    assert taken.status_code == 422
    assert admin.post(f"/admin/classes/{class_id}/name", data={"name": "Oak"}).status_code == 303
    assert _get(app, world.a.id, SchoolClass, public_id=class_id).name == "Oak"


def test_only_an_empty_class_with_no_work_set_can_be_deleted(app, world):
    admin = _admin(app, world)
    full = world.a.classes[0].public_id
    refused = admin.post(f"/admin/classes/{full}/delete")
    assert refused.status_code == 409 and "Only an empty class" in _text(refused)
    admin.post("/admin/classes/new", data={"name": "Empty", "academic_year": _this_year()})
    empty = _get(app, world.a.id, SchoolClass, name="Empty")
    assert admin.post(f"/admin/classes/{empty.public_id}/delete").status_code == 303
    assert _get(app, world.a.id, SchoolClass, name="Empty") is None
    # A class whose pupils moved away but which had an assessment set keeps that work.
    second = world.a.classes[1]
    with app.app_context():
        factories.make_assessment(world.a.id, world.a.teachers[1].id, [second.id])
    admin.post(
        f"/admin/classes/{second.public_id}/move",
        data={"pupils": [p.public_id for p in second.pupils], "to_class": full},
    )
    assert admin.post(f"/admin/classes/{second.public_id}/delete").status_code == 409


def test_admin_moves_several_pupils_to_another_class(app, world):
    admin = _admin(app, world)
    source, target = world.a.classes
    moving = source.pupils[:2]
    response = admin.post(
        f"/admin/classes/{source.public_id}/move",
        data={"pupils": [p.public_id for p in moving], "to_class": target.public_id},
    )
    assert response.status_code == 303
    assert f"2 pupils moved to {target.name}" in _text(admin.get(response.headers["Location"]))
    source_names = _text(admin.get(f"/admin/classes/{source.public_id}"))
    target_names = _text(admin.get(f"/admin/classes/{target.public_id}"))
    for pupil in moving:
        assert pupil.username not in source_names and pupil.username in target_names
    assert source.pupils[2].username in source_names
    for pupil in moving:
        assert [e.detail for e in _audit(app, world.a.id, pupil.public_id)] == ["classes"]


def test_moving_needs_a_pupil_and_a_class_of_the_same_school(app, world):
    admin = _admin(app, world)
    source = world.a.classes[0]
    nobody = admin.post(
        f"/admin/classes/{source.public_id}/move", data={"to_class": world.a.classes[1].public_id}
    )
    assert nobody.status_code == 422 and "Tick the pupils to move" in _text(nobody)
    elsewhere = admin.post(
        f"/admin/classes/{source.public_id}/move",
        data={"pupils": [source.pupils[0].public_id], "to_class": world.b.classes[0].public_id},
    )
    assert elsewhere.status_code == 422
    stranger = admin.post(
        f"/admin/classes/{source.public_id}/move",
        data={
            "pupils": [world.a.classes[1].pupils[0].public_id],
            "to_class": world.a.classes[1].public_id,
        },
    )
    assert stranger.status_code == 422  # not a pupil of this class


# --- pupils ---------------------------------------------------------------------------------


def test_admin_adds_a_pupil_who_can_sign_in_with_the_secret_shown_once(app, world):
    admin = _admin(app, world)
    start = cohort_start_year_for(3, _this_year())
    response = admin.post(
        "/admin/pupils/new",
        data={
            "first_name": " Zoë ",
            "last_name": "Okafor",
            "cohort": str(start),
            "classes": [world.a.classes[1].public_id],
        },
    )
    assert response.status_code == 200
    page = _soup(response)
    username, secret = (c.get_text() for c in page.select(".secret-list code"))
    assert username == "zoëo" and re.fullmatch(r"[2-9]{4}", secret)
    pupil = _get(app, world.a.id, Pupil, username=username)
    assert pupil.first_name == "Zoë" and pupil.cohort.start_year == start
    assert secret not in pupil.secret_hash
    sign_in_response = app.test_client().post(
        "/signin/pupil", data={"school_code": world.a.code, "username": username, "secret": secret}
    )
    assert sign_in_response.status_code == 303
    assert username in _text(admin.get(f"/admin/classes/{world.a.classes[1].public_id}"))
    assert [(e.action, e.detail) for e in _audit(app, world.a.id, pupil.public_id)] == [
        ("created", "")
    ]


def test_adding_a_pupil_with_bad_input_keeps_what_was_typed(app, world):
    admin = _admin(app, world)
    response = admin.post(
        "/admin/pupils/new", data={"first_name": "Keep", "last_name": "", "cohort": "1066"}
    )
    assert response.status_code == 422
    page = _soup(response)
    assert "Type the pupil's last name." in page.get_text()
    assert "Choose one of the year groups" in page.get_text()
    assert page.select_one("#first_name")["value"] == "Keep"
    assert _get(app, world.a.id, Pupil, first_name="Keep") is None


def test_editing_a_pupil_is_audited_by_field_name_without_values(app, world):
    admin = _admin(app, world)
    pupil = world.a.classes[0].pupils[0]
    url = f"/admin/pupils/{pupil.public_id}/edit"
    form = _soup(admin.get(url))
    assert form.select_one("#last_name")["value"] == pupil.last_name
    ticked = [i["value"] for i in form.select("input[name=classes][checked]")]
    assert ticked == [world.a.classes[0].public_id]
    new_start = cohort_start_year_for(5, _this_year())
    response = admin.post(
        url,
        data={
            "first_name": pupil.first_name,
            "last_name": "Rectified",
            "cohort": str(new_start),
            "classes": [world.a.classes[1].public_id],
        },
    )
    assert response.status_code == 303
    stored = _get(app, world.a.id, Pupil, id=pupil.id)
    assert stored.last_name == "Rectified" and stored.cohort.start_year == new_start
    assert stored.username == pupil.username  # printed cards keep working
    [entry] = _audit(app, world.a.id, pupil.public_id)
    assert (entry.action, entry.detail) == ("changed", "classes, cohort, last_name")
    assert entry.actor_id == world.a.admin.id
    for value in ("Rectified", pupil.last_name, pupil.first_name, str(new_start)):
        assert value not in entry.detail
    same = admin.post(
        url,
        data={
            "first_name": pupil.first_name,
            "last_name": "Rectified",
            "cohort": str(new_start),
            "classes": [world.a.classes[1].public_id],
        },
    )
    assert same.status_code == 303 and len(_audit(app, world.a.id, pupil.public_id)) == 1


def test_pupil_page_shows_the_record_and_audits_the_view(app, world):
    pupil = world.a.classes[0].pupils[0]
    page = _text(_admin(app, world).get(f"/admin/pupils/{pupil.public_id}"))
    assert pupil.username in page and "Year 4" in page and world.a.classes[0].name in page
    [entry] = _audit(app, world.a.id, pupil.public_id)
    assert (entry.action, entry.object_type, entry.actor_kind) == ("viewed", "pupil", "staff")


def _pupil_list(client, **params):
    return client.get("/admin/pupils", query_string=params)


def _listed_usernames(response) -> list[str]:
    return [c.get_text() for c in _soup(response).select("#pupil-rows code")]


def test_pupil_list_searches_names_and_usernames_and_filters_by_class_and_year(app, world):
    admin = _admin(app, world)
    every = {p.username for c in world.a.classes for p in c.pupils}
    assert set(_listed_usernames(_pupil_list(admin))) == every
    first = world.a.classes[0].pupils[0]
    other = world.a.classes[1].pupils[0]  # same first name, another class
    assert _listed_usernames(_pupil_list(admin, q=other.username.upper())) == [other.username]
    both_words = _pupil_list(admin, q=f"{first.first_name} {first.last_name}")
    assert _listed_usernames(both_words) == [first.username]
    in_class = _listed_usernames(_pupil_list(admin, class_id=world.a.classes[1].public_id))
    assert set(in_class) == {p.username for p in world.a.classes[1].pupils}
    year4 = cohort_start_year_for(4, _this_year())
    assert set(_listed_usernames(_pupil_list(admin, cohort=year4))) == every
    admin.post(
        "/admin/pupils/new",
        data={"first_name": "Younger", "last_name": "One", "cohort": str(year4 + 1)},
    )
    assert _listed_usernames(_pupil_list(admin, cohort=year4 + 1)) == ["youngero"]
    assert _listed_usernames(_pupil_list(admin, q="%")) == []  # no wildcard smuggling


def test_pupil_list_ignores_filters_it_does_not_understand(app, world):
    admin = _admin(app, world)
    for params in (
        {"class_id": world.b.classes[0].public_id},
        {"cohort": "not-a-year"},
        {"page": "-4"},
        {"status": "everyone"},
        {"q": "x" * 300},
    ):
        response = _pupil_list(admin, **params)
        assert response.status_code == 200, params


def test_pupil_list_answers_htmx_with_the_results_alone(app, world):
    admin = _admin(app, world)
    first = world.a.classes[0].pupils[0]
    fragment = admin.get(
        "/admin/pupils", query_string={"q": first.first_name}, headers={"HX-Request": "true"}
    )
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and body.lstrip().startswith('<div id="pupil-results"')
    assert first.username in body
    assert "HX-Request" in fragment.headers["Vary"]
    whole = admin.get("/admin/pupils", query_string={"q": first.first_name})
    assert "<html" in whole.get_data(as_text=True)
    assert _soup(whole).select_one("#q")["value"] == first.first_name
    assert _soup(whole).select_one("form.pupil-search")["hx-get"] == "/admin/pupils"


def test_restricted_pupils_carry_a_badge_in_lists(app, world):
    pupil = world.a.classes[0].pupils[1]
    with app.app_context(), tenant_context(world.a.id):
        db.session.get(Pupil, pupil.id).is_restricted = True
        db.session.commit()
    admin = _admin(app, world)
    row = _soup(_pupil_list(admin)).select_one(f"#pupil-{pupil.public_id}")
    assert row.select_one(".badge-restricted").get_text() == "Restricted"
    class_page = _soup(admin.get(f"/admin/classes/{world.a.classes[0].public_id}"))
    assert len(class_page.select(".badge-restricted")) == 1


def _make_pupils(app, world, count: int) -> None:
    """Many pupils in school A's second class, added in bulk (one hash for all)."""
    with app.app_context(), tenant_context(world.a.id):
        cohort = db.session.scalars(select(Cohort)).first()
        secret_hash = hash_secret(factories.PUPIL_SECRET)
        pupils = [
            Pupil(
                school_id=world.a.id,
                first_name=f"Many{n}",
                last_name="Extra",
                username=f"many{n}e",
                cohort_id=cohort.id,
                secret_hash=secret_hash,
            )
            for n in range(count)
        ]
        db.session.add_all(pupils)
        db.session.flush()
        if pupils:
            db.session.execute(
                class_pupils.insert(),
                [
                    {"school_id": world.a.id, "class_id": world.a.classes[1].id, "pupil_id": p.id}
                    for p in pupils
                ],
            )
        db.session.commit()


@pytest.mark.parametrize("extra_pupils", [0, 600])
def test_the_pupil_list_takes_the_same_statements_for_any_number_of_pupils(
    app, world, extra_pupils, request
):
    _make_pupils(app, world, extra_pupils)
    admin = _admin(app, world)
    with counting_statements(app) as statements:
        response = _pupil_list(admin, class_id=world.a.classes[1].public_id, page=2)
        fragment = admin.get("/admin/pupils", headers={"HX-Request": "true"})
    assert response.status_code == 200 and fragment.status_code == 200
    rows = _listed_usernames(response)
    assert len(rows) == (50 if extra_pupils else 3)  # a page at most
    if extra_pupils:
        assert "Page 2 of 13" in _text(response)
    request.config.cache.set(f"admin/pupil-list-statements/{extra_pupils}", len(statements))
    # Each request: session, count, page of pupils, their classes, the class and year-group
    # choices. Nothing per pupil.
    assert len(statements) == 12, "\n".join(statements)


def test_marking_a_leaver_hides_them_signs_them_out_and_refuses_sign_in(app, world):
    school_class = world.a.classes[0]
    pupil = school_class.pupils[0]
    pupil_client = app.test_client()
    sign_in(pupil_client, pupil)
    admin = _admin(app, world)
    confirm = _text(admin.get(f"/admin/pupils/{pupil.public_id}/leave"))
    assert "Mark Apupil0 Class1A as a leaver?" in confirm and "365 days" in confirm
    response = admin.post(f"/admin/pupils/{pupil.public_id}/leave")
    assert response.status_code == 303 and response.headers["Location"] == "/admin/pupils"
    assert _get(app, world.a.id, Pupil, id=pupil.id).left_on == utcnow().date()

    assert pupil_client.get("/pupil/").status_code == 302  # signed out at once
    assert pupil.username not in _listed_usernames(_pupil_list(admin))
    assert _listed_usernames(_pupil_list(admin, status="leavers")) == [pupil.username]
    assert pupil.username not in _text(admin.get(f"/admin/classes/{school_class.public_id}"))
    refused = app.test_client().post(
        "/signin/pupil",
        data={
            "school_code": pupil.school_code,
            "username": pupil.username,
            "secret": factories.PUPIL_SECRET,
        },
    )
    assert refused.status_code == 401 and "did not match" in _text(refused)
    assert admin.post(f"/admin/pupils/{pupil.public_id}/secret").status_code == 409
    entries = [(e.action, e.detail) for e in _audit(app, world.a.id, pupil.public_id)]
    assert entries == [("changed", "left_on"), ("viewed", "")]  # the refusal showed the record

    assert admin.post(f"/admin/pupils/{pupil.public_id}/return").status_code == 303
    sign_in(app.test_client(), pupil)


def test_a_leaver_is_not_on_the_class_sign_in_screen(app, client, world):
    school_class = world.a.classes[0]
    leaver = school_class.pupils[0]
    admin = _admin(app, world)
    admin.post(f"/admin/pupils/{leaver.public_id}/leave")
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    teacher.post(f"/teacher/classes/{school_class.public_id}/sign-in-code")
    board = _soup(teacher.get(f"/teacher/classes/{school_class.public_id}/sign-in-code"))
    code = "".join(board.select_one(".board-code").get_text().split())
    client.post("/signin/class", data={"code": code})
    names = _text(client.get("/signin/class/names"))
    assert leaver.first_name not in names and school_class.pupils[1].first_name in names
    response = client.post(
        f"/signin/class/names/{leaver.public_id}", data={"secret": factories.PUPIL_SECRET}
    )
    assert response.status_code == 404


# --- secrets and sign-in cards --------------------------------------------------------------


def test_printing_cards_confirms_then_shows_new_secrets_once(app, world):
    school_class = world.a.classes[0]
    leaver, *on_roll = school_class.pupils
    admin = _admin(app, world)
    admin.post(f"/admin/pupils/{leaver.public_id}/leave")
    leaver_hash = _get(app, world.a.id, Pupil, id=leaver.id).secret_hash
    confirm = admin.get(f"/admin/classes/{school_class.public_id}/cards")
    assert "This replaces the secrets of 2 pupils" in _text(confirm)
    response = admin.post(f"/admin/classes/{school_class.public_id}/cards")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    cards = _soup(response).select(".sign-in-card")
    assert len(cards) == 2
    found = {}
    for card in cards:
        code, username, secret = (c.get_text() for c in card.select("dd code"))
        assert code == world.a.code
        found[username] = secret
    assert set(found) == {p.username for p in on_roll}
    assert len(set(found.values())) == 2 and all(
        re.fullmatch(r"[2-9]{4}", s) for s in found.values()
    )
    for pupil in on_roll:
        stored = _get(app, world.a.id, Pupil, id=pupil.id).secret_hash
        assert stored.startswith("$argon2id$") and found[pupil.username] not in stored
        old = app.test_client().post(
            "/signin/pupil",
            data={
                "school_code": world.a.code,
                "username": pupil.username,
                "secret": factories.PUPIL_SECRET,
            },
        )
        assert old.status_code == 401
        new = app.test_client().post(
            "/signin/pupil",
            data={
                "school_code": world.a.code,
                "username": pupil.username,
                "secret": found[pupil.username],
            },
        )
        assert new.status_code == 303
        [entry] = _audit(app, world.a.id, pupil.public_id)
        assert entry.detail == "secret; sign-in cards printed"
    assert leaver.username not in response.get_data(as_text=True)
    assert leaver_hash == _get(app, world.a.id, Pupil, id=leaver.id).secret_hash


def test_the_cards_page_prints_without_the_site_around_it(app, world):
    response = _admin(app, world).post(f"/admin/classes/{world.a.classes[0].public_id}/cards")
    page = _soup(response)
    assert page.body["class"] == ["page-cards"]
    assert page.select_one(".cards-instructions")["class"] == ["no-print", "cards-instructions"]
    assert page.select_one("script[src='/static/js/print-button.js']")


def test_resetting_one_pupils_secret_from_their_page(app, world):
    pupil = world.a.classes[1].pupils[0]
    pupil_client = app.test_client()
    sign_in(pupil_client, pupil)
    response = _admin(app, world).post(f"/admin/pupils/{pupil.public_id}/secret")
    assert response.status_code == 200
    secret = _soup(response).select_one(".new-secret code").get_text()
    assert pupil_client.get("/pupil/").status_code == 302
    signed_in = app.test_client().post(
        "/signin/pupil",
        data={"school_code": world.a.code, "username": pupil.username, "secret": secret},
    )
    assert signed_in.status_code == 303
    details = [(e.action, e.detail) for e in _audit(app, world.a.id, pupil.public_id)]
    assert details == [("changed", "secret; secret reset"), ("viewed", "")]


def test_a_teachers_secret_reset_is_audited_too(app, world):
    school_class = world.a.classes[0]
    pupil = school_class.pupils[0]
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    teacher.post(f"/teacher/classes/{school_class.public_id}/pupils/{pupil.public_id}/secret")
    [entry] = _audit(app, world.a.id, pupil.public_id)
    assert (entry.action, entry.detail, entry.actor_id) == (
        "changed",
        "secret; secret reset",
        world.a.teachers[0].id,
    )
