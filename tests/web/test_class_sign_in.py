"""Class sign-in: the code on the board, tap your name, type your secret."""

from __future__ import annotations

from datetime import timedelta

from bs4 import BeautifulSoup

from prof123.extensions import db
from prof123.models import ClassSignInCode
from prof123.models.base import utcnow
from prof123.security import operator_context
from tests import factories
from tests.conftest import sign_in


def _open_code(app, world, class_index=0, replace=False) -> str:
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[class_index])
    class_id = world.a.classes[class_index].public_id
    data = {"replace": "yes"} if replace else {}
    response = teacher.post(f"/teacher/classes/{class_id}/sign-in-code", data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/teacher/classes/{class_id}/sign-in-code")
    board = BeautifulSoup(
        teacher.get(response.headers["Location"]).get_data(as_text=True), "html.parser"
    )
    return "".join(board.select_one(".board-code").get_text().split())


def _names(client) -> dict[str, str]:
    page = BeautifulSoup(client.get("/signin/class/names").get_data(as_text=True), "html.parser")
    return {a.get_text(strip=True): a["href"] for a in page.select(".name-button")}


def test_pupil_signs_in_by_code_name_and_secret(app, client, world):
    code = _open_code(app, world)
    response = client.post("/signin/class", data={"code": code.lower()})
    assert response.status_code == 303 and response.headers["Location"].endswith(
        "/signin/class/names"
    )
    names = _names(client)
    pupils = world.a.classes[0].pupils
    assert set(names) == {f"{p.first_name} {p.last_name[0]}." for p in pupils}
    pupil = pupils[1]
    link = names[f"{pupil.first_name} {pupil.last_name[0]}."]
    assert client.get(link).status_code == 200
    response = client.post(link, data={"secret": factories.PUPIL_SECRET})
    assert response.status_code == 303 and response.headers["Location"].endswith("/pupil/")
    assert pupil.first_name in client.get("/pupil/").get_data(as_text=True)


def test_the_name_list_shows_only_that_class(app, client, world):
    code = _open_code(app, world)
    client.post("/signin/class", data={"code": code})
    links = " ".join(_names(client).values())
    assert all(p.public_id in links for p in world.a.classes[0].pupils)
    for other in world.a.classes[1].pupils + world.b.classes[0].pupils:
        assert other.public_id not in links


def test_a_pupil_from_another_class_cannot_be_picked(app, client, world):
    code = _open_code(app, world)
    client.post("/signin/class", data={"code": code})
    outsider = world.a.classes[1].pupils[0]
    response = client.post(f"/signin/class/names/{outsider.public_id}", data={"secret": "2345"})
    assert response.status_code == 404


def test_wrong_secret_keeps_the_pupil_on_their_name(app, client, world):
    code = _open_code(app, world)
    client.post("/signin/class", data={"code": code})
    pupil = world.a.classes[0].pupils[0]
    response = client.post(f"/signin/class/names/{pupil.public_id}", data={"secret": "9999"})
    assert response.status_code == 401
    body = response.get_data(as_text=True)
    assert "did not match" in body and f"Hello, {pupil.first_name}" in body


def test_expired_code_no_longer_works(app, client, world):
    code = _open_code(app, world)
    with app.app_context(), operator_context():
        db.session.execute(
            ClassSignInCode.__table__.update().values(expires_at=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    response = client.post("/signin/class", data={"code": code})
    assert response.status_code == 401 and "did not work" in response.get_data(as_text=True)


def test_code_expiring_midway_sends_the_pupil_back_to_the_start(app, client, world):
    code = _open_code(app, world)
    client.post("/signin/class", data={"code": code})
    with app.app_context(), operator_context():
        db.session.execute(
            ClassSignInCode.__table__.update().values(expires_at=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    assert client.get("/signin/class/names").headers["Location"].endswith("/signin")


def test_codes_last_hours_not_days(app, world):
    _open_code(app, world)
    with app.app_context():
        code = db.session.scalars(
            db.select(ClassSignInCode).execution_options(skip_tenant_filter=True)
        ).one()
    lifetime = code.expires_at - code.created_at
    assert timedelta(hours=1) <= lifetime <= timedelta(hours=6)


def test_pressing_open_again_keeps_the_code_pupils_are_typing(app, world):
    assert _open_code(app, world) == _open_code(app, world)


def test_making_a_new_code_closes_the_old_one(app, client, world):
    old = _open_code(app, world)
    new = _open_code(app, world, replace=True)
    assert old != new
    assert client.post("/signin/class", data={"code": old}).status_code == 401
    assert client.post("/signin/class", data={"code": new}).status_code == 303


def test_teacher_can_close_the_code(app, client, world):
    code = _open_code(app, world)
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    teacher.post(f"/teacher/classes/{world.a.classes[0].public_id}/sign-in-code/close")
    assert client.post("/signin/class", data={"code": code}).status_code == 401
