"""The operator's commands."""

from __future__ import annotations

from sqlalchemy import select

from prof123.extensions import db
from prof123.models import Pupil, Role, School, StaffUser
from prof123.security import tenant_context


def test_operator_creates_a_school_and_its_first_admin_who_can_sign_in(app, runner, client):
    result = runner.invoke(
        args=[
            "prof123",
            "create-school",
            "--name",
            "Oak Hill Primary",
            "--subscription-ends",
            "2027-08-31",
            "--code",
            "oakhil",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "school code OAKHIL" in result.output
    result = runner.invoke(
        args=[
            "prof123",
            "create-school-admin",
            "--school-code",
            "OAKHIL",
            "--email",
            "Head@OakHill.example",
            "--name",
            "Mrs Head",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        school = db.session.scalar(select(School).where(School.sign_in_code == "OAKHIL"))
        with tenant_context(school.id):
            admin = db.session.scalar(select(StaffUser))
    assert admin.role == Role.SCHOOL_ADMIN and admin.email == "head@oakhill.example"
    assert admin.password_hash.startswith("$argon2id$")
    response = client.post(
        "/signin/staff",
        data={"email": "head@oakhill.example", "password": "a long enough password"},
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/")


def test_cli_refuses_bad_input_with_a_message(runner, world):
    result = runner.invoke(
        args=["prof123", "create-school", "--name", "X", "--subscription-ends", "next year"]
    )
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
    result = runner.invoke(
        args=[
            "prof123",
            "create-school",
            "--name",
            "X",
            "--subscription-ends",
            "2027-01-01",
            "--code",
            world.a.code,
        ]
    )
    assert result.exit_code != 0 and "taken" in result.output
    result = runner.invoke(
        args=[
            "prof123",
            "create-school-admin",
            "--school-code",
            "NOSUCH",
            "--email",
            "a@b.example",
            "--name",
            "A",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code != 0 and "no school has the code" in result.output
    result = runner.invoke(
        args=[
            "prof123",
            "create-school-admin",
            "--school-code",
            world.a.code,
            "--email",
            world.b.admin.email,
            "--name",
            "A",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code != 0 and "already has an account" in result.output
    result = runner.invoke(
        args=[
            "prof123",
            "create-school-admin",
            "--school-code",
            world.a.code,
            "--email",
            "new@a.example",
            "--name",
            "A",
            "--password",
            "short",
        ]
    )
    assert result.exit_code != 0 and "at least 12" in result.output


def test_seed_demo_creates_the_demo_school_once_and_prints_how_to_sign_in(app, runner, client):
    first = runner.invoke(args=["prof123", "seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Created the demo school" in first.output
    second = runner.invoke(args=["prof123", "seed-demo"])
    assert "Created" not in second.output and "teacher@demo.prof123.test" in second.output
    with app.app_context():
        school = db.session.scalar(select(School).where(School.sign_in_code == "MEAD47"))
        with tenant_context(school.id):
            pupils = db.session.scalars(select(Pupil)).all()
    assert len(pupils) == 11
    client.post(
        "/signin/pupil", data={"school_code": "MEAD47", "username": "amarao", "secret": "2345"}
    )
    assert client.get("/pupil/").status_code == 200
    assert "Year 3 autumn term" in client.get("/assess/").get_data(as_text=True)
    client.post("/signout")
    sign_in_teacher = client.post(
        "/signin/staff",
        data={"email": "teacher@demo.prof123.test", "password": "demo-teacher-password"},
    )
    assert sign_in_teacher.status_code == 303


def test_purge_deletes_only_expired_sign_in_data(app, runner, client, world):
    from datetime import timedelta

    from prof123.models import LoginSession, SignInFailureCount
    from prof123.models.base import utcnow
    from tests.conftest import sign_in

    sign_in(client, world.a.admin)  # live: stays
    stale = app.test_client()
    sign_in(stale, world.a.teachers[0])
    stale.post("/signout")  # ended: goes
    client.post("/signin/staff", data={"email": "nobody@x.example", "password": "wrong"})
    with app.app_context():
        db.session.execute(
            SignInFailureCount.__table__.update().values(
                window_started_at=utcnow() - timedelta(minutes=16)
            )
        )
        db.session.commit()
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 expired sign-in sessions" in result.output
    # The 15-minute count has run out; the day-long one is kept.
    assert "Deleted 1 expired failure counts" in result.output
    with app.app_context():
        remaining = db.session.scalars(
            select(LoginSession).execution_options(skip_tenant_filter=True)
        ).all()
        assert len(remaining) == 1 and remaining[0].staff_user_id == world.a.admin.id
        kept = db.session.scalars(select(SignInFailureCount.key)).all()
        assert len(kept) == 1 and kept[0].startswith("account-day:")
    assert client.get("/admin/").status_code == 200


def test_seed_demo_refuses_in_production(database_url, make_app):
    from tests.conftest import settings_for_tests

    settings = {
        **settings_for_tests(database_url),
        "TESTING": False,
        "ENV": "production",
        "SECRET_KEY": "s" * 64,
    }
    result = make_app(settings).test_cli_runner().invoke(args=["prof123", "seed-demo"])
    assert result.exit_code != 0 and "development only" in result.output


def test_end_subscription_is_an_operator_command_that_explains_itself(runner):
    listed = runner.invoke(args=["prof123", "--help"])
    assert "end-subscription" in listed.output
    explained = runner.invoke(args=["prof123", "end-subscription", "--help"])
    assert explained.exit_code == 0
    assert "--school-code" in explained.output and "--grace-days" in explained.output
    assert "DATA_GRACE_DAYS" in explained.output


def test_purge_with_nothing_due_deletes_no_pupil_or_school_and_can_run_daily(app, runner, world):
    from prof123.models import AuditEntry

    for _ in range(2):
        result = runner.invoke(args=["purge"])
        assert result.exit_code == 0, result.output
        assert "Deleted 0 leavers kept past their school's retention period" in result.output
        assert "Deleted every row" not in result.output
    with app.app_context():
        from prof123.security import operator_context

        with operator_context():
            assert len(db.session.scalars(select(Pupil)).all()) == 10
            assert len(db.session.scalars(select(School)).all()) == 2
            assert db.session.scalars(select(AuditEntry)).all() == []


def test_end_subscription_then_purge_after_the_grace_period(app, runner, world):
    from prof123.security import operator_context

    ended = runner.invoke(
        args=["prof123", "end-subscription", "--school-code", world.b.code, "--grace-days", "0"]
    )
    assert ended.exit_code == 0, ended.output
    result = runner.invoke(args=["purge"])
    assert f"Deleted every row of {world.b.name} ({world.b.code})" in result.output
    assert "  audit_entries: 1" in result.output  # the end itself was logged, and goes too
    with app.app_context(), operator_context():
        assert [s.id for s in db.session.scalars(select(School))] == [world.a.id]
        assert {p.school_id for p in db.session.scalars(select(Pupil))} == {world.a.id}
