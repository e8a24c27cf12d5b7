"""Argon2id hashing for every stored secret: staff passwords and pupils' short secrets."""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import Flask, current_app

# Verified against when an account does not exist, so a miss costs the same time as a hit.
_DUMMY_SECRET = "not-a-real-secret"  # noqa: S105


def init_app(app: Flask) -> None:
    hasher = PasswordHasher(
        time_cost=app.config["PASSWORD_HASH_TIME_COST"],
        memory_cost=app.config["PASSWORD_HASH_MEMORY_KIB"],
        parallelism=app.config["PASSWORD_HASH_PARALLELISM"],
        type=Type.ID,
    )
    app.extensions["prof123.hasher"] = hasher
    app.extensions["prof123.dummy_hash"] = hasher.hash(_DUMMY_SECRET)


def _hasher() -> PasswordHasher:
    return current_app.extensions["prof123.hasher"]


def hash_secret(plain: str) -> str:
    return _hasher().hash(plain)


def verify_secret(stored_hash: str | None, plain: str) -> bool:
    """True when ``plain`` matches. With no stored hash, still spends the time of a check."""
    try:
        return _hasher().verify(
            stored_hash or current_app.extensions["prof123.dummy_hash"], plain
        ) and (stored_hash is not None)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker settings than today's (upgrade at sign-in)."""
    return _hasher().check_needs_rehash(stored_hash)
