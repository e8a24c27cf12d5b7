"""A school that leaves: the operator ends its subscription; for a grace period only its
admins sign in, and only to download its data; then `flask purge` deletes every row of it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from prof123.admin import rights
from prof123.extensions import db
from prof123.models import AuditEntry, School, utcnow
from prof123.security import long_date, tenant_context
from tests import factories
from tests.conftest import settings_for_tests, sign_in
from tests.web.test_data_rights import give_data, snapshot


def _today() -> date:
    return utcnow().date()


def _end(runner, code: str, *extra: str):
    result = runner.invoke(args=["prof123", "end-subscription", "--school-code", code, *extra])
    assert result.exit_code == 0, result.output
    return result


def _ended_long_ago(app, school_id: int, days_ago: int, grace_days: int) -> None:
    """As if the operator had ended the subscription ``days_ago`` days ago."""
    with app.app_context(), tenant_context(school_id):
        school = db.session.get(School, school_id)
        rights.end_subscription(school, _today() - timedelta(days=days_ago), grace_days)
        db.session.commit()


def _sign_in_response(client, account):
    if hasattr(account, "email"):
        data = {"email": account.email, "password": factories.STAFF_PASSWORD}
        return client.post("/signin/staff", data=data)
    data = {
        "school_code": account.school_code,
        "username": account.username,
        "secret": factories.PUPIL_SECRET,
    }
    return client.post("/signin/pupil", data=data)


def _text(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ", strip=True)


# --- the operator ends it ------------------------------------------------------------------


def test_ending_a_subscription_sets_the_end_to_today_and_says_when_data_goes(app, runner, world):
    result = _end(runner, world.a.code.lower())
    today = _today()
    assert f"the subscription ended on {today}" in result.output
    assert f"until {today + timedelta(days=29)}" in result.output
    assert f"on or after {today + timedelta(days=30)}" in result.output
    with app.app_context(), tenant_context(world.a.id):
        assert db.session.get(School, world.a.id).subscription_ends_on == today
        assert db.session.get(School, world.b.id).subscription_ends_on > today
        entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.actor_kind, entry.actor_id, entry.object_type) == (
        "subscription_ended",
        "operator",
        None,
        "school",
    )


def test_an_earlier_end_stands_and_the_grace_period_can_be_chosen(app, runner, world):
    with app.app_context(), tenant_context(world.a.id):
        db.session.get(School, world.a.id).subscription_ends_on = _today() - timedelta(days=3)
        db.session.commit()
    result = _end(runner, world.a.code, "--grace-days", "7")
    earlier = _today() - timedelta(days=3)
    assert f"ended on {earlier}" in result.output
    assert f"on or after {earlier + timedelta(days=7)}" in result.output
    with app.app_context(), tenant_context(world.a.id):
        assert db.session.get(School, world.a.id).subscription_ends_on == earlier


def test_ending_refuses_an_unknown_school_or_a_negative_grace(runner, world):
    unknown = runner.invoke(args=["prof123", "end-subscription", "--school-code", "NOSUCH"])
    assert unknown.exit_code != 0 and "no school has the code NOSUCH" in unknown.output
    negative = runner.invoke(
        args=["prof123", "end-subscription", "--school-code", world.a.code, "--grace-days", "-1"]
    )
    assert negative.exit_code != 0 and "--grace-days" in negative.output


# --- during the grace period ---------------------------------------------------------------


def test_teachers_and_pupils_are_signed_out_and_cannot_sign_in(app, client, runner, world):
    a = world.a
    teacher = app.test_client()
    sign_in(teacher, a.teachers[0])
    class_code = teacher.post(f"/teacher/classes/{a.classes[0].public_id}/sign-in-code")
    assert class_code.status_code in (200, 303)
    with app.app_context(), tenant_context(a.id):
        from prof123.models import ClassSignInCode

        code = db.session.scalars(select(ClassSignInCode.code)).one()
    pupil = app.test_client()
    sign_in(pupil, a.classes[0].pupils[0])
    _end(runner, a.code)

    for signed_in, home in ((teacher, "/teacher/"), (pupil, "/pupil/")):
        response = signed_in.get(home)
        assert response.status_code == 302 and response.headers["Location"].endswith("/signin")
        assert "stopped using prof123" in _text(signed_in.get("/signin"))
    refused = _sign_in_response(client, a.teachers[0])
    assert refused.status_code == 403
    assert "only the school’s admins can sign in now" in _text(refused)
    assert long_date(_today() + timedelta(days=29)) in _text(refused)
    refused = _sign_in_response(client, a.classes[0].pupils[0])
    assert refused.status_code == 403
    assert "Your school has stopped using prof123" in _text(refused)
    assert "Please ask your teacher" in _text(refused)
    by_class = client.post("/signin/class", data={"code": code})
    assert by_class.status_code == 403 and "stopped using prof123" in _text(by_class)
    # The other school carries on.
    sign_in(app.test_client(), world.b.teachers[0])
    sign_in(app.test_client(), world.b.classes[0].pupils[0])


def test_admins_reach_only_the_data_export_pages_until_the_data_goes(app, client, runner, world):
    a = world.a
    pupil = a.classes[0].pupils[0]
    already = app.test_client()
    sign_in(already, a.admin)  # signed in before the end: stays, within the same limits
    _end(runner, a.code)
    response = _sign_in_response(client, a.admin)
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/data")
    until = long_date(_today() + timedelta(days=29))
    for admin in (client, already):
        home = admin.get("/admin/data")
        assert home.status_code == 200
        assert f"You can download your data until {until}" in _text(home)
        # Other pages answer with a clear page saying why.
        for url in (
            "/admin/",
            "/teacher/",
            "/assess/",
            f"/admin/data/pupils/{pupil.public_id}/erase",
            "/admin/data/retention",
        ):
            refused = admin.get(url)
            assert refused.status_code == 403, url
            assert "This school’s subscription has ended" in _text(refused)
            assert f"You can download your data until {until}" in _text(refused)
        fragment = admin.get("/admin/", headers={"HX-Request": "true"})
        assert fragment.status_code == 403 and "<html" not in fragment.get_data(as_text=True)
        for url, data in (
            (f"/admin/data/pupils/{pupil.public_id}/restriction", {"restricted": "yes"}),
            (f"/admin/data/pupils/{pupil.public_id}/erase", {"username": pupil.username}),
            ("/admin/data/retention", {"days": "30"}),
        ):
            assert admin.post(url, data=data).status_code == 403, url
        # The export pages work.
        page = admin.get(f"/admin/data/pupils/{pupil.public_id}")
        assert page.status_code == 200
        assert "Restrict" not in _text(page) and "Erase" not in _text(page)
        for post_url in ("/admin/data/export", f"/admin/data/pupils/{pupil.public_id}/export"):
            ticket = admin.post(post_url)
            assert ticket.status_code == 303
            download = admin.get(ticket.headers["Location"])
            assert download.status_code == 200 and download.mimetype == "application/zip"
            download.close()
        assert admin.get("/admin/data/audit").status_code == 200
        assert admin.get("/admin/data/audit.csv").status_code == 200
        assert admin.get("/privacy").status_code == 200
    with app.app_context(), tenant_context(a.id):
        assert db.session.scalar(select(School.id).where(School.id == a.id)) == a.id
    assert already.post("/signout").status_code == 303


def test_once_the_grace_period_is_over_nobody_can_sign_in(app, client, world):
    a = world.a
    admin = app.test_client()
    sign_in(admin, a.admin)
    _ended_long_ago(app, a.id, days_ago=40, grace_days=30)
    response = admin.get("/admin/data")
    assert response.status_code == 302  # signed out
    refused = _sign_in_response(client, a.admin)
    assert refused.status_code == 403 and "its data is being deleted" in _text(refused)


def test_a_lapsed_subscription_gets_the_configured_grace_period(app, client, runner, world):
    """No end-subscription was run: the subscription simply ran out."""
    a = world.a
    with app.app_context(), tenant_context(a.id):
        db.session.get(School, a.id).subscription_ends_on = _today() - timedelta(days=10)
        db.session.commit()
    sign_in(client, a.admin)
    until = long_date(_today() + timedelta(days=19))  # 30 days after the end, less one
    assert f"until {until}" in _text(client.get("/admin/data"))
    result = runner.invoke(args=["purge"])
    assert "Deleted every row" not in result.output


# --- after the grace period: every row of the school goes ----------------------------------


def _rows_of(rows: dict, school_id: int) -> dict[str, dict]:
    """The rows of one school, per table (those with a school_id, and the school itself)."""
    from prof123.models import Base

    found = {}
    for table in Base.metadata.sorted_tables:
        names = [c.name for c in table.columns]
        if "school_id" in names:
            index = names.index("school_id")
            found[table.name] = {k: v for k, v in rows[table.name].items() if v[index] == school_id}
        elif table.name == "schools":
            found[table.name] = {k: v for k, v in rows[table.name].items() if k == (school_id,)}
    return found


def test_purge_deletes_every_row_of_a_school_past_its_grace_and_reports_it(
    app, client, runner, world
):
    a, b = world.a, world.b
    with app.app_context():
        _, [assignment] = factories.make_assessment(a.id, a.teachers[0].id, [a.classes[0].id])
    give_data(app, a.classes[0].pupils[0], assignment)
    give_data(app, b.classes[0].pupils[0])
    for account in (a.admin, a.classes[0].pupils[1], b.admin):
        sign_in(app.test_client(), account)
    teacher = app.test_client()
    sign_in(teacher, a.teachers[0])
    class_page = f"/teacher/classes/{a.classes[0].public_id}"
    teacher.post(f"{class_page}/sign-in-code")
    teacher.post(f"{class_page}/times-tables/check", data={"mode": "try_it_out"})
    for email in (a.teachers[0].email, b.teachers[0].email):  # failure counts of both schools
        client.post("/signin/staff", data={"email": email, "password": "wrong password"})
    _end(runner, a.code, "--grace-days", "0")
    before = snapshot(app)
    empty = {name for name, rows in _rows_of(before, a.id).items() if not rows}
    assert not empty, f"school A has no rows in {empty}"  # every table has something to go

    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert f"Deleted every row of {a.name} ({a.code})" in result.output
    assert "  pupils: 6" in result.output and "  schools: 1" in result.output
    assert "  times_tables_answers: 2" in result.output
    assert "  sign_in_failure_counts: 2" in result.output  # the teacher's wrong try
    after = snapshot(app)
    assert not any(_rows_of(after, a.id).values()), _rows_of(after, a.id)
    assert _rows_of(after, b.id) == _rows_of(before, b.id)  # school B untouched
    counts = [key[0] for key in after["sign_in_failure_counts"]]
    assert len(counts) == 2 and len(before["sign_in_failure_counts"]) == 4  # B's two stay
    # Safe to run again: nothing more goes.
    again = runner.invoke(args=["purge"])
    assert again.exit_code == 0 and "Deleted every row" not in again.output
    assert snapshot(app) == after
    refused = _sign_in_response(app.test_client(), a.admin)
    assert refused.status_code == 401


@pytest.mark.parametrize(("ended_days_ago", "deleted"), [(4, False), (6, True)])
def test_the_grace_period_comes_from_the_configuration(
    database_url, make_app, world, ended_days_ago, deleted
):
    app = make_app(settings_for_tests(database_url, DATA_GRACE_DAYS=5))
    with app.app_context(), tenant_context(world.a.id):
        db.session.get(School, world.a.id).subscription_ends_on = _today() - timedelta(
            days=ended_days_ago
        )
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert ("Deleted every row of" in result.output) == deleted
