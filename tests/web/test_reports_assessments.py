"""The assessment report of one class, over HTTP, against a small class whose answers are
known: every number below is worked out by hand from the answer sheet.

Questions (the same numbers for everyone, not shuffled): Q1-Q2 Y4-AS-01 (add, subtract),
Q3-Q4 Y4-MD-04 (short multiplication), Q5-Q6 Y4-FR-04 (fractions, same denominator).
R right, - blank, M the "no carry" answer of Q3/Q4's bug map (MUL_NO_CARRY), F the "adds the
denominators" answer of Q5 (FRAC_DOUBLE_DENOM), A the "no carry" answer of Q1 (ADD_NO_CARRY),
X a wrong answer no misconception predicts.

              Q1 Q2 Q3 Q4 Q5 Q6  score   AS-01      MD-04       FR-04
    Ann       R  R  R  R  R  R   6/6     2/2 sec    2/2 sec     2/2 sec
    Ben       R  R  M  M  R  R   4/6     2/2 sec    0/2 not yet 2/2 sec
    Cal       R  -  M  M  F  R   2/6     1/2 dev    0/2 not yet 1/2 dev
    Dot       A  R  M  X  F  R   2/6     1/2 dev    0/2 not yet 1/2 dev
    Eve       R  R  R  M  F  R   4/6     2/2 sec    1/2 dev     1/2 dev
    Fay       started, not handed in;  Gus  not started
    Rex       restricted, and Lea, who has left: both handed in, both left out

Facility: Q1 4/5 80%, Q2 4/5 80% (1 blank), Q3 2/5 40%, Q4 1/5 20%, Q5 2/5 40%, Q6 100%.
Objectives: AS-01 8/10 80% (3 of 5 secure); MD-04 3/10 30% (1 secure, 3 not yet, 1
developing); FR-04 7/10 70% (2 secure, 3 developing). Teach next: MD-04 (4 of 5 not secure),
then FR-04 (3 of 5); AS-01 is not secured by only 2 of 5.
Misconceptions: MUL_NO_CARRY could show on Q3 and Q4: Ben and Cal 2 of 2 (likely), Dot and
Eve 1 of 2 (possible). FRAC_DOUBLE_DENOM only on Q5: Cal, Dot, Eve 1 of 1 (possible).
ADD_NO_CARRY only on Q1: Dot 1 of 1 (possible).
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from prof123.admin import services as roster
from prof123.assess import services as assess
from prof123.assess.misconceptions import wording
from prof123.extensions import db
from prof123.models import (
    AssessmentAssignment,
    AssessmentAttempt,
    AssessmentResponse,
    Cohort,
    Pupil,
    School,
    SchoolClass,
    utcnow,
)
from prof123.security import tenant_context
from tests import factories
from tests.conftest import counting_statements, sign_in
from tests.web.test_assess import _right

OBJECTIVES = ["Y4-AS-01", "Y4-MD-04", "Y4-FR-04"]
SHEET = {
    "Ann": ["R", "R", "R", "R", "R", "R"],
    "Ben": ["R", "R", "MUL_NO_CARRY", "MUL_NO_CARRY", "R", "R"],
    "Cal": ["R", "-", "MUL_NO_CARRY", "MUL_NO_CARRY", "FRAC_DOUBLE_DENOM", "R"],
    "Dot": ["ADD_NO_CARRY", "R", "MUL_NO_CARRY", "X", "FRAC_DOUBLE_DENOM", "R"],
    "Eve": ["R", "R", "R", "MUL_NO_CARRY", "FRAC_DOUBLE_DENOM", "R"],
}
LEFT_OUT = {  # handed in, but must not count
    "Rex": ["X", "X", "MUL_NO_CARRY", "MUL_NO_CARRY", "X", "X"],
    "Lea": ["X"] * 6,
}
UNPREDICTED = "7"  # X: no bug map of these questions gives 7


# --- building the class -------------------------------------------------------------------------


def _new_pupils(app, world, first_names) -> dict[str, factories.PupilRecord]:
    a = world.a
    made = {}
    with app.app_context(), tenant_context(a.id):
        school = db.session.get(School, a.id)
        school_class = db.session.get(SchoolClass, a.classes[0].id)
        cohort = db.session.scalars(select(Cohort)).first()
        for name in first_names:
            pupil = roster.create_pupil(school, name, "Test", cohort, "2345", school_class)
            made[name] = factories.PupilRecord(
                pupil.id,
                pupil.public_id,
                a.id,
                school.sign_in_code,
                pupil.username,
                pupil.first_name,
                pupil.last_name,
            )
        db.session.commit()
    return made


def _only_class_pupils(app, world, keep: dict[str, factories.PupilRecord]) -> None:
    """Take the world's own pupils out of the class, so the class is exactly ``keep``."""
    from prof123.models import class_pupils

    with app.app_context(), tenant_context(world.a.id):
        db.session.execute(
            class_pupils.delete().where(
                class_pupils.c.class_id == world.a.classes[0].id,
                class_pupils.c.pupil_id.not_in([p.id for p in keep.values()]),
            )
        )
        db.session.commit()


def _bug_answer(response: AssessmentResponse, label: str) -> str:
    for wrong, labels in json.loads(response.bugs).items():
        if label in labels:
            return wrong
    raise AssertionError(f"Q{response.item_number} cannot show {label}: {response.bugs}")


def hand_in_sheet(app, pupil, assignment: str, marks: list[str]) -> dict[int, str]:
    """Begin, answer by the sheet (R, -, X, a label whose bug answer is typed, or B0, B1 …
    for the question's first, second … bug answer), hand in.
    Returns what was typed for each question number."""
    typed: dict[int, str] = {}
    with app.app_context():
        attempt_id = factories.start_assessment(pupil, assignment)
    with app.app_context(), tenant_context(pupil.school_id):
        attempt = db.session.scalar(
            select(AssessmentAttempt).where(AssessmentAttempt.public_id == attempt_id)
        )
        assignment_row = db.session.get(AssessmentAssignment, attempt.assignment_id)
        for response in db.session.scalars(
            select(AssessmentResponse).where(AssessmentResponse.attempt_id == attempt.id)
        ):
            mark = marks[response.item_number - 1]
            if mark == "-":
                continue
            if mark == "R":
                text = _right(response)
            elif mark == "X":
                text = UNPREDICTED
            elif re.fullmatch(r"B\d", mark):  # the question's n-th bug answer, if it has one
                wrongs = list(json.loads(response.bugs))
                text = wrongs[int(mark[1]) % len(wrongs)] if wrongs else UNPREDICTED
            else:
                text = _bug_answer(response, mark)
            typed[response.item_number] = text
            assess.save_answer(attempt, assignment_row, response, text, False, utcnow())
        assess.hand_in(attempt, utcnow())
        db.session.commit()
    return typed


@pytest.fixture
def known_class(app, world):
    """The class of the module docstring; returns (assignment id, pupils by first name,
    what each pupil typed)."""
    pupils = _new_pupils(app, world, [*SHEET, "Fay", "Gus", *LEFT_OUT])
    _only_class_pupils(app, world, pupils)
    a = world.a
    with app.app_context():
        _assessment, [assignment] = factories.make_assessment(
            a.id,
            a.teachers[0].id,
            [a.classes[0].id],
            objectives=OBJECTIVES,
            per_objective=2,
            has_same_numbers=True,
            title="Autumn check",
        )
    typed = {
        name: hand_in_sheet(app, pupils[name], assignment, marks)
        for name, marks in {**SHEET, **LEFT_OUT}.items()
    }
    with app.app_context():
        factories.start_assessment(pupils["Fay"], assignment)
    with app.app_context(), tenant_context(a.id):
        db.session.get(Pupil, pupils["Rex"].id).is_restricted = True
        db.session.get(Pupil, pupils["Lea"].id).left_on = date.today()
        db.session.commit()
    return assignment, pupils, typed


def _page(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _csv(client, url) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def _spoken(node) -> str:
    """Text as a screen reader gets it: fractions drawn on screen are hidden from it."""
    for hidden in node.select("[aria-hidden=true]"):
        hidden.decompose()
    return _text(node)


def _spoken_prompt(page, number: int) -> str:
    for tr in page.select("#table-analysis tbody tr"):
        if _text(tr.select_one(".q-number")) == f"Q{number}":
            return _spoken(tr.select_one(".q-text"))
    raise AssertionError(number)


def _table_rows(page, table_id, part="tbody") -> list[list[str]]:
    table = page.find(id=table_id)
    assert table is not None, table_id
    return [[_text(c) for c in row.find_all(["th", "td"])] for row in table.select(f"{part} tr")]


NAME = "{} Test".format


# --- the numbers ----------------------------------------------------------------------------------


def test_the_report_shows_the_numbers_worked_out_by_hand(app, client, world, known_class):
    assignment, _pupils, typed = known_class
    sign_in(client, world.a.teachers[0])
    page = _page(client, f"/reports/assessments/{assignment}")
    text = _text(page)
    assert "5 of 7 pupils handed in, 1 started, 1 not started." in text
    assert "Evidence is answers only." in text
    for left_out in ("Rex", "Lea"):
        assert left_out not in text

    # Pupil × question grid: marks, scores, and the answer given on demand.
    rows = {row.th.get_text(strip=True): row for row in page.select("#table-questions tbody tr")}
    assert list(rows) == [NAME(n) for n in ("Ann", "Ben", "Cal", "Dot", "Eve", "Fay", "Gus")]
    expected_symbols = {"R": "✓", "-": "–", "X": "✗"}
    for name, marks in SHEET.items():
        cells = rows[NAME(name)].find_all("td")
        assert cells[0].get_text(strip=True) == f"{marks.count('R')} / 6"
        for number, (mark, cell) in enumerate(zip(marks, cells[1:], strict=True), start=1):
            assert cell.find(attrs={"aria-hidden": "true"}).get_text() == (
                expected_symbols.get(mark, "✗")
            )
            if mark == "R":  # nothing to open on a right answer
                assert cell.find("details") is None
            else:
                given = cell.select_one(".answer-given").get_text()
                assert given == typed[name].get(number, "nothing")
    assert rows[NAME("Fay")].find_all("td")[0].get_text(strip=True) == "Started"
    assert rows[NAME("Gus")].find_all("td")[0].get_text(strip=True) == "Not started"
    # A wrong answer explains itself in teacher wording.
    ben_q3 = rows[NAME("Ben")].find_all("td")[3]
    assert ben_q3.select_one(".answer-why").get_text() == wording("MUL_NO_CARRY")

    # Facility per question.
    analysis = {row[0].split()[0]: row for row in _table_rows(page, "table-analysis")}
    assert [analysis[f"Q{n}"][2] for n in range(1, 7)] == [
        "80%",
        "80%",
        "40%",
        "20%",
        "40%",
        "100%",
    ]
    assert analysis["Q2"][3:5] == ["4 of 5", "1"]
    # The most common wrong answers, with their labels in teacher wording.
    no_carry_q3 = typed["Ben"][3]
    no_carry_q4 = typed["Ben"][4]
    assert analysis["Q3"][5] == f"{no_carry_q3} (3 pupils): {wording('MUL_NO_CARRY')}"
    assert analysis["Q4"][5].startswith(f"{no_carry_q4} (3 pupils): {wording('MUL_NO_CARRY')}")
    assert f"{UNPREDICTED} (1 pupil)" in analysis["Q4"][5]
    assert analysis["Q5"][5] == f"{typed['Cal'][5]} (3 pupils): {wording('FRAC_DOUBLE_DENOM')}"
    assert analysis["Q6"][5] == "–"

    # Difficult questions: lowest facility first, with the question and its wrong answers.
    hard = page.select("#table-difficult > li")
    assert [li.select_one(".difficult-head strong").get_text() for li in hard] == ["Q4", "Q3", "Q5"]
    assert "20%" in _text(hard[0]) and "× 8" in _text(hard[0].select_one(".difficult-prompt"))
    assert wording("MUL_NO_CARRY") in _text(hard[0])

    # Pupil × objective grid: right/asked, the band's symbol and word.
    grid = {row[0]: row[2:] for row in _table_rows(page, "table-objectives")}
    header = [th.get_text(strip=True) for th in page.select("#table-objectives thead th")]
    assert header == ["Pupil", "Score", *OBJECTIVES]
    assert grid[NAME("Ann")] == ["● 2/2 Secure"] * 3
    assert grid[NAME("Ben")] == ["● 2/2 Secure", "○ 0/2 Not yet", "● 2/2 Secure"]
    assert grid[NAME("Cal")] == ["◐ 1/2 Developing", "○ 0/2 Not yet", "◐ 1/2 Developing"]
    assert grid[NAME("Eve")] == ["● 2/2 Secure", "◐ 1/2 Developing", "◐ 1/2 Developing"]
    assert NAME("Fay") not in grid and NAME("Gus") not in grid
    assert "band-not-yet" in page.select("#table-objectives tbody tr")[1].find_all("td")[2]["class"]
    footer = {row[0]: row[2:] for row in _table_rows(page, "table-objectives", "tfoot")}
    assert footer["Class facility"] == ["80%", "30%", "70%"]
    assert footer["Secure"] == ["3 of 5", "1 of 5", "2 of 5"]

    # What to teach next: most pupils not secure first.
    teach = page.select("#table-teach-next li")
    assert [li.select_one(".objective-code").get_text() for li in teach] == ["Y4-MD-04", "Y4-FR-04"]
    assert "4 of 5 pupils not secure" in _text(teach[0]) and "(3 not yet, 1 developing)" in _text(
        teach[0]
    )
    assert "3 of 5 pupils not secure" in _text(teach[1])

    # Misconceptions: likely and possible, always as hits of chances.
    summary = {
        _text(tr.select_one(".mis-wording")): [
            _text(tr.find_all("td")[0].select_one(".evidence-list") or tr.find_all("td")[0]),
            _text(tr.find_all("td")[1].select_one(".evidence-list") or tr.find_all("td")[1]),
            _text(tr.select_one(".mis-example")),
            _text(tr.select_one(".mis-objectives")),
        ]
        for tr in page.select("#table-misconceptions tbody tr")
    }
    assert list(summary)[:3] == [
        wording("MUL_NO_CARRY"),
        wording("FRAC_DOUBLE_DENOM"),
        wording("ADD_NO_CARRY"),
    ]
    likely, possible, example, objectives = summary[wording("MUL_NO_CARRY")]
    assert example == f"{typed['Ben'][3]} for {_spoken_prompt(page, 3)}"
    assert likely == "Ben Test (2 of 2 chances) Cal Test (2 of 2 chances)"
    assert possible == "Dot Test (1 of 2 chances) Eve Test (1 of 2 chances)"
    assert objectives == "Y4-MD-04"
    assert summary[wording("FRAC_DOUBLE_DENOM")][:2] == [
        "–",
        "Cal Test (1 of 1 chance) Dot Test (1 of 1 chance) Eve Test (1 of 1 chance)",
    ]
    assert summary[wording("ADD_NO_CARRY")][:2] == ["–", "Dot Test (1 of 1 chance)"]


def test_an_objective_with_one_question_is_not_judged(app, client, world):
    a = world.a
    pupil = a.classes[0].pupils[0]
    with app.app_context():
        _assessment, [assignment] = factories.make_assessment(
            a.id, a.teachers[0].id, [a.classes[0].id], objectives=OBJECTIVES[:2], per_objective=1
        )
    hand_in_sheet(app, pupil, assignment, ["R", "MUL_NO_CARRY"])
    sign_in(client, a.teachers[0])
    page = _page(client, f"/reports/assessments/{assignment}")
    grid = {row[0]: row[2:] for row in _table_rows(page, "table-objectives")}
    assert grid[f"{pupil.first_name} {pupil.last_name}"] == [
        "– 1/1 Not enough evidence",
        "– 0/1 Not enough evidence",
    ]
    footer = {row[0]: row[2:] for row in _table_rows(page, "table-objectives", "tfoot")}
    assert footer["Secure"] == ["Not enough questions"] * 2
    assert "Most of the class has secured every objective that could be judged." in _text(page)


def test_a_report_before_anyone_hands_in(app, client, world):
    a = world.a
    with app.app_context():
        _assessment, [assignment] = factories.make_assessment(
            a.id, a.teachers[0].id, [a.classes[0].id]
        )
    sign_in(client, a.admin)
    page = _page(client, f"/reports/assessments/{assignment}")
    assert "Nobody has handed in yet" in _text(page)
    assert _page(client, f"/reports/assessments/{assignment}/print").find("h1") is not None


# --- CSV and hidden names -------------------------------------------------------------------------


def _screen_tables(page) -> dict[str, list[list[str]]]:
    """Each table as the screen shows it, in the CSV's terms."""
    tables: dict[str, list[list[str]]] = {}
    tables["analysis"] = []
    for tr in page.select("#table-analysis tbody tr"):
        cells = [_text(td) for td in tr.find_all("td")]
        items = tr.find_all("td")[-1].find_all("li")  # a list on screen, " | " in the CSV
        if items:
            cells[-1] = " | ".join(_text(li) for li in items)
        number, text = tr.th.select_one(".q-number"), tr.th.select_one(".q-text")
        tables["analysis"].append([_text(number), _spoken(text), *cells])
    tables["objectives"] = _table_rows(page, "table-objectives") + _table_rows(
        page, "table-objectives", "tfoot"
    )
    tables["questions"] = []
    for tr in page.select("#table-questions tbody tr"):
        row = [_text(tr.th), _text(tr.find_all("td")[0])]
        for td in tr.find_all("td")[1:]:
            mark = td.find(attrs={"aria-hidden": "true"})
            given = td.select_one(".answer-given")
            if mark is None:
                row.append("")
            elif given is None or given.get_text() == "nothing":
                row.append(mark.get_text())
            else:
                row.append(f"{mark.get_text()} {given.get_text()}")
        tables["questions"].append(row)
    tables["questions"] += _table_rows(page, "table-questions", "tfoot")
    for slug in ("misconceptions", "format"):
        tables[slug] = []
        for tr in page.select(f"table#table-{slug} tbody tr"):
            row = [_text(tr.select_one(".mis-wording"))]
            for td in tr.find_all("td"):
                count = td.select_one(".mis-count")
                row.append(_text(count).split()[0] if count else "0")
                items = td.find_all("li")
                row.append("; ".join(_text(li) for li in items) if items else _text(td))
            row += [_spoken(tr.select_one(".mis-example")), _text(tr.select_one(".mis-objectives"))]
            tables[slug].append(row)
    tables["teach-next"] = [
        [
            _text(li.select_one(".objective-code")),
            _text(li.find("strong")),
            _text(li.select_one(".teach-count")).removesuffix(" pupils not secure"),
        ]
        for li in page.select("#table-teach-next li")
    ]
    tables["difficult"] = [
        [
            _text(li.select_one(".difficult-head strong")),
            _text(li.select_one(".difficult-facility")),
            _spoken(li.select_one(".difficult-prompt")),
            " | ".join(_text(w) for w in li.select(".wrong-list li")) or "–",
        ]
        for li in page.select("#table-difficult > li")
    ]
    return tables


@pytest.mark.parametrize("hidden", [False, True])
def test_every_table_downloads_as_csv_with_the_numbers_on_the_screen(
    app, client, world, known_class, hidden
):
    assignment, _pupils, _typed = known_class
    sign_in(client, world.a.teachers[0])
    query = "&names=hidden" if hidden else ""
    page = _page(client, f"/reports/assessments/{assignment}?{query}")
    screen = _screen_tables(page)
    links = {a["href"] for a in page.select("a.csv-link")}
    for slug in (
        "teach-next",
        "objectives",
        "misconceptions",
        "difficult",
        "analysis",
        "questions",
    ):
        url = f"/reports/assessments/{assignment}?format=csv&table={slug}{query}"
        assert any(link.endswith(f"table={slug}{query}") for link in links), slug
        header, *rows = _csv(client, url)
        if slug == "teach-next":  # the screen shows the first three columns as text
            assert header[:3] == ["Objective", "Statement", "Not secure"]
            assert [row[:3] for row in rows] == screen[slug]
        else:
            assert rows == screen[slug], slug
    assert client.get(f"/reports/assessments/{assignment}?format=csv&table=nope").status_code == 404
    # Headers name what the screen's columns name; no table named: the answers.
    objectives = _csv(client, f"/reports/assessments/{assignment}?format=csv&table=objectives")
    assert objectives[0] == ["Pupil", "Score", *OBJECTIVES]
    questions = _csv(client, f"/reports/assessments/{assignment}?format=csv{query}")
    assert questions[0] == ["Pupil", "Score", *(f"Q{n}" for n in range(1, 7))]
    assert questions[1:] == screen["questions"]


def test_hidden_names_reach_every_table_the_print_view_and_the_csv(app, client, world, known_class):
    assignment, pupils, _typed = known_class
    sign_in(client, world.a.teachers[0])
    pages = [
        client.get(f"/reports/assessments/{assignment}?names=hidden"),
        client.get(f"/reports/assessments/{assignment}/print?names=hidden"),
        *(
            client.get(f"/reports/assessments/{assignment}?names=hidden&format=csv&table={slug}")
            for slug in ("questions", "objectives", "misconceptions", "format")
        ),
    ]
    for response in pages:
        body = response.get_data(as_text=True)
        assert response.status_code == 200
        for name in ("Ann", "Ben", "Cal", "Dot", "Eve", "Fay", "Gus"):
            assert pupils[name].first_name not in body
            assert pupils[name].username not in body
    page = BeautifulSoup(pages[0].get_data(as_text=True), "html.parser")
    order = [row.th.get_text(strip=True) for row in page.select("#table-questions tbody tr")]
    assert order == [f"Pupil {n}" for n in range(1, 8)]
    first = page.select_one("#table-misconceptions tbody tr")
    assert _text(first.select_one(".mis-wording")) == wording("MUL_NO_CARRY")
    assert (
        _text(first.find_all("td")[0])
        == "2 pupils Pupil 2 (2 of 2 chances) Pupil 3 (2 of 2 chances)"
    )
    # Links out of the hidden page keep names hidden.
    for link in page.select("a.csv-link"):
        assert "names=hidden" in link["href"]


def test_csv_cells_that_look_like_formulas_are_defused(app, client, world):
    a = world.a
    pupil = a.classes[0].pupils[0]
    with app.app_context():
        _assessment, [assignment] = factories.make_assessment(
            a.id, a.teachers[0].id, [a.classes[0].id], has_same_numbers=True
        )
    with app.app_context(), tenant_context(a.id):
        db.session.get(Pupil, pupil.id).first_name = "=HYPERLINK(1)"
        db.session.commit()
    hand_in_sheet(app, pupil, assignment, ["-", "R"])
    sign_in(client, a.teachers[0])
    rows = _csv(client, f"/reports/assessments/{assignment}?format=csv&table=questions")
    assert rows[1][0].startswith("'=HYPERLINK(1)")
    response = client.get(f"/reports/assessments/{assignment}?format=csv&table=questions")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="test-assessment-4a1-questions.csv"'
    )


# --- the print view and the first results page --------------------------------------------------


def test_the_print_view_is_one_compact_page_with_symbols(app, client, world, known_class):
    assignment, _pupils, _typed = known_class
    sign_in(client, world.a.teachers[0])
    page = _page(client, f"/reports/assessments/{assignment}/print")
    report = page.select_one(".report.report-print")
    assert report is not None
    assert page.select_one(".report-controls [data-print]") is not None
    text = _text(report)
    assert "Evidence is answers only." in text
    assert "Y4-MD-04" in _text(report.select_one(".teach-next"))
    groups = " ".join(report.select_one(".print-groups").get_text().split())
    assert f"{wording('MUL_NO_CARRY')}: Ben Test (2 of 2 chances), Cal Test (2 of 2 chances)" in (
        groups
    )
    grid = {row[0]: row[2:] for row in _table_rows(report, "table-objectives")}
    assert grid[NAME("Dot")] == [
        "◐ Developing, 1 of 2",
        "○ Not yet, 0 of 2",
        "◐ Developing, 1 of 2",
    ]
    assert [_text(li) for li in report.select(".objective-key li")][1].startswith("Y4-MD-04 ")
    assert [li.strong.get_text() for li in report.select(".print-difficult li")] == [
        "Q4",
        "Q3",
        "Q5",
    ]


def test_the_first_results_page_links_to_the_report(app, client, world, known_class):
    assignment, _pupils, _typed = known_class
    sign_in(client, world.a.teachers[0])
    page = _page(client, f"/assess/results/{assignment}")
    link = page.select_one(".report-link a")
    assert link["href"] == f"/reports/assessments/{assignment}"
    assert _text(link) == "Open the full report"


# --- access and speed ---------------------------------------------------------------------------


def test_only_the_staff_of_the_class_see_it(app, client, world, known_class):
    assignment, pupils, _typed = known_class
    sign_in(client, world.a.teachers[1])
    assert client.get(f"/reports/assessments/{assignment}").status_code == 403
    assert client.get(f"/reports/assessments/{assignment}?format=csv").status_code == 403
    client.post("/signout")
    sign_in(client, world.b.teachers[0])
    assert client.get(f"/reports/assessments/{assignment}").status_code == 404
    client.post("/signout")
    sign_in(client, pupils["Ann"])
    assert client.get(f"/reports/assessments/{assignment}").status_code == 403
    client.post("/signout")
    sign_in(client, world.a.admin)
    assert client.get(f"/reports/assessments/{assignment}/print").status_code == 200


def _statements(app, client, url) -> list[str]:
    with counting_statements(app) as statements:
        assert client.get(url).status_code == 200
    return statements


@pytest.mark.parametrize("extra_pupils", [0, 12])
def test_the_report_takes_the_same_statements_for_3_or_15_pupils(app, client, world, extra_pupils):
    a = world.a
    extra = _new_pupils(app, world, [f"Extra{n}" for n in range(extra_pupils)])
    with app.app_context():
        _assessment, [assignment] = factories.make_assessment(
            a.id, a.teachers[0].id, [a.classes[0].id], objectives=OBJECTIVES, per_objective=2
        )
    for pupil in [*a.classes[0].pupils, *extra.values()]:
        hand_in_sheet(app, pupil, assignment, ["R", "-", "MUL_NO_CARRY", "R", "X", "R"])
    sign_in(client, a.teachers[0])
    counts = {
        url: len(_statements(app, client, url))
        for url in (
            f"/reports/assessments/{assignment}",
            f"/reports/assessments/{assignment}/print",
            f"/reports/assessments/{assignment}?format=csv&table=misconceptions",
        )
    }
    # session + assignment + class + teacher check, then assessment + questions + pupils +
    # attempts + answers: nothing per pupil or per answer.
    assert set(counts.values()) == {9}, counts
