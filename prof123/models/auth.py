"""Sign-in sessions and failure counters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from prof123.models.base import Base, SchoolScoped, UTCDateTime, utcnow


class LoginSession(SchoolScoped, Base):
    """One signed-in browser. The cookie holds a random token; only its hash is kept, and
    ending the row ends the session however many copies of the cookie exist."""

    __tablename__ = "login_sessions"
    __table_args__ = (
        CheckConstraint(
            "(staff_user_id IS NULL) <> (pupil_id IS NULL)", name="exactly_one_account"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    pupil_id: Mapped[int | None] = mapped_column(
        ForeignKey("pupils.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SignInFailureCount(Base):
    """Failed sign-ins per key in a fixed window, shared by every worker and host.

    Keys name an account, a class or an address (never a password or secret)."""

    __tablename__ = "sign_in_failure_counts"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
