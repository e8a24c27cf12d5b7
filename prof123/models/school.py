from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from prof123.models.base import Base, PublicIdMixin, UTCDateTime, utcnow


class School(PublicIdMixin, Base):
    """A customer school: the data controller for everything under it."""

    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Typed by pupils at sign-in: short, upper case, no look-alike characters.
    sign_in_code: Mapped[str] = mapped_column(String(12), unique=True)
    subscription_ends_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # How long a leaver's data is kept after they leave; the school decides.
    leaver_retention_days: Mapped[int] = mapped_column(Integer, default=365, server_default="365")
