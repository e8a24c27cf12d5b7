"""Sign-in use-cases. They flush but never commit: the route commits once."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime

from flask import current_app

from prof123 import security
from prof123.auth import throttle
from prof123.auth.throttle import Limit
from prof123.extensions import db
from prof123.hashing import hash_secret, needs_rehash, verify_secret
from prof123.models import ClassSignInCode, Pupil, School, StaffUser
from prof123.queries import pupils_in_class

log = logging.getLogger(__name__)

# Codes children read off a board or a card: nothing two characters could be mistaken
# for (0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V).
CODE_ALPHABET = "ACEFGHJKMNPRTWXY34679"
PUPIL_SECRET_DIGITS = "23456789"  # noqa: S105 (an alphabet, not a secret)
PUPIL_SECRET_LENGTH = 4


class SignInRefused(Exception):
    """A sign-in that did not succeed; ``message`` is safe to show. ``paused`` means it was
    refused unchecked because too many wrong tries came first (HTTP 429)."""

    def __init__(self, message: str, paused: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status or (429 if paused else 401)


WRONG_DETAILS = "Those details did not match. Check them and try again."
ACCOUNT_PAUSED = (
    "Too many wrong tries for this account. Wait 15 minutes, or ask your teacher to reset it."
)
CLASS_PAUSED = "Signing in to this class is paused for a few minutes. Ask your teacher."
STAFF_PAUSED = "Too many wrong tries for this account. Please wait 15 minutes and try again."
CODE_GUESSES_PAUSED = "Too many wrong codes from this network. Wait a few minutes and try again."
PUPIL_SCHOOL_LEFT = (
    "Your school has stopped using prof123, so you cannot sign in. Please ask your teacher."
)


def _school_left_refusal(account: StaffUser | Pupil, ended: security.SubscriptionEnded, today):
    """Why a right password or secret still does not sign someone in: their school left."""
    if isinstance(account, Pupil):
        message = PUPIL_SCHOOL_LEFT
    elif ended.data_is_due_for_deletion(today):
        message = (
            "Your school\u2019s prof123 subscription has ended and its data is being deleted, "
            "so nobody can sign in any more."
        )
    else:
        message = (
            "Your school\u2019s prof123 subscription has ended, so only the school\u2019s "
            "admins can sign in now, to download its data (until "
            f"{security.long_date(ended.last_download_day)})."
        )
    return SignInRefused(message, status=403)


def _check_school_is_open(account: StaffUser | Pupil, now: datetime) -> None:
    try:
        security.check_school_open_for(account, now.date())
    except security.SchoolHasLeft as left:
        raise _school_left_refusal(account, left.ended, now.date()) from left


def new_pupil_secret() -> str:
    return "".join(secrets.choice(PUPIL_SECRET_DIGITS) for _ in range(PUPIL_SECRET_LENGTH))


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _attempt(
    limits: list[Limit],
    stored_hash: str | None,
    given: str,
    now: datetime,
    paused_message: str,
    failure_only: list[Limit] = (),
) -> None:
    """Count the attempt before checking it, so parallel guesses cannot all get past a limit;
    refuse unchecked once a limit is passed; count a wrong secret against ``failure_only``
    too. On success the short window starts again and the day's count forgets this try."""
    counter = throttle.failure_counter()
    counts = [counter.increment(limit, now) for limit in limits]
    if any(count > limit.max_count for count, limit in zip(counts, limits, strict=True)):
        log.warning("sign-in refused without checking: %s is paused", limits[0].key)
        raise SignInRefused(paused_message, paused=True)
    if not verify_secret(stored_hash, given):
        for limit in failure_only:
            counter.increment(limit, now)
        log.info("sign-in failed for %s", limits[0].key)
        raise SignInRefused(WRONG_DETAILS)
    counter.clear([limits[0].key])
    counter.undo(limits[1])


def sign_in_staff(email: str, password: str, now: datetime) -> StaffUser:
    email = security.normalise_email(email)
    staff = security.find_staff_for_sign_in(email)
    # Keyed by a digest so neither the counts table nor the logs hold the address.
    digest = hashlib.sha256(email.encode()).hexdigest()[:24]
    limits = throttle.account_limits("staff", digest)
    _attempt(limits, staff.password_hash if staff else None, password, now, STAFF_PAUSED)
    if staff is None or not staff.is_active:
        raise SignInRefused(WRONG_DETAILS)
    _check_school_is_open(staff, now)
    if needs_rehash(staff.password_hash):
        staff.password_hash = hash_secret(password)
    security.start_login_session(staff)
    return staff


def sign_in_pupil(school_code: str, username: str, secret: str, now: datetime) -> Pupil:
    school_code = security.normalise_code(school_code)
    username = security.normalise_username(username)
    pupil = security.find_pupil_for_sign_in(school_code, username)
    if pupil is not None:
        limits = throttle.pupil_limits(pupil.school_id, pupil.id)
    else:  # counted the same way, so the answers do not tell who exists
        limits = throttle.account_limits("pupil", school_code, username)
    _attempt(limits, pupil.secret_hash if pupil else None, secret, now, ACCOUNT_PAUSED)
    _finish_pupil_sign_in(pupil, secret, now)
    return pupil


def _finish_pupil_sign_in(pupil: Pupil, secret: str, now: datetime) -> None:
    _check_school_is_open(pupil, now)
    if pupil.left_on is not None:  # a leaver is refused like a wrong secret: nothing to learn
        raise SignInRefused(WRONG_DETAILS)
    if needs_rehash(pupil.secret_hash):
        pupil.secret_hash = hash_secret(secret)
    security.start_login_session(pupil)


def open_class_code_for_sign_in(code: str, address: str | None, now: datetime) -> ClassSignInCode:
    """Step 1 of class sign-in: the code on the board. A wrong code names no account or
    class, so guesses are counted against the address they come from."""
    limit = throttle.address_limit(address)
    if throttle.over(limit, now):
        raise SignInRefused(CODE_GUESSES_PAUSED, paused=True)
    class_code = security.find_open_class_code(code, now)
    if class_code is None:
        throttle.failure_counter().increment(limit, now)
        raise SignInRefused("That code did not work. Check the code on the board.")
    if throttle.over(throttle.class_limit(class_code.class_id), now):
        raise SignInRefused(CLASS_PAUSED, paused=True)
    school = db.session.get(School, class_code.school_id)
    if security.subscription_has_ended(school.subscription_ends_on, now.date()):
        raise SignInRefused(PUPIL_SCHOOL_LEFT, status=403)
    return class_code


def list_pupils_for_class_sign_in(class_code: ClassSignInCode) -> list[Pupil]:
    """Before anyone is signed in, the code on the board stands for the school. Leavers
    are not listed (pupils_in_class lists pupils on roll)."""
    with security.tenant_context(class_code.school_id):
        return list(db.session.scalars(pupils_in_class(class_code.class_id)))


def sign_in_pupil_in_class(
    class_code: ClassSignInCode, pupil: Pupil, secret: str, now: datetime
) -> Pupil:
    """Step 2: the pupil tapped their name (one of the class's) and typed their secret."""
    if throttle.over(throttle.class_limit(class_code.class_id), now):
        raise SignInRefused(CLASS_PAUSED, paused=True)
    limits = throttle.pupil_limits(pupil.school_id, pupil.id)
    _attempt(
        limits,
        pupil.secret_hash,
        secret,
        now,
        ACCOUNT_PAUSED,
        failure_only=[throttle.class_limit(class_code.class_id)],
    )
    _finish_pupil_sign_in(pupil, secret, now)
    return pupil


def purge_expired_sign_in_data(now: datetime) -> dict[str, int]:
    """Delete what sign-in no longer needs: ended or outlived sessions, stale failure
    counts, expired class codes. Safe to run as often as you like (e.g. daily)."""
    from sqlalchemy import delete, or_

    from prof123.models import LoginSession

    config = current_app.config
    longest_session = max(config["PUPIL_ABSOLUTE_LIFETIME"], config["STAFF_ABSOLUTE_LIFETIME"])
    statements = {
        "sign-in sessions": delete(LoginSession.__table__).where(
            or_(LoginSession.ended_at.is_not(None), LoginSession.created_at < now - longest_session)
        ),
        "class codes": delete(ClassSignInCode.__table__).where(ClassSignInCode.expires_at <= now),
    }
    deleted = {
        name: db.session.execute(statement).rowcount for name, statement in statements.items()
    }
    deleted["failure counts"] = throttle.failure_counter().purge(now)
    return deleted
