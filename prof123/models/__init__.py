"""All models, imported here so Alembic and the app see the whole schema."""

from prof123.models.assess import (
    Assessment,
    AssessmentAssignment,
    AssessmentAttempt,
    AssessmentItem,
    AssessmentKind,
    AssessmentResponse,
)
from prof123.models.audit import AuditEntry
from prof123.models.auth import LoginSession, SignInFailureCount
from prof123.models.base import Base, SchoolScoped, utcnow
from prof123.models.people import (
    STAFF_ROLES,
    ClassSignInCode,
    Cohort,
    Pupil,
    Role,
    SchoolClass,
    StaffUser,
    class_pupils,
    class_teachers,
)
from prof123.models.school import School
from prof123.models.timestables import (
    AccessArrangements,
    AttemptEvent,
    ClassTimesTables,
    ColourScheme,
    GameMode,
    RestartReason,
    TimesTablesAnswer,
    TimesTablesAttempt,
    TypingSpeed,
)

__all__ = [
    "STAFF_ROLES",
    "AccessArrangements",
    "Assessment",
    "AssessmentAssignment",
    "AssessmentAttempt",
    "AssessmentItem",
    "AssessmentKind",
    "AssessmentResponse",
    "AttemptEvent",
    "AuditEntry",
    "Base",
    "ClassSignInCode",
    "ClassTimesTables",
    "Cohort",
    "ColourScheme",
    "GameMode",
    "LoginSession",
    "Pupil",
    "RestartReason",
    "Role",
    "School",
    "SchoolClass",
    "SchoolScoped",
    "SignInFailureCount",
    "StaffUser",
    "TimesTablesAnswer",
    "TimesTablesAttempt",
    "TypingSpeed",
    "class_pupils",
    "class_teachers",
    "utcnow",
]
