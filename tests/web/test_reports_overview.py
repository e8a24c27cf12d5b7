"""The overview reports over HTTP: a class at a glance, a pupil's profile and the whole school,
checked against a small hand-made class whose every number is worked out below by hand."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from prof123.admin import services as roster
from prof123.extensions import db
from prof123.formatting import local_date
from prof123.models import (
    AccessArrangements,
    Assessment,
    AssessmentAssignment,
    AssessmentAttempt,
    AssessmentKind,
    AssessmentResponse,
    ColourScheme,
    GameMode,
    Pupil,
    RestartReason,
    School,
    SchoolClass,
    StaffUser,
    TimesTablesAnswer,
    TimesTablesAttempt,
    utcnow,
)
from prof123.reports import overview_queries
from prof123.schoolyear import academic_year_of, cohort_start_year_for
from prof123.security import tenant_context
from tests.conftest import counting_statements, sign_in

NOW = utcnow()


def _page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _table(page: BeautifulSoup, key: str) -> list[list[str]]:
    """A report table's header and rows as the screen shows them."""
    table = page.select_one(f'table[data-table="{key}"]')
    assert table is not None, f"no table {key}"
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in table.select("tr")
    ]


def _csv(client, url: str, key: str) -> list[list[str]]:
    joiner = "&" if "?" in url else "?"
    response = client.get(f"{url}{joiner}format=csv&table={key}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _rows_by_first(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in rows[1:]}


# --- building a hand-made class ------------------------------------------------------------------


def _add_pupil(school_id: int, class_id: int, first: str, last: str, year: int = 4) -> int:
    school = db.session.get(School, school_id)
    this_year = academic_year_of(NOW.date())
    cohort = roster.get_or_create_cohort(school, cohort_start_year_for(year, this_year))
    school_class = db.session.get(SchoolClass, class_id)
    return roster.create_pupil(school, first, last, cohort, "2345", school_class).id


def _set(school_id, class_id, title, opened_days_ago, closes_in_days) -> int:
    """An assessment (its items do not matter here) set for a class; the assignment's id."""
    teacher = db.session.scalars(select(StaffUser)).first()
    assessment = Assessment(
        school_id=school_id, title=title, kind=AssessmentKind.TEACHER_MADE, year=4, seed=1
    )
    db.session.add(assessment)
    db.session.flush()
    assignment = AssessmentAssignment(
        school_id=school_id,
        assessment_id=assessment.id,
        class_id=class_id,
        opens_at=NOW - timedelta(days=opened_days_ago),
        closes_at=NOW + timedelta(days=closes_in_days),
        set_by_id=teacher.id,
    )
    db.session.add(assignment)
    db.session.flush()
    return assignment.id


def _paper(
    school_id, assignment_id, pupil_id, score, out_of=10, days_ago=None, items=(), started=True
):
    """A paper: handed in ``days_ago`` (None: started, not handed in), with responses
    ``items`` = [(item number, objective, right?)]."""
    handed_in = None if days_ago is None else NOW - timedelta(days=days_ago, seconds=-pupil_id)
    attempt = AssessmentAttempt(
        school_id=school_id,
        assignment_id=assignment_id,
        pupil_id=pupil_id,
        started_at=(handed_in or NOW) - timedelta(minutes=20),
        handed_in_at=handed_in,
        score=score if handed_in else None,
        out_of=out_of,
    )
    db.session.add(attempt)
    db.session.flush()
    for position, (number, objective, right) in enumerate(items, start=1):
        db.session.add(
            AssessmentResponse(
                school_id=school_id,
                attempt_id=attempt.id,
                pupil_id=pupil_id,
                position=position,
                item_number=number,
                family="ADD",
                objective=objective,
                level=2,
                seed=number,
                params="{}",
                prompt="1 + 1",
                answer_kind="integer",
                correct_answer="2",
                raw_answer="2" if right else "3",
                is_correct=right if handed_in else None,
                marks=int(right) if handed_in else None,
            )
        )
    db.session.flush()


def _game(school_id, pupil_id, mode, days_ago, answers=(), score=None, restart=None):
    """A finished game; ``answers`` = [(right?, late?, timed out?, ms)], table 7 (× first)."""
    started = NOW - timedelta(days=days_ago)
    attempt = TimesTablesAttempt(
        school_id=school_id,
        pupil_id=pupil_id,
        mode=mode,
        seed=1,
        generator_version=1,
        questions=",".join(["7×8"] * max(len(answers), 1)),
        question_ms=6000,
        pause_ms=3000,
        started_at=started,
        finished_at=started + timedelta(minutes=3),
        score=score,
        restart_reason=restart,
    )
    db.session.add(attempt)
    db.session.flush()
    for number, (right, late, timed_out, ms) in enumerate(answers, start=1):
        db.session.add(
            TimesTablesAnswer(
                school_id=school_id,
                attempt_id=attempt.id,
                pupil_id=pupil_id,
                number=number,
                left=7 if number % 2 else 3,
                right=8,
                operation="×",
                typed="56" if right else "54",
                is_correct=right,
                response_ms=ms,
                is_late=late,
                is_timed_out=timed_out,
                answered_at=started + timedelta(seconds=number),
            )
        )
    db.session.flush()


@dataclass(frozen=True)
class HandMade:
    class_public_id: str
    pupils: list  # the three pupils of world.a.classes[0]
    restricted_id: int
    leaver_id: int


FR = "Y4-FR-04"
AS = "Y4-AS-01"
MD = "Y4-MD-04"
NPV = "Y4-NPV-01"


@pytest.fixture
def hand_made(app, world) -> HandMade:
    """World A's first class (Apupil0/1/2 Class1A) with three assessments and some times
    tables, plus a restricted pupil and a leaver whose work must count nowhere.

    Papers (per cent):       Autumn 1 (closed)  Autumn 2 (closed)   Spring 1 (open now)
      pupil 0                 80                 90                  60
      pupil 1                 60                 30                  not started
      pupil 2                 90                 started, not in     not started
      restricted, leaver       0                  0                   0
    """
    a = world.a
    school_id, class_id = a.id, a.classes[0].id
    p0, p1, p2 = (p.id for p in a.classes[0].pupils)
    with app.app_context(), tenant_context(school_id):
        restricted = _add_pupil(school_id, class_id, "Rosa", "Restricted")
        leaver = _add_pupil(school_id, class_id, "Leo", "Leaver")
        db.session.get(Pupil, restricted).is_restricted = True
        db.session.get(Pupil, leaver).left_on = date.today() - timedelta(days=1)
        autumn1 = _set(school_id, class_id, "Autumn 1", 40, -33)
        autumn2 = _set(school_id, class_id, "Autumn 2", 20, -13)
        spring1 = _set(school_id, class_id, "Spring 1", 1, 6)
        # Pupil 0's objectives: Autumn 1 has AS items 1-2 (both right) and MD items 3-4
        # (right, wrong); Autumn 2 has AS items 1-2 (right, wrong), NPV items 3-4 (both
        # right) and FR item 5 (right); Spring 1 has MD items 1-2 (both wrong).
        _paper(
            school_id,
            autumn1,
            p0,
            8,
            days_ago=34,
            items=[(1, AS, True), (2, AS, True), (3, MD, True), (4, MD, False)],
        )
        _paper(
            school_id,
            autumn2,
            p0,
            9,
            days_ago=14,
            items=[(1, AS, True), (2, AS, False), (3, NPV, True), (4, NPV, True), (5, FR, True)],
        )
        _paper(school_id, spring1, p0, 6, days_ago=0, items=[(1, MD, False), (2, MD, False)])
        _paper(school_id, autumn1, p1, 6, days_ago=34)
        _paper(school_id, autumn2, p1, 3, days_ago=14)
        _paper(school_id, autumn1, p2, 9, days_ago=34)
        _paper(school_id, autumn2, p2, None, days_ago=None)
        for gone in (restricted, leaver):
            for assignment in (autumn1, autumn2, spring1):
                _paper(school_id, assignment, gone, 0, days_ago=1)
            _game(school_id, gone, GameMode.PRACTICE, 1, [(False, True, False, 9000)] * 20)
        # Times tables. Pupil 0: 12 answers 3 days ago (10 right), one 40 days ago (not
        # counted), a check scoring 20 ten days ago.
        _game(
            school_id,
            p0,
            GameMode.PRACTICE,
            3,
            [(True, False, False, 2000)] * 10 + [(False, False, False, 5000)] * 2,
        )
        _game(school_id, p0, GameMode.PRACTICE, 40, [(False, True, False, 9000)])
        _game(school_id, p0, GameMode.CHECK, 10, score=20)
        # Pupil 1: 10 answers 20 days ago, 6 right, 4 late and 1 timed out.
        _game(
            school_id,
            p1,
            GameMode.PRACTICE,
            20,
            [(True, False, False, 3000)] * 5
            + [(True, True, False, 8000)]
            + [(False, True, False, 8000)] * 3
            + [(False, False, True, None)],
        )
        # Pupil 2: a counted check (15) 40 days ago, a restarted one (5) 30 days ago and a
        # "try it out" 2 days ago: no games in the last 28 days, latest check 15.
        _game(school_id, p2, GameMode.CHECK, 40, score=15)
        _game(school_id, p2, GameMode.CHECK, 30, score=5, restart=RestartReason.IT_ISSUES)
        _game(school_id, p2, GameMode.TRY_IT_OUT, 2)
        arrangements = AccessArrangements(
            school_id=school_id,
            pupil_id=p0,
            colour_scheme=ColourScheme.BLACK_ON_PEACH,
            font_size=5,
            has_next_button=True,
        )
        db.session.add(arrangements)
        db.session.commit()
    return HandMade(a.classes[0].public_id, a.classes[0].pupils, restricted, leaver)


def _name(pupil) -> str:
    return f"{pupil.first_name} {pupil.last_name}"


# --- the class overview --------------------------------------------------------------------------


def test_the_class_overview_shows_completion_and_score_spread(client, world, hand_made):
    sign_in(client, world.a.teachers[0])
    url = f"/reports/classes/{hand_made.class_public_id}/overview"
    page = _page(client.get(url))
    assert "3 pupils" in page.h1.get_text()
    rows = _table(page, "assessments")
    assert rows[0] == [
        "Assessment",
        "Opened",
        "Status",
        "Handed in",
        "In progress",
        "Completion",
        "Lowest",
        "Median",
        "Highest",
    ]
    by_title = _rows_by_first(rows)
    # Newest first. The restricted pupil and the leaver (0% each) count nowhere.
    assert [row[0] for row in rows[1:]] == ["Spring 1", "Autumn 2", "Autumn 1"]
    assert by_title["Spring 1"][2:] == ["1 of 3", "0", "33%", "60%", "60%", "60%"]
    assert by_title["Autumn 2"][2:] == ["2 of 3", "1", "67%", "30%", "60%", "90%"]
    assert by_title["Autumn 1"][2:] == ["3 of 3", "0", "100%", "60%", "80%", "90%"]
    assert by_title["Spring 1"][1].startswith("Open until")
    assert by_title["Autumn 1"][1].startswith("Closed")
    # The spread chart: one row per assessment, oldest at the top, median marked.
    titles = [t.get_text() for t in page.select(".ov-range-svg circle title")]
    assert titles[0] == "Autumn 1: lowest 60%, median 80%, highest 90% (3 papers)"
    assert len(titles) == 3
    # Until the assessment report exists, the title opens the first results page.
    link = page.select_one('table[data-table="assessments"] a')["href"]
    assert link.startswith("/assess/results/") or link.startswith("/reports/")


def test_pupils_who_need_attention_follow_the_stated_rules(client, world, hand_made):
    p0, p1, p2 = hand_made.pupils
    sign_in(client, world.a.teachers[0])
    page = _page(client.get(f"/reports/classes/{hand_made.class_public_id}/overview"))
    attention = _rows_by_first(_table(page, "attention"))
    closes = local_date(NOW + timedelta(days=6))
    assert _table(page, "attention")[0] == [
        "Pupil",
        "Not started (open now)",
        "Latest paper",
        "Times tables, last 28 days",
    ]
    spring = f"Spring 1 (closes {closes})"
    assert attention == {
        # 80 and 90 before (mean 85), then 60: 25 points down.
        _name(p0): ["", "60%, down from 85% on average", ""],
        _name(p1): [spring, "30%, below 50%", "5 of 10 late or timed out"],
        _name(p2): [spring, "", ""],
    }
    rules = page.select_one(".ov-rules").get_text(" ", strip=True)
    assert "below 50%" in rules and "15 points or more" in rules and "25% or more" in rules
    assert "Rosa" not in page.get_text() and "Leo" not in page.get_text()


def test_the_attention_rules_on_their_own():
    rule = overview_queries.falling_behind
    assert rule([]) == []
    assert rule([70]) == []
    assert [c.text for c in rule([49.5])] == ["49%, below 50%"]
    assert rule([80, 66]) == []  # 14 points down: not yet
    assert [c.kind for c in rule([80, 65])] == ["falling_behind"]  # 15 points down
    activity = overview_queries.Activity(answers={7: 0, 28: 9}, late_28=9)
    assert not activity.many_late  # fewer than 10 answers: not judged
    assert overview_queries.Activity(answers={28: 12}, late_28=3).many_late  # 25%
    assert not overview_queries.Activity(answers={28: 12}, late_28=2).many_late


def test_times_tables_activity_counts_the_last_7_and_28_days(client, world, hand_made):
    p0, p1, p2 = hand_made.pupils
    sign_in(client, world.a.teachers[0])
    page = _page(client.get(f"/reports/classes/{hand_made.class_public_id}/overview"))
    rows = _rows_by_first(_table(page, "timestables"))
    ten_days, forty_days = (local_date(NOW - timedelta(days=d)) for d in (10, 40))
    # games 7 d, games 28 d, answers 7 d, answers 28 d, right, late, latest check
    assert rows[_name(p0)] == ["1", "2", "12", "12", "83%", "0", f"20 / 25 ({ten_days})"]
    assert rows[_name(p1)] == ["0", "1", "0", "10", "60%", "5", "–"]
    assert rows[_name(p2)] == ["0", "0", "0", "0", "–", "–", f"15 / 25 ({forty_days})"]
    # 16 of 22 right = 73%; checks (20 + 15) / 2.
    assert rows["Whole class"] == ["1", "3", "12", "22", "73%", "5", "mean 17.5 / 25 (2 pupils)"]
    late_cell = page.select('table[data-table="timestables"] tbody tr')[1].select("td")[5]
    assert "ov-flag" in late_cell["class"]


def test_every_overview_table_downloads_as_the_csv_of_the_screen(client, world, hand_made):
    sign_in(client, world.a.teachers[0])
    url = f"/reports/classes/{hand_made.class_public_id}/overview"
    page = _page(client.get(url))
    for key in ("attention", "assessments", "timestables"):
        assert _csv(client, url, key) == _table(page, key)
    assert client.get(f"{url}?format=csv&table=nonsense").status_code == 404
    response = client.get(f"{url}?format=csv&table=assessments")
    assert 'filename="4A1-overview-assessments.csv"' in response.headers["Content-Disposition"]


def test_hidden_names_are_hidden_everywhere_csv_included(client, world, hand_made):
    sign_in(client, world.a.teachers[0])
    url = f"/reports/classes/{hand_made.class_public_id}/overview?names=hidden"
    text = client.get(url).get_data(as_text=True)
    for pupil in hand_made.pupils:
        assert pupil.first_name not in text and pupil.last_name not in text
    page = _page(client.get(url))
    rows = _rows_by_first(_table(page, "timestables"))
    assert list(rows) == ["Pupil 1", "Pupil 2", "Pupil 3", "Whole class"]
    # Links keep names hidden, on to each profile.
    assert all(
        "names=hidden" in a["href"] for a in page.select('table[data-table="timestables"] a')
    )
    csv_text = client.get(f"{url}&format=csv&table=attention").get_data(as_text=True)
    assert "Pupil 1" in csv_text
    assert all(p.first_name not in csv_text for p in hand_made.pupils)
    profile = client.get(
        f"/reports/classes/{hand_made.class_public_id}/pupils/"
        f"{hand_made.pupils[1].public_id}?names=hidden"
    ).get_data(as_text=True)
    assert "Pupil 2" in profile and hand_made.pupils[1].first_name not in profile
    for key in ("results", "objectives"):
        response = client.get(
            f"/reports/classes/{hand_made.class_public_id}/pupils/"
            f"{hand_made.pupils[1].public_id}?names=hidden&format=csv&table={key}"
        )
        assert hand_made.pupils[1].username not in response.headers["Content-Disposition"]


# --- the pupil profile ---------------------------------------------------------------------------


def _profile_url(hand_made, pupil) -> str:
    return f"/reports/classes/{hand_made.class_public_id}/pupils/{pupil.public_id}"


def test_the_profile_shows_every_result_and_the_trend(client, world, hand_made):
    p0 = hand_made.pupils[0]
    sign_in(client, world.a.teachers[0])
    page = _page(client.get(_profile_url(hand_made, p0)))
    assert _name(p0) in page.h1.get_text()
    rows = _table(page, "results")
    assert [row[1:] for row in rows[1:]] == [
        ["Autumn 1", "4A1", "8 / 10", "80%"],
        ["Autumn 2", "4A1", "9 / 10", "90%"],
        ["Spring 1", "4A1", "6 / 10", "60%"],
    ]
    assert rows[1][0] == local_date(NOW - timedelta(days=34))
    # The trend: each point's value is written above it, dated below.
    points = [t.get_text(strip=True) for t in page.select(".ov-trend-svg .ov-point-label")]
    assert points == ["80%", "90%", "60%"]
    assert len(page.select(".ov-trend-svg .chart-point")) == 3
    # (80 + 90 + 60) / 3 = 76.7
    assert page.select_one(".ov-trend").get_text(strip=True) == (
        "3 papers. First 80%, latest 60%: down 20 points. Average 77%."
    )


def test_the_profile_judges_objectives_on_the_latest_three_items(client, world, hand_made):
    p0 = hand_made.pupils[0]
    sign_in(client, world.a.teachers[0])
    url = _profile_url(hand_made, p0)
    page = _page(client.get(url))
    rows = _rows_by_first(_table(page, "objectives"))
    # NPV: 2 of 2 (Autumn 2). AS: Autumn 2's two (1 right) and Autumn 1's item 2 (right).
    # MD: Spring 1's two (both wrong) and Autumn 1's item 4 (wrong); item 3 is older.
    # FR: one item only.
    assert {code: row[1:] for code, row in rows.items()} == {
        NPV: ["2", "2", "Secure"],
        AS: ["3", "2", "Developing"],
        MD: ["3", "0", "Not yet"],
        FR: ["1", "1", "Not enough evidence"],
    }
    lists = page.select(".ov-objective-list")
    assert NPV in lists[0].get_text() and AS not in lists[0].get_text()
    assert "Not yet: 0 of 3 right" in lists[1].get_text(" ", strip=True)
    assert "Developing: 2 of 3 right" in lists[1].get_text(" ", strip=True)
    assert FR in page.select_one(".ov-objectives + .ov-note").get_text()
    assert _csv(client, url, "objectives") == _table(page, "objectives")
    assert _csv(client, url, "results") == _table(page, "results")


def test_the_profile_shows_times_tables_checks_and_arrangements(client, world, hand_made):
    p0, p1, _p2 = hand_made.pupils
    sign_in(client, world.a.teachers[0])
    url = _profile_url(hand_made, p0)
    page = _page(client.get(url))
    # This school year's answers, a fact counting for both its tables (as the times-tables
    # report counts them): 7 × 8 (odd question numbers, 5 of 6 right), 3 × 8 (even, 5 of
    # 6), and the wrong 7 × 8 of 40 days ago if that was after 1 September.
    old = int(NOW - timedelta(days=40) >= datetime(academic_year_of(NOW.date()), 9, 1, tzinfo=UTC))
    sevens, eights = 6 + old, 12 + old
    tables = _rows_by_first(_table(page, "tables"))
    assert tables == {
        "3×": ["6", "5", "83%"],
        "7×": [str(sevens), "5", f"{round(500 / sevens)}%"],
        "8×": [str(eights), "10", f"{round(1000 / eights)}%"],
    }
    bars = [t.get_text() for t in page.select(".ov-hbar-svg rect title")]
    assert bars[0] == "3× table: 83% (5 of 6)"
    # The pupil's own heatmap, from the times-tables report.
    assert page.select_one('.tt-grid td[data-fact="7x8"]')["title"].startswith("7 × 8")
    assert page.select_one('.tt-grid td[data-fact="3x8"]')["title"].startswith(
        "3 × 8: quick and right, 5 of 6 right"
    )
    assert _rows_by_first(_table(page, "checks")) == {
        local_date(NOW - timedelta(days=10)): ["20 / 25"]
    }
    arrangements = [li.get_text(strip=True) for li in page.select("#arrangements-heading ~ ul li")]
    assert arrangements == [
        "Colour contrast: black on peach",
        "Font size 5 of 6 (3 is standard)",
        "Next button between questions",
    ]
    for key in ("tables", "checks"):
        assert _csv(client, url, key) == _table(page, key)
    other = _page(client.get(_profile_url(hand_made, p1)))
    assert "None: the standard settings." in other.get_text()


def test_the_printed_pupil_report_is_one_page_without_controls(client, world, hand_made):
    p0 = hand_made.pupils[0]
    sign_in(client, world.a.teachers[0])
    page = _page(client.get(_profile_url(hand_made, p0) + "?view=print"))
    assert "ov-print-page" in page.body["class"]
    text = page.get_text(" ", strip=True)
    assert "3 papers. First 80%, latest 60%" in text
    lists = [
        [li.get_text(" ", strip=True) for li in ul.select("li")]
        for ul in page.select(".ov-oneline-list")
    ]
    assert lists[0] == [f"2/2 {NPV} Count in sixes, sevens, nines, twenty-fives and thousands."]
    assert [item.split()[:2] for item in lists[1]] == [["0/3", MD], ["2/3", AS]]
    assert f"Checks (out of 25): 20 ({local_date(NOW - timedelta(days=10))})." in text
    assert "Colour contrast: black on peach" in text
    assert all(
        "report-controls" in c["class"] for c in page.select(".ov-controls")
    )  # hidden in print


def test_restricted_pupils_and_leavers_have_no_profile(app, client, world, hand_made):
    with app.app_context(), tenant_context(world.a.id):
        gone = [
            db.session.get(Pupil, i).public_id
            for i in (hand_made.restricted_id, hand_made.leaver_id)
        ]
    sign_in(client, world.a.teachers[0])
    for public_id in gone:
        url = f"/reports/classes/{hand_made.class_public_id}/pupils/{public_id}"
        assert client.get(url).status_code == 404


# --- the whole school ----------------------------------------------------------------------------


@pytest.fixture
def school(app, world):
    """School A for comparisons. Year 4: class 4A1 grows to 6 pupils (plus a restricted one),
    4A2 keeps its 3 (too small to show). Year 3: class 3C has 5 pupils, of whom only 4 hand
    in a paper."""
    a = world.a
    with app.app_context(), tenant_context(a.id):
        school_row = db.session.get(School, a.id)
        big = a.classes[0].id
        small = a.classes[1].id
        year3 = roster.create_class(school_row, "3C", academic_year_of(NOW.date())).id
        big_pupils = [p.id for p in a.classes[0].pupils] + [
            _add_pupil(a.id, big, f"Extra{n}", "Four") for n in range(3)
        ]
        small_pupils = [p.id for p in a.classes[1].pupils]
        year3_pupils = [_add_pupil(a.id, year3, f"Three{n}", "Pupil", year=3) for n in range(5)]
        hidden = _add_pupil(a.id, big, "Rosa", "Restricted")
        db.session.get(Pupil, hidden).is_restricted = True
        big_set = _set(a.id, big, "Y4 check", 1, 3)
        small_set = _set(a.id, small, "Y4 check", 1, 3)
        year3_set = _set(a.id, year3, "Y3 check", 1, 3)
        # 4A1: 50, 60, 70, 80, 90, 100 → mean 75. 4A2: 20, 40 → mean 30 (not shown).
        for pupil_id, score in zip(big_pupils, (5, 6, 7, 8, 9, 10), strict=True):
            _paper(a.id, big_set, pupil_id, score, days_ago=0.5)
        for pupil_id, score in zip(small_pupils, (2, 4), strict=False):
            _paper(a.id, small_set, pupil_id, score, days_ago=0.5)
        _paper(a.id, big_set, hidden, 0, days_ago=0.5)
        # 3C: only 4 of 5 hand in: the mean is about 4 pupils, so it is not shown.
        for pupil_id in year3_pupils[:4]:
            _paper(a.id, year3_set, pupil_id, 5, days_ago=0.5)
        # Everything lately (the page counts since 1 September). Times tables, 4A1: five
        # pupils answer 3 questions each (2 right); response times 1000, 2000, 3000 + 100 ×
        # pupil index. 4A2: one pupil, 3 answers, all right.
        for index, pupil_id in enumerate(big_pupils[:5]):
            extra = 100 * index
            _game(
                a.id,
                pupil_id,
                GameMode.PRACTICE,
                1,
                [
                    (True, False, False, 1000 + extra),
                    (True, False, False, 2000 + extra),
                    (False, False, False, 3000 + extra),
                ],
            )
        _game(a.id, small_pupils[0], GameMode.PRACTICE, 1, [(True, False, False, 500)] * 3)
        _game(a.id, hidden, GameMode.PRACTICE, 1, [(False, False, False, 9000)] * 30)
        # Checks: 4A1's six pupils score 10..20 (latest counts); 3C none.
        for pupil_id, score in zip(big_pupils, (10, 12, 14, 16, 18, 20), strict=True):
            _game(a.id, pupil_id, GameMode.CHECK, 0.1, score=1)
            _game(a.id, pupil_id, GameMode.CHECK, 0.05, score=score)
        db.session.commit()
    return a


def test_the_school_compares_classes_and_year_groups_without_small_groups(client, world, school):
    sign_in(client, world.a.admin)
    page = _page(client.get("/reports/school"))
    classes = _rows_by_first(_table(page, "classes"))
    # Pupils, papers, mean, answers, accuracy, median time, check mean
    assert classes["4A1"] == [
        "Year 4",
        "6",
        "6",
        "75%",
        "15",
        "67%",
        "2.2 s",  # 15 times: the 8th is 2200 (1000-1400, 2000-2400, 3000-3400)
        "15.0 / 25 (6 pupils)",
    ]
    assert classes["4A2"] == ["Year 4", "under 5 pupils", "–", "–", "–", "–", "–", "–"]
    # 3C: 5 pupils, but only 4 handed in a paper; nobody practised; no checks.
    assert classes["3C"] == ["Year 3", "5", "4", "under 5 pupils", "0", "–", "–", "–"]
    years = _rows_by_first(_table(page, "year-groups"))
    # Year 4 = 4A1 and 4A2: 9 pupils; 8 papers: (50+60+70+80+90+100+20+40)/8 = 63.75.
    # 18 answers, 13 right; times: 4A1's 15 and 500 × 3 → the 9th of 18 is 2000.
    assert years["Year 4"] == [
        "9",
        "8",
        "64%",
        "18",
        "72%",
        "2.0 s",
        "15.0 / 25 (6 pupils)",
    ]
    assert years["Year 3"] == ["5", "4", "under 5 pupils", "0", "–", "–", "–"]
    assert list(years) == ["Year 3", "Year 4"]  # youngest first
    assert next(iter(classes)) == "3C"
    text = page.get_text(" ", strip=True)
    assert "fewer than 5 pupils" in text


def test_the_school_page_names_no_pupil(client, world, school, hand_made):
    sign_in(client, world.a.admin)
    text = client.get("/reports/school").get_data(as_text=True)
    for pupil in [*world.a.classes[0].pupils, *world.a.classes[1].pupils]:
        assert pupil.first_name not in text and pupil.last_name not in text
    for word in ("Extra0", "Three0", "Rosa", "Leo", "Pupil 1"):
        assert word not in text
    for key in ("classes", "year-groups"):
        csv_rows = _csv(client, "/reports/school", key)
        assert csv_rows == _table(_page(client.get("/reports/school")), key)
        assert not any("Extra" in cell or "Apupil" in cell for row in csv_rows for cell in row)


def test_only_admins_see_the_whole_school(client, world):
    sign_in(client, world.a.teachers[0])
    assert client.get("/reports/school").status_code == 403


# --- statements: the same for any class size and any history --------------------------------------


def _count_statements(app, client, url) -> int:
    with counting_statements(app) as statements:
        response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return len(statements)


def _grow(app, world, extra_pupils: int, extra_history: int) -> None:
    """Adds pupils to world A's first class and, for every pupil, more papers and games."""
    a = world.a
    with app.app_context(), tenant_context(a.id):
        class_id = a.classes[0].id
        for n in range(extra_pupils):
            _add_pupil(a.id, class_id, f"Extra{n}", "Pupil")
        pupils = [p.id for p in db.session.scalars(select(Pupil))]
        for n in range(1 + extra_history):
            assignment = _set(a.id, class_id, f"Paper {n}", 30 - n, 3 if n == 0 else -1)
            for pupil_id in pupils:
                _paper(a.id, assignment, pupil_id, n % 10, days_ago=n, items=[(1, AS, True)])
                _game(a.id, pupil_id, GameMode.PRACTICE, n, [(True, True, False, 2000)] * 3)
                _game(a.id, pupil_id, GameMode.CHECK, n, score=n)
        db.session.commit()


@pytest.mark.parametrize(("extra_pupils", "extra_history"), [(0, 0), (12, 0), (0, 8), (12, 8)])
def test_each_report_takes_the_same_statements_for_any_class_and_history(
    app, client, world, extra_pupils, extra_history
):
    _grow(app, world, extra_pupils, extra_history)
    a = world.a
    class_id = a.classes[0].public_id
    pupil_id = a.classes[0].pupils[0].public_id
    sign_in(client, a.admin)
    counts = {
        "overview": _count_statements(app, client, f"/reports/classes/{class_id}/overview"),
        "profile": _count_statements(app, client, f"/reports/classes/{class_id}/pupils/{pupil_id}"),
        "school": _count_statements(app, client, "/reports/school"),
    }
    # session + class (+ teacher check for teachers) + 8 for the overview; session + class +
    # pupil + class list + 5 for the profile (results, objectives, checks, tables,
    # arrangements); session + 7 for the school.
    assert counts == {"overview": 10, "profile": 9, "school": 8}


def test_a_pupil_of_another_class_has_no_profile_here(client, world, hand_made):
    other = world.a.classes[1].pupils[0]
    sign_in(client, world.a.teachers[0])
    url = f"/reports/classes/{hand_made.class_public_id}/pupils/{other.public_id}"
    assert client.get(url).status_code == 404


def test_csv_cells_that_look_like_formulas_are_written_as_text(app, client, world):
    a = world.a
    with app.app_context(), tenant_context(a.id):
        _set(a.id, a.classes[0].id, '=HYPERLINK("http://x")', 2, 5)
        db.session.commit()
    sign_in(client, a.teachers[0])
    rows = _csv(client, f"/reports/classes/{a.classes[0].public_id}/overview", "assessments")
    assert rows[1][0] == '\'=HYPERLINK("http://x")'


def test_the_class_page_and_home_link_to_the_overview(client, world):
    sign_in(client, world.a.teachers[0])
    overview = f"/reports/classes/{world.a.classes[0].public_id}/overview"
    home = _page(client.get("/teacher/"))
    assert overview in [a["href"] for a in home.select("a")]
    page = _page(client.get(f"/teacher/classes/{world.a.classes[0].public_id}"))
    assert overview in [a["href"] for a in page.select("a")]
