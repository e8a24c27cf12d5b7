"""Declarative base, shared column types and the school-ownership mixin."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, ForeignKeyConstraint, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_public_id() -> str:
    """An opaque, unguessable id for URLs (never a row number)."""
    return secrets.token_urlsafe(12)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every database (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime given; use prof123.models.base.utcnow()")
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PublicIdMixin:
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=new_public_id)


class SchoolScoped:
    """Rows owned by one school. Every ORM query of these is filtered to the signed-in
    user's school by ``prof123.security`` and fails closed when no school is known."""

    @declared_attr
    def school_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)


def same_school_fk(
    column: str, parent_table: str, ondelete: str = "CASCADE"
) -> ForeignKeyConstraint:
    """A link to a row of the same school: (school_id, column) → parent (school_id, id), so
    the database itself refuses a link between two schools."""
    return ForeignKeyConstraint(
        ["school_id", column],
        [f"{parent_table}.school_id", f"{parent_table}.id"],
        ondelete=ondelete,
    )
