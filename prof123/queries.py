"""Read-side queries shared by several blueprints. Each is filtered to the signed-in school
by prof123.security like every other ORM query."""

from __future__ import annotations

from sqlalchemy import Select, select

from prof123.models import Pupil, SchoolClass


def pupils_in_class(class_id: int) -> Select[tuple[Pupil]]:
    return (
        select(Pupil)
        .join(Pupil.classes)
        .where(SchoolClass.id == class_id)
        .order_by(Pupil.first_name, Pupil.last_name)
    )
