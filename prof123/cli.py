"""Operator commands: ``flask --app app prof123 …``."""

from __future__ import annotations

import functools
import random
from datetime import date, timedelta

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from prof123.admin import services as roster
from prof123.database import write_transaction
from prof123.extensions import db
from prof123.models import Role, School, utcnow
from prof123.schoolyear import academic_year_of, cohort_start_year_for
from prof123.security import normalise_code, operator_context, tenant_context

cli = AppGroup("prof123", help="Operate prof123: create schools and their first admin.")


def writes(command):
    """Commands that write take SQLite's write lock up front, like web requests that do."""

    @functools.wraps(command)
    def wrapped(*args, **kwargs):
        with write_transaction():
            return command(*args, **kwargs)

    return wrapped


def _parse_date(_ctx, _param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter("use YYYY-MM-DD, e.g. 2027-08-31") from error


@cli.command("create-school")
@click.option("--name", required=True, help="The school's name.")
@click.option(
    "--subscription-ends",
    callback=_parse_date,
    required=True,
    help="The day access ends, YYYY-MM-DD.",
)
@click.option("--code", default=None, help="Pupils' school code (made up if not given).")
@writes
def create_school_command(name: str, subscription_ends: date, code: str | None) -> None:
    """Add a school. Prints its sign-in code."""
    try:
        school = roster.create_school(name, subscription_ends, code)
    except roster.DuplicateSchoolCodeError as error:
        raise click.ClickException(f"school code {error} is taken; choose another") from error
    db.session.commit()
    click.echo(f"Created {school.name}: school code {school.sign_in_code}")


@cli.command("create-school-admin")
@click.option("--school-code", required=True)
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.password_option(help="At least 12 characters; asked for if not given.")
@writes
def create_school_admin_command(
    school_code: str, email: str, display_name: str, password: str
) -> None:
    """Add a school's first administrator, who then adds the teachers."""
    if len(password) < 12:
        raise click.ClickException("the password must be at least 12 characters")
    school = db.session.scalar(
        select(School).where(School.sign_in_code == normalise_code(school_code))
    )
    if school is None:
        raise click.ClickException(f"no school has the code {school_code}")
    with tenant_context(school.id):
        try:
            roster.create_staff(school, email, display_name, Role.SCHOOL_ADMIN, password)
        except roster.DuplicateEmailError as error:
            raise click.ClickException(f"{error} already has an account") from error
        db.session.commit()
    click.echo(f"{email} can now sign in as school admin of {school.name}")


DEMO_CODE = "MEAD47"
DEMO_ADMIN = ("admin@demo.prof123.test", "Ms Adeyemi (admin)", "demo-admin-password")
DEMO_TEACHER = ("teacher@demo.prof123.test", "Mr Brown", "demo-teacher-password")
DEMO_CLASSES = {
    # class name: (year group, pupils as (first, last, secret))
    "3M": (
        3,
        [
            ("Amara", "Okafor", "2345"),
            ("Ben", "Carter", "3456"),
            ("Chloe", "Singh", "4567"),
            ("Dylan", "Evans", "5678"),
            ("Esme", "Patel", "6789"),
        ],
    ),
    "4B": (
        4,
        [
            ("Freya", "Hughes", "7892"),
            ("George", "Ali", "8923"),
            ("Hana", "Kowalski", "9234"),
            ("Isaac", "Murphy", "2468"),
            ("Jade", "Nowak", "3579"),
            ("Kian", "Ahmed", "4682"),
        ],
    ),
}


@cli.command("seed-demo")
@click.option("--allow-in-production", is_flag=True, help="Seed even outside development.")
@writes
def seed_demo_command(allow_in_production: bool) -> None:
    """Create the demo school on first run, then print how to sign in to it."""
    config = current_app.config
    if config["ENV"] != "development" and not config.get("TESTING") and not allow_in_production:
        raise click.ClickException(
            "the demo school has published passwords; it is for development only "
            "(PROF123_ENV=development, or --allow-in-production if you mean it)"
        )
    school = db.session.scalar(select(School).where(School.sign_in_code == DEMO_CODE))
    if school is None:
        _create_demo_school()
        click.echo("Created the demo school.")
    _print_demo_details()


def _create_demo_school() -> None:
    today = utcnow().date()
    year = academic_year_of(today)
    school = roster.create_school(
        "Meadow Lane Primary (demo)", today + timedelta(days=365), DEMO_CODE
    )
    with tenant_context(school.id):
        roster.create_staff(school, DEMO_ADMIN[0], DEMO_ADMIN[1], Role.SCHOOL_ADMIN, DEMO_ADMIN[2])
        teacher = roster.create_staff(
            school, DEMO_TEACHER[0], DEMO_TEACHER[1], Role.TEACHER, DEMO_TEACHER[2]
        )
        for name, (year_group, pupils) in DEMO_CLASSES.items():
            school_class = roster.create_class(school, name, year)
            roster.assign_teacher(school_class, teacher)
            cohort = roster.get_or_create_cohort(school, cohort_start_year_for(year_group, year))
            for first, last, secret in pupils:
                roster.create_pupil(school, first, last, cohort, secret, school_class)
            _set_demo_assessment(school, teacher, school_class, year_group)
        db.session.commit()


def _set_demo_assessment(school, teacher, school_class, year_group: int) -> None:
    """The class's autumn-term assessment, open for a month, so there is work to try."""
    from prof123.assess import services as assess

    assessment = assess.create_from_library(
        school, teacher, f"y{year_group}-autumn", random.Random(year_group)
    )
    now = utcnow()
    assess.assign(assessment, [school_class], now, now + timedelta(days=30), teacher)


def _print_demo_details() -> None:
    click.echo(
        "\nDemo school: Meadow Lane Primary — sign in at http://127.0.0.1:5000\n"
        f"  School admin: {DEMO_ADMIN[0]}  password {DEMO_ADMIN[2]}\n"
        f"  Teacher:      {DEMO_TEACHER[0]}  password {DEMO_TEACHER[2]}\n"
        f"  Pupils: school code {DEMO_CODE}, then username and secret:"
    )
    for name, (_year_group, pupils) in DEMO_CLASSES.items():
        listed = ", ".join(
            f"{(first + last[0]).lower()} {secret}" for first, last, secret in pupils
        )
        click.echo(f"    {name}: {listed}")
    click.echo(
        "  Or sign in as the teacher, open a class code, and pupils pick their name.\n"
        "  (Demo secrets are fixed; a real school's are random.)\n"
    )


@cli.command("end-subscription")
@click.option("--school-code", required=True, help="The school's code.")
@click.option(
    "--grace-days",
    type=click.IntRange(min=0),
    default=None,
    help="Days its admins keep to download the data (default: DATA_GRACE_DAYS, 30).",
)
@writes
def end_subscription_command(school_code: str, grace_days: int | None) -> None:
    """End a school's subscription today (an earlier end stands). Its admins can then only
    download its data, until `flask purge` deletes every row of it after the grace period."""
    from prof123.admin import rights

    if grace_days is None:
        grace_days = int(current_app.config["DATA_GRACE_DAYS"])
    school = db.session.scalar(
        select(School).where(School.sign_in_code == normalise_code(school_code))
    )
    if school is None:
        raise click.ClickException(f"no school has the code {school_code}")
    with tenant_context(school.id):
        ended = rights.end_subscription(school, utcnow().date(), grace_days)
        db.session.commit()
    click.echo(
        f"{school.name} ({school.sign_in_code}): the subscription ended on {ended.ended_on}.\n"
        "Only its school admins can sign in now, and only to download its data, until "
        f"{ended.last_download_day}.\n"
        f"Its data will be deleted by the first `flask purge` on or after {ended.data_deleted_on}."
    )


@click.command("purge")
@with_appcontext
@writes
def purge_command() -> None:
    """Delete data past its time, and hand in assessments whose time ran out. Safe to run
    daily (e.g. from cron)."""
    from prof123.admin import rights
    from prof123.assess.services import hand_in_overdue
    from prof123.auth.services import purge_expired_sign_in_data
    from prof123.timestables.services import purge_try_it_out

    with operator_context():
        now = utcnow()
        deleted = purge_expired_sign_in_data(now)
        deleted["try-it-out checks"] = purge_try_it_out(now)
        handed_in = hand_in_overdue(now)
        db.session.commit()
    for name, count in deleted.items():
        click.echo(f"Deleted {count} expired {name}")
    click.echo(f"Handed in {handed_in} assessments whose time had run out")
    today = now.date()
    with operator_context():
        schools = list(db.session.scalars(select(School).order_by(School.id)))
    leavers = 0
    for school in schools:
        with tenant_context(school.id):
            leavers += rights.purge_leavers(school, today)
            db.session.commit()
    click.echo(f"Deleted {leavers} leavers kept past their school's retention period")
    with operator_context():
        for school in rights.schools_due_for_deletion(today):
            name, code = school.name, school.sign_in_code
            counts = rights.delete_school(school)
            db.session.commit()
            click.echo(f"Deleted every row of {name} ({code}), whose subscription had ended:")
            for table, count in counts.items():
                click.echo(f"  {table}: {count}")


def init_app(app: Flask) -> None:
    app.cli.add_command(cli)
    app.cli.add_command(purge_command)
