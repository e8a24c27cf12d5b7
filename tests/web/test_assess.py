"""Assessments over HTTP: making, setting, taking, resuming, handing in and the results."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from prof123.admin import services as roster
from prof123.assess.display import answer_text
from prof123.extensions import db
from prof123.models import (
    Assessment,
    AssessmentAssignment,
    AssessmentAttempt,
    AssessmentItem,
    AssessmentResponse,
    Cohort,
    School,
    SchoolClass,
    utcnow,
)
from prof123.security import operator_context, tenant_context
from tests import factories
from tests.conftest import counting_statements, sign_in


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _rows(app, model, **where):
    with app.app_context(), operator_context():
        query = select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return list(db.session.scalars(query))


def _attempt(app, public_id) -> AssessmentAttempt:
    [attempt] = _rows(app, AssessmentAttempt, public_id=public_id)
    return attempt


def _responses(app, attempt_public_id) -> list[AssessmentResponse]:
    attempt = _attempt(app, attempt_public_id)
    return sorted(_rows(app, AssessmentResponse, attempt_id=attempt.id), key=lambda r: r.position)


def _right(response: AssessmentResponse) -> str:
    if response.answer_kind == "order":
        return response.correct_answer
    return answer_text(
        response.answer_kind,
        response.correct_answer,
        response.answer_unit,
        response.answer_form,
        json.loads(response.params),
    )


def _save(client, attempt_id, position, answer, go="next", **extra):
    return client.post(
        f"/assess/attempts/{attempt_id}/answer",
        data={"position": position, "answer": answer, "go": go, **extra},
    )


def _start(client, assignment_id) -> str:
    response = client.post(f"/assess/work/{assignment_id}/start")
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return response.headers["Location"].rsplit("/", 1)[1]


# --- teachers make and set assessments --------------------------------------------------------


def test_a_teacher_makes_an_assessment_previews_it_and_sets_it(app, client, world):
    sign_in(client, world.a.teachers[0])
    form = _page(client.get("/assess/new?year=4"))
    offered = {box["value"] for box in form.select("input[name=objectives]")}
    assert {"Y4-AS-01", "Y4-MD-04", "Y4-FR-04"} <= offered
    assert "Y4-ME-03" not in offered  # needs a picture: not assessable by typed answers
    response = client.post(
        "/assess/new",
        data={
            "title": "Autumn check-up",
            "year": "4",
            "objectives": ["Y4-MD-04", "Y4-AS-01"],
            "per_objective": "3",
            "time_limit": "20",
            "has_same_numbers": "y",
            "shows_corrections": "y",
        },
    )
    assert response.status_code == 303
    assessment_id = response.headers["Location"].rsplit("/", 1)[1]
    [assessment] = _rows(app, Assessment, public_id=assessment_id)
    assert (assessment.title, assessment.year, assessment.time_limit_minutes) == (
        "Autumn check-up",
        4,
        20,
    )
    items = sorted(_rows(app, AssessmentItem, assessment_id=assessment.id), key=lambda i: i.number)
    # Curriculum order whatever order they were ticked; rising levels per objective.
    assert [(i.objective, i.level) for i in items] == [
        ("Y4-AS-01", 2),
        ("Y4-AS-01", 3),
        ("Y4-AS-01", 4),
        ("Y4-MD-04", 2),
        ("Y4-MD-04", 3),
        ("Y4-MD-04", 4),
    ]
    preview = _page(client.get(f"/assess/{assessment_id}"))
    assert len(preview.select(".preview-item")) == 6
    assert all("Answer:" in li.get_text() for li in preview.select(".preview-item"))
    paper = client.get(f"/assess/{assessment_id}/paper").get_data(as_text=True)
    assert "Answers: Autumn check-up" in paper and paper.count("paper-question") >= 6
    # Set it for the teacher's own class; another teacher's class is refused.
    mine, theirs = world.a.classes[0], world.a.classes[1]
    times = {"opens_at": "2026-01-05T09:00", "closes_at": "2026-01-05T10:00"}
    refused = client.post(
        f"/assess/{assessment_id}/assign", data={"classes": [theirs.public_id], **times}
    )
    assert refused.status_code == 422  # not one of the classes offered to this teacher
    assert _rows(app, AssessmentAssignment) == []
    backwards = client.post(
        f"/assess/{assessment_id}/assign",
        data={
            "classes": [mine.public_id],
            "opens_at": "2026-01-05T10:00",
            "closes_at": "2026-01-05T09:00",
        },
    )
    assert backwards.status_code == 422 and "after the opening time" in backwards.get_data(
        as_text=True
    )
    assert (
        client.post(
            f"/assess/{assessment_id}/assign", data={"classes": [mine.public_id], **times}
        ).status_code
        == 303
    )
    [assignment] = _rows(app, AssessmentAssignment, assessment_id=assessment.id)
    assert assignment.class_id == mine.id
    # 09:00 in January is 09:00 UTC; in summer the same clock time would be 08:00 UTC.
    assert assignment.opens_at.hour == 9 and assignment.closes_at.hour == 10


def test_making_an_assessment_explains_what_is_wrong(client, world):
    sign_in(client, world.a.teachers[0])
    none_chosen = client.post(
        "/assess/new", data={"title": "Empty", "year": "4", "per_objective": "2", "time_limit": "0"}
    )
    assert none_chosen.status_code == 422
    assert "Choose at least one objective" in none_chosen.get_data(as_text=True)
    no_title = client.post(
        "/assess/new",
        data={"year": "4", "objectives": ["Y4-AS-01"], "per_objective": "2", "time_limit": "0"},
    )
    assert no_title.status_code == 422
    not_this_year = client.post(
        "/assess/new",
        data={
            "title": "x",
            "year": "4",
            "objectives": ["Y6-CALC-01"],
            "per_objective": "2",
            "time_limit": "0",
        },
    )
    assert not_this_year.status_code == 422


def test_the_ready_made_library_has_termly_assessments_and_the_arithmetic_mock(app, client, world):
    sign_in(client, world.a.teachers[0])
    library = _page(client.get("/assess/ready-made"))
    buttons = [b.get_text(strip=True) for b in library.select("button")]
    for year in range(1, 7):
        for term in ("autumn", "spring", "summer"):
            assert f"Use Year {year} {term} term" in buttons
    assert "Use KS2 arithmetic practice paper" in buttons
    response = client.post("/assess/ready-made/ks2-arithmetic")
    assert response.status_code == 303
    [assessment] = _rows(app, Assessment, public_id=response.headers["Location"].rsplit("/", 1)[1])
    assert assessment.time_limit_minutes == 30
    items = _rows(app, AssessmentItem, assessment_id=assessment.id)
    assert len(items) == 36
    preview = client.get(f"/assess/{assessment.public_id}").get_data(as_text=True)
    assert "36 questions · 40 marks" in preview
    assert client.post("/assess/ready-made/no-such-thing").status_code == 404


# --- pupils take them ------------------------------------------------------------------------


def _set_for_first_class(app, world, **choices):
    a = world.a
    with app.app_context():
        return factories.make_assessment(a.id, a.teachers[0].id, [a.classes[0].id], **choices)


def _begun(app, pupil, assignment, seed=1) -> str:
    with app.app_context():
        return factories.start_assessment(pupil, assignment, seed=seed)


def test_a_pupil_takes_an_assessment_one_question_at_a_time_and_hands_in(app, client, world):
    _assessment, [assignment] = _set_for_first_class(
        app, world, objectives=["Y4-AS-01", "Y4-MD-04"]
    )
    pupil = world.a.classes[0].pupils[0]
    sign_in(client, pupil)
    tasks = _page(client.get("/assess/"))
    assert (
        "Test assessment" in tasks.get_text()
        and tasks.select_one(".task button").get_text() == "Start"
    )
    attempt_id = _start(client, assignment)
    responses = _responses(app, attempt_id)
    assert len(responses) == 4 and [r.position for r in responses] == [1, 2, 3, 4]
    page = _page(client.get(f"/assess/attempts/{attempt_id}"))
    assert page.select_one(".question-number").get_text() == "Question 1 of 4"
    assert responses[0].prompt in page.get_text()
    # Answer 1 right, 2 wrong, leave 3 for later (flagged), 4 right; then come back to 3.
    assert _save(client, attempt_id, 1, _right(responses[0])).status_code == 303
    assert _save(client, attempt_id, 2, "12345678").status_code == 303
    assert _save(client, attempt_id, 3, "", flagged="y").status_code == 303
    assert _save(client, attempt_id, 4, _right(responses[3]), go="review").status_code == 303
    review = _page(client.get(f"/assess/attempts/{attempt_id}/review"))
    assert "You have not answered 1 question." in review.get_text()
    assert "come back to 1 question" in review.get_text()
    page = _page(client.get(f"/assess/attempts/{attempt_id}?at=3"))
    assert page.select_one("input[name=flagged]").has_attr("checked")
    assert _save(client, attempt_id, 3, _right(responses[2]), go="review").status_code == 303
    # Nothing is marked before the hand-in.
    assert all(r.is_correct is None for r in _responses(app, attempt_id))
    assert client.post(f"/assess/attempts/{attempt_id}/hand-in").status_code == 303
    marked = _responses(app, attempt_id)
    assert [r.is_correct for r in marked] == [True, False, True, True]
    attempt = _attempt(app, attempt_id)
    assert attempt.score == 3 and attempt.out_of == 4 and attempt.handed_in_at is not None
    result = _page(client.get(f"/assess/attempts/{attempt_id}/result"))
    assert result.h1.get_text() == "You got 3 out of 4"
    assert "You wrote 12345678." in result.get_text() and "The answer is" in result.get_text()
    # Handed in: no more changes.
    late = _save(client, attempt_id, 2, _right(marked[1]))
    assert late.status_code == 303 and late.headers["Location"].endswith("/result")
    assert _responses(app, attempt_id)[1].raw_answer == "12345678"


def test_answers_are_kept_as_given_and_resending_changes_nothing(app, client, world):
    _assessment, [assignment] = _set_for_first_class(app, world)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, assignment)
    for _ in range(3):
        _save(client, attempt_id, 1, " 1,234 ")
    [first, _second] = _responses(app, attempt_id)
    assert first.raw_answer == "1,234" and first.answered_at is not None
    weird = "<script>alert(1)</script>½ ١٢ " + "9" * 150
    assert _save(client, attempt_id, 2, weird).status_code == 303
    page = client.get(f"/assess/attempts/{attempt_id}?at=2").get_data(as_text=True)
    assert "<script>alert(1)" not in page  # escaped, not run
    assert client.post(f"/assess/attempts/{attempt_id}/hand-in").status_code == 303
    marked = _responses(app, attempt_id)
    assert marked[1].is_correct is False and marked[1].marks == 0


def test_signing_in_again_resumes_at_the_same_question(app, client, world):
    _assessment, [assignment] = _set_for_first_class(app, world)
    pupil = world.a.classes[0].pupils[0]
    sign_in(client, pupil)
    attempt_id = _start(client, assignment)
    _save(client, attempt_id, 1, "7")
    client.post("/signout")
    sign_in(client, pupil)
    tasks = _page(client.get("/assess/"))
    assert tasks.select_one(".task button").get_text() == "Carry on"
    assert _start(client, assignment) == attempt_id
    page = _page(client.get(f"/assess/attempts/{attempt_id}"))
    assert page.select_one(".question-number").get_text() == "Question 2 of 2"
    page = _page(client.get(f"/assess/attempts/{attempt_id}?at=1"))
    assert page.select_one("input[name=answer]")["value"] == "7"


def test_an_htmx_answer_returns_the_next_question_card(app, client, world):
    _assessment, [assignment] = _set_for_first_class(app, world)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, assignment)
    response = client.post(
        f"/assess/attempts/{attempt_id}/answer",
        data={"position": 1, "answer": "5", "go": "next"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    card = _page(response).select_one("#question-card")
    assert card["data-position"] == "2"
    assert "dot-answered" in card.select_one("button[value='1']")["class"]
    assert "<html" not in response.get_data(as_text=True)


def test_a_time_limit_hands_in_by_itself(app, client, world):
    _assessment, [assignment] = _set_for_first_class(app, world, time_limit_minutes=10)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, assignment)
    attempt = _attempt(app, attempt_id)
    assert attempt.due_at is not None
    assert "Time left" in client.get(f"/assess/attempts/{attempt_id}").get_data(as_text=True)
    _save(client, attempt_id, 1, "3")
    with app.app_context(), operator_context():
        stored = db.session.get(AssessmentAttempt, attempt.id)
        stored.due_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    shown = client.get(f"/assess/attempts/{attempt_id}")
    assert shown.status_code == 303 and shown.headers["Location"].endswith("/review")
    refused = _save(client, attempt_id, 2, "4")
    assert refused.headers["Location"].endswith("/result")
    attempt = _attempt(app, attempt_id)
    assert attempt.handed_in_at is not None
    assert [r.raw_answer for r in _responses(app, attempt_id)] == ["3", None]


def test_purge_hands_in_papers_whose_time_ran_out(app, client, world, runner):
    _assessment, [assignment] = _set_for_first_class(app, world, time_limit_minutes=10)
    attempt_id = _begun(app, world.a.classes[0].pupils[0], assignment)
    with app.app_context(), operator_context():
        attempt = db.session.scalar(
            select(AssessmentAttempt).where(AssessmentAttempt.public_id == attempt_id)
        )
        attempt.due_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    result = runner.invoke(args=["purge"])
    assert "Handed in 1 assessments whose time had run out" in result.output
    assert _attempt(app, attempt_id).score == 0


def test_work_is_only_for_the_pupils_classes_and_only_while_open(app, client, world):
    _assessment, [assignment] = _set_for_first_class(app, world)
    outsider = world.a.classes[1].pupils[0]
    sign_in(client, outsider)
    assert "Test assessment" not in client.get("/assess/").get_data(as_text=True)
    assert client.post(f"/assess/work/{assignment}/start").status_code == 404
    client.post("/signout")
    with app.app_context(), operator_context():
        stored = db.session.scalar(
            select(AssessmentAssignment).where(AssessmentAssignment.public_id == assignment)
        )
        stored.opens_at = utcnow() + timedelta(hours=1)
        stored.closes_at = utcnow() + timedelta(hours=2)
        db.session.commit()
    sign_in(client, world.a.classes[0].pupils[0])
    assert "Test assessment" not in client.get("/assess/").get_data(as_text=True)
    response = client.post(f"/assess/work/{assignment}/start")
    assert response.headers["Location"].endswith("/assess/")
    assert "not open now" in client.get("/assess/").get_data(as_text=True)


def test_same_numbers_for_everyone_or_each_their_own_and_shuffled_order(app, client, world):
    pupils = world.a.classes[0].pupils
    _a, [shared] = _set_for_first_class(
        app, world, objectives=["Y4-AS-01", "Y4-MD-04"], has_same_numbers=True
    )
    first = _responses(app, _begun(app, pupils[0], shared, seed=1))
    second = _responses(app, _begun(app, pupils[1], shared, seed=2))
    assert [r.prompt for r in first] == [r.prompt for r in second]
    _b, [own] = _set_for_first_class(
        app, world, objectives=["Y4-AS-01", "Y4-MD-04"], per_objective=4, is_shuffled=True, seed=5
    )
    first = _responses(app, _begun(app, pupils[0], own, seed=11))
    second = _responses(app, _begun(app, pupils[1], own, seed=12))
    assert [r.prompt for r in first] != [r.prompt for r in second]
    orders = [[r.item_number for r in rs] for rs in (first, second)]
    assert all(sorted(order) == list(range(1, 9)) for order in orders)
    assert orders[0] != list(range(1, 9)) or orders[1] != list(range(1, 9))


def test_without_corrections_the_pupil_sees_only_the_score(app, client, world):
    _assessment, [assignment] = _set_for_first_class(app, world, shows_corrections=False)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, assignment)
    _save(client, attempt_id, 1, "1")
    client.post(f"/assess/attempts/{attempt_id}/hand-in")
    page = client.get(f"/assess/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "out of 2" in page and "The answer is" not in page


# --- the teacher's first view of results -------------------------------------------------------


def _hand_in(app, pupil, assignment, answers: dict[int, str], seed=1) -> str:
    """A pupil's paper with some answers given, marked: position -> 'right' or text."""
    from prof123.assess import services as assess

    attempt_id = _begun(app, pupil, assignment, seed=seed)
    with app.app_context(), tenant_context(pupil.school_id):
        attempt = db.session.scalar(
            select(AssessmentAttempt).where(AssessmentAttempt.public_id == attempt_id)
        )
        assignment_row = db.session.get(AssessmentAssignment, attempt.assignment_id)
        for response in db.session.scalars(
            select(AssessmentResponse).where(AssessmentResponse.attempt_id == attempt.id)
        ):
            given = answers.get(response.position)
            if given is not None:
                text = _right(response) if given == "right" else given
                assess.save_answer(attempt, assignment_row, response, text, False, utcnow())
        assess.hand_in(attempt, utcnow())
        db.session.commit()
    return attempt_id


def test_results_show_scores_the_grid_and_secured_objectives(app, client, world):
    pupils = world.a.classes[0].pupils
    _assessment, [assignment] = _set_for_first_class(
        app, world, objectives=["Y4-AS-01", "Y4-MD-04"], per_objective=2
    )
    # Items 1-2 are Y4-AS-01, items 3-4 Y4-MD-04 (no shuffling).
    _hand_in(app, pupils[0], assignment, {1: "right", 2: "right", 3: "right", 4: "right"})
    _hand_in(app, pupils[1], assignment, {1: "right", 2: "right", 3: "0"})
    _begun(app, pupils[2], assignment)  # started, not handed in
    sign_in(client, world.a.teachers[0])
    page = _page(client.get(f"/assess/results/{assignment}"))
    assert "2 of 3 pupils have handed it in." in page.get_text()
    rows = {
        row.th.get_text(strip=True): [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select(".result-grid tbody tr")
    }
    first, second, third = (f"{p.first_name} {p.last_name}" for p in pupils)
    assert rows[first][0] == "4 / 4"
    assert rows[second][0] == "2 / 4"
    assert rows[second][3].startswith("✗ 0") and rows[second][4] == "–"
    assert rows[third][0] == "Started"
    objectives = {
        row.th.get_text(" ", strip=True).split()[0]: [
            c.get_text(strip=True) for c in row.select("td")
        ]
        for row in page.select("table")[0].select("tbody tr")
    }
    assert objectives["Y4-AS-01"] == ["2", "2 of 2", "0"]
    assert objectives["Y4-MD-04"] == ["2", "1 of 2", "1"]


def test_closing_hands_in_every_started_paper(app, client, world):
    pupils = world.a.classes[0].pupils
    _assessment, [assignment] = _set_for_first_class(app, world)
    attempt_id = _begun(app, pupils[0], assignment)
    sign_in(client, world.a.teachers[0])
    assert client.post(f"/assess/results/{assignment}/close").status_code == 303
    assert _attempt(app, attempt_id).handed_in_at is not None
    client.post("/signout")
    sign_in(client, pupils[1])
    assert "Test assessment" not in client.get("/assess/").get_data(as_text=True)


@pytest.mark.parametrize("extra_pupils", [0, 12])
def test_the_results_page_takes_the_same_statements_for_any_class_size(
    app, client, world, extra_pupils, request
):
    a = world.a
    with app.app_context(), tenant_context(a.id):
        school = db.session.get(School, a.id)
        school_class = db.session.get(SchoolClass, a.classes[0].id)
        cohort = db.session.scalars(select(Cohort)).first()
        for n in range(extra_pupils):
            roster.create_pupil(school, f"Extra{n}", "Pupil", cohort, "2345", school_class)
        db.session.commit()
    _assessment, [assignment] = _set_for_first_class(app, world)
    for pupil in a.classes[0].pupils:
        _hand_in(app, pupil, assignment, {1: "right"})
    sign_in(client, a.teachers[0])
    with counting_statements(app) as statements:
        assert client.get(f"/assess/results/{assignment}").status_code == 200
    # session + assignment + class + teacher check + assessment + items + pupils + attempts
    # + answers: nothing per pupil.
    assert len(statements) == 9, "\n".join(statements)


def test_an_over_long_answer_is_kept_cut_to_length_not_refused(app, client, world):
    _assessment, [assignment] = _set_for_first_class(app, world)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, assignment)
    assert _save(client, attempt_id, 1, "7" * 5000).status_code == 303
    assert _responses(app, attempt_id)[0].raw_answer == "7" * 200
