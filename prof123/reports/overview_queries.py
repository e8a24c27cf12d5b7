"""Read queries for the overview reports: a class at a glance, one pupil's profile and the
whole school. Every query is filtered to the signed-in school (prof123.security) and is
set-based: the number of statements does not grow with the class, the school or the history.

Restricted pupils and leavers are left out everywhere: of class lists, of counts and of the
school's comparisons.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, case, func, or_, select

from prof123.assess import curriculum
from prof123.extensions import db
from prof123.formatting import SCHOOL_TIME_ZONE, local_date
from prof123.models import (
    AccessArrangements,
    Assessment,
    AssessmentAssignment,
    AssessmentAttempt,
    AssessmentResponse,
    Cohort,
    GameMode,
    Pupil,
    SchoolClass,
    TimesTablesAnswer,
    TimesTablesAttempt,
    class_pupils,
)
from prof123.reports import heatmap as heatmap_rules
from prof123.reports.heatmap import Heatmap
from prof123.reports.timestables_queries import pupil_fact_summary, report_pupils
from prof123.schoolyear import ROLLOVER_MONTH, year_group_label
from prof123.timestables.queries import arrangements_for

# --- the rules, stated on the pages ---------------------------------------------------------------

RECENT_ASSIGNMENTS = 6  # assessments shown on a class's overview
LOW_PERCENT = 50  # a latest paper below this needs attention
FALL_POINTS = 15  # … as does one this many points below the pupil's own earlier average
LATE_WINDOW_DAYS = 28
LATE_MIN_ANSWERS = 10  # judged on at least this many times-tables answers
LATE_SHARE = 0.25  # … of which at least this share were late or timed out
ACTIVITY_WINDOWS = (7, 28)  # days
MIN_ITEMS_TO_JUDGE = 2  # question-design.md §7.4
LATEST_ITEMS = 3  # evidence carried forward: the latest 3 items per objective
SECURE_SHARE = 0.8  # §8: secure ≥ 80%, developing 50-79%, not yet < 50%
DEVELOPING_SHARE = 0.5
MIN_GROUP = 5  # §8.5: no figure about fewer than 5 pupils on the whole-school page
BUCKET_MS = 100  # response times are summarised to the nearest 0.1 s below
MAX_BUCKET = 600  # 60 s and more count as 60 s


def paper_percent(score: int | None, out_of: int) -> float:
    return 0.0 if not out_of else 100 * (score or 0) / out_of


# --- a class at a glance ------------------------------------------------------------------------


@dataclass
class AssignmentSummary:
    assignment: AssessmentAssignment
    assessment: Assessment
    pupils: int  # on the class list
    started: int = 0  # started and not handed in
    percents: list[float] = field(default_factory=list)  # each handed-in paper

    @property
    def handed_in(self) -> int:
        return len(self.percents)

    def is_open(self, now: datetime) -> bool:
        return self.assignment.opens_at <= now < self.assignment.closes_at

    @property
    def spread(self) -> tuple[float, float, float] | None:
        """Lowest, median and highest percentage of the papers handed in."""
        if not self.percents:
            return None
        return min(self.percents), statistics.median(self.percents), max(self.percents)


@dataclass
class Activity:
    """One pupil's times tables lately."""

    games: dict[int, int] = field(default_factory=dict)  # days -> games started
    answers: dict[int, int] = field(default_factory=dict)  # days -> answers given
    correct_28: int = 0
    late_28: int = 0  # late or timed out, in the last 28 days
    check_score: int | None = None  # the latest check that counts
    check_at: datetime | None = None

    @property
    def many_late(self) -> bool:
        answered = self.answers.get(LATE_WINDOW_DAYS, 0)
        return answered >= LATE_MIN_ANSWERS and self.late_28 >= LATE_SHARE * answered


@dataclass(frozen=True)
class Concern:
    kind: str  # "not_started", "falling_behind", "late_answers"
    text: str


@dataclass
class ClassOverview:
    school_class: SchoolClass
    pupils: list[Pupil]
    assignments: list[AssignmentSummary]
    activity: dict[int, Activity]
    concerns: dict[int, list[Concern]]  # pupil id -> what needs attention, in class order
    now: datetime

    def activity_of(self, pupil: Pupil) -> Activity:
        return self.activity.get(pupil.id) or Activity()


def class_overview(school_class: SchoolClass, now: datetime) -> ClassOverview:
    """Eight statements, whatever the size of the class or its history."""
    pupils = report_pupils(school_class.id)
    ids = [p.id for p in pupils]
    recent = _assignments(school_class.id, now, only_open=False)
    still_open = _assignments(school_class.id, now, only_open=True)
    shown = recent + [pair for pair in still_open if pair not in recent]
    summaries = {
        assignment.id: AssignmentSummary(assignment, assessment, len(pupils))
        for assignment, assessment in shown
    }
    attempts = db.session.execute(
        select(
            AssessmentAttempt.assignment_id,
            AssessmentAttempt.pupil_id,
            AssessmentAttempt.handed_in_at,
            AssessmentAttempt.score,
            AssessmentAttempt.out_of,
        ).where(
            AssessmentAttempt.assignment_id.in_(list(summaries)),
            AssessmentAttempt.pupil_id.in_(ids),
        )
    ).all()
    begun: set[tuple[int, int]] = set()
    for assignment_id, pupil_id, handed_in_at, score, out_of in attempts:
        begun.add((assignment_id, pupil_id))
        if handed_in_at is None:
            summaries[assignment_id].started += 1
        else:
            summaries[assignment_id].percents.append(paper_percent(score, out_of))
    history = _paper_history(ids)
    activity = _activity(ids, now)
    concerns: dict[int, list[Concern]] = {}
    for pupil in pupils:
        found = [
            *not_started(pupil.id, still_open, begun, now),
            *falling_behind(history.get(pupil.id, [])),
            *late_answers(activity.get(pupil.id)),
        ]
        if found:
            concerns[pupil.id] = found
    ordered = [summaries[a.id] for a, _ in shown]
    ordered.sort(key=lambda s: (s.assignment.opens_at, s.assignment.id), reverse=True)
    return ClassOverview(school_class, pupils, ordered, activity, concerns, now)


def _assignments(
    class_id: int, now: datetime, only_open: bool
) -> list[tuple[AssessmentAssignment, Assessment]]:
    query = (
        select(AssessmentAssignment, Assessment)
        .join(Assessment, Assessment.id == AssessmentAssignment.assessment_id)
        .where(AssessmentAssignment.class_id == class_id, AssessmentAssignment.opens_at <= now)
        .order_by(AssessmentAssignment.opens_at.desc(), AssessmentAssignment.id.desc())
    )
    if only_open:
        query = query.where(AssessmentAssignment.closes_at > now)
    else:
        query = query.limit(RECENT_ASSIGNMENTS)
    return [tuple(row) for row in db.session.execute(query).tuples()]


def _paper_history(pupil_ids: list[int]) -> dict[int, list[float]]:
    """Each pupil's handed-in papers, oldest first, as percentages (any class's papers)."""
    rows = db.session.execute(
        select(AssessmentAttempt.pupil_id, AssessmentAttempt.score, AssessmentAttempt.out_of)
        .where(
            AssessmentAttempt.pupil_id.in_(pupil_ids), AssessmentAttempt.handed_in_at.isnot(None)
        )
        .order_by(AssessmentAttempt.handed_in_at, AssessmentAttempt.id)
    )
    history: dict[int, list[float]] = defaultdict(list)
    for pupil_id, score, out_of in rows:
        history[pupil_id].append(paper_percent(score, out_of))
    return history


def _activity(pupil_ids: list[int], now: datetime) -> dict[int, Activity]:
    """Games and answers in the last 7 and 28 days, and the latest check: three statements."""
    short, long = (now - timedelta(days=days) for days in ACTIVITY_WINDOWS)
    activity: dict[int, Activity] = defaultdict(Activity)
    answers = db.session.execute(
        select(
            TimesTablesAnswer.pupil_id,
            func.count(),
            _count_if(TimesTablesAnswer.answered_at >= short),
            _count_if(TimesTablesAnswer.is_correct),
            _count_if(or_(TimesTablesAnswer.is_late, TimesTablesAnswer.is_timed_out)),
        )
        .where(TimesTablesAnswer.pupil_id.in_(pupil_ids), TimesTablesAnswer.answered_at >= long)
        .group_by(TimesTablesAnswer.pupil_id)
    )
    for pupil_id, in_long, in_short, correct, late in answers:
        found = activity[pupil_id]
        found.answers = {ACTIVITY_WINDOWS[0]: in_short, ACTIVITY_WINDOWS[1]: in_long}
        found.correct_28, found.late_28 = correct, late
    games = db.session.execute(
        select(
            TimesTablesAttempt.pupil_id,
            func.count(),
            _count_if(TimesTablesAttempt.started_at >= short),
        )
        .where(
            TimesTablesAttempt.pupil_id.in_(pupil_ids),
            TimesTablesAttempt.started_at >= long,
            TimesTablesAttempt.mode != GameMode.TRY_IT_OUT,
        )
        .group_by(TimesTablesAttempt.pupil_id)
    )
    for pupil_id, in_long, in_short in games:
        activity[pupil_id].games = {ACTIVITY_WINDOWS[0]: in_short, ACTIVITY_WINDOWS[1]: in_long}
    for pupil_id, score, finished_at in _counted_checks(TimesTablesAttempt.pupil_id.in_(pupil_ids)):
        activity[pupil_id].check_score, activity[pupil_id].check_at = score, finished_at
    return dict(activity)


def _count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _counted_checks(*where):
    """(pupil id, score, finished at) of every recorded check that counts, oldest first."""
    return db.session.execute(
        select(
            TimesTablesAttempt.pupil_id, TimesTablesAttempt.score, TimesTablesAttempt.finished_at
        )
        .where(
            *where,
            TimesTablesAttempt.mode == GameMode.CHECK,
            TimesTablesAttempt.finished_at.isnot(None),
            TimesTablesAttempt.restart_reason.is_(None),
        )
        .order_by(TimesTablesAttempt.finished_at, TimesTablesAttempt.id)
    ).all()


# The attention rules: pure, so each is tested on its own numbers.


def not_started(
    pupil_id: int,
    open_assignments: list[tuple[AssessmentAssignment, Assessment]],
    begun: set[tuple[int, int]],
    now: datetime,
) -> list[Concern]:
    """Each assessment open now that the pupil has not started."""
    return [
        Concern("not_started", f"{assessment.title} (closes {local_date(assignment.closes_at)})")
        for assignment, assessment in open_assignments
        if (assignment.id, pupil_id) not in begun
        and assignment.opens_at <= now < assignment.closes_at
    ]


def falling_behind(percents: list[float]) -> list[Concern]:
    """The latest paper below 50%, or 15 points or more below the pupil's own average of
    their earlier papers."""
    if not percents:
        return []
    latest = percents[-1]
    if latest < LOW_PERCENT:
        # Rounded down, so a 49.5% paper never reads "50%, below 50%".
        return [Concern("falling_behind", f"{math.floor(latest)}%, below {LOW_PERCENT}%")]
    earlier = percents[:-1]
    if earlier and statistics.mean(earlier) - latest >= FALL_POINTS:
        average = round(statistics.mean(earlier))
        return [Concern("falling_behind", f"{round(latest)}%, down from {average}% on average")]
    return []


def late_answers(activity: Activity | None) -> list[Concern]:
    if activity is None or not activity.many_late:
        return []
    answered = activity.answers.get(LATE_WINDOW_DAYS, 0)
    return [Concern("late_answers", f"{activity.late_28} of {answered} late or timed out")]


# --- one pupil ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperResult:
    title: str
    class_name: str
    assignment_public_id: str
    handed_in_at: datetime
    score: int
    out_of: int

    @property
    def percent(self) -> float:
        return paper_percent(self.score, self.out_of)


@dataclass(frozen=True)
class ObjectiveEvidence:
    objective: curriculum.Objective | None
    code: str
    items: int  # the latest items on it, at most 3
    right: int

    @property
    def band(self) -> str:
        """secure, developing, not_yet, or not_enough (fewer than 2 items)."""
        if self.items < MIN_ITEMS_TO_JUDGE:
            return "not_enough"
        share = self.right / self.items
        if share >= SECURE_SHARE:
            return "secure"
        return "developing" if share >= DEVELOPING_SHARE else "not_yet"

    @property
    def statement(self) -> str:
        return self.objective.statement if self.objective else "(objective no longer in use)"


@dataclass(frozen=True)
class TableAccuracy:
    table: int
    answered: int
    correct: int


@dataclass
class PupilProfile:
    pupil: Pupil
    papers: list[PaperResult]
    objectives: list[ObjectiveEvidence]
    checks: list[tuple[int, datetime]]  # (score, finished at), oldest first
    heatmap: Heatmap  # this school year's facts, as the times-tables report draws them
    arrangements: AccessArrangements

    @property
    def tables(self) -> list[TableAccuracy]:
        """Accuracy per table from the heatmap's facts, counted as the times-tables report
        counts them (7 × 8 for the 7s and the 8s); tables with no answers left out."""
        tallies = {cell.fact: cell.tally for cell in self.heatmap.cells() if cell.tally.answered}
        return [
            TableAccuracy(table, tally.answered, tally.correct)
            for table, tally in heatmap_rules.table_accuracy(tallies)
            if tally.answered
        ]


def pupil_profile(pupil: Pupil) -> PupilProfile:
    """Five statements, however long the pupil's history: papers, objectives, checks, the
    heatmap (timestables_queries.pupil_fact_summary) and access arrangements."""
    return PupilProfile(
        pupil,
        pupil_papers(pupil.id),
        objective_evidence(pupil.id),
        [
            (score, at)
            for _pupil, score, at in _counted_checks(TimesTablesAttempt.pupil_id == pupil.id)
        ],
        pupil_fact_summary(pupil.id),
        arrangements_for(pupil.id),
    )


def pupil_papers(pupil_id: int) -> list[PaperResult]:
    rows = db.session.execute(
        select(
            Assessment.title,
            SchoolClass.name,
            AssessmentAssignment.public_id,
            AssessmentAttempt.handed_in_at,
            AssessmentAttempt.score,
            AssessmentAttempt.out_of,
        )
        .join(AssessmentAssignment, AssessmentAssignment.id == AssessmentAttempt.assignment_id)
        .join(Assessment, Assessment.id == AssessmentAssignment.assessment_id)
        .join(SchoolClass, SchoolClass.id == AssessmentAssignment.class_id)
        .where(AssessmentAttempt.pupil_id == pupil_id, AssessmentAttempt.handed_in_at.isnot(None))
        .order_by(AssessmentAttempt.handed_in_at, AssessmentAttempt.id)
    )
    return [PaperResult(t, c, p, h, s or 0, o) for t, c, p, h, s, o in rows]


def objective_evidence(pupil_id: int) -> list[ObjectiveEvidence]:
    """Per objective, the latest 3 items the pupil answered across every paper handed in
    (question-design §7.4), in curriculum order."""
    ranked = (
        select(
            AssessmentResponse.objective.label("objective"),
            AssessmentResponse.is_correct.label("is_correct"),
            func.row_number()
            .over(
                partition_by=AssessmentResponse.objective,
                order_by=(
                    AssessmentAttempt.handed_in_at.desc(),
                    AssessmentAttempt.id.desc(),
                    AssessmentResponse.item_number.desc(),
                ),
            )
            .label("recency"),
        )
        .join(AssessmentAttempt, AssessmentAttempt.id == AssessmentResponse.attempt_id)
        .where(AssessmentResponse.pupil_id == pupil_id, AssessmentAttempt.handed_in_at.isnot(None))
        .subquery()
    )
    rows = db.session.execute(
        select(ranked.c.objective, func.count(), _count_if(ranked.c.is_correct))
        .where(ranked.c.recency <= LATEST_ITEMS)
        .group_by(ranked.c.objective)
    )
    found = [
        ObjectiveEvidence(_objective_or_none(code), code, items, right)
        for code, items, right in rows
    ]
    order = {o.code: n for n, o in enumerate(curriculum.catalogue().objectives)}
    return sorted(found, key=lambda e: (order.get(e.code, len(order)), e.code))


def _objective_or_none(code: str) -> curriculum.Objective | None:
    try:
        return curriculum.objective(code)
    except KeyError:
        return None


# --- the whole school ---------------------------------------------------------------------------


@dataclass
class GroupFigures:
    """One class or year group. A figure about fewer than MIN_GROUP pupils is not shown."""

    label: str
    pupil_ids: set[int] = field(default_factory=set)
    year_label: str = ""
    start_year: int | None = None  # the cohort most of its pupils are in
    percents: list[float] = field(default_factory=list)  # each handed-in paper
    paper_pupils: set[int] = field(default_factory=set)
    answered: int = 0
    correct: int = 0
    answer_pupils: set[int] = field(default_factory=set)
    histogram: Counter = field(default_factory=Counter)  # 0.1 s bucket -> answers
    check_scores: list[int] = field(default_factory=list)  # each pupil's latest check

    @property
    def is_small(self) -> bool:
        return len(self.pupil_ids) < MIN_GROUP

    @property
    def mean_percent(self) -> float | None:
        if len(self.paper_pupils) < MIN_GROUP or not self.percents:
            return None
        return statistics.mean(self.percents)

    @property
    def accuracy(self) -> float | None:
        if len(self.answer_pupils) < MIN_GROUP or not self.answered:
            return None
        return 100 * self.correct / self.answered

    @property
    def median_ms(self) -> int | None:
        """The median response time, to 0.1 s below (the lower median of an even count)."""
        if len(self.answer_pupils) < MIN_GROUP:
            return None
        return median_of_histogram(self.histogram, BUCKET_MS)

    @property
    def check_mean(self) -> float | None:
        if len(self.check_scores) < MIN_GROUP:
            return None
        return statistics.mean(self.check_scores)


def median_of_histogram(histogram: Counter, width: int) -> int | None:
    total = sum(histogram.values())
    if not total:
        return None
    middle = (total + 1) // 2  # the lower median's rank
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= middle:
            return bucket * width
    return None  # pragma: no cover


@dataclass
class SchoolOverview:
    academic_year: int
    since: datetime
    classes: list[GroupFigures]
    year_groups: list[GroupFigures]


def start_of_academic_year(academic_year: int) -> datetime:
    """Midnight on 1 September in the school's clock, as UTC."""
    return datetime(academic_year, ROLLOVER_MONTH, 1, tzinfo=SCHOOL_TIME_ZONE).astimezone(UTC)


def school_overview(academic_year: int, since: datetime) -> SchoolOverview:
    """Seven statements, whatever the size of the school or its history: classes, who is in
    them, papers, answers per pupil, response times per class and per year group, checks."""
    classes = list(
        db.session.scalars(
            select(SchoolClass)
            .where(SchoolClass.academic_year == academic_year)
            .order_by(SchoolClass.name)
        )
    )
    by_class = {c.id: GroupFigures(c.name) for c in classes}
    enrolled = db.session.execute(
        select(class_pupils.c.class_id, Pupil.id, Cohort.start_year)
        .select_from(Pupil)
        .join(class_pupils, class_pupils.c.pupil_id == Pupil.id)
        .join(SchoolClass, SchoolClass.id == class_pupils.c.class_id)
        .join(Cohort, Cohort.id == Pupil.cohort_id)
        .where(_this_year_on_roll(academic_year))
    ).all()
    year_of: dict[int, int] = {}
    classes_of: dict[int, list[int]] = defaultdict(list)
    for class_id, pupil_id, start_year in enrolled:
        by_class[class_id].pupil_ids.add(pupil_id)
        year_of[pupil_id] = start_year
        classes_of[pupil_id].append(class_id)
    by_year: dict[int, GroupFigures] = {}
    for start_year in sorted(set(year_of.values()), reverse=True):
        by_year[start_year] = GroupFigures(year_group_label(start_year, academic_year))
    for pupil_id, start_year in year_of.items():
        by_year[start_year].pupil_ids.add(pupil_id)
    for figures in by_class.values():
        years = Counter(year_of[p] for p in figures.pupil_ids)
        if years:
            figures.start_year = max(years, key=lambda y: (years[y], y))
            figures.year_label = by_year[figures.start_year].label
        else:
            figures.year_label = "No pupils"

    papers = db.session.execute(
        select(
            AssessmentAttempt.pupil_id,
            AssessmentAssignment.class_id,
            AssessmentAttempt.score,
            AssessmentAttempt.out_of,
        )
        .join(AssessmentAssignment, AssessmentAssignment.id == AssessmentAttempt.assignment_id)
        .join(SchoolClass, SchoolClass.id == AssessmentAssignment.class_id)
        .where(
            SchoolClass.academic_year == academic_year,
            AssessmentAttempt.handed_in_at.isnot(None),
        )
    )
    for pupil_id, class_id, score, out_of in papers:
        if pupil_id not in year_of:
            continue  # restricted, a leaver, or no longer in a class this year
        percent = paper_percent(score, out_of)
        for figures in (by_year[year_of[pupil_id]], by_class[class_id]):
            if figures is by_class[class_id] and pupil_id not in figures.pupil_ids:
                continue  # moved to another class: their paper stays with the year group
            figures.percents.append(percent)
            figures.paper_pupils.add(pupil_id)

    answers = db.session.execute(
        select(TimesTablesAnswer.pupil_id, func.count(), _count_if(TimesTablesAnswer.is_correct))
        .where(TimesTablesAnswer.answered_at >= since)
        .group_by(TimesTablesAnswer.pupil_id)
    )
    for pupil_id, answered, correct in answers:
        if pupil_id not in year_of:
            continue
        groups = [by_year[year_of[pupil_id]], *(by_class[c] for c in classes_of[pupil_id])]
        for figures in groups:
            figures.answered += answered
            figures.correct += correct
            figures.answer_pupils.add(pupil_id)

    bucket = case(
        (TimesTablesAnswer.response_ms >= MAX_BUCKET * BUCKET_MS, MAX_BUCKET),
        else_=TimesTablesAnswer.response_ms // BUCKET_MS,
    )
    timed = and_(TimesTablesAnswer.answered_at >= since, TimesTablesAnswer.response_ms.isnot(None))
    per_class = db.session.execute(
        select(class_pupils.c.class_id, bucket, func.count())
        .select_from(TimesTablesAnswer)
        .join(Pupil, Pupil.id == TimesTablesAnswer.pupil_id)
        .join(class_pupils, class_pupils.c.pupil_id == Pupil.id)
        .join(SchoolClass, SchoolClass.id == class_pupils.c.class_id)
        .where(timed, _this_year_on_roll(academic_year))
        .group_by(class_pupils.c.class_id, bucket)
    )
    for class_id, slot, count in per_class:
        by_class[class_id].histogram[slot] += count
    in_a_class = (
        select(class_pupils.c.pupil_id)
        .join(SchoolClass, SchoolClass.id == class_pupils.c.class_id)
        .where(SchoolClass.academic_year == academic_year)
    )
    per_year = db.session.execute(
        select(Cohort.start_year, bucket, func.count())
        .select_from(TimesTablesAnswer)
        .join(Pupil, Pupil.id == TimesTablesAnswer.pupil_id)
        .join(Cohort, Cohort.id == Pupil.cohort_id)
        .where(
            timed,
            Pupil.is_restricted.is_(False),
            Pupil.left_on.is_(None),
            Pupil.id.in_(in_a_class),
        )
        .group_by(Cohort.start_year, bucket)
    )
    for start_year, slot, count in per_year:
        if start_year in by_year:
            by_year[start_year].histogram[slot] += count

    latest: dict[int, int] = {}
    for pupil_id, score, _at in _counted_checks(TimesTablesAttempt.finished_at >= since):
        latest[pupil_id] = score
    for pupil_id, score in latest.items():
        if pupil_id not in year_of or score is None:
            continue
        by_year[year_of[pupil_id]].check_scores.append(score)
        for class_id in classes_of[pupil_id]:
            by_class[class_id].check_scores.append(score)

    # Youngest first, as the year groups are; a class with no pupils last.
    ordered_classes = sorted(
        by_class.values(),
        key=lambda f: (f.start_year is None, -(f.start_year or 0), f.label),
    )
    return SchoolOverview(academic_year, since, ordered_classes, list(by_year.values()))


def _this_year_on_roll(academic_year: int):
    return and_(
        SchoolClass.academic_year == academic_year,
        Pupil.is_restricted.is_(False),
        Pupil.left_on.is_(None),
    )
