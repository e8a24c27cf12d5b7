"""Roles, school tenancy, sign-in sessions and response headers: enforced here and only here.

* The school comes from the signed-in account alone (``g.school_id``), never from a URL,
  form or header.
* Every ORM SELECT of a ``SchoolScoped`` model is filtered to that school, and raises if no
  school is known, unless the statement opts out with ``SKIP_TENANT_FILTER`` — which only
  the sign-in lookups below and operator CLI commands do.
* Every blueprint declares who may use it; a blueprint that declares nothing is refused at
  start-up, and a view inside it is closed to everyone else.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, with_loader_criteria
from sqlalchemy.sql.util import find_tables
from werkzeug.middleware.proxy_fix import ProxyFix

from prof123 import htmx
from prof123.database import UNSAFE_METHODS, write_transaction
from prof123.extensions import db, login_manager
from prof123.models import (
    AssessmentAssignment,
    AssessmentAttempt,
    AuditEntry,
    ClassSignInCode,
    LoginSession,
    Pupil,
    Role,
    School,
    SchoolClass,
    SchoolScoped,
    StaffUser,
    class_pupils,
    utcnow,
)
from prof123.queries import pupils_in_class

log = logging.getLogger(__name__)

SKIP_TENANT_FILTER = {"skip_tenant_filter": True}
SCHOOL_LEFT_MESSAGE = "Your school has stopped using prof123, so you cannot sign in any more."
PUBLIC = "public"

Model = TypeVar("Model")


class TenantContextMissing(RuntimeError):
    """A school-owned table was queried with no school known: refused rather than leaked."""


class CrossSchoolWrite(RuntimeError):
    """An object of one school was about to be written while another school was signed in."""


# --- the tenant ---------------------------------------------------------------------------


def current_school_id() -> int | None:
    return g.get("school_id")


@contextmanager
def tenant_context(school_id: int) -> Iterator[None]:
    """Act as one school outside a request (CLI commands, tests)."""
    previous = g.get("school_id")
    g.school_id = school_id
    try:
        yield
    finally:
        g.school_id = previous


def _school_for_filter() -> int | None:
    from flask import has_app_context

    return g.get("school_id") if has_app_context() else None


@contextmanager
def operator_context() -> Iterator[None]:
    """Work across schools (operator CLI commands such as ``purge``): the filter steps aside."""
    previous = g.get("operator")
    g.operator = True
    try:
        yield
    finally:
        g.operator = previous


def _filter_bypassed(state) -> bool:
    from flask import has_app_context

    return bool(state.execution_options.get("skip_tenant_filter")) or (
        has_app_context() and bool(g.get("operator"))
    )


def _school_tables(statement) -> list:
    """Tables with a school_id anywhere in the statement: selected entities, but also
    ``select_from``, joins and subqueries, which ``all_mappers`` does not list."""
    return [
        table
        for table in find_tables(statement, include_aliases=True, include_joins=True)
        if "school_id" in table.c
    ]


@event.listens_for(Session, "do_orm_execute")
def _filter_to_current_school(state) -> None:
    if state.is_column_load or state.is_relationship_load or _filter_bypassed(state):
        return
    if state.is_select:
        if not _school_tables(state.statement):
            return
        school_id = _require_school("a query of school-owned rows")
        if not state.is_orm_statement:
            # The criteria below reach ORM entities only; a bare Table would slip past.
            raise TenantContextMissing("select school-owned rows through their model")
        state.statement = state.statement.options(
            with_loader_criteria(
                SchoolScoped, lambda cls: cls.school_id == school_id, include_aliases=True
            )
        )
    elif state.is_update or state.is_delete:
        table = state.statement.table
        if "school_id" in table.c:
            school_id = _require_school("a bulk change of school-owned rows")
            # Narrowed to the signed-in school whatever else the statement says.
            state.statement = state.statement.where(table.c.school_id == school_id)


def _require_school(what: str) -> int:
    school_id = _school_for_filter()
    if school_id is None:
        raise TenantContextMissing(f"{what} with no school signed in")
    return school_id


@event.listens_for(Session, "before_flush")
def _stamp_and_check_school(session: Session, _context, _instances) -> None:
    school_id = _school_for_filter()
    for obj in [*session.new, *session.dirty, *session.deleted]:
        if not isinstance(obj, SchoolScoped):
            continue
        if obj.school_id is None:
            if school_id is None:
                raise CrossSchoolWrite(f"{type(obj).__name__} has no school")
            obj.school_id = school_id
        elif school_id is not None and obj.school_id != school_id:
            raise CrossSchoolWrite(f"{type(obj).__name__} belongs to another school")


def get_in_school_or_404(model: type[Model], public_id: str) -> Model:
    """Load by public id within the signed-in school; another school's object is a 404."""
    obj = db.session.scalar(
        select(model).where(model.public_id == public_id, model.school_id == current_school_id())
    )
    if obj is None:
        abort(404)
    return obj


# --- roles --------------------------------------------------------------------------------

_GUARDED_BLUEPRINTS: dict[str, tuple[Role, ...] | str] = {}


def guard_blueprint(bp: Blueprint, *roles: Role | str) -> None:
    """Declare who may use a blueprint: ``PUBLIC`` or a list of roles. Deny by default."""
    allowed: tuple[Role, ...] | str = (
        PUBLIC if roles == (PUBLIC,) else tuple(Role(r) for r in roles)
    )
    _GUARDED_BLUEPRINTS[bp.name] = allowed

    @bp.before_request
    def _check_role():
        if allowed == PUBLIC:
            return None
        return _require_role(allowed)


def roles_required(*roles: Role):
    """Narrow one view of a blueprint shared by several roles (its guard runs first)."""

    def decorate(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            refusal = _require_role(tuple(roles))
            return refusal if refusal is not None else view(*args, **kwargs)

        return guarded

    return decorate


def _require_role(roles: tuple[Role, ...]):
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_role() not in roles:
        abort(403)
    return None


def current_role() -> Role | None:
    return current_user.role if current_user.is_authenticated else None


def check_every_view_is_guarded(app: Flask) -> None:
    """Every view lives in a blueprint that declared who may use it (static files aside)."""
    unguarded = sorted(
        endpoint
        for endpoint in app.view_functions
        if endpoint != "static" and endpoint.partition(".")[0] not in _GUARDED_BLUEPRINTS
    )
    if unguarded:
        raise RuntimeError(f"views outside a guarded blueprint: {unguarded}")


def home_endpoint(role: Role | None) -> str:
    if role == Role.SCHOOL_ADMIN and g.get("subscription_ended") is not None:
        return "admin.rights_home"  # all that is left to a school that has left
    return {
        Role.PUPIL: "pupil.home",
        Role.TEACHER: "teacher.home",
        Role.SCHOOL_ADMIN: "admin.home",
    }.get(role, "auth.sign_in")


# --- object rules (used by services, routes and templates) ---------------------------------


def can_view_class(user, school_class: SchoolClass) -> bool:
    if user.role == Role.SCHOOL_ADMIN:
        return True
    if user.role == Role.TEACHER:
        return (
            db.session.scalar(
                select(SchoolClass.id)
                .join(SchoolClass.teachers)
                .where(SchoolClass.id == school_class.id, StaffUser.id == user.id)
            )
            is not None
        )
    return False


def get_class_for_staff_or_404(public_id: str) -> SchoolClass:
    """A class the signed-in teacher teaches (any class for a school admin)."""
    school_class = get_in_school_or_404(SchoolClass, public_id)
    if not can_view_class(current_user, school_class):
        abort(403)
    return school_class


def get_assignment_for_staff_or_404(public_id: str):
    """An assessment set for a class the signed-in teacher teaches (any, for an admin)."""
    assignment = get_in_school_or_404(AssessmentAssignment, public_id)
    school_class = db.session.get(SchoolClass, assignment.class_id)
    if not can_view_class(current_user, school_class):
        abort(403)
    return assignment, school_class


def get_assignment_for_pupil_or_404(public_id: str):
    """An assessment set for one of the signed-in pupil's classes; any other is not found."""
    assignment = db.session.scalar(
        select(AssessmentAssignment)
        .join(class_pupils, class_pupils.c.class_id == AssessmentAssignment.class_id)
        .where(
            AssessmentAssignment.public_id == public_id,
            AssessmentAssignment.school_id == current_school_id(),
            class_pupils.c.pupil_id == current_user.id,
        )
    )
    if assignment is None:
        abort(404)
    return assignment


def get_own_assessment_attempt_or_404(public_id: str):
    """The signed-in pupil's own attempt; another pupil's, even a classmate's, is not found."""
    attempt = get_in_school_or_404(AssessmentAttempt, public_id)
    if attempt.pupil_id != current_user.id:
        abort(404)
    return attempt


def get_pupil_in_class_or_404(school_class: SchoolClass, public_id: str) -> Pupil:
    pupil = db.session.scalar(pupils_in_class(school_class.id).where(Pupil.public_id == public_id))
    if pupil is None:
        abort(404)
    return pupil


# --- sign-in lookups: the only request-time bypasses of the school filter -----------------


def find_staff_for_sign_in(email: str) -> StaffUser | None:
    return db.session.scalar(
        select(StaffUser)
        .where(StaffUser.email == normalise_email(email))
        .execution_options(**SKIP_TENANT_FILTER)
    )


def find_pupil_for_sign_in(school_code: str, username: str) -> Pupil | None:
    return db.session.scalar(
        select(Pupil)
        .join(School, School.id == Pupil.school_id)
        .where(
            School.sign_in_code == normalise_code(school_code),
            Pupil.username == normalise_username(username),
        )
        .execution_options(**SKIP_TENANT_FILTER)
    )


def find_open_class_code(code: str, now: datetime) -> ClassSignInCode | None:
    return db.session.scalar(
        select(ClassSignInCode)
        .where(ClassSignInCode.code == normalise_code(code), ClassSignInCode.expires_at > now)
        .execution_options(**SKIP_TENANT_FILTER)
    )


def find_open_class_code_by_id(class_code_id: int, now: datetime) -> ClassSignInCode | None:
    """The class code a pupil already entered in this browser (kept in the session)."""
    return db.session.scalar(
        select(ClassSignInCode)
        .where(ClassSignInCode.id == class_code_id, ClassSignInCode.expires_at > now)
        .execution_options(**SKIP_TENANT_FILTER)
    )


def staff_email_taken(email: str) -> bool:
    """Emails sign staff in without a school, so they are unique across all schools."""
    return find_staff_for_sign_in(email) is not None


# One spelling of each typed identifier, used by lookups, throttle keys and the roster alike.
def normalise_code(code: str) -> str:
    """School and class codes: letters and digits only, upper case ("kx4-7pb" → "KX47PB")."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def normalise_username(username: str) -> str:
    return username.strip().lower()


def normalise_email(email: str) -> str:
    return email.strip().lower()


# --- a school whose subscription has ended --------------------------------------------------
#
# ``School.subscription_ends_on`` is the day access ends. From then on only the school's
# admins may sign in, and only to download the school's data, until the data is deleted
# (``DATA_GRACE_DAYS`` later, or as the operator set it with ``end-subscription``).

SUBSCRIPTION_ENDED_ACTION = "subscription_ended"
_DELETION_DETAIL = "data deleted on {:%Y-%m-%d}"
# What a school admin may still open while the school's data waits to be deleted.
DATA_EXPORT_ENDPOINTS = frozenset(
    {
        "admin.rights_home",
        "admin.pupil_data",
        "admin.pupil_export",
        "admin.pupil_export_file",
        "admin.school_export",
        "admin.school_export_file",
        "admin.audit_log",
        "admin.audit_export",
    }
)
_OPEN_TO_EVERYONE = frozenset(
    {
        "static",
        "auth.sign_in",
        "auth.sign_out",
        "public.index",
        "public.privacy",
        "public.privacy_pupils",
    }
)


@dataclass(frozen=True)
class SubscriptionEnded:
    ended_on: date
    data_deleted_on: date  # the purge deletes every row of the school from this day

    @property
    def last_download_day(self) -> date:
        return self.data_deleted_on - timedelta(days=1)

    def data_is_due_for_deletion(self, today: date) -> bool:
        return today >= self.data_deleted_on


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def subscription_has_ended(ends_on: date, today: date) -> bool:
    return ends_on <= today


def deletion_detail(data_deleted_on: date) -> str:
    """How ``end-subscription`` records the deletion day in the school's audit log."""
    return _DELETION_DETAIL.format(data_deleted_on)


def ended_subscription(school_id: int, ends_on: date, today: date) -> SubscriptionEnded | None:
    """None while the subscription runs; otherwise when it ended and when its data goes:
    the day the operator named when ending it, else ``DATA_GRACE_DAYS`` after the end."""
    if not subscription_has_ended(ends_on, today):
        return None
    with tenant_context(school_id):
        detail = db.session.scalar(
            select(AuditEntry.detail)
            .where(
                AuditEntry.school_id == school_id,
                AuditEntry.action == SUBSCRIPTION_ENDED_ACTION,
            )
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
    found = re.search(r"\d{4}-\d{2}-\d{2}", detail or "")
    if found:
        deleted_on = date.fromisoformat(found.group())
    else:
        deleted_on = ends_on + timedelta(days=int(current_app.config["DATA_GRACE_DAYS"]))
    return SubscriptionEnded(ends_on, deleted_on)


def current_subscription_end() -> SubscriptionEnded | None:
    """For the signed-in school: set when its subscription has ended (admins only get here)."""
    return g.get("subscription_ended")


def check_school_open_for(account: StaffUser | Pupil, today: date) -> SubscriptionEnded | None:
    """At sign-in: raises ``SchoolHasLeft`` for anyone but an admin once the school's
    subscription has ended, and for admins too once its data is due for deletion."""
    school = db.session.get(School, account.school_id)
    ended = ended_subscription(school.id, school.subscription_ends_on, today)
    if ended is None:
        return None
    if account.role != Role.SCHOOL_ADMIN or ended.data_is_due_for_deletion(today):
        raise SchoolHasLeft(ended)
    g.subscription_ended = ended
    return ended


class SchoolHasLeft(Exception):
    def __init__(self, ended: SubscriptionEnded) -> None:
        super().__init__(f"subscription ended on {ended.ended_on}")
        self.ended = ended


def _only_data_export_after_the_end():
    """While an ended school's data waits for deletion, its admins reach the export pages
    and nothing else."""
    ended = current_subscription_end()
    if ended is None or request.endpoint in DATA_EXPORT_ENDPOINTS | _OPEN_TO_EVERYONE:
        return None
    title = "This school\u2019s subscription has ended"
    message = (
        f"You can download your data until {long_date(ended.last_download_day)}. "
        "After that day it is all deleted."
    )
    if htmx.is_partial_request():
        from prof123.errors import render_error

        return render_error(403, title, message)
    page = render_template("admin/rights/ended.html", title=title, message=message, ended=ended)
    return page, 403


# --- sign-in sessions ---------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_login_session(account: StaffUser | Pupil) -> None:
    """A fresh session on every sign-in: nothing from before it survives, and a session
    this browser still had (another pupil on a shared tablet) is ended first."""
    if current_user.is_authenticated:
        _end_sessions(LoginSession.token_hash == _token_hash(current_user.get_id()))
    session.clear()
    token = secrets.token_urlsafe(32)
    db.session.add(
        LoginSession(
            token_hash=_token_hash(token),
            school_id=account.school_id,
            staff_user_id=account.id if isinstance(account, StaffUser) else None,
            pupil_id=account.id if isinstance(account, Pupil) else None,
        )
    )
    account.login_session_token = token
    g.school_id = account.school_id
    login_user(account, remember=False)
    session["seen_at"] = utcnow().timestamp()
    log.info("signed in: %s %s of school %s", account.role.value, account.id, account.school_id)


def end_login_session() -> None:
    if current_user.is_authenticated:
        _end_sessions(LoginSession.token_hash == _token_hash(current_user.get_id()))
    logout_user()
    session.clear()


def end_sessions_of(account: StaffUser | Pupil) -> None:
    """Sign an account out everywhere (a new secret, a deactivated account)."""
    column = LoginSession.pupil_id if isinstance(account, Pupil) else LoginSession.staff_user_id
    _end_sessions(column == account.id)


def _end_sessions(condition) -> None:
    db.session.execute(
        update(LoginSession)
        .where(condition, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def _end_expired_session(login_id: int) -> None:
    """Ends a session found idle or too old, so no copy of its cookie works any more. Runs
    in its own short write transaction: the request's own one has only read so far."""
    with write_transaction(), db.engine.begin() as connection:
        connection.execute(
            update(LoginSession.__table__)
            .where(LoginSession.id == login_id, LoginSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def _limits_for(account: StaffUser | Pupil) -> tuple[timedelta, timedelta]:
    config = current_app.config
    if account.role == Role.PUPIL:
        return config["PUPIL_IDLE_TIMEOUT"], config["PUPIL_ABSOLUTE_LIFETIME"]
    return config["STAFF_IDLE_TIMEOUT"], config["STAFF_ABSOLUTE_LIFETIME"]


@login_manager.user_loader
def _load_signed_in_account(token: str) -> StaffUser | Pupil | None:
    # One query for the session and its account: it runs on every request.
    # The school's subscription end comes in the same statement: no extra query.
    row = db.session.execute(
        select(LoginSession, StaffUser, Pupil, School.subscription_ends_on)
        .join(School, School.id == LoginSession.school_id)
        .outerjoin(StaffUser, StaffUser.id == LoginSession.staff_user_id)
        .outerjoin(Pupil, Pupil.id == LoginSession.pupil_id)
        .where(LoginSession.token_hash == _token_hash(token), LoginSession.ended_at.is_(None))
        .execution_options(**SKIP_TENANT_FILTER)
    ).first()
    if row is None:
        return None
    login, staff, pupil, subscription_ends_on = row
    account = staff or pupil
    if account is None or not account.is_active:
        return None
    now = utcnow()
    idle, lifetime = _limits_for(account)
    seen_at = session.get("seen_at", 0)
    if now - login.created_at > lifetime or now.timestamp() - seen_at > idle.total_seconds():
        _end_expired_session(login.id)
        g.session_expired = True
        session.clear()
        return None
    if subscription_has_ended(subscription_ends_on, now.date()):
        ended = ended_subscription(account.school_id, subscription_ends_on, now.date())
        if account.role != Role.SCHOOL_ADMIN or ended.data_is_due_for_deletion(now.date()):
            # Signed in before the school left: signed out now, whoever they are.
            _end_expired_session(login.id)
            g.school_left = ended
            session.clear()
            return None
        g.subscription_ended = ended
    # Idle time is kept in the signed cookie, so reading a page needs no database write.
    session["seen_at"] = now.timestamp()
    account.login_session_token = token
    g.school_id = account.school_id
    return account


@login_manager.unauthorized_handler
def _sign_in_required():
    if g.get("session_expired"):
        flash("You were signed out because you were away for a while. Please sign in again.")
    elif g.get("school_left"):
        flash(SCHOOL_LEFT_MESSAGE)
    return htmx.sign_in_required_response(url_for("auth.sign_in"))


# --- response headers ---------------------------------------------------------------------

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": (
        "geolocation=(), camera=(), microphone=(), payment=(), usb=(), browsing-topics=()"
    ),
}


def _add_security_headers(response):
    response.headers.update(SECURITY_HEADERS)
    if current_app.config["SESSION_COOKIE_SECURE"]:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.endpoint != "static":
        # Nothing a signed-in page shows may stay in a shared computer's cache.
        response.headers["Cache-Control"] = "no-store"
    return response


# --- wiring -------------------------------------------------------------------------------


def _reject_malformed_or_cross_site_requests() -> None:
    # A NUL byte is never legitimate input and PostgreSQL refuses it in text: 400, not 500.
    values = [request.path, *request.args.values(), *request.form.values()]
    if any("\x00" in value for value in values):
        abort(400)
    # Defence in depth beside the CSRF token: a browser's cross-site post says so. (Under
    # Referrer-Policy: no-referrer, browsers send "Origin: null" even from our own pages.)
    if request.method in UNSAFE_METHODS:
        origin = request.headers.get("Origin", "null")
        cross_origin = origin != "null" and origin != request.host_url.rstrip("/")
        if cross_origin or request.headers.get("Sec-Fetch-Site") == "cross-site":
            raise CSRFError("The request came from another site.")


def init_app(app: Flask) -> None:
    login_manager.session_protection = None  # sessions are ended server-side instead
    app.config["REMEMBER_COOKIE_DURATION"] = timedelta(0)
    if app.config["TRUSTED_PROXY_HOPS"]:
        hops = int(app.config["TRUSTED_PROXY_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.before_request(_reject_malformed_or_cross_site_requests)

    @app.before_request
    def _set_tenant_from_account():
        # Loading the account sets g.school_id before any view runs a query.
        if request.endpoint != "static":
            current_user._get_current_object()
            return _only_data_export_after_the_end()
        return None

    app.after_request(_add_security_headers)
    app.jinja_env.globals.update(current_role=current_role, Role=Role)
