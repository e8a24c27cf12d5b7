"""Counting failed sign-ins so guessing stops without locking out a classroom.

Failures are counted per account, per class and (with a very high ceiling) per address:
a whole school shares one IP, so the address alone must never lock anyone out
(security.md A3). Counts live in the database, or in Redis when one is configured, so every
worker and host sees the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from flask import current_app
from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite

from prof123.extensions import db
from prof123.models import SignInFailureCount


@dataclass(frozen=True)
class Limit:
    key: str
    max_failures: int


class FailureCounter(Protocol):
    def count(self, key: str, now: datetime) -> int: ...
    def record(self, keys: list[str], now: datetime) -> None: ...
    def clear(self, key: str) -> None: ...


class DatabaseFailureCounter:
    """Fixed windows in ``sign_in_failure_counts``; one upsert per key, no read-modify-write."""

    def __init__(self, window: timedelta) -> None:
        self.window = window

    def count(self, key: str, now: datetime) -> int:
        row = db.session.get(SignInFailureCount, key)
        if row is None or row.window_started_at <= now - self.window:
            return 0
        return row.failures

    def record(self, keys: list[str], now: datetime) -> None:
        dialect = db.session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        table = SignInFailureCount.__table__
        expired = table.c.window_started_at <= now - self.window
        for key in keys:
            statement = insert(table).values(key=key, window_started_at=now, failures=1)
            statement = statement.on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "failures": case((expired, 1), else_=table.c.failures + 1),
                    "window_started_at": case((expired, now), else_=table.c.window_started_at),
                },
            )
            db.session.execute(statement)

    def clear(self, key: str) -> None:
        db.session.execute(
            SignInFailureCount.__table__.delete().where(SignInFailureCount.key == key)
        )


class RedisFailureCounter:
    """The same fixed windows as expiring Redis counters."""

    PREFIX = "prof123:sign-in-failures:"

    def __init__(self, client, window: timedelta) -> None:
        self.client = client
        self.window = window

    def count(self, key: str, now: datetime) -> int:
        return int(self.client.get(self.PREFIX + key) or 0)

    def record(self, keys: list[str], now: datetime) -> None:
        seconds = int(self.window.total_seconds())
        with self.client.pipeline() as pipe:
            for key in keys:
                pipe.incr(self.PREFIX + key)
                pipe.expire(self.PREFIX + key, seconds, nx=True)
            pipe.execute()

    def clear(self, key: str) -> None:
        self.client.delete(self.PREFIX + key)


def failure_counter() -> DatabaseFailureCounter | RedisFailureCounter:
    return current_app.extensions["prof123.failure_counter"]


def init_app(app) -> None:
    window = app.config["THROTTLE_WINDOW"]
    if app.config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(app.config["REDIS_URL"])
        app.extensions["prof123.failure_counter"] = RedisFailureCounter(client, window)
    else:
        app.extensions["prof123.failure_counter"] = DatabaseFailureCounter(window)


def account_key(kind: str, *parts: object) -> str:
    return ":".join(["account", kind, *(str(p) for p in parts)])


def class_key(class_id: int) -> str:
    return f"class:{class_id}"


def address_key(address: str | None) -> str:
    return f"address:{address or 'unknown'}"


def over_limit(limits: list[Limit], now: datetime) -> Limit | None:
    counter = failure_counter()
    for limit in limits:
        if counter.count(limit.key, now) >= limit.max_failures:
            return limit
    return None


def record_failure(limits: list[Limit], now: datetime) -> None:
    failure_counter().record([limit.key for limit in limits], now)
