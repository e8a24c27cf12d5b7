"""Maths assessments: what a teacher sets, who it is set for, and every answer given.

An assessment holds item *templates* (family, objective, level); each pupil's attempt
stores the concrete items it was given (seed, parameters, prompt, right answer), so a
question is always shown and marked as it was first rendered, whatever changes later.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from prof123.models.base import (
    Base,
    PublicIdMixin,
    SchoolScoped,
    UTCDateTime,
    same_school_fk,
    utcnow,
)


class AssessmentKind(enum.StrEnum):
    TERMLY = "termly"  # a ready-made termly assessment for a year group
    ARITHMETIC = "arithmetic"  # the ready-made KS2 arithmetic mock
    TEACHER_MADE = "teacher_made"


class Assessment(PublicIdMixin, SchoolScoped, Base):
    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("school_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[AssessmentKind] = mapped_column(Enum(AssessmentKind, native_enum=False, length=20))
    year: Mapped[int] = mapped_column(Integer)  # the year group whose objectives it assesses
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    # One set of numbers for the whole class (so a teacher can go through it together), or
    # different numbers for each pupil (parallel forms of the same questions).
    has_same_numbers: Mapped[bool] = mapped_column(default=False)
    is_shuffled: Mapped[bool] = mapped_column(default=False)
    shows_corrections: Mapped[bool] = mapped_column(default=True)
    seed: Mapped[int] = mapped_column(Integer)  # the numbers everyone gets, when shared
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AssessmentItem(SchoolScoped, Base):
    """One question of an assessment, as a template: the numbers come per attempt."""

    __tablename__ = "assessment_items"
    __table_args__ = (
        UniqueConstraint("assessment_id", "number"),
        same_school_fk("assessment_id", "assessments"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1-based, the order as set
    family: Mapped[str] = mapped_column(String(30))
    objective: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)


class AssessmentAssignment(PublicIdMixin, SchoolScoped, Base):
    """An assessment set for one class, open between two times."""

    __tablename__ = "assessment_assignments"
    __table_args__ = (
        UniqueConstraint("school_id", "id"),
        same_school_fk("assessment_id", "assessments"),
        same_school_fk("class_id", "school_classes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(Integer, index=True)
    class_id: Mapped[int] = mapped_column(Integer, index=True)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AssessmentAttempt(PublicIdMixin, SchoolScoped, Base):
    """One pupil taking one assignment: at most one each."""

    __tablename__ = "assessment_attempts"
    __table_args__ = (
        UniqueConstraint("school_id", "id"),
        UniqueConstraint("assignment_id", "pupil_id"),
        same_school_fk("assignment_id", "assessment_assignments"),
        same_school_fk("pupil_id", "pupils"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(Integer, index=True)
    pupil_id: Mapped[int] = mapped_column(Integer, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # With a time limit: when it is handed in by itself (the server's clock decides).
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Where the pupil was, so they come back to the same question.
    current_position: Mapped[int] = mapped_column(Integer, default=1)
    score: Mapped[int | None] = mapped_column(Integer)
    out_of: Mapped[int] = mapped_column(Integer)


class AssessmentResponse(SchoolScoped, Base):
    """One question as this pupil got it, and their answer: rendered once, when they start,
    and kept whole so it is shown and marked the same way forever."""

    __tablename__ = "assessment_responses"
    __table_args__ = (
        UniqueConstraint("attempt_id", "position"),
        same_school_fk("attempt_id", "assessment_attempts"),
        same_school_fk("pupil_id", "pupils"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(Integer, index=True)
    pupil_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer)  # the order this pupil sees
    item_number: Mapped[int] = mapped_column(Integer)  # the assessment's question number
    family: Mapped[str] = mapped_column(String(30))
    objective: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    params: Mapped[str] = mapped_column(Text)  # JSON
    prompt: Mapped[str] = mapped_column(Text)
    table: Mapped[str] = mapped_column(Text, default="[]")  # JSON rows shown with the prompt
    answer_kind: Mapped[str] = mapped_column(String(20))
    answer_unit: Mapped[str] = mapped_column(String(20), default="")
    answer_form: Mapped[str] = mapped_column(String(20), default="any")
    answer_options: Mapped[str] = mapped_column(Text, default="[]")  # JSON, as shown
    accepts_decimal: Mapped[bool] = mapped_column(default=True)
    correct_answer: Mapped[str] = mapped_column(String(200))
    bugs: Mapped[str] = mapped_column(Text, default="{}")  # JSON: wrong answer -> labels
    marks_available: Mapped[int] = mapped_column(Integer, default=1)
    raw_answer: Mapped[str | None] = mapped_column(String(200))  # None: not answered
    normalised_answer: Mapped[str | None] = mapped_column(String(200))
    is_correct: Mapped[bool | None] = mapped_column()  # None until handed in
    marks: Mapped[int | None] = mapped_column(Integer)
    misconceptions: Mapped[str] = mapped_column(String(200), default="")  # labels, comma-joined
    format_flags: Mapped[str] = mapped_column(String(200), default="")
    is_flagged: Mapped[bool] = mapped_column(default=False)  # "come back to this"
    first_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
