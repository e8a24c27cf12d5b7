"""The audit log, in one place: every record of who viewed, exported, changed or deleted
pupil data goes through ``record``, and nothing may change or delete an entry afterwards."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, g, has_request_context
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Session

from prof123.extensions import db
from prof123.models import AuditEntry, Role, StaffUser


class AuditLogIsAppendOnly(RuntimeError):
    pass


def record(
    school_id: int,
    action: str,
    object_type: str,
    object_id: str,
    fields: Iterable[str] = (),
    detail: str = "",
    actor_kind: str | None = None,
) -> AuditEntry:
    """Add one entry. Name objects by public id and changes by field name: never a value.
    The actor is the signed-in member of staff; outside a request, the operator or the
    daily purge (``actor_kind``)."""
    actor = current_user if has_request_context() else None
    is_staff = isinstance(actor, StaffUser) and actor.role in (Role.TEACHER, Role.SCHOOL_ADMIN)
    names = ", ".join(sorted(fields))
    entry = AuditEntry(
        school_id=school_id,
        actor_id=actor.id if is_staff else None,
        actor_kind=actor_kind or ("staff" if is_staff else "system"),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail="; ".join(part for part in (names, detail) if part)[:300],
    )
    db.session.add(entry)
    return entry


def _refuse_changes_to_entries(session: Session, _context, _instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditLogIsAppendOnly("audit entries are never changed or deleted")


def _refuse_bulk_changes_to_entries(state) -> None:
    """UPDATE and DELETE statements too: only the operator, deleting a whole school's data
    after it has left, may remove entries."""
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) == AuditEntry.__tablename__ and not g.get("operator"):
        raise AuditLogIsAppendOnly("audit entries are never changed or deleted")


def init_app(app: Flask) -> None:
    if not event.contains(Session, "before_flush", _refuse_changes_to_entries):
        event.listen(Session, "before_flush", _refuse_changes_to_entries)
    if not event.contains(Session, "do_orm_execute", _refuse_bulk_changes_to_entries):
        event.listen(Session, "do_orm_execute", _refuse_bulk_changes_to_entries)
