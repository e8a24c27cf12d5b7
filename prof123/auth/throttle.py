"""Counting sign-in attempts so guessing stops without locking out a classroom.

Attempts are counted per account (in a short and a day-long window) and per class; wrong
class codes, which name no account, are counted per address. A whole school shares one IP,
so no account or class is ever refused because of its address (security.md A3). Counts live
in the database, or in Redis when one is configured, so every worker and host sees the same
numbers, and each count is one atomic increment: parallel guesses cannot slip past a limit
between a check and a write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import and_, case, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from prof123.extensions import db
from prof123.models import SignInFailureCount

DAY_PREFIX = "account-day:"


@dataclass(frozen=True)
class Limit:
    key: str
    max_count: int
    window: timedelta


class DatabaseFailureCounter:
    """Fixed windows in ``sign_in_failure_counts``: one upsert per count."""

    table = SignInFailureCount.__table__

    def increment(self, limit: Limit, now: datetime) -> int:
        """Add one and return the new count (a window that has run out starts again)."""
        dialect = db.session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        expired = self.table.c.window_started_at <= now - limit.window
        statement = (
            insert(self.table)
            .values(key=limit.key, window_started_at=now, failures=1)
            .on_conflict_do_update(
                index_elements=[self.table.c.key],
                set_={
                    "failures": case((expired, 1), else_=self.table.c.failures + 1),
                    "window_started_at": case((expired, now), else_=self.table.c.window_started_at),
                },
            )
            .returning(self.table.c.failures)
        )
        return db.session.execute(statement).scalar_one()

    def counts(self, limits: list[Limit], now: datetime) -> dict[str, int]:
        """Current counts for several keys in one query (0 where none or run out)."""
        rows = db.session.execute(
            select(self.table.c.key, self.table.c.failures, self.table.c.window_started_at).where(
                self.table.c.key.in_([limit.key for limit in limits])
            )
        )
        windows = {limit.key: limit.window for limit in limits}
        return {key: failures for key, failures, started in rows if started > now - windows[key]}

    def undo(self, limit: Limit) -> None:
        """Take back one count (a try that turned out right); a count of 0 is deleted."""
        db.session.execute(
            update(self.table)
            .where(self.table.c.key == limit.key, self.table.c.failures > 0)
            .values(failures=self.table.c.failures - 1)
        )
        db.session.execute(
            self.table.delete().where(self.table.c.key == limit.key, self.table.c.failures <= 0)
        )

    def clear(self, keys: list[str]) -> None:
        db.session.execute(self.table.delete().where(self.table.c.key.in_(keys)))

    def purge(self, now: datetime) -> int:
        """Delete counts whose window has run out; returns how many."""
        config = current_app.config
        day_long = self.table.c.key.startswith(DAY_PREFIX)
        started = self.table.c.window_started_at
        statement = self.table.delete().where(
            or_(
                and_(day_long, started <= now - config["THROTTLE_DAILY_WINDOW"]),
                and_(~day_long, started <= now - config["THROTTLE_WINDOW"]),
            )
        )
        return db.session.execute(statement).rowcount


class RedisFailureCounter:
    """The same fixed windows as expiring Redis counters."""

    PREFIX = "prof123:sign-in-failures:"

    def __init__(self, client) -> None:
        self.client = client

    def increment(self, limit: Limit, now: datetime) -> int:
        with self.client.pipeline() as pipe:
            pipe.incr(self.PREFIX + limit.key)
            pipe.expire(self.PREFIX + limit.key, int(limit.window.total_seconds()), nx=True)
            count, _ = pipe.execute()
        return int(count)

    def counts(self, limits: list[Limit], now: datetime) -> dict[str, int]:
        values = self.client.mget([self.PREFIX + limit.key for limit in limits]) if limits else []
        return {limit.key: int(v) for limit, v in zip(limits, values, strict=True) if v}

    def undo(self, limit: Limit) -> None:
        key = self.PREFIX + limit.key
        if int(self.client.get(key) or 0) > 0 and self.client.decr(key) <= 0:
            self.client.delete(key)

    def clear(self, keys: list[str]) -> None:
        if keys:
            self.client.delete(*(self.PREFIX + key for key in keys))

    def purge(self, now: datetime) -> int:
        return 0  # Redis forgets each count when its window runs out


def failure_counter() -> DatabaseFailureCounter | RedisFailureCounter:
    return current_app.extensions["prof123.failure_counter"]


def init_app(app: Flask) -> None:
    if app.config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(app.config["REDIS_URL"])
        app.extensions["prof123.failure_counter"] = RedisFailureCounter(client)
    else:
        app.extensions["prof123.failure_counter"] = DatabaseFailureCounter()


# --- the limits ---------------------------------------------------------------------------


def account_limits(kind: str, *identity: object) -> list[Limit]:
    """A short window that pauses guessing for a while, and a day-long one that only a
    teacher (or the next day) releases."""
    config = current_app.config
    name = ":".join([kind, *(str(part) for part in identity)])
    return [
        Limit(f"account:{name}", config["THROTTLE_ACCOUNT_FAILURES"], config["THROTTLE_WINDOW"]),
        Limit(
            f"{DAY_PREFIX}{name}",
            config["THROTTLE_ACCOUNT_DAILY_FAILURES"],
            config["THROTTLE_DAILY_WINDOW"],
        ),
    ]


def pupil_limits(school_id: int, pupil_id: int) -> list[Limit]:
    return account_limits("pupil", school_id, pupil_id)


def class_limit(class_id: int) -> Limit:
    config = current_app.config
    return Limit(f"class:{class_id}", config["THROTTLE_CLASS_FAILURES"], config["THROTTLE_WINDOW"])


def address_limit(address: str | None) -> Limit:
    config = current_app.config
    return Limit(
        f"address:{address or 'unknown'}",
        config["THROTTLE_ADDRESS_FAILURES"],
        config["THROTTLE_WINDOW"],
    )


def over(limit: Limit, now: datetime) -> bool:
    return failure_counter().counts([limit], now).get(limit.key, 0) >= limit.max_count


def paused_keys(limits: list[Limit], now: datetime) -> set[str]:
    counts = failure_counter().counts(limits, now)
    return {limit.key for limit in limits if counts.get(limit.key, 0) >= limit.max_count}
