"""What the overview pages show, as tables of text: the page and its CSV download are made
from the same cells, so the numbers in a download are always the numbers on the screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from flask import abort, current_app, url_for

from prof123.formatting import local_date
from prof123.models import AccessArrangements, ColourScheme, Pupil, SchoolClass, utcnow
from prof123.reports import exports
from prof123.reports import overview_queries as q
from prof123.reports.charts import LineChart, percent
from prof123.reports.exports import NONE, Cell, Table
from prof123.reports.overview_charts import HBar, HBarChart, Range, RangeChart

PRINT_MAX_OBJECTIVES = 18  # per list on the one-page report
SUPPRESSED = "under 5 pupils"
BANDS = {
    "secure": "Secure",
    "developing": "Developing",
    "not_yet": "Not yet",
    "not_enough": "Not enough evidence",
}


@dataclass
class Page:
    title: str
    filename: str  # CSV names start with it
    tables: dict[str, Table] = field(default_factory=dict)
    context: dict = field(default_factory=dict)

    def add(self, table: Table) -> Table:
        self.tables[table.key] = table
        return table

    def csv_name(self, table: Table) -> str:
        """A file name of letters, digits and dashes only."""
        raw = f"{self.filename}-{table.key}"
        return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in raw)

    def table(self, key: str) -> Table:
        if key not in self.tables:
            abort(404)
        return self.tables[key]


def percent_text(value: float | None) -> str:
    return NONE if value is None else f"{round(value)}%"


def report_url(endpoint: str, fallback: str, **values) -> str:
    """A link to another report while it may still be being built: its own page once the
    endpoint exists, the older page until then."""
    if endpoint in current_app.view_functions:
        return url_for(endpoint, **values)
    return url_for(fallback, **values)


def _has(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


def _keep(hidden: bool) -> dict:
    return {"names": "hidden"} if hidden else {}


# --- a class at a glance ------------------------------------------------------------------------


def class_page(overview: q.ClassOverview, hidden: bool) -> Page:
    school_class = overview.school_class
    labels = exports.pupil_labels(overview.pupils, hidden)
    keep = _keep(hidden)
    page = Page(f"Class {school_class.name}: overview", f"{school_class.name}-overview")

    def profile(pupil: Pupil) -> Cell:
        return Cell(labels[pupil.id], _profile_url(school_class, pupil, keep))

    page.add(
        Table(
            "attention",
            "Pupils who need attention",
            ("Pupil", *CONCERN_COLUMNS.values()),
            [
                (profile(p), *_concern_cells(overview.concerns[p.id]))
                for p in overview.pupils
                if p.id in overview.concerns
            ],
            empty="Nobody, by these rules.",
        )
    )
    page.add(_assessments_table(overview))
    page.add(_activity_table(overview, profile))
    page.context.update(
        school_class=school_class,
        pupil_count=len(overview.pupils),
        spread_chart=_spread_chart(overview),
        timestables_url=report_url(
            "reports.class_timestables",
            "teacher.times_tables_show",
            class_id=school_class.public_id,
        ),
        rules=_attention_rules(),
    )
    return page


CONCERN_COLUMNS = {
    "not_started": "Not started (open now)",
    "falling_behind": "Latest paper",
    "late_answers": f"Times tables, last {q.LATE_WINDOW_DAYS} days",
}


def _concern_cells(concerns: list[q.Concern]) -> list[Cell]:
    return [
        Cell("; ".join(c.text for c in concerns if c.kind == kind), css="ov-concern")
        for kind in CONCERN_COLUMNS
    ]


def _profile_url(school_class: SchoolClass, pupil: Pupil, keep: dict) -> str:
    return url_for(
        "reports.pupil_profile",
        class_id=school_class.public_id,
        pupil_id=pupil.public_id,
        **keep,
    )


def _attention_rules() -> list[str]:
    return [
        "Not started: an assessment set for the class is open now and the pupil has not "
        "started it.",
        f"Falling behind: their latest paper scored below {q.LOW_PERCENT}%, or "
        f"{q.FALL_POINTS} points or more below the average of their own earlier papers.",
        f"Late answers: at least {q.LATE_MIN_ANSWERS} times-tables answers in the last "
        f"{q.LATE_WINDOW_DAYS} days, and {round(q.LATE_SHARE * 100)}% or more of them late "
        "or timed out (slow recall, or a poor connection).",
    ]


def _assessments_table(overview: q.ClassOverview) -> Table:
    rows = []
    for summary in overview.assignments:
        assignment = summary.assignment
        spread = summary.spread
        status = (
            f"Open until {local_date(assignment.closes_at)}"
            if summary.is_open(overview.now)
            else f"Closed {local_date(assignment.closes_at)}"
        )
        rows.append(
            (
                Cell(
                    summary.assessment.title,
                    report_url(
                        "reports.assignment_report",
                        "assess.results_show",
                        assignment_id=assignment.public_id,
                    ),
                ),
                Cell(local_date(assignment.opens_at)),
                Cell(status),
                Cell(f"{summary.handed_in} of {summary.pupils}"),
                Cell(str(summary.started)),
                Cell(percent_text(percent(summary.handed_in, summary.pupils))),
                *(Cell(percent_text(v)) for v in (spread or (None, None, None))),
            )
        )
    return Table(
        "assessments",
        "Recent assessments",
        (
            "Assessment",
            "Opened",
            "Status",
            "Handed in",
            "In progress",
            "Completion",
            "Lowest",
            "Median",
            "Highest",
        ),
        rows,
        empty="No assessments have been set for this class yet.",
    )


def _spread_chart(overview: q.ClassOverview) -> RangeChart | None:
    ranges = tuple(
        Range(
            s.assessment.title,
            *(round(v) for v in s.spread),
            note=f"{s.handed_in} papers",
        )
        for s in reversed(overview.assignments)
        if s.spread is not None
    )
    if not ranges:
        return None
    return RangeChart("Score spread: lowest, median and highest, in per cent", ranges)


def _activity_table(overview: q.ClassOverview, profile) -> Table:
    short, long = q.ACTIVITY_WINDOWS
    rows = []
    totals = q.Activity(games={short: 0, long: 0}, answers={short: 0, long: 0})
    checks = []
    for pupil in overview.pupils:
        activity = overview.activity_of(pupil)
        rows.append((profile(pupil), *_activity_cells(activity)))
        for days in (short, long):
            totals.games[days] += activity.games.get(days, 0)
            totals.answers[days] += activity.answers.get(days, 0)
        totals.correct_28 += activity.correct_28
        totals.late_28 += activity.late_28
        if activity.check_score is not None:
            checks.append(activity.check_score)
    if rows:
        check_mean = (
            f"mean {sum(checks) / len(checks):.1f} / 25 ({len(checks)} pupils)" if checks else NONE
        )
        sums = [Cell(cell.text) for cell in _activity_cells(totals)[:-1]]
        rows.append((Cell("Whole class"), *sums, Cell(check_mean)))
    return Table(
        "timestables",
        "Times tables lately",
        (
            "Pupil",
            f"Games, {short} days",
            f"Games, {long} days",
            f"Answers, {short} days",
            f"Answers, {long} days",
            f"Right, {long} days",
            f"Late or timed out, {long} days",
            "Latest check",
        ),
        rows,
        empty="No pupils are in this class.",
    )


def _activity_cells(activity: q.Activity) -> list[Cell]:
    short, long = q.ACTIVITY_WINDOWS
    answered = activity.answers.get(long, 0)
    right = percent_text(percent(activity.correct_28, answered))
    late = f"{activity.late_28}" if answered else NONE
    check = (
        f"{activity.check_score} / 25 ({local_date(activity.check_at)})"
        if activity.check_score is not None and activity.check_at is not None
        else NONE
    )
    return [
        Cell(str(activity.games.get(short, 0))),
        Cell(str(activity.games.get(long, 0))),
        Cell(str(activity.answers.get(short, 0))),
        Cell(str(answered)),
        Cell(right),
        Cell(late, css="ov-flag" if activity.many_late else ""),
        Cell(check),
    ]


# --- one pupil ----------------------------------------------------------------------------------


def pupil_page(
    school_class: SchoolClass,
    pupils: Sequence[Pupil],
    profile: q.PupilProfile,
    hidden: bool,
) -> Page:
    pupil = profile.pupil
    name = exports.pupil_labels(pupils, hidden)[pupil.id]
    keep = _keep(hidden)
    page = Page(name, f"{school_class.name}-{'pupil' if hidden else pupil.username}")
    papers = page.add(
        Table(
            "results",
            "Assessment results",
            ("Handed in", "Assessment", "Class", "Score", "Per cent"),
            [
                (
                    Cell(local_date(paper.handed_in_at)),
                    Cell(paper.title),
                    Cell(paper.class_name),
                    Cell(f"{paper.score} / {paper.out_of}"),
                    Cell(percent_text(paper.percent)),
                )
                for paper in profile.papers
            ],
            empty="No assessments handed in yet.",
        )
    )
    objectives = page.add(
        Table(
            "objectives",
            "Objectives",
            ("Objective", "Statement", "Latest questions", "Right", "Judgement"),
            [
                (
                    Cell(e.code),
                    Cell(e.statement),
                    Cell(str(e.items)),
                    Cell(str(e.right)),
                    Cell(BANDS[e.band], css=f"ov-band ov-band-{e.band}"),
                )
                for e in profile.objectives
            ],
            empty="No objectives assessed yet.",
        )
    )
    page.add(
        Table(
            "checks",
            "Multiplication tables checks",
            ("Date", "Score"),
            [(Cell(local_date(at)), Cell(f"{score} / 25")) for score, at in profile.checks],
            empty="No recorded checks yet.",
        )
    )
    page.add(
        Table(
            "tables",
            "Times tables this school year: right answers by table",
            ("Table", "Answers", "Right", "Accuracy"),
            [
                (
                    Cell(f"{t.table}×"),
                    Cell(str(t.answered)),
                    Cell(str(t.correct)),
                    Cell(percent_text(percent(t.correct, t.answered))),
                )
                for t in profile.tables
            ],
            empty="No times-tables answers yet.",
        )
    )
    bands: dict[str, list] = {band: [] for band in BANDS}
    for evidence in profile.objectives:
        bands[evidence.band].append(evidence)
    for band in ("not_yet", "developing"):  # weakest first, then curriculum order
        bands[band].sort(key=lambda e: e.right / e.items)
    page.context.update(
        school_class=school_class,
        pupil=pupil,
        name=name,
        now_date=local_date(utcnow()),
        print_max=PRINT_MAX_OBJECTIVES,
        bands=bands,
        trend=LineChart(
            f"{name}: assessment results over time",
            tuple(short_date(p.handed_in_at) for p in profile.papers),
            tuple(round(p.percent) for p in profile.papers),
            maximum=100,
            height=230,
            margin=50,
        ),
        trend_summary=_trend_summary(profile.papers),
        table_chart=HBarChart(
            f"{name}: times tables, answers right per table",
            tuple(
                HBar(
                    f"{t.table}× table",
                    100 * t.correct / t.answered,
                    f"{percent_text(percent(t.correct, t.answered))} ({t.correct} of {t.answered})",
                )
                for t in profile.tables
                if t.answered
            ),
        ),
        arrangements=arrangements_in_force(profile.arrangements),
        heatmap=profile.heatmap,
        timestables_url=_pupil_timestables_url(school_class, pupil, keep),
        facts_to_practise=[
            cell.text for cell in profile.heatmap.cells() if cell.state.value == "wrong"
        ],
        overview_url=url_for("reports.class_overview", class_id=school_class.public_id, **keep),
        print_url=url_for(
            "reports.pupil_profile",
            class_id=school_class.public_id,
            pupil_id=pupil.public_id,
            view="print",
            **keep,
        ),
        papers=papers,
        objectives_table=objectives,
    )
    return page


def _pupil_timestables_url(school_class: SchoolClass, pupil: Pupil, keep: dict) -> str:
    """The pupil's page of the times-tables report, or the class's times tables until that
    report exists."""
    if _has("reports.pupil_timestables"):
        return url_for(
            "reports.pupil_timestables",
            class_id=school_class.public_id,
            pupil_id=pupil.public_id,
            **keep,
        )
    return url_for("teacher.times_tables_show", class_id=school_class.public_id)


def _trend_summary(papers: list[q.PaperResult]) -> str:
    if not papers:
        return "No assessments handed in yet."
    latest = round(papers[-1].percent)
    if len(papers) == 1:
        return f"One paper so far: {latest}%."
    first = round(papers[0].percent)
    change = latest - first
    direction = "up" if change > 0 else "down" if change < 0 else "no change"
    amount = f" {abs(change)} points" if change else ""
    return (
        f"{len(papers)} papers. First {first}%, latest {latest}%: {direction}{amount}. "
        f"Average {round(sum(p.percent for p in papers) / len(papers))}%."
    )


SCHEMES = {
    ColourScheme.BLACK_ON_WHITE: "black on white",
    ColourScheme.YELLOW_ON_BLACK: "yellow on black",
    ColourScheme.BLACK_ON_BLUE: "black on blue",
    ColourScheme.BLACK_ON_PEACH: "black on peach",
    ColourScheme.BLUE_ON_CREAM: "blue on cream",
}


def arrangements_in_force(arrangements: AccessArrangements) -> list[str]:
    """The MTC's arrangements set for this pupil, in words; none when all are at default."""
    found = []
    if arrangements.has_audible_time_alert:
        found.append("Audible time alert")
    if arrangements.colour_scheme in SCHEMES:
        found.append(f"Colour contrast: {SCHEMES[arrangements.colour_scheme]}")
    if arrangements.font_size is not None and arrangements.font_size != 3:
        found.append(f"Font size {arrangements.font_size} of 6 (3 is standard)")
    if arrangements.input_assistant_name:
        found.append("Input assistant")
    if arrangements.has_next_button:
        found.append("Next button between questions")
    if arrangements.has_audio_version:
        found.append("Audio version")
    if arrangements.hides_number_pad:
        found.append("On-screen number pad removed")
    return found


# --- the whole school ---------------------------------------------------------------------------


def school_page(overview: q.SchoolOverview) -> Page:
    page = Page("Whole school", f"school-{overview.academic_year}")
    page.add(
        Table(
            "classes",
            "Classes",
            ("Class", "Year group", *_FIGURE_HEADER),
            [(Cell(f.label), Cell(f.year_label), *_figure_cells(f)) for f in overview.classes],
            empty="No classes this school year.",
        )
    )
    page.add(
        Table(
            "year-groups",
            "Year groups",
            ("Year group", *_FIGURE_HEADER),
            [(Cell(f.label), *_figure_cells(f)) for f in overview.year_groups],
            empty="No pupils in classes this school year.",
        )
    )
    page.context.update(
        since=overview.since,
        min_group=q.MIN_GROUP,
        charts={
            "years": (
                _comparison("Mean assessment score", overview.year_groups, "mean_percent"),
                _comparison("Times-tables accuracy", overview.year_groups, "accuracy"),
            ),
            "classes": (
                _comparison("Mean assessment score", overview.classes, "mean_percent"),
                _comparison("Times-tables accuracy", overview.classes, "accuracy"),
            ),
        },
    )
    return page


_FIGURE_HEADER = (
    "Pupils",
    "Papers handed in",
    "Mean score",
    "Times-tables answers",
    "Accuracy",
    "Median response time",
    "Latest check, mean",
)


def _figure_cells(f: q.GroupFigures) -> list[Cell]:
    if f.is_small:
        return [Cell(SUPPRESSED, css="ov-suppressed")] + [Cell(NONE)] * 6
    median = f.median_ms
    check = f.check_mean
    return [
        Cell(str(len(f.pupil_ids))),
        Cell(str(len(f.percents))),
        _maybe(percent_text(f.mean_percent), f.mean_percent, bool(f.percents)),
        Cell(str(f.answered)),
        _maybe(percent_text(f.accuracy), f.accuracy, f.answered > 0),
        _maybe(f"{median / 1000:.1f} s" if median is not None else "", median, f.answered > 0),
        _maybe(
            f"{check:.1f} / 25 ({len(f.check_scores)} pupils)" if check is not None else "",
            check,
            bool(f.check_scores),
        ),
    ]


def _maybe(text: str, value, has_data: bool) -> Cell:
    """A figure, or why there is none: no data yet, or too few pupils to show it."""
    if value is not None:
        return Cell(text)
    return Cell(SUPPRESSED, css="ov-suppressed") if has_data else Cell(NONE)


def _comparison(title: str, groups: list[q.GroupFigures], figure: str) -> HBarChart:
    """One bar per group; a group or figure about too few pupils says so instead."""
    bars = []
    for group in groups:
        value = None if group.is_small else getattr(group, figure)
        if value is not None:
            text = percent_text(value)
        elif group.is_small or _has_data(group, figure):
            text = SUPPRESSED
        else:
            text = "no data yet"
        bars.append(HBar(group.label, value, text))
    return HBarChart(title, tuple(bars))


def _has_data(group: q.GroupFigures, figure: str) -> bool:
    return bool(group.percents) if figure == "mean_percent" else group.answered > 0


def short_date(moment: datetime) -> str:
    """29 Oct, in UK time (for chart axes)."""
    day, _, month = local_date(moment).partition(" ")
    return f"{day} {month[:3]}"
