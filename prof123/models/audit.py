"""The audit log: who viewed, exported, changed or deleted pupil data, and when.

Entries name objects by their opaque public ids and say which fields changed, never the
values, so an entry kept after a pupil is erased holds no personal data. Entries are only
ever added: ``prof123.audit`` refuses to change or delete one (a school's whole log goes
only when the school's data is deleted after it leaves).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from prof123.models.base import Base, SchoolScoped, UTCDateTime, utcnow


class AuditEntry(SchoolScoped, Base):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_school_id_at", "school_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The member of staff who acted; None for the operator's command line or the daily purge.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    actor_kind: Mapped[str] = mapped_column(String(20), default="staff")  # staff|operator|system
    action: Mapped[str] = mapped_column(String(30))  # viewed, exported, changed, deleted …
    object_type: Mapped[str] = mapped_column(String(30))  # pupil, class, school, staff …
    object_id: Mapped[str] = mapped_column(String(40))  # a public id, or a count for bulk work
    detail: Mapped[str] = mapped_column(String(300), default="")  # field names, never values
