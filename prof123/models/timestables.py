"""Times-tables games: what was asked, every answer given, and each pupil's settings."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column

from prof123.models.base import (
    Base,
    PublicIdMixin,
    SchoolScoped,
    UTCDateTime,
    same_school_fk,
    utcnow,
)


class GameMode(enum.StrEnum):
    CHECK = "check"  # the Multiplication Tables Check, recorded
    TRY_IT_OUT = "try_it_out"  # the same check, nothing kept
    PRACTICE = "practice"
    SPEED = "speed"
    ADAPTIVE = "adaptive"


class RestartReason(enum.StrEnum):
    """The MTC's coded reasons for a restart."""

    LOSS_OF_INTERNET = "loss_of_internet"
    IT_ISSUES = "it_issues"
    CLASSROOM_DISRUPTION = "classroom_disruption"
    DID_NOT_COMPLETE = "did_not_complete"


class ClassTimesTables(SchoolScoped, Base):
    """A class's times-tables set-up, chosen by its teacher."""

    __tablename__ = "class_times_tables"
    __table_args__ = (
        UniqueConstraint("school_id", "class_id"),
        same_school_fk("class_id", "school_classes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(Integer)
    # The check is open when check_mode is set: a recorded check or "try it out".
    check_mode: Mapped[GameMode | None] = mapped_column(
        Enum(GameMode, native_enum=False, length=20)
    )
    check_opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    practice_tables: Mapped[str] = mapped_column(String(40), default="2,3,4,5,10")
    practice_operations: Mapped[str] = mapped_column(String(4), default="×")
    is_adaptive_on: Mapped[bool] = mapped_column(default=False)


class TimesTablesAttempt(PublicIdMixin, SchoolScoped, Base):
    """One game or check by one pupil. The questions are kept (and the seed and generator
    version they came from), so marking can always be repeated."""

    __tablename__ = "times_tables_attempts"
    __table_args__ = (
        UniqueConstraint("school_id", "id"),
        same_school_fk("pupil_id", "pupils"),
        # At most one unfinished game of each kind per pupil, even if Start is pressed twice.
        Index(
            "uq_times_tables_attempts_one_unfinished",
            "pupil_id",
            "mode",
            unique=True,
            sqlite_where=text("finished_at IS NULL"),
            postgresql_where=text("finished_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(Integer, index=True)
    class_id: Mapped[int | None] = mapped_column(
        ForeignKey("school_classes.id", ondelete="SET NULL")
    )
    mode: Mapped[GameMode] = mapped_column(Enum(GameMode, native_enum=False, length=20))
    seed: Mapped[int] = mapped_column(Integer)
    generator_version: Mapped[int] = mapped_column(Integer)
    # "7×8,56÷8,…": the questions in order.
    questions: Mapped[str] = mapped_column(Text)
    question_ms: Mapped[int | None] = mapped_column(Integer)  # None = untimed
    pause_ms: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When question 1 was due on screen, moved on after a reload: question n is due by
    # begun_at + n × (pause + time allowed) when the pupil does not set the pace.
    begun_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A Next button or the audio version: the pupil, not the clock, moves between questions.
    is_paced_by_pupil: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # The question on screen now, and when the server put it there.
    next_number: Mapped[int] = mapped_column(Integer, default=1)
    shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the question answered last had been put up: the answer's UPDATE … RETURNING
    # reads it back, because RETURNING gives the row as it is after the update.
    answered_shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    # A check the teacher replaced with a restart: kept for them to see, never counted.
    restart_reason: Mapped[RestartReason | None] = mapped_column(
        Enum(RestartReason, native_enum=False, length=30)
    )

    @property
    def question_count(self) -> int:
        return self.questions.count(",") + 1


class TimesTablesAnswer(SchoolScoped, Base):
    """Every answer, right or wrong, late or in time: the record each fact's history is
    built from. One row per (attempt, question number), so a resent answer is never doubled."""

    __tablename__ = "times_tables_answers"
    __table_args__ = (
        UniqueConstraint("attempt_id", "number"),
        same_school_fk("attempt_id", "times_tables_attempts"),
        # Covers the times-tables reports: one GROUP BY pupil and fact reads only this index,
        # in its order, for a class's year of answers (prof123/reports/timestables_queries.py).
        Index(
            "ix_times_tables_answers_fact_report",
            "school_id",
            "pupil_id",
            "left",
            "right",
            "is_correct",
            "response_ms",
            "answered_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(Integer, index=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    left: Mapped[int] = mapped_column(Integer)
    right: Mapped[int] = mapped_column(Integer)
    operation: Mapped[str] = mapped_column(String(1))
    typed: Mapped[str] = mapped_column(String(5), default="")
    is_correct: Mapped[bool] = mapped_column(default=False)
    response_ms: Mapped[int | None] = mapped_column(Integer)
    is_timed_out: Mapped[bool] = mapped_column(default=False)
    is_late: Mapped[bool] = mapped_column(default=False)
    shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AttemptEvent(SchoolScoped, Base):
    """Interruptions a teacher sees on an attempt's timeline: refreshed at Q9, and so on."""

    __tablename__ = "times_tables_attempt_events"
    __table_args__ = (same_school_fk("attempt_id", "times_tables_attempts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ColourScheme(enum.StrEnum):
    STANDARD = "standard"
    BLACK_ON_WHITE = "black_on_white"
    YELLOW_ON_BLACK = "yellow_on_black"
    BLACK_ON_BLUE = "black_on_blue"
    BLACK_ON_PEACH = "black_on_peach"
    BLUE_ON_CREAM = "blue_on_cream"


class AccessArrangements(SchoolScoped, Base):
    """One profile per pupil, set by a teacher or admin, applied in every mode (the MTC's
    seven arrangements; there is no extra time, as in the MTC)."""

    __tablename__ = "access_arrangements"
    __table_args__ = (
        UniqueConstraint("school_id", "pupil_id"),
        same_school_fk("pupil_id", "pupils"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(Integer)
    has_audible_time_alert: Mapped[bool] = mapped_column(default=False)
    colour_scheme: Mapped[ColourScheme] = mapped_column(
        Enum(ColourScheme, native_enum=False, length=20), default=ColourScheme.STANDARD
    )
    font_size: Mapped[int] = mapped_column(Integer, default=3)  # 1 (smallest) to 6
    input_assistant_name: Mapped[str | None] = mapped_column(String(120))
    has_next_button: Mapped[bool] = mapped_column(default=False)
    has_audio_version: Mapped[bool] = mapped_column(default=False)
    hides_number_pad: Mapped[bool] = mapped_column(default=False)


class TypingSpeed(SchoolScoped, Base):
    """How fast a pupil enters digits (a short copying warm-up), so a teacher can tell
    "slow to type" from "does not know"."""

    __tablename__ = "typing_speeds"
    __table_args__ = (same_school_fk("pupil_id", "pupils"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(Integer, index=True)
    ms_per_digit: Mapped[int] = mapped_column(Integer)
    measured_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
