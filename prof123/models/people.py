"""Staff, pupils, cohorts and classes: the school's roster."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Column,
    Date,
    Enum,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false as sa_false

from prof123.models.base import (
    Base,
    PublicIdMixin,
    SchoolScoped,
    UTCDateTime,
    same_school_fk,
    utcnow,
)


class Role(enum.StrEnum):
    PUPIL = "pupil"
    TEACHER = "teacher"
    SCHOOL_ADMIN = "school_admin"


STAFF_ROLES = (Role.TEACHER, Role.SCHOOL_ADMIN)


class AccountMixin:
    """What Flask-Login asks of a user, without importing Flask into the models.

    ``get_id`` returns the sign-in session's token rather than the row id, so ending that
    session (sign-out, deactivation) makes every copy of the cookie worthless.
    """

    login_session_token: str | None = None
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str | None:
        return self.login_session_token


class StaffUser(AccountMixin, PublicIdMixin, SchoolScoped, Base):
    __tablename__ = "staff_users"
    __table_args__ = (UniqueConstraint("school_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Staff sign in with email and password alone, so an email is unique across schools.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A one-time link the admin hands over to set a new password (only its hash is kept).
    password_link_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    password_link_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    classes: Mapped[list[SchoolClass]] = relationship(
        secondary="class_teachers", back_populates="teachers", lazy="raise"
    )


class Cohort(PublicIdMixin, SchoolScoped, Base):
    """Pupils who started Reception in the same academic year."""

    __tablename__ = "cohorts"
    __table_args__ = (
        UniqueConstraint("school_id", "start_year"),
        UniqueConstraint("school_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    start_year: Mapped[int] = mapped_column(Integer)


class Pupil(AccountMixin, PublicIdMixin, SchoolScoped, Base):
    """Deliberately minimal: no date of birth, email, photo, UPN or free text."""

    __tablename__ = "pupils"
    __table_args__ = (
        UniqueConstraint("school_id", "username"),
        UniqueConstraint("school_id", "id"),
        same_school_fk("cohort_id", "cohorts", ondelete="RESTRICT"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(60))
    last_name: Mapped[str] = mapped_column(String(60))
    username: Mapped[str] = mapped_column(String(40))
    secret_hash: Mapped[str] = mapped_column(String(200))
    cohort_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Restricted (UK GDPR art. 18): kept, but left out of new activities and reports.
    is_restricted: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # When the pupil left the school: their data goes once the school's retention period
    # after this date has passed.
    left_on: Mapped[date | None] = mapped_column(Date)

    cohort: Mapped[Cohort] = relationship(lazy="joined")
    classes: Mapped[list[SchoolClass]] = relationship(
        secondary="class_pupils", back_populates="pupils", lazy="raise"
    )

    is_active = True
    role = Role.PUPIL


# Links carry the school too, and composite keys make the database refuse a link between
# two schools even if application code tried one.
class_teachers = Table(
    "class_teachers",
    Base.metadata,
    Column("school_id", ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True),
    Column("class_id", Integer, primary_key=True),
    Column("staff_user_id", Integer, primary_key=True),
    same_school_fk("class_id", "school_classes"),
    same_school_fk("staff_user_id", "staff_users"),
)

class_pupils = Table(
    "class_pupils",
    Base.metadata,
    Column("school_id", ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True),
    Column("class_id", Integer, primary_key=True),
    Column("pupil_id", Integer, primary_key=True),
    same_school_fk("class_id", "school_classes"),
    same_school_fk("pupil_id", "pupils"),
)


class SchoolClass(PublicIdMixin, SchoolScoped, Base):
    """A teaching group for one academic year, e.g. "4B" in 2026/27."""

    __tablename__ = "school_classes"
    __table_args__ = (
        UniqueConstraint("school_id", "academic_year", "name"),
        UniqueConstraint("school_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    academic_year: Mapped[int] = mapped_column(Integer)

    teachers: Mapped[list[StaffUser]] = relationship(
        secondary=class_teachers, back_populates="classes", lazy="raise"
    )
    pupils: Mapped[list[Pupil]] = relationship(
        secondary=class_pupils, back_populates="classes", lazy="raise"
    )


class ClassSignInCode(SchoolScoped, Base):
    """A short code a teacher shows on the board so the class can sign in by name."""

    __tablename__ = "class_sign_in_codes"
    __table_args__ = (same_school_fk("class_id", "school_classes"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    class_id: Mapped[int] = mapped_column(index=True)
    opened_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    school_class: Mapped[SchoolClass] = relationship(lazy="joined")
