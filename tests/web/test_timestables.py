"""Times-tables games over HTTP: starting, answering, refreshing, finishing, restarts."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from itsdangerous import URLSafeSerializer
from sqlalchemy import event, select

from prof123.extensions import db
from prof123.models import (
    AttemptEvent,
    GameMode,
    RestartReason,
    SchoolClass,
    TimesTablesAnswer,
    TimesTablesAttempt,
    utcnow,
)
from prof123.security import operator_context, tenant_context
from prof123.timestables import services
from prof123.timestables.generation import validate_mtc_form
from tests.conftest import sign_in


def _start(client, **form) -> str:
    response = client.post("/timestables/start", data=form)
    assert response.status_code == 303, response.get_data(as_text=True)[:400]
    return response.headers["Location"].rsplit("/", 1)[1]


def _play_page(client, attempt_id) -> BeautifulSoup:
    response = client.get(f"/timestables/play/{attempt_id}")
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _questions(page) -> list[str]:
    return page.select_one("#game")["data-questions"].split(",")


def _answer_for(text: str) -> str:
    left, op, right = text.split()
    return str(int(left) * int(right) if op == "×" else int(left) // int(right))


SEND_GAME_TOKEN = True


@pytest.fixture(autouse=True, params=["with game token", "without game token"])
def _answer_path(request, monkeypatch):
    """Every test runs both ways an answer can be taken: with the page's signed game facts
    (UPDATE … RETURNING, then INSERT) and without them (load the game first)."""
    monkeypatch.setattr(
        f"{__name__}.SEND_GAME_TOKEN", request.param == "with game token", raising=True
    )


def _game_token(client, attempt_id) -> str:
    """The signed game facts the play page carries (the browser sends them with answers)."""
    app = client.application
    with app.app_context(), operator_context():
        attempt = db.session.scalar(
            select(TimesTablesAttempt).where(TimesTablesAttempt.public_id == attempt_id)
        )
        return services.game_token(attempt) if attempt else ""


def _answer(client, attempt_id, number, typed, client_ms=1500, game=None, **extra):
    """An answer as the game page sends it; ``game=""`` leaves out the signed game facts,
    which takes the long path (load the game first)."""
    if game is None:
        game = _game_token(client, attempt_id) if SEND_GAME_TOKEN else ""
    return client.post(
        f"/timestables/play/{attempt_id}/answers",
        data={"number": number, "typed": typed, "client_ms": client_ms, "game": game, **extra},
        headers={"HX-Request": "true"},
    )


def _attempt(app, attempt_id) -> TimesTablesAttempt:
    with app.app_context(), operator_context():
        return db.session.scalar(
            select(TimesTablesAttempt).where(TimesTablesAttempt.public_id == attempt_id)
        )


def _answers(app, attempt_id) -> list[TimesTablesAnswer]:
    attempt = _attempt(app, attempt_id)
    with app.app_context(), operator_context():
        return list(
            db.session.scalars(
                select(TimesTablesAnswer)
                .where(TimesTablesAnswer.attempt_id == attempt.id)
                .order_by(TimesTablesAnswer.number)
            )
        )


def _shift_shown_at(app, attempt_id, seconds: float) -> None:
    """Pretend the question went on screen ``seconds`` ago (the pause is over)."""
    _set_times(app, attempt_id, shown_at=utcnow() - timedelta(seconds=seconds))


def _set_times(app, attempt_id, **values) -> None:
    with app.app_context(), operator_context():
        db.session.execute(
            TimesTablesAttempt.__table__.update()
            .where(TimesTablesAttempt.public_id == attempt_id)
            .values(**values)
        )
        db.session.commit()


def test_a_practice_game_from_start_to_score(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="practice", tables=["7", "8"], operations="×", count="10")
    questions = _questions(_play_page(client, attempt_id))
    assert len(questions) == 10
    assert all(q.split()[0] in {"7", "8"} for q in questions)
    begun = client.post(f"/timestables/play/{attempt_id}/begin")
    assert begun.status_code == 200 and 'data-next-number="1"' in begun.get_data(as_text=True)
    for number, text in enumerate(questions, start=1):
        _shift_shown_at(app, attempt_id, 2)
        typed = _answer_for(text) if number != 3 else "1"
        ack = BeautifulSoup(
            _answer(client, attempt_id, number, typed).get_data(as_text=True), "html.parser"
        ).select_one("#answer-ack")
        assert ack["data-next-number"] == str(number + 1)
        assert "data-correct" not in ack.attrs  # no right/wrong while playing
    assert ack["data-finished"] == "1"
    answers = _answers(app, attempt_id)
    assert [a.number for a in answers] == list(range(1, 11))
    assert sum(a.is_correct for a in answers) == 9
    assert all(1400 <= a.response_ms <= 2100 and not a.is_late for a in answers)
    result = client.get(f"/timestables/results/{attempt_id}", follow_redirects=True)
    text = BeautifulSoup(result.get_data(as_text=True), "html.parser").get_text(" ")
    assert "You got 9 out of 10" in text and questions[2] in text  # a fact to practise
    # A finished game's page goes to the result.
    assert client.get(f"/timestables/play/{attempt_id}").status_code == 303


def test_a_resent_answer_is_stored_once_and_answers_come_in_order(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="practice", tables=["3"], operations="×", count="10")
    questions = _questions(_play_page(client, attempt_id))
    client.post(f"/timestables/play/{attempt_id}/begin")
    _shift_shown_at(app, attempt_id, 1)
    typed = _answer_for(questions[0])
    assert _answer(client, attempt_id, 1, typed).status_code == 200
    again = _answer(client, attempt_id, 1, "999")  # a retry after a dropped reply
    assert again.status_code == 200
    assert len(_answers(app, attempt_id)) == 1 and _answers(app, attempt_id)[0].typed == typed
    assert _answer(client, attempt_id, 5, "12").status_code == 409  # not asked yet


def test_the_browser_cannot_claim_more_time_than_passed_and_late_answers_are_marked(
    app, client, world
):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(
        client, mode="practice", tables=["4"], operations="×", count="10", timed="y"
    )
    questions = _questions(_play_page(client, attempt_id))
    client.post(f"/timestables/play/{attempt_id}/begin")
    _shift_shown_at(app, attempt_id, 1)
    _answer(client, attempt_id, 1, _answer_for(questions[0]), client_ms=60_000)
    # Answered 20 s after a 6 s question went up; the page claims half a second.
    _set_times(
        app,
        attempt_id,
        shown_at=utcnow() - timedelta(seconds=20),
        begun_at=utcnow() - timedelta(seconds=30),
    )
    _answer(client, attempt_id, 2, _answer_for(questions[1]), client_ms=500)
    first, second = _answers(app, attempt_id)
    assert first.response_ms <= 1500 and not first.is_late
    assert second.is_late and second.is_correct


def test_a_refresh_mid_question_records_it_blank_and_moves_on(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="practice", tables=["6"], operations="×", count="10")
    first_page = _questions(_play_page(client, attempt_id))
    client.post(f"/timestables/play/{attempt_id}/begin")
    _shift_shown_at(app, attempt_id, 1)
    # The page is reloaded (which changes nothing by itself) and Start is pressed again.
    assert _questions(_play_page(client, attempt_id)) == first_page
    again = client.post(f"/timestables/play/{attempt_id}/begin")
    assert 'data-next-number="2"' in again.get_data(as_text=True)
    after_refresh = _questions(_play_page(client, attempt_id))
    assert after_refresh == first_page[1:]
    [blank] = _answers(app, attempt_id)
    assert blank.number == 1 and blank.typed == "" and blank.is_timed_out and not blank.is_correct
    with app.app_context(), operator_context():
        events = db.session.scalars(select(AttemptEvent)).all()
    assert [(e.kind, e.number) for e in events] == [("refresh", 1)]
    # Pressing Start again during the pause loses nothing.
    client.post(f"/timestables/play/{attempt_id}/begin")
    assert len(_answers(app, attempt_id)) == 1


def test_signing_in_again_resumes_the_unfinished_game(app, client, world):
    pupil = world.a.classes[0].pupils[0]
    sign_in(client, pupil)
    attempt_id = _start(client, mode="practice", tables=["9"], operations="×", count="10")
    client.post("/signout")
    sign_in(client, pupil)
    assert _start(client, mode="practice", tables=["2"], operations="×", count="20") == attempt_id


def _open_check(app, world, mode=GameMode.CHECK) -> None:
    with app.app_context(), tenant_context(world.a.id):
        school_class = db.session.get(SchoolClass, world.a.classes[0].id)
        services.open_check(school_class, mode, utcnow())
        db.session.commit()


def _play_through(app, client, attempt_id, correct_every=1) -> None:
    page = _play_page(client, attempt_id)
    first = int(page.select_one("#game")["data-next-number"])
    client.post(f"/timestables/play/{attempt_id}/begin")
    for number, text in enumerate(_questions(page), start=first):
        _shift_shown_at(app, attempt_id, 3)
        typed = _answer_for(text) if number % correct_every == 0 else ""
        assert _answer(client, attempt_id, number, typed, client_ms=2000).status_code == 200


def test_the_check_is_closed_until_the_teacher_opens_it(client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    response = client.post("/timestables/start", data={"mode": "check"})
    assert response.status_code == 409 and "not opened the check" in response.get_data(as_text=True)


def test_a_check_is_a_valid_form_with_warm_up_and_is_done_once(app, client, world):
    _open_check(app, world)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="check")
    page = _play_page(client, attempt_id)
    game = page.select_one("#game")
    assert game["data-warm-up"] == "1 × 12,2 × 2,10 × 10"
    assert (game["data-question-ms"], game["data-pause-ms"]) == ("6000", "3000")
    attempt = _attempt(app, attempt_id)
    assert validate_mtc_form(services.questions_of(attempt)).valid
    _play_through(app, client, attempt_id, correct_every=2)
    attempt = _attempt(app, attempt_id)
    assert attempt.finished_at is not None and attempt.score == 12
    again = client.post("/timestables/start", data={"mode": "check"})
    assert again.status_code == 409 and "already done the check" in again.get_data(as_text=True)


def test_restarts_give_an_unseen_form_and_stop_after_two(app, client, world):
    _open_check(app, world)
    sign_in(client, world.a.classes[0].pupils[0])
    seeds = []
    for restart in range(3):
        attempt_id = _start(client, mode="check")
        seeds.append(_attempt(app, attempt_id).seed)
        with app.app_context(), tenant_context(world.a.id):
            attempt = db.session.scalar(
                select(TimesTablesAttempt).where(TimesTablesAttempt.public_id == attempt_id)
            )
            if restart < 2:
                services.grant_restart(attempt, RestartReason.IT_ISSUES, utcnow())
                db.session.commit()
            else:
                with pytest.raises(services.GameError, match="2 restarts already"):
                    services.grant_restart(attempt, RestartReason.IT_ISSUES, utcnow())
    assert len(set(seeds)) == 3


def test_try_it_out_keeps_no_answers(app, client, world):
    _open_check(app, world, GameMode.TRY_IT_OUT)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="try_it_out")
    _play_through(app, client, attempt_id)
    assert _answers(app, attempt_id) == []
    text = client.get(f"/timestables/results/{attempt_id}").get_data(as_text=True)
    assert "You got 25 out of 25" in text and "not kept" in text


def test_the_speed_round_stops_taking_answers_after_a_minute(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="speed", tables=["2"])
    questions = _questions(_play_page(client, attempt_id))
    client.post(f"/timestables/play/{attempt_id}/begin")
    _shift_shown_at(app, attempt_id, 0)
    for number in (1, 2):
        _answer(client, attempt_id, number, _answer_for(questions[number - 1]), client_ms=900)
    _set_times(app, attempt_id, begun_at=utcnow() - timedelta(seconds=65))
    late = _answer(client, attempt_id, 3, _answer_for(questions[2]))
    assert 'data-finished="1"' in late.get_data(as_text=True)
    assert _attempt(app, attempt_id).score == 2
    page = client.get(f"/timestables/results/{attempt_id}").get_data(as_text=True)
    assert "You got 2 right in 60 seconds" in page and "Your best ever: 2" in page


def test_another_pupils_game_is_not_found(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="practice", tables=["5"], count="10")
    client.post("/signout")
    sign_in(client, world.a.classes[0].pupils[1])
    assert client.get(f"/timestables/play/{attempt_id}").status_code == 404
    assert _answer(client, attempt_id, 1, "5").status_code == 404


def test_an_answer_takes_few_sql_statements(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="practice", tables=["7"], count="10")
    questions = _questions(_play_page(client, attempt_id))
    client.post(f"/timestables/play/{attempt_id}/begin")
    _shift_shown_at(app, attempt_id, 1)
    token = _game_token(client, attempt_id)
    statements = []
    with app.app_context():
        engine = db.engine

    def count(*_args):
        statements.append(_args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        _answer(client, attempt_id, 1, _answer_for(questions[0]), game=token)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    data_statements = [s for s in statements if not s.startswith(("BEGIN", "PRAGMA"))]
    print(f"{len(data_statements)} statements for one answer:", *data_statements, sep="\n")
    # One to know who is signed in (every request pays it), then the answer itself: move
    # the game on if it is still at that question (UPDATE … RETURNING), insert the answer.
    assert len(data_statements) == 3
    game = [s for s in data_statements if "times_tables" in s]
    assert [s.split()[0] for s in game] == ["UPDATE", "INSERT"]


# --- the teacher's side ------------------------------------------------------------------


def test_teacher_opens_the_check_and_sees_scores_and_the_timeline(app, client, world):
    school_class = world.a.classes[0]
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    base = f"/teacher/classes/{school_class.public_id}/times-tables"
    assert teacher.post(f"{base}/check", data={"mode": "check"}).status_code == 303
    pupil = school_class.pupils[0]
    sign_in(client, pupil)
    attempt_id = _start(client, mode="check")
    client.post(f"/timestables/play/{attempt_id}/begin")
    _shift_shown_at(app, attempt_id, 1)
    client.post(f"/timestables/play/{attempt_id}/begin")  # reloaded at question 1
    _play_through(app, client, attempt_id)
    page = BeautifulSoup(teacher.get(base).get_data(as_text=True), "html.parser")
    row = next(r for r in page.select("tbody tr") if pupil.first_name in r.get_text())
    assert "24 / 25" in row.get_text()  # the refreshed question is blank
    detail = teacher.get(f"{base}/attempts/{attempt_id}").get_data(as_text=True)
    assert "page refreshed at question 1" in detail and "time ran out" in detail
    # The restart sits beside the timeline that explains it.
    form = BeautifulSoup(detail, "html.parser").select_one("form[action$='/restart']")
    assert form is not None and form.select_one("select[name=reason]")
    # Granting a restart: the spoiled attempt stays visible, the pupil may start again.
    response = teacher.post(form["action"], data={"reason": "it_issues"})
    assert response.status_code == 303
    restarted = teacher.get(f"{base}/attempts/{attempt_id}").get_data(as_text=True)
    assert "does not count" in restarted
    assert "form" not in restarted.split("Interruptions")[1].split("</section>")[0]
    assert _start(client, mode="check") != attempt_id
    # Closing stops new starts; a check already under way may still be finished.
    teacher.post(f"{base}/check", data={"mode": "close"})
    client.post("/signout")
    sign_in(client, school_class.pupils[1])
    closed = client.post("/timestables/start", data={"mode": "check"})
    assert closed.status_code == 409


def test_practice_settings_shape_the_pupils_menu(app, client, world):
    school_class = world.a.classes[0]
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    base = f"/teacher/classes/{school_class.public_id}/times-tables"
    empty = teacher.post(f"{base}/practice", data={"operations": "×"})
    assert empty.status_code == 422 and "at least one table" in empty.get_data(as_text=True)
    saved = teacher.post(
        f"{base}/practice", data={"tables": ["7", "9"], "operations": "×÷", "adaptive": "y"}
    )
    assert saved.status_code == 303
    sign_in(client, school_class.pupils[0])
    menu = BeautifulSoup(client.get("/timestables/").get_data(as_text=True), "html.parser")
    checked = {box["value"] for box in menu.select(".table-picker input[checked]")}
    assert checked == {"7", "9"}
    assert "Just for me" in menu.get_text()
    attempt_id = _start(client, mode="adaptive", tables=["7", "9"])
    questions = _questions(_play_page(client, attempt_id))
    assert all({"7", "9"} & set(q.replace(" ", "").replace("×", " ").split()) for q in questions)


def test_access_arrangements_reach_the_game_screen(app, client, world):
    school_class = world.a.classes[0]
    pupil = school_class.pupils[0]
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    url = f"/teacher/classes/{school_class.public_id}/pupils/{pupil.public_id}/arrangements"
    response = teacher.post(
        url,
        data={
            "colour_scheme": "yellow_on_black",
            "font_size": "6",
            "has_next_button": "y",
            "has_audio_version": "y",
            "has_audible_time_alert": "y",
            "hides_number_pad": "y",
            "input_assistant_name": "Mrs Typist",
        },
    )
    assert response.status_code == 303
    sign_in(client, pupil)
    attempt_id = _start(client, mode="practice", tables=["2"], count="10")
    page = _play_page(client, attempt_id)
    game = page.select_one("#game")
    assert {"scheme-yellow_on_black", "font-size-6"} <= set(game["class"])
    assert (game["data-next-button"], game["data-audio"], game["data-alert"]) == ("1", "1", "1")
    assert page.select_one("#number-pad") is None
    assert "Typing for you: Mrs Typist" in page.get_text()
    form = BeautifulSoup(teacher.get(url).get_data(as_text=True), "html.parser")
    assert form.select_one("#colour_scheme option[selected]")["value"] == "yellow_on_black"


def test_typing_speed_is_kept_apart_from_recall_and_shown_to_the_teacher(app, client, world):
    school_class = world.a.classes[0]
    sign_in(client, school_class.pupils[0])
    assert client.get("/timestables/typing").status_code == 200
    assert client.post("/timestables/typing", data={"digits": "0"}).status_code == 422
    # 17 digits in 8.5 s; then an impossible 1 ms is held to a human floor.
    assert (
        client.post("/timestables/typing", data={"digits": 17, "total_ms": 8500}).status_code == 303
    )
    teacher = app.test_client()
    sign_in(teacher, world.a.teachers[0])
    page = teacher.get(f"/teacher/classes/{school_class.public_id}/times-tables")
    assert "0.5 s a digit" in page.get_data(as_text=True)
    client.post("/timestables/typing", data={"digits": 17, "total_ms": 1})
    page = teacher.get(f"/teacher/classes/{school_class.public_id}/times-tables")
    assert "0.1 s a digit" in page.get_data(as_text=True)


def test_each_fact_has_a_record_of_accuracy_and_typical_time(app, client, world):
    pupil = world.a.classes[0].pupils[0]
    sign_in(client, pupil)
    for _round in range(2):
        attempt_id = _start(client, mode="practice", tables=["3"], count="10")
        page = _play_page(client, attempt_id)
        client.post(f"/timestables/play/{attempt_id}/begin")
        for number, text in enumerate(_questions(page), start=1):
            _shift_shown_at(app, attempt_id, 4)
            typed = _answer_for(text) if text != "3 × 7" else "20"
            _answer(client, attempt_id, number, typed, client_ms=1000 + 100 * number)
    with app.app_context(), tenant_context(world.a.id):
        from prof123.models import Pupil

        records = services.fact_records(db.session.get(Pupil, pupil.id))
    answered = sum(r.answered for r in records.values())
    assert answered == 20
    for fact, record in records.items():
        assert 1100 <= record.median_ms <= 2000
        expected = 0.0 if fact == frozenset((3, 7)) else 1.0
        assert record.accuracy == expected


def test_the_menu_offers_to_carry_on_an_unfinished_game(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="practice", tables=["4"], count="10")
    menu = BeautifulSoup(client.get("/timestables/").get_data(as_text=True), "html.parser")
    link = menu.find("a", string="Carry on where you stopped")
    assert link["href"].endswith(f"/timestables/play/{attempt_id}")


def test_the_check_stops_taking_answers_after_30_minutes(app, client, world):
    _open_check(app, world)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="check")
    page = _play_page(client, attempt_id)
    client.post(f"/timestables/play/{attempt_id}/begin")
    _shift_shown_at(app, attempt_id, 1)
    first = _questions(page)[0]
    assert _answer(client, attempt_id, 1, _answer_for(first)).status_code == 200
    _set_times(app, attempt_id, begun_at=utcnow() - timedelta(minutes=31))
    _shift_shown_at(app, attempt_id, 1)
    late = _answer(client, attempt_id, 2, _answer_for(_questions(page)[1]))
    assert 'data-finished="1"' in late.get_data(as_text=True)
    attempt = _attempt(app, attempt_id)
    assert attempt.finished_at is not None and attempt.score == 1


def test_purge_removes_try_it_out_games(app, client, world, runner):
    _open_check(app, world, GameMode.TRY_IT_OUT)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="try_it_out")
    _play_through(app, client, attempt_id)
    assert "Deleted 0 expired try-it-out checks" in runner.invoke(args=["purge"]).output
    with app.app_context(), operator_context():
        db.session.execute(
            TimesTablesAttempt.__table__.update().values(started_at=utcnow() - timedelta(hours=13))
        )
        db.session.commit()
    assert "Deleted 1 expired try-it-out checks" in runner.invoke(args=["purge"]).output
    assert _attempt(app, attempt_id) is None


def test_answers_sent_together_after_a_dropped_connection_keep_their_own_times(app, client, world):
    _open_check(app, world)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="check")
    questions = _questions(_play_page(client, attempt_id))
    client.post(f"/timestables/play/{attempt_id}/begin")
    # Three answers given on time while offline arrive together 27 s after the start.
    _set_times(
        app,
        attempt_id,
        begun_at=utcnow() - timedelta(seconds=27),
        shown_at=utcnow() - timedelta(seconds=24),
    )
    for number in (1, 2, 3):
        response = _answer(
            client,
            attempt_id,
            number,
            _answer_for(questions[number - 1]),
            client_ms=1200 + number * 100,
            reconnected="1" if number == 1 else "0",
        )
        assert response.status_code == 200
    answers = _answers(app, attempt_id)
    # The browser's own times survive the burst (not 0, not the time spent offline)...
    assert [a.response_ms for a in answers] == [1300, 1400, 1500]
    # ...and each answer is late or not by when it arrived against its 9 s slot:
    # Q1 was due 9 s after the start, Q2 18 s, Q3 27 s.
    assert [a.is_late for a in answers] == [True, True, False]
    with app.app_context(), operator_context():
        events = db.session.scalars(select(AttemptEvent.kind)).all()
    assert events == ["reconnect"]
    # Held back far beyond the schedule: late, whatever the page claims.
    _set_times(app, attempt_id, begun_at=utcnow() - timedelta(seconds=90))
    _answer(client, attempt_id, 4, _answer_for(questions[3]), client_ms=900)
    assert _answers(app, attempt_id)[-1].is_late


def test_an_answer_still_counts_if_the_start_request_was_lost(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="practice", tables=["2"], count="10")
    questions = _questions(_play_page(client, attempt_id))
    assert _answer(client, attempt_id, 1, _answer_for(questions[0])).status_code == 200
    assert len(_answers(app, attempt_id)) == 1 and _answers(app, attempt_id)[0].is_correct


def test_opening_an_open_check_again_starts_no_new_window(app, client, world):
    _open_check(app, world)
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="check")
    _play_through(app, client, attempt_id)
    _open_check(app, world)  # pressed again, or a stale tab
    again = client.post("/timestables/start", data={"mode": "check"})
    assert again.status_code == 409 and "already done" in again.get_data(as_text=True)


def test_just_for_me_needs_the_teacher_to_turn_it_on(client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    response = client.post("/timestables/start", data={"mode": "adaptive", "tables": ["3"]})
    assert response.status_code == 409 and "not turned on" in response.get_data(as_text=True)


def test_the_speed_round_minute_starts_when_the_pupil_presses_start(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="speed", tables=["5"])
    questions = _questions(_play_page(client, attempt_id))
    _set_times(app, attempt_id, started_at=utcnow() - timedelta(seconds=70))  # read the intro
    client.post(f"/timestables/play/{attempt_id}/begin")
    _shift_shown_at(app, attempt_id, 0)
    ack = _answer(client, attempt_id, 1, _answer_for(questions[0]), client_ms=800)
    assert 'data-finished="0"' in ack.get_data(as_text=True)
    early = client.post(f"/timestables/play/{attempt_id}/finish")
    assert 'data-finished="0"' in early.get_data(as_text=True)  # the minute is not up
    _set_times(app, attempt_id, begun_at=utcnow() - timedelta(seconds=61))
    done = client.post(f"/timestables/play/{attempt_id}/finish")
    assert 'data-finished="1"' in done.get_data(as_text=True)
    assert _attempt(app, attempt_id).score == 1
    assert "Your best ever: 1" in client.get(f"/timestables/results/{attempt_id}").get_data(
        as_text=True
    )


def test_the_database_keeps_one_unfinished_game_of_each_kind(app, world):
    from sqlalchemy.exc import IntegrityError

    from prof123.models import Pupil

    pupil_record = world.a.classes[0].pupils[0]
    with app.app_context(), tenant_context(world.a.id):
        pupil = db.session.get(Pupil, pupil_record.id)
        first = services.start_attempt(
            pupil, services.GameRequest(GameMode.PRACTICE), utcnow(), random.Random(1)
        )
        db.session.commit()
        twin = TimesTablesAttempt(
            school_id=pupil.school_id,
            pupil_id=pupil.id,
            mode=GameMode.PRACTICE,
            seed=2,
            generator_version=1,
            questions=first.questions,
            pause_ms=0,
        )
        db.session.add(twin)
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_a_forged_or_borrowed_game_token_changes_nothing(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    first = _start(client, mode="practice", tables=["3"], count="10")
    questions = _questions(_play_page(client, first))
    client.post(f"/timestables/play/{first}/begin")
    _shift_shown_at(app, first, 1)
    token = _game_token(client, first)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert _answer(client, first, 1, _answer_for(questions[0]), game=forged).status_code == 200
    # Facts signed with another key, or a real token of another of the pupil's games, are
    # refused: the answer is marked against this game's own questions.
    made_up = URLSafeSerializer("not-the-key", salt=services.GAME_FACTS_SALT).dumps(
        [first, "practice", ",".join(["1×1"] * 10), 0]
    )
    assert _answer(client, first, 2, "1", game=made_up).status_code == 200
    speed = _start(client, mode="speed", tables=["3"])
    speed_token = _game_token(client, speed)
    _shift_shown_at(app, first, 1)
    assert _answer(client, first, 3, "1", game=speed_token).status_code == 200
    stored = _answers(app, first)
    assert [a.number for a in stored] == [1, 2, 3]
    assert [a.is_correct for a in stored] == [True, False, False]
    assert _attempt(app, first).score == 1
    assert _answers(app, speed) == []


def test_the_last_answer_finishes_the_game_in_the_same_statement(app, client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    attempt_id = _start(client, mode="practice", tables=["4"], count="10")
    questions = _questions(_play_page(client, attempt_id))
    client.post(f"/timestables/play/{attempt_id}/begin")
    for number, text in enumerate(questions, start=1):
        _shift_shown_at(app, attempt_id, 2)
        response = _answer(client, attempt_id, number, _answer_for(text) if number % 2 else "0")
        assert response.status_code == 200
    ack = BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("#answer-ack")
    assert ack["data-finished"] == "1" and ack["data-next-number"] == "11"
    attempt = _attempt(app, attempt_id)
    assert attempt.finished_at is not None and attempt.score == 5
    answers = _answers(app, attempt_id)
    assert [a.is_correct for a in answers] == [n % 2 == 1 for n in range(1, 11)]
    assert {a.response_ms for a in answers} == {1500}  # the browser's time, within the server's


def test_last_years_class_no_longer_sets_the_pupils_work(app, client, world):
    """A pupil still listed in last year's class: that class's tables and open check do not
    reach them; this year's class does."""
    from prof123.admin import services as roster
    from prof123.models import School, class_pupils
    from prof123.schoolyear import academic_year_of

    pupil = world.a.classes[0].pupils[0]
    with app.app_context(), tenant_context(world.a.id):
        school = db.session.get(School, world.a.id)
        old = roster.create_class(school, "3 last year", academic_year_of(utcnow().date()) - 1)
        db.session.execute(
            class_pupils.insert().values(school_id=school.id, class_id=old.id, pupil_id=pupil.id)
        )
        services.set_practice(old, [9, 11], "÷", adaptive=True)
        services.open_check(old, GameMode.CHECK, utcnow())
        db.session.commit()
    sign_in(client, pupil)
    menu = BeautifulSoup(client.get("/timestables/").get_data(as_text=True), "html.parser")
    checked = {box["value"] for box in menu.select(".table-picker input[checked]")}
    assert checked == set()  # nothing set this year; last year's 9 and 11 are not offered
    assert "Just for me" not in menu.get_text()
    assert client.post("/timestables/start", data={"mode": "check"}).status_code == 409
    _open_check(app, world)  # this year's class opens it: now it counts
    assert _start(client, mode="check")
