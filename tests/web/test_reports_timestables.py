"""The times-tables reports over HTTP, checked against a small hand-made class whose every
number is worked out by hand below.

The class (school A's first class) and its answers this school year:

    pupil 0 (Apupil0)
        7 × 8: right 2.0 s, 3.0 s and 5.0 s, one wrong  -> 3 of 4: wrong too often
        8 × 7: right 1.0 s                               -> quick and right
        6 × 7: right 4.5 s, 5.0 s and 2.0 s              -> 2 of 3 right answers slow: slow
        3 × 4: right 1.0 s and 1.5 s                     -> quick and right
        9 × 9: wrong, last school year                   -> not counted: not seen
        typing 1.5 s a digit
        checks: 10 (oldest), 18, 22, 24 (the latest that counts), then a restarted one
    pupil 1 (Apupil1)
        7 × 8: wrong twice                               -> wrong too often
        6 × 7: right 1.0 s five times                    -> quick and right
        2 × 2: right 4.001 s                             -> slow
        12 ÷ 3 (stored as 4, 3): right 1.0 s             -> 4 × 3 quick and right
        typing 0.4 s a digit; "try it out" 12; a check in progress at question 5
    pupil 2 (Apupil2): no answers; typing 1.2 s a digit
    a restricted pupil: 5 × 5 right, left out of every report
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from prof123.admin import services as roster
from prof123.extensions import db
from prof123.models import (
    Cohort,
    GameMode,
    Pupil,
    RestartReason,
    School,
    SchoolClass,
    TimesTablesAnswer,
    TimesTablesAttempt,
    TypingSpeed,
    utcnow,
)
from prof123.reports import timestables_queries
from prof123.reports.heatmap import FactState
from prof123.schoolyear import academic_year_of
from prof123.security import tenant_context
from tests.conftest import counting_statements, sign_in

NOW = utcnow()
YEAR = academic_year_of(NOW.date())
YEAR_START = datetime(YEAR, 9, 1, tzinfo=UTC)


def _page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _table(page: BeautifulSoup, key: str) -> list[list[str]]:
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


CELL_WORDS = re.compile(
    r"^(?P<fact>[\d ×and]+): (?P<state>[a-z ]+)"
    r"(?:, (?P<correct>\d+) of (?P<answered>\d+) right \((?P<pct>\d+)%\),"
    r" (?P<slow>\d+) right but slow)?"
    r"(?:; answered by (?P<seen>\d+) pupils?(?:, (?P<wrong>\d+) of them wrong too often)?)?$"
)


def _cells(page: BeautifulSoup) -> dict[str, dict]:
    """Each grid cell as the screen shows it: its symbol, and its numbers in words."""
    cells = {}
    for td in page.select("table.tt-grid td[data-fact]"):
        words = td.select_one(".visually-hidden").get_text()
        match = CELL_WORDS.match(words)
        assert match, words
        cells[td["data-fact"]] = {
            "symbol": td.select_one(".tt-symbol").get_text(),
            "css": next(c for c in td["class"] if c.startswith("tt-") and c != "tt-cell"),
            **{k: v for k, v in match.groupdict().items() if v is not None},
        }
    assert len(cells) == 144
    return cells


# --- the hand-made class -------------------------------------------------------------------------


def _at(days_ago: float) -> datetime:
    """A moment this school year (after 1 September), ``days_ago`` before now at most."""
    moment = NOW - timedelta(days=days_ago)
    return max(moment, YEAR_START + timedelta(hours=1, minutes=days_ago))


def _game(
    pupil_id: int,
    school_id: int,
    mode: GameMode = GameMode.PRACTICE,
    started: datetime | None = None,
    score: int | None = None,
    finished: bool = True,
    restart: RestartReason | None = None,
    next_number: int = 26,
) -> TimesTablesAttempt:
    started = started or _at(10)
    attempt = TimesTablesAttempt(
        school_id=school_id,
        pupil_id=pupil_id,
        mode=mode,
        seed=1,
        generator_version=1,
        questions="7×8",
        question_ms=6000,
        pause_ms=3000,
        started_at=started,
        begun_at=started,
        next_number=next_number,
        finished_at=started + timedelta(minutes=4) if finished else None,
        score=score,
        restart_reason=restart,
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def _answers(attempt: TimesTablesAttempt, answers, when: datetime | None = None) -> None:
    """``answers``: (left, right, right?, ms) or (left, right, right?, ms, operation)."""
    for number, (left, right, ok, ms, *op) in enumerate(answers, start=1):
        db.session.add(
            TimesTablesAnswer(
                school_id=attempt.school_id,
                attempt_id=attempt.id,
                pupil_id=attempt.pupil_id,
                number=number,
                left=left,
                right=right,
                operation=op[0] if op else "×",
                typed=str(left * right if ok else 1),
                is_correct=ok,
                response_ms=ms,
                answered_at=when or attempt.started_at + timedelta(seconds=number),
            )
        )


def _typing(pupil_id: int, school_id: int, ms: int) -> None:
    db.session.add(
        TypingSpeed(pupil_id=pupil_id, school_id=school_id, ms_per_digit=ms, measured_at=_at(3))
    )


@pytest.fixture
def hand_made(app, world):
    a = world.a
    p0, p1, p2 = (p.id for p in a.classes[0].pupils)
    with app.app_context(), tenant_context(a.id):
        game = _game(p0, a.id)
        _answers(
            game,
            [
                (7, 8, True, 2000),
                (7, 8, True, 3000),
                (7, 8, True, 5000),
                (7, 8, False, 6000),
                (8, 7, True, 1000),
                (6, 7, True, 4500),
                (6, 7, True, 5000),
                (6, 7, True, 2000),
                (3, 4, True, 1000),
                (3, 4, True, 1500),
            ],
        )
        _answers(_game(p0, a.id, started=YEAR_START - timedelta(days=12)), [(9, 9, False, 3000)])
        for days, score in ((40, 10), (30, 18), (20, 22), (10, 24)):
            _game(p0, a.id, GameMode.CHECK, started=_at(days), score=score)
        _game(p0, a.id, GameMode.CHECK, started=_at(5), score=5, restart=RestartReason.IT_ISSUES)
        _typing(p0, a.id, 1500)

        game = _game(p1, a.id, GameMode.ADAPTIVE)
        _answers(
            game,
            [(7, 8, False, 6000), (7, 8, False, 5000)]
            + [(6, 7, True, 1000)] * 5
            + [(2, 2, True, 4001), (4, 3, True, 1000, "÷")],
        )
        _game(p1, a.id, GameMode.TRY_IT_OUT, started=_at(4), score=12)
        _game(p1, a.id, GameMode.CHECK, started=_at(1), score=3, finished=False, next_number=5)
        _typing(p1, a.id, 400)
        _typing(p2, a.id, 1200)

        school = db.session.get(School, a.id)
        cohort = db.session.query(Cohort).first()
        restricted = roster.create_pupil(
            school,
            "Hidden",
            "Restricted",
            cohort,
            "2345",
            db.session.get(SchoolClass, a.classes[0].id),
        )
        restricted.is_restricted = True
        db.session.flush()
        _answers(_game(restricted.id, a.id), [(5, 5, True, 1000)])
        db.session.commit()
    return world


def _url(world, *, pupil: int | None = None, **args) -> str:
    a = world.a
    url = f"/reports/classes/{a.classes[0].public_id}/times-tables"
    if pupil is not None:
        url += f"/pupils/{a.classes[0].pupils[pupil].public_id}"
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"{url}?{query}" if query else url


# --- the class heatmap ---------------------------------------------------------------------------


def test_the_class_heatmap_shows_each_fact_worked_out_by_hand(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    cells = _cells(_page(client.get(_url(hand_made))))
    # 7 × 8: pupil 0 3 of 4 (one slow) + pupil 1 0 of 2 = 3 of 6 right, 50%: wrong too often.
    assert cells["7x8"] == {
        "symbol": "✗", "css": "tt-wrong", "fact": "7 × 8", "state": "wrong too often",
        "correct": "3", "answered": "6", "pct": "50", "slow": "1", "seen": "2", "wrong": "2",
    }  # fmt: skip
    assert cells["8x7"]["symbol"] == "✓" and cells["8x7"]["answered"] == "1"
    # 6 × 7: 8 of 8 right, 2 slow (not more than half): quick and right for the class,
    # though slow for pupil 0.
    assert (cells["6x7"]["symbol"], cells["6x7"]["slow"], cells["6x7"].get("wrong")) == (
        "✓",
        "2",
        None,
    )
    assert cells["6x7"]["seen"] == "2"
    # 2 × 2: one right answer over 4 s (4.001 s): right but slow.
    assert (cells["2x2"]["symbol"], cells["2x2"]["css"]) == ("S", "tt-slow")
    # 12 ÷ 3 counts for 4 × 3.
    assert cells["4x3"]["symbol"] == "✓" and cells["4x3"]["answered"] == "1"
    assert cells["3x4"]["answered"] == "2"
    # Last year's 9 × 9 and the restricted pupil's 5 × 5 are not counted.
    assert cells["9x9"]["symbol"] == "–" and cells["9x9"]["state"] == "not seen yet"
    assert cells["5x5"]["symbol"] == "–"
    assert sum(1 for c in cells.values() if c["symbol"] != "–") == 6


def test_merging_a_fact_with_its_reverse_adds_them_up(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    page = _page(client.get(_url(hand_made, merge=1)))
    cells = _cells(page)
    # 7 × 8 and 8 × 7: 4 of 7 right, 57%; pupil 0's own 4 of 5 is 80%, so only pupil 1 is
    # wrong too often.
    for fact in ("7x8", "8x7"):
        assert cells[fact]["fact"] == "7 × 8 and 8 × 7"
        assert (cells[fact]["correct"], cells[fact]["answered"], cells[fact]["pct"]) == (
            "4",
            "7",
            "57",
        )
        assert (cells[fact]["seen"], cells[fact]["wrong"]) == ("2", "1")
    assert cells["3x4"]["answered"] == cells["4x3"]["answered"] == "3"
    # The toggle leads back, and keeps hidden names.
    back = page.find("a", string=re.compile("Show each way round apart"))
    assert "merge" not in back["href"]
    hidden = _page(client.get(_url(hand_made, merge=1, names="hidden")))
    assert "merge=1" in hidden.find("a", string=re.compile("Show names"))["href"]


def test_the_pupil_heatmap_is_the_pupils_own(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    page = _page(client.get(_url(hand_made, pupil=0)))
    assert "Apupil0" in page.h1.get_text()
    cells = _cells(page)
    assert (cells["7x8"]["symbol"], cells["7x8"]["correct"], cells["7x8"]["answered"]) == (
        "✗",
        "3",
        "4",
    )
    # 2 of 3 right answers over 4 s: the median right answer (4.5 s) is over 4 s.
    assert (cells["6x7"]["symbol"], cells["6x7"]["slow"]) == ("S", "2")
    assert cells["2x2"]["symbol"] == "–"  # pupil 1's
    assert "seen" not in cells["7x8"]  # no pupil counts in one pupil's grid
    merged = _cells(_page(client.get(_url(hand_made, pupil=0, merge=1))))
    # 4 of 5 right is 80%: no longer wrong too often; 1 of 4 right answers slow: quick.
    assert (merged["8x7"]["symbol"], merged["8x7"]["pct"]) == ("✓", "80")


def test_pupil_fact_summary_gives_the_grid_for_the_profile(app, hand_made):
    a = hand_made.a
    with app.app_context(), tenant_context(a.id):
        grid = timestables_queries.pupil_fact_summary(a.classes[0].pupils[1].id, YEAR)
        assert grid.template == "reports/timestables/_heatmap.html"
        assert grid.cell(7, 8).state == FactState.WRONG
        assert grid.cell(2, 2).state == FactState.SLOW
        assert grid.cell(4, 3).tally.answered == 1
        assert grid.count(FactState.UNSEEN) == 140
        # Last school year: nothing.
        assert timestables_queries.pupil_fact_summary(a.classes[0].pupils[1].id, YEAR - 1).is_empty


# --- tables, charts, readiness, typing -----------------------------------------------------------


def test_accuracy_per_table_counts_a_fact_for_both_its_tables(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    rows = {row[0]: row[1:] for row in _csv(client, _url(hand_made), "tables")[1:]}
    # The 7s: 7 × 8 (3 of 6), 8 × 7 (1 of 1), 6 × 7 (8 of 8) = 12 of 15.
    assert rows["7×"] == ["15", "12", "80%"]
    # The 8s: 7 × 8 and 8 × 7 = 4 of 7.
    assert rows["8×"] == ["7", "4", "57%"]
    assert rows["2×"] == ["1", "1", "100%"]  # 2 × 2 once, not twice
    assert rows["3×"] == rows["4×"] == ["3", "3", "100%"]
    assert rows["9×"] == ["0", "0", "–"]
    page = _page(client.get(_url(hand_made)))
    chart = page.select_one("#tt-tables-title").find_parent("figure").select("tbody td")
    assert [td.get_text(" ", strip=True) for td in chart][6:8] == ["80% (12 of 15)", "57% (4 of 7)"]


def test_check_scores_count_each_pupils_latest_check_that_counts(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    rows = {row[0]: row[1] for row in _csv(client, _url(hand_made), "scores")[1:]}
    # Pupil 0: 24 (the restarted 5 does not count); pupil 1's check is unfinished and
    # "try it out" is not a recorded check; pupil 2 has none.
    assert rows["24"] == "1"
    assert sum(int(v) for v in rows.values()) == 1
    assert len(rows) == 26


def test_readiness_from_the_last_three_checks_and_the_facts(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    page = _page(client.get(_url(hand_made)))
    rows = {row[0]: row[1:] for row in _table(page, "readiness")[1:]}
    p0, p1, p2 = (f"{p.first_name} {p.last_name}" for p in hand_made.a.classes[0].pupils)
    # 24, 22, 18: mean 21.3; facts quick and right (merged, 2-12): 7 × 8 and 3 × 4 = 2 of 66.
    # 20 or more but under 75% of the facts: nearly.
    assert rows[p0][:4] == ["24, 22, 18", "21.3", "2 of 66 (3%)", "nearly"]
    assert rows[p0][4].startswith("24 of 25") and rows[p0][4].endswith("(1 restart)")
    # "Try it out" 12: not yet. Its latest check is the one in progress.
    assert rows[p1][:4] == ["12", "12.0", "2 of 66 (3%)", "not yet"]
    assert rows[p1][4] == "In progress (Q5)"
    assert rows[p2] == ["–", "–", "0 of 66 (0%)", "no check yet", "No check yet"]
    # Each latest check links to its attempt page (interruptions, restarts).
    table = page.select_one('table[data-table="readiness"]')
    link = table.find("a", string=re.compile("^24 of 25"))
    assert link["href"].startswith(
        f"/teacher/classes/{hand_made.a.classes[0].public_id}/times-tables/attempts/"
    )
    assert client.get(link["href"]).status_code == 200
    assert "pass mark" in page.get_text()


def test_slow_to_type_versus_does_not_know(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    page = _page(client.get(_url(hand_made)))
    rows = {row[0]: row[1:] for row in _table(page, "typing")[1:]}
    p0, p1, p2 = (f"{p.first_name} {p.last_name}" for p in hand_made.a.classes[0].pupils)
    # Pupil 0: 6 × 7 slow (and 7 × 8 wrong too often), typing 1.5 s a digit (1 s or
    # more): slow to type.
    assert rows[p0] == ["1", "1", "1.5 s", "Slow to type"]
    # Pupil 1: 2 × 2 slow, typing 0.4 s: does not know; 7 × 8 wrong too often.
    assert rows[p1] == ["1", "1", "0.4 s", "Does not know them yet"]
    assert rows[p2] == ["0", "0", "1.2 s", "No answers yet"]
    assert "half the 4 s" in page.get_text()  # the rule is on the page


# --- CSV, hidden names, print ---------------------------------------------------------------------


@pytest.mark.parametrize("merge", [False, True])
def test_the_heatmap_csv_equals_the_screen(client, hand_made, merge):
    sign_in(client, hand_made.a.teachers[0])
    args = {"merge": 1} if merge else {}
    cells = _cells(_page(client.get(_url(hand_made, **args))))
    rows = _csv(client, _url(hand_made, **args), "heatmap")
    assert rows[0] == [
        "Fact", "Answered", "Right", "Right but over 4 s", "State",
        "Pupils who answered", "Pupils wrong too often",
    ]  # fmt: skip
    assert len(rows) - 1 == (78 if merge else 144)
    for fact, answered, right, slow, state, seen, wrong in rows[1:]:
        left, right_factor = re.match(r"(\d+) × (\d+)", fact).groups()
        cell = cells[f"{left}x{right_factor}"]
        assert cell["fact"] == fact and cell["state"] == state.lower()
        assert cell.get("answered", "0") == answered and cell.get("correct", "0") == right
        assert cell.get("slow", "0") == slow
        assert cell.get("seen", "0") == seen and cell.get("wrong", "0") == wrong


def test_the_other_tables_csv_equal_the_screen(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    for url in (_url(hand_made), _url(hand_made, names="hidden"), _url(hand_made, pupil=1)):
        page = _page(client.get(url))
        for key in ("readiness", "typing"):
            assert _table(page, key) == _csv(client, url, key)


def test_hide_names_hides_them_everywhere(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    pupils = hand_made.a.classes[0].pupils
    for url in (_url(hand_made, names="hidden"), _url(hand_made, names="hidden", view="print")):
        text = client.get(url).get_data(as_text=True)
        assert "Pupil 1" in text and "Pupil 3" in text
        for pupil in pupils:
            assert pupil.first_name not in text and pupil.last_name not in text
    for key in ("readiness", "typing"):
        csv_text = str(_csv(client, _url(hand_made, names="hidden"), key))
        assert "Pupil 2" in csv_text and pupils[1].first_name not in csv_text
    # The pupil page names the pupil by their place in the class list.
    page = client.get(_url(hand_made, pupil=1, names="hidden")).get_data(as_text=True)
    assert "Pupil 2" in page and pupils[1].first_name not in page
    # Links from the class page keep the names hidden.
    class_page = _page(client.get(_url(hand_made, names="hidden")))
    pupil_link = class_page.select_one('table[data-table="typing"] a')
    assert "names=hidden" in pupil_link["href"]


def test_the_print_view_is_one_report_without_controls(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    page = _page(client.get(_url(hand_made, view="print")))
    report = page.select_one(".report.tt-print")
    assert report is not None
    assert report.select_one("table.tt-grid") is not None
    assert _table(page, "readiness") and _table(page, "typing")
    for link in report.select("a"):
        assert link.find_parent(class_="report-controls") or link.find_parent("table")


def test_an_unknown_csv_table_is_not_found(client, hand_made):
    sign_in(client, hand_made.a.teachers[0])
    assert client.get(_url(hand_made, format="csv", table="nope")).status_code == 404


def test_a_restricted_pupil_has_no_report_page(app, client, hand_made):
    a = hand_made.a
    with app.app_context(), tenant_context(a.id):
        restricted = db.session.query(Pupil).filter_by(first_name="Hidden").one()
        public_id = restricted.public_id
    sign_in(client, a.teachers[0])
    url = f"/reports/classes/{a.classes[0].public_id}/times-tables/pupils/{public_id}"
    assert client.get(url).status_code == 404


def test_an_admin_sees_every_class(client, hand_made):
    sign_in(client, hand_made.a.admin)
    assert client.get(_url(hand_made)).status_code == 200
    other = hand_made.a.classes[1].public_id
    assert client.get(f"/reports/classes/{other}/times-tables").status_code == 200


# --- statements: constant in class size and history length ---------------------------------------


def _count_statements(app, client, url: str) -> list[str]:
    with counting_statements(app) as statements:
        assert client.get(url).status_code == 200
    return statements


def _grow_class(app, world, extra_pupils: int, answers_each: int) -> None:
    a = world.a
    with app.app_context(), tenant_context(a.id):
        school = db.session.get(School, a.id)
        school_class = db.session.get(SchoolClass, a.classes[0].id)
        cohort = db.session.query(Cohort).first()
        ids = [p.id for p in world.a.classes[0].pupils]
        for n in range(extra_pupils):
            ids.append(
                roster.create_pupil(school, f"Extra{n}", "Pupil", cohort, "2345", school_class).id
            )
        for pupil_id in ids:
            _game(pupil_id, a.id, GameMode.CHECK, started=_at(2), score=20)
            _answers(
                _game(pupil_id, a.id),
                [
                    (1 + n % 12, 1 + (n // 12) % 12, n % 3 > 0, 1000 + 50 * n)
                    for n in range(answers_each)
                ],
            )
            _typing(pupil_id, a.id, 500)
        db.session.commit()


@pytest.mark.parametrize(
    ("extra_pupils", "answers_each"), [(0, 20), (12, 20), (0, 200)], ids=["3x20", "15x20", "3x200"]
)
def test_the_reports_take_the_same_statements_for_any_class_or_history(
    app, client, world, extra_pupils, answers_each
):
    _grow_class(app, world, extra_pupils, answers_each)
    sign_in(client, world.a.teachers[0])
    class_statements = _count_statements(app, client, _url(world))
    pupil_statements = _count_statements(app, client, _url(world, pupil=0))
    # session + class + teacher check + pupils + facts GROUP BY + checks + typing.
    assert len(class_statements) == 7, "\n".join(class_statements)
    # … and the class list, for the pupil's place in it when names are hidden.
    assert len(pupil_statements) == 8, "\n".join(pupil_statements)
    assert len(_count_statements(app, client, _url(world, merge=1, names="hidden"))) == 7
