"""Engine settings: SQLite pragmas and write transactions that never hit "database is locked".

SQLite allows one writer at a time. A transaction that reads first and writes later can
fail at once when another worker wrote in between (the busy timeout does not help there),
so a request that may write (any unsafe HTTP method, or CLI code inside
``write_transaction``) starts with BEGIN IMMEDIATE and waits its turn up front. Reads use
a plain deferred BEGIN and never block anyone. See performance.md §3.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from prof123.extensions import db

_write_intent: ContextVar[bool] = ContextVar("prof123_write_intent", default=False)

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@contextmanager
def write_transaction() -> Iterator[None]:
    """Mark transactions begun inside this block as writers (BEGIN IMMEDIATE on SQLite)."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        _configure_sqlite(
            engine, app.config["SQLITE_SYNCHRONOUS"], app.config["SQLITE_BUSY_TIMEOUT_MS"]
        )

    @app.before_request
    def _declare_write_intent() -> None:
        if request.method in UNSAFE_METHODS:
            _write_intent.set(True)

    @app.teardown_request
    def _clear_write_intent(_exc: BaseException | None) -> None:
        _write_intent.set(False)


def _configure_sqlite(engine: Engine, synchronous: str, busy_timeout_ms: int) -> None:
    if synchronous not in {"FULL", "NORMAL"}:
        raise ValueError("SQLITE_SYNCHRONOUS must be FULL or NORMAL")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Take over transaction control from the sqlite3 module (SQLAlchemy's
        # documented recipe), so BEGIN is ours to choose.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")
