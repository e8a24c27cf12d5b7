"""Read-side queries shared by several blueprints. Each is filtered to the signed-in school
by prof123.security like every other ORM query."""

from __future__ import annotations

from sqlalchemy import Select, select

from prof123.models import Pupil, SchoolClass


def pupils_in_class(class_id: int) -> Select[tuple[Pupil]]:
    """The class's pupils on roll: a leaver stays linked to the class (their results are
    kept for the retention period) but is no longer listed."""
    return (
        select(Pupil)
        .join(Pupil.classes)
        .where(SchoolClass.id == class_id, Pupil.left_on.is_(None))
        .order_by(Pupil.first_name, Pupil.last_name)
    )


def pupils_in_reports(class_id: int) -> Select[tuple[Pupil]]:
    """The class list every report uses: pupils on roll, less those whose school has
    restricted the processing of their data (UK GDPR art. 18)."""
    return pupils_in_class(class_id).where(Pupil.is_restricted.is_(False))
