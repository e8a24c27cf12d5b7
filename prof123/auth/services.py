"""Sign-in use-cases. They flush but never commit: the route commits once."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from prof123 import security
from prof123.auth import throttle
from prof123.auth.throttle import Limit
from prof123.extensions import db
from prof123.hashing import verify_secret
from prof123.models import ClassSignInCode, Pupil, SchoolClass, StaffUser

log = logging.getLogger(__name__)

# Codes children read off a board or a card: nothing two characters could be mistaken
# for (0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V).
CODE_ALPHABET = "ACEFGHJKMNPRTWXY34679"
PUPIL_SECRET_DIGITS = "23456789"  # noqa: S105 (an alphabet, not a secret)
PUPIL_SECRET_LENGTH = 4


class SignInRefused(Exception):
    """A sign-in that did not succeed; ``message`` is safe to show. ``paused`` means it was
    refused unchecked because too many wrong tries came first (HTTP 429)."""

    def __init__(self, message: str, paused: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.status = 429 if paused else 401


WRONG_DETAILS = "Those details did not match. Check them and try again."
ACCOUNT_PAUSED = (
    "Too many wrong tries for this account. Wait 15 minutes, or ask your teacher to reset it."
)
CLASS_PAUSED = "Signing in to this class is paused for a few minutes. Ask your teacher."
STAFF_PAUSED = "Too many wrong tries for this account. Please wait 15 minutes and try again."


def new_pupil_secret() -> str:
    return "".join(secrets.choice(PUPIL_SECRET_DIGITS) for _ in range(PUPIL_SECRET_LENGTH))


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _account_limit(*parts: object) -> Limit:
    return Limit(throttle.account_key(*parts), current_app.config["THROTTLE_ACCOUNT_FAILURES"])


def _class_limit(class_id: int) -> Limit:
    return Limit(throttle.class_key(class_id), current_app.config["THROTTLE_CLASS_FAILURES"])


def _address_limit(address: str | None) -> Limit:
    return Limit(throttle.address_key(address), current_app.config["THROTTLE_ADDRESS_FAILURES"])


def _check_secret(
    limits: list[Limit], stored_hash: str | None, given: str, now: datetime, paused_message: str
) -> None:
    """Refuse without checking when a limit is reached; count a wrong secret against all."""
    if throttle.over_limit(limits, now) is not None:
        log.warning("sign-in refused without checking: %s is paused", limits[0].key)
        raise SignInRefused(paused_message, paused=True)
    if not verify_secret(stored_hash, given):
        throttle.record_failure(limits, now)
        log.info("sign-in failed for %s", limits[0].key)
        raise SignInRefused(WRONG_DETAILS)


def sign_in_staff(email: str, password: str, address: str | None, now: datetime) -> StaffUser:
    staff = security.find_staff_for_sign_in(email)
    # Keyed by a digest so neither the counts table nor the logs hold the address.
    email_digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]
    limits = [_account_limit("staff", email_digest), _address_limit(address)]
    _check_secret(limits, staff.password_hash if staff else None, password, now, STAFF_PAUSED)
    if staff is None or not staff.is_active:
        raise SignInRefused(WRONG_DETAILS)
    throttle.failure_counter().clear(limits[0].key)
    security.start_login_session(staff)
    return staff


def sign_in_pupil(
    school_code: str, username: str, secret: str, address: str | None, now: datetime
) -> Pupil:
    pupil = security.find_pupil_for_sign_in(school_code, username)
    account = (pupil.school_id, pupil.id) if pupil else (school_code.upper(), username.lower())
    limits = [_account_limit("pupil", *account), _address_limit(address)]
    _check_secret(limits, pupil.secret_hash if pupil else None, secret, now, ACCOUNT_PAUSED)
    throttle.failure_counter().clear(limits[0].key)
    security.start_login_session(pupil)
    return pupil


def open_class_code_for_sign_in(code: str, address: str | None, now: datetime) -> ClassSignInCode:
    """Step 1 of class sign-in: the code on the board. Guesses count against the address."""
    limits = [_address_limit(address)]
    if throttle.over_limit(limits, now) is not None:
        raise SignInRefused(CLASS_PAUSED, paused=True)
    class_code = security.find_open_class_code(code, now)
    if class_code is None:
        throttle.record_failure(limits, now)
        raise SignInRefused("That code did not work. Check the code on the board.")
    if throttle.over_limit([_class_limit(class_code.class_id)], now) is not None:
        raise SignInRefused(CLASS_PAUSED, paused=True)
    return class_code


def list_pupils_for_class_sign_in(class_code: ClassSignInCode) -> list[Pupil]:
    with security.tenant_context(class_code.school_id):
        return list(
            db.session.scalars(
                select(Pupil)
                .join(Pupil.classes)
                .where(SchoolClass.id == class_code.class_id)
                .order_by(Pupil.first_name, Pupil.last_name)
            )
        )


def sign_in_pupil_in_class(
    class_code: ClassSignInCode,
    pupil_public_id: str,
    secret: str,
    address: str | None,
    now: datetime,
) -> Pupil:
    """Step 2: the pupil tapped their name and typed their secret."""
    with security.tenant_context(class_code.school_id):
        pupil = db.session.scalar(
            select(Pupil)
            .join(Pupil.classes)
            .where(Pupil.public_id == pupil_public_id, SchoolClass.id == class_code.class_id)
        )
    if pupil is None:
        raise SignInRefused(WRONG_DETAILS)
    limits = [
        _account_limit("pupil", pupil.school_id, pupil.id),
        _class_limit(class_code.class_id),
        _address_limit(address),
    ]
    paused = CLASS_PAUSED if throttle.over_limit(limits[1:2], now) else ACCOUNT_PAUSED
    _check_secret(limits, pupil.secret_hash, secret, now, paused)
    throttle.failure_counter().clear(limits[0].key)
    security.start_login_session(pupil)
    return pupil


def purge_expired_sign_in_data(now: datetime) -> dict[str, int]:
    """Delete what sign-in no longer needs: ended or outlived sessions, stale failure
    counts, expired class codes. Safe to run as often as you like (e.g. daily)."""
    from sqlalchemy import delete, or_

    from prof123.models import LoginSession, SignInFailureCount

    config = current_app.config
    longest_session = max(config["PUPIL_ABSOLUTE_LIFETIME"], config["STAFF_ABSOLUTE_LIFETIME"])
    statements = {
        "sign-in sessions": delete(LoginSession.__table__).where(
            or_(LoginSession.ended_at.is_not(None), LoginSession.created_at < now - longest_session)
        ),
        "failure counts": delete(SignInFailureCount.__table__).where(
            SignInFailureCount.window_started_at <= now - config["THROTTLE_WINDOW"]
        ),
        "class codes": delete(ClassSignInCode.__table__).where(ClassSignInCode.expires_at <= now),
    }
    return {name: db.session.execute(statement).rowcount for name, statement in statements.items()}
